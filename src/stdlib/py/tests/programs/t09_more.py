import threading, time
import concurrent.futures as cf
rc = threading.Condition(threading.RLock())
box = []
def waiter():
    with rc:
        with rc:
            rc.wait_for(lambda: box)
            print('rlock cond woke', box)
t = threading.Thread(target=waiter); t.start()
time.sleep(0.02)
with rc:
    box.append(1); rc.notify()
t.join()
class T(threading.Timer):
    def run(self):
        print('custom timer run', self.interval)
t = T(0.01, print); t.start(); t.join()
def maybe(i):
    time.sleep(0.01 * i)
    if i == 1:
        raise ValueError(i)
    return i
with cf.ThreadPoolExecutor(4) as ex:
    fs = [ex.submit(maybe, i) for i in range(4)]
    done, nd = cf.wait(fs, return_when=cf.FIRST_EXCEPTION)
    print(any(f.exception() is not None for f in done if f.done()))
    done, nd = cf.wait(fs, timeout=5)
    print(len(done), len(nd))
with cf.ThreadPoolExecutor(2, initializer=print, initargs=('init',)) as ex:
    print(ex.submit(sum, [1, 2]).result())
def init_fail():
    raise OSError('no')
ex = cf.ThreadPoolExecutor(1, initializer=init_fail)
f = ex.submit(sum, [1])
try:
    f.result()
except Exception as e:
    print(type(e).__name__, e)
ex.shutdown()
r = []
b = threading.Barrier(4)
def bw():
    r.append(b.wait())
ts = [threading.Thread(target=bw) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(r))
sem = threading.Semaphore(0)
def rel():
    time.sleep(0.02); sem.release(3)
threading.Thread(target=rel).start()
print([sem.acquire(timeout=1) for _ in range(3)], sem.acquire(timeout=0.01))
f = cf.Future()
f.cancel()
try:
    f.result()
except cf.CancelledError as e:
    print('CancelledError', repr(e))
print(threading.Thread(target=print, name=5).name)
print(repr(threading.main_thread()).split(',')[0])
f.result()
