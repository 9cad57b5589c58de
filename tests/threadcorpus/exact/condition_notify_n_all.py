# notify(n) wakes exactly n waiters (no more); notify_all wakes the rest.
import threading
import time

cond = threading.Condition()
waiting = 0
woken = []
woke = threading.Semaphore(0)

def waiter(i):
    global waiting
    with cond:
        waiting += 1
        cond.wait()
        woken.append(i)
    woke.release()

ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
while True:
    with cond:
        if waiting == 5:   # waiting is counted under the lock, so all 5 are in wait()
            break
    time.sleep(0.005)
with cond:
    cond.notify(2)
woke.acquire()
woke.acquire()
print("third woke after notify(2):", woke.acquire(timeout=0.05))
with cond:
    print("woken:", len(woken))
    cond.notify()
woke.acquire()
print("another woke after notify():", woke.acquire(timeout=0.05))
with cond:
    print("woken:", len(woken))
    cond.notify_all()
for t in ts:
    t.join()
print("after notify_all:", sorted(woken))
with cond:
    cond.notify_all()   # nobody waiting: no error
    cond.notify(3)
print("ok")
