# wait() with FIRST_COMPLETED and ALL_COMPLETED; a blocked task forces the split.
from concurrent.futures import (ThreadPoolExecutor, wait, FIRST_COMPLETED,
                                ALL_COMPLETED, FIRST_EXCEPTION)
import threading

gate = threading.Event()
with ThreadPoolExecutor(max_workers=3) as ex:
    fast = ex.submit(lambda: "fast")
    slow = ex.submit(lambda: (gate.wait(), "slow")[1])
    done, not_done = wait([fast, slow], return_when=FIRST_COMPLETED)
    print("FIRST_COMPLETED:", [f.result() for f in done], len(not_done))
    print("slow pending:", slow in not_done)
    done, not_done = wait([slow], timeout=0.05)
    print("timeout:", len(done), len(not_done))
    gate.set()
    done, not_done = wait([fast, slow], return_when=ALL_COMPLETED)
    print("ALL_COMPLETED:", sorted(f.result() for f in done), len(not_done))
    boom = ex.submit(lambda: 1 / 0)
    gate2 = threading.Event()
    hang = ex.submit(gate2.wait)
    done, not_done = wait([boom, hang], return_when=FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", [type(f.exception()).__name__ for f in done], len(not_done))
    gate2.set()
print(FIRST_COMPLETED, ALL_COMPLETED, FIRST_EXCEPTION)
