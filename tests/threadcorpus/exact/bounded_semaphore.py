# BoundedSemaphore refuses to go above its initial value.
import threading

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
b.acquire()
b.acquire()
print("at zero:", b.acquire(False))
b.release(2)
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
u = threading.Semaphore(2)
u.release()
print("plain Semaphore goes above:", [u.acquire(False) for _ in range(4)])
print("is subclass:", issubclass(threading.BoundedSemaphore, threading.Semaphore))
b.release()
