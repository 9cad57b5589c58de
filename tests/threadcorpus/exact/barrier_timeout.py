# A Barrier wait that times out breaks the barrier for everyone.
import threading

b = threading.Barrier(3, timeout=5)
results = []
lock = threading.Lock()
arrived = threading.Semaphore(0)

def early():
    arrived.release()
    try:
        b.wait()
        r = "passed"
    except threading.BrokenBarrierError as e:
        r = "BrokenBarrierError " + repr(e.args)
    with lock:
        results.append(r)

t = threading.Thread(target=early)
t.start()
arrived.acquire()
try:
    b.wait(timeout=0.1)   # only 2 of 3 parties: times out
except threading.BrokenBarrierError:
    print("main: BrokenBarrierError")
t.join()
print("other:", results)
print("broken:", b.broken)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("waiting on a broken barrier raises at once")
print(issubclass(threading.BrokenBarrierError, RuntimeError))
