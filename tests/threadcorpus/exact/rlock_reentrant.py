# RLock: the owner may acquire again; it is released after as many releases.
import threading

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
probe = {}

def try_from_other(tag):
    probe[tag] = r.acquire(blocking=False)
    if probe[tag]:
        r.release()

r.release()
r.release()
t = threading.Thread(target=try_from_other, args=("held once",))
t.start()
t.join()
r.release()
t = threading.Thread(target=try_from_other, args=("free",))
t.start()
t.join()
print(sorted(probe.items()))

def fact(n):
    with r:
        return 1 if n <= 1 else n * fact(n - 1)

print("recursive with:", fact(10))
print("timeout acquire by owner:", r.acquire(timeout=0.01))
r.release()
l = threading.Lock()
print("plain lock second acquire:", l.acquire(), l.acquire(timeout=0.01))
