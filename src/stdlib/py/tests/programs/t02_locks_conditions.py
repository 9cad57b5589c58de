import threading
lock = threading.Lock()
count = 0
def inc():
    global count
    for _ in range(10000):
        with lock:
            count += 1
ts = [threading.Thread(target=inc) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(count)
print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(True, 0.01))
lock.release()
r = threading.RLock()
with r:
    with r:
        print('nested ok')
c = threading.Condition()
try:
    c.wait()
except RuntimeError as e:
    print(e)
try:
    c.notify()
except RuntimeError as e:
    print(e)
items = []
def consumer():
    with c:
        c.wait_for(lambda: len(items) >= 3)
        print('got', items)
t = threading.Thread(target=consumer); t.start()
for i in range(3):
    with c:
        items.append(i)
        c.notify_all()
t.join()
with c:
    print(c.wait(0.01), c.wait_for(lambda: False, 0.01))
c2 = threading.Condition(threading.Lock())
with c2:
    print(c2.wait(0.01))
