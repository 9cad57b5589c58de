# Lock.acquire return values (blocking, non-blocking, timeout), locked(), and errors.
import threading

lock = threading.Lock()
print("locked initially:", lock.locked())
print("acquire():", lock.acquire())
print("locked:", lock.locked())
print("acquire(False):", lock.acquire(False))
print("acquire(blocking=False):", lock.acquire(blocking=False))
print("acquire(timeout=0.05):", lock.acquire(timeout=0.05))
print("acquire(True, 0.01):", lock.acquire(True, 0.01))
lock.release()
print("locked after release:", lock.locked())
print("acquire(timeout=0.05) free:", lock.acquire(timeout=0.05))
lock.release()
for kwargs in ({"blocking": False, "timeout": 1}, {"timeout": -2}):
    try:
        lock.acquire(**kwargs)
    except ValueError as e:
        print("ValueError:", e)
print("acquire(timeout=-1):", lock.acquire(timeout=-1))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# a lock held by another thread: try-acquire fails, timed acquire times out
held = threading.Event()
done = threading.Event()

def holder():
    with lock:
        held.set()
        done.wait()

t = threading.Thread(target=holder)
t.start()
held.wait()
print("other holds, acquire(False):", lock.acquire(False))
print("other holds, acquire(timeout=0.05):", lock.acquire(timeout=0.05))
done.set()
t.join()
print("after holder finished:", lock.acquire(False))
lock.release()
