# Cancelling a Timer before it fires: the function never runs.
import threading

calls = []
t = threading.Timer(0.5, calls.append, args=("fired",))
t.start()
t.cancel()
t.join()
print("calls:", calls)
print("alive:", t.is_alive())
t2 = threading.Timer(10, calls.append, args=("late",))
t2.cancel()   # cancelled before start
t2.start()
t2.join(timeout=5)
print("calls:", calls, "alive:", t2.is_alive())
t3 = threading.Timer(0.01, calls.append, args=("ran",))
t3.start()
t3.join()
print("calls:", calls)
