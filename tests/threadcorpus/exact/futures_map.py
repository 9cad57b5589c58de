# Executor.map yields results in input order; an exception surfaces when its item is reached.
from concurrent.futures import ThreadPoolExecutor
import threading
import time

def slow_square(x):
    time.sleep(0.01 * (5 - x))   # later items finish first
    return x * x

with ThreadPoolExecutor(max_workers=5) as ex:
    print(list(ex.map(slow_square, range(5))))
    print(list(ex.map(pow, [2, 3, 4], [5, 2, 1])))

def check(x):
    if x == 3:
        raise ValueError("no threes")
    return x

with ThreadPoolExecutor(max_workers=2) as ex:
    got = []
    try:
        for r in ex.map(check, range(6)):
            got.append(r)
    except ValueError as e:
        print("got", got, "then ValueError:", e)
print(list(ThreadPoolExecutor(max_workers=3).map(str, [])))
