# Event: is_set/set/clear, wait returns the flag (False on timeout).
import threading

e = threading.Event()
print("initial:", e.is_set())
print("wait(0.05):", e.wait(0.05))
print("wait(timeout=0):", e.wait(timeout=0))
e.set()
print("after set:", e.is_set(), e.wait(), e.wait(0))
e.set()
print("set twice:", e.is_set())
e.clear()
print("after clear:", e.is_set(), e.wait(0.01))

t = threading.Thread(target=e.set)
t.start()
print("set by other thread:", e.wait(5))
t.join()
