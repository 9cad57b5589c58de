# abort() breaks the barrier and releases waiters; reset() makes it usable again.
import threading
import time

b = threading.Barrier(3)
out = []
lock = threading.Lock()

def waiter(tag):
    try:
        b.wait()
        r = "passed"
    except threading.BrokenBarrierError:
        r = "broken"
    with lock:
        out.append((tag, r))

ts = [threading.Thread(target=waiter, args=("a%d" % i,)) for i in range(2)]
for t in ts:
    t.start()
while b.n_waiting < 2:
    time.sleep(0.005)
print("n_waiting:", b.n_waiting)
b.abort()
for t in ts:
    t.join()
print(sorted(out), "broken:", b.broken)
b.reset()
print("after reset broken:", b.broken, "n_waiting:", b.n_waiting)
out.clear()
ts = [threading.Thread(target=waiter, args=("b%d" % i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out))

# reset while parties wait: they get BrokenBarrierError, the barrier is usable after
out.clear()
ts = [threading.Thread(target=waiter, args=("c%d" % i,)) for i in range(2)]
for t in ts:
    t.start()
while b.n_waiting < 2:
    time.sleep(0.005)
b.reset()
for t in ts:
    t.join()
print(sorted(out), "broken:", b.broken)
