import threading, time
try:
    threading.Semaphore(-1)
except ValueError as e:
    print(e)
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(False), s.acquire(timeout=0.01))
s.release(2)
print(s.acquire(), s.acquire())
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print(e)
try:
    s.acquire(False, 1)
except ValueError as e:
    print(e)
active = 0; peak = 0; lk = threading.Lock()
sem = threading.Semaphore(3)
def w():
    global active, peak
    with sem:
        with lk:
            active += 1; peak = max(peak, active)
        time.sleep(0.02)
        with lk:
            active -= 1
ts = [threading.Thread(target=w) for _ in range(10)]
for t in ts: t.start()
for t in ts: t.join()
print('peak', peak <= 3)
e = threading.Event()
print(e.is_set(), e.wait(0.01))
def setter():
    time.sleep(0.05); e.set()
threading.Thread(target=setter).start()
print(e.wait(), e.is_set())
e.clear(); print(e.is_set())
fired = []
t = threading.Timer(0.05, fired.append, args=['a']); t.start(); t.join(); print(fired)
t = threading.Timer(0.5, fired.append, args=['b']); t.start(); t.cancel(); t.join(); print(fired)
print(threading.Timer(1, print).name.startswith('Thread-'))
order = []
bar = threading.Barrier(3, action=lambda: order.append('action'))
res = []
def bw():
    res.append(bar.wait())
ts = [threading.Thread(target=bw) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(res), order, bar.parties, bar.n_waiting, bar.broken)
b2 = threading.Barrier(2)
try:
    b2.wait(0.05)
except threading.BrokenBarrierError as ex:
    print('broken', repr(ex), b2.broken, issubclass(threading.BrokenBarrierError, RuntimeError))
b2.reset(); print(b2.broken)
b2.abort()
try:
    b2.wait()
except threading.BrokenBarrierError:
    print('aborted')
