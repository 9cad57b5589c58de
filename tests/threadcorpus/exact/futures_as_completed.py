# as_completed yields every future exactly once as it finishes; results sorted for printing.
from concurrent.futures import ThreadPoolExecutor, as_completed
import time

def job(n):
    time.sleep(0.01 * ((n * 7) % 5))
    return n, n * n

with ThreadPoolExecutor(max_workers=4) as ex:
    futures = {ex.submit(job, n): n for n in range(10)}
    results = []
    for f in as_completed(futures):
        n, sq = f.result()
        assert futures[f] == n
        results.append((n, sq))
print(sorted(results))
print(len(results), "futures,", len(set(results)), "distinct")
# already-finished futures are yielded too
print(sorted(f.result()[0] for f in as_completed(list(futures)[:3])))
