# as_completed with a timeout raises TimeoutError when futures are still pending.
from concurrent.futures import ThreadPoolExecutor, as_completed, TimeoutError
import threading

gate = threading.Event()
with ThreadPoolExecutor(max_workers=2) as ex:
    quick = ex.submit(lambda: "quick")
    stuck = ex.submit(gate.wait)
    got = []
    try:
        for f in as_completed([quick, stuck], timeout=0.1):
            got.append(f.result())
    except TimeoutError as e:
        print("TimeoutError:", e)
    print("got:", got)
    try:
        stuck.result(timeout=0.05)
    except TimeoutError:
        print("result(timeout): TimeoutError", TimeoutError is __builtins__.TimeoutError)
    gate.set()
print(stuck.result())
