import concurrent.futures as cf
import threading, time
def sq(x):
    return x * x
with cf.ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(sq, range(10))))
    f = ex.submit(sq, 7)
    print(f.result(), f.done(), f.cancelled(), f.exception())
    fs = [ex.submit(sq, i) for i in range(5)]
    print(sorted(f.result() for f in cf.as_completed(fs)))
    done, not_done = cf.wait(fs)
    print(len(done), len(not_done))
    r = cf.wait(fs, return_when=cf.FIRST_COMPLETED)
    print(type(r).__name__, len(r.done) >= 1)
try:
    ex.submit(sq, 1)
except RuntimeError as e:
    print(e)
def bad():
    raise KeyError('k')
ex = cf.ThreadPoolExecutor(2, thread_name_prefix='pool')
f = ex.submit(bad)
print(type(f.exception()).__name__)
try:
    f.result()
except KeyError as e:
    print('KeyError', e)
names = ex.submit(lambda: threading.current_thread().name).result()
print(names.startswith('pool_'))
cb = []
f = ex.submit(sq, 3)
f.add_done_callback(lambda fut: cb.append(fut.result()))
f.result(); time.sleep(0.05)
print(cb)
slow = ex.submit(time.sleep, 0.2)
try:
    slow.result(timeout=0.01)
except cf.TimeoutError:
    print('timeout', cf.TimeoutError is TimeoutError)
ex.shutdown()
print(slow.done())
e2 = cf.ThreadPoolExecutor(1)
a = e2.submit(time.sleep, 0.1)
b = e2.submit(sq, 2)
print(b.cancel(), b.cancelled(), a.cancel())
try:
    b.result()
except cf.CancelledError:
    print('cancelled')
e2.shutdown(wait=True, cancel_futures=True)
print(cf.ThreadPoolExecutor().submit(lambda: threading.current_thread().name).result())
fut = cf.Future()
print(fut.running(), fut.done())
fut.set_result(5); print(fut.result(), repr(fut).split(' state=')[1])
try:
    fut.set_result(6)
except cf.InvalidStateError:
    print('invalid')
e3 = cf.ThreadPoolExecutor(2)
fs = [e3.submit(time.sleep, 0.05 * i) for i in range(1, 4)]
try:
    for f in cf.as_completed(fs, timeout=0.08):
        pass
except cf.TimeoutError as e:
    print(e)
try:
    list(e3.map(time.sleep, [0.3], timeout=0.01))
except TimeoutError:
    print('map timeout')
w = cf.ThreadPoolExecutor(1)
w.submit(time.sleep, 0.05)
print('no shutdown call')
f = w.submit(bad)
f.result()
