# max_workers bounds the pool: with 3 workers and a Barrier(3) in each task, exactly 3 run at once.
from concurrent.futures import ThreadPoolExecutor
import threading

barrier = threading.Barrier(3)
lock = threading.Lock()
active = 0
peak = 0
threads_used = set()

def task(i):
    global active, peak
    with lock:
        active += 1
        peak = max(peak, active)
        threads_used.add(threading.current_thread().name)
    barrier.wait(timeout=5)
    with lock:
        active -= 1
    return i

with ThreadPoolExecutor(max_workers=3) as ex:
    results = list(ex.map(task, range(9)))
print(results)
print("peak:", peak, "threads:", len(threads_used))
print(sorted(threads_used)[0].startswith("ThreadPoolExecutor-"))
