# shutdown(wait=True) waits for running tasks; submit after shutdown raises RuntimeError.
from concurrent.futures import ThreadPoolExecutor
import time

done = []

def task(i):
    time.sleep(0.02)
    done.append(i)

ex = ThreadPoolExecutor(max_workers=2)
for i in range(4):
    ex.submit(task, i)
ex.shutdown(wait=True)
print("after shutdown:", sorted(done))
try:
    ex.submit(task, 99)
except RuntimeError as e:
    print("RuntimeError:", e)
with ThreadPoolExecutor(max_workers=2) as ex2:
    fs = [ex2.submit(task, i) for i in range(10, 13)]
print("with-block waited:", all(f.done() for f in fs), sorted(done)[-3:])
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
ex3 = ThreadPoolExecutor(max_workers=1)
import threading
gate = threading.Event()
running = threading.Event()
first = ex3.submit(lambda: (running.set(), gate.wait()))
running.wait()   # the only worker is busy, so the next three stay queued
queued = [ex3.submit(task, i) for i in range(3)]
ex3.shutdown(wait=False, cancel_futures=True)
gate.set()
first.result()
print("cancel_futures:", [f.cancelled() for f in queued])
