# Timer runs its function once, with args and kwargs, after the interval.
import threading

calls = []

def fire(a, b=0):
    calls.append((a, b, threading.current_thread() is t))

t = threading.Timer(0.05, fire, args=(1,), kwargs={"b": 2})
print("is a Thread:", isinstance(t, threading.Thread))
print("interval:", t.interval)
t.start()
t.join()
print("calls:", calls)
print("alive:", t.is_alive())
print("finished flag:", t.finished.is_set())
t.cancel()   # cancelling after it ran is harmless
print("calls after cancel:", calls)
t2 = threading.Timer(0, fire, [3])
t2.start()
t2.join()
print("calls:", calls)
