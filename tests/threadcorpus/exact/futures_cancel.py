# A pending Future can be cancelled; a running or finished one cannot.
from concurrent.futures import ThreadPoolExecutor, CancelledError
import threading

started = threading.Event()
release = threading.Event()

def blocker():
    started.set()
    release.wait()
    return "blocker done"

ex = ThreadPoolExecutor(max_workers=1)
running = ex.submit(blocker)
pending = ex.submit(str, "never")
started.wait()
print("running:", running.running(), "cancel running:", running.cancel())
print("pending running:", pending.running(), "cancel pending:", pending.cancel())
print("cancelled:", pending.cancelled(), "done:", pending.done())
try:
    pending.result()
except CancelledError:
    print("result(): CancelledError")
try:
    pending.exception()
except CancelledError:
    print("exception(): CancelledError")
print("cancel again:", pending.cancel())
release.set()
print(running.result())
print("cancel finished:", running.cancel(), running.cancelled())
ex.shutdown(wait=True)
