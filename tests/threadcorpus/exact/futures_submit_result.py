# submit returns a Future; result/exception/done after completion; with-block shuts down.
from concurrent.futures import ThreadPoolExecutor, Future
import threading

def power(base, exp=2):
    return base ** exp

with ThreadPoolExecutor(max_workers=2) as ex:
    f1 = ex.submit(power, 3)
    f2 = ex.submit(power, 2, exp=10)
    f3 = ex.submit(power, base=5, exp=3)
    print(f1.result(), f2.result(timeout=5), f3.result())
print("done:", f1.done(), f2.done(), f3.done())
print("exception:", f1.exception())
print("cancelled:", f1.cancelled(), "running:", f1.running())
print("is Future:", isinstance(f1, Future))

names = set()
with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool") as ex:
    for _ in range(3):
        names.add(ex.submit(lambda: threading.current_thread().name).result())
print(sorted(names))
