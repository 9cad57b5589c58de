# property: last-line-int-between 1 4
# property: line-count 2
# property: each-line-matches (results ok: True|\d+)
#
# A ThreadPoolExecutor(max_workers=4) running 40 short tasks: how many distinct worker
# threads end up doing work depends on the schedule, but it is between 1 and 4.
# Measured on CPython 3.11.7, 20 runs: 4 x11, 3 x9.
from concurrent.futures import ThreadPoolExecutor
import threading

def task(i):
    return i * 2, threading.current_thread().name

with ThreadPoolExecutor(max_workers=4) as ex:
    out = list(ex.map(task, range(40)))
print("results ok:", [r for r, _ in out] == [i * 2 for i in range(40)])
print(len({name for _, name in out}))
