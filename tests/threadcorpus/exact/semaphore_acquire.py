# Semaphore counter semantics: acquire return values, release(n), invalid values.
import threading

s = threading.Semaphore(2)
print(s.acquire(), s.acquire())
print("blocking=False at zero:", s.acquire(blocking=False))
print("timeout at zero:", s.acquire(timeout=0.05))
s.release(3)
print([s.acquire(blocking=False) for _ in range(4)])
s.release()
print("with:", end=" ")
with s:
    print(s.acquire(False), end=" ")
print(s.acquire(False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.release(0)
except ValueError as e:
    print("ValueError:", e)
try:
    s.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)

# a release from another thread wakes a blocked acquire
z = threading.Semaphore(0)
t = threading.Thread(target=z.release)
t.start()
print("woken by other thread:", z.acquire(timeout=5))
t.join()
print("default value is 1:", threading.Semaphore().acquire(False), threading.Semaphore().acquire(False))
