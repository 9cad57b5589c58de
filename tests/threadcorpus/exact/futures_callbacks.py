# add_done_callback: called with the future once done; immediately if already done.
from concurrent.futures import ThreadPoolExecutor
import threading

log = []
lock = threading.Lock()
gate = threading.Event()

def cb(tag):
    def inner(fut):
        with lock:
            log.append((tag, fut.result(), fut.done()))
    return inner

with ThreadPoolExecutor(max_workers=1) as ex:
    f = ex.submit(lambda: (gate.wait(), 42)[1])
    f.add_done_callback(cb("first"))
    f.add_done_callback(cb("second"))
    with lock:
        print("before completion:", log)
    gate.set()
    f.result()
# callbacks registered before completion run in registration order
with lock:
    print(log)
caller = []
f.add_done_callback(lambda fut: caller.append(threading.current_thread() is threading.main_thread()))
print("immediate, in caller thread:", caller)

def bad_cb(fut):
    raise RuntimeError("callback failed")

f.add_done_callback(bad_cb)   # logged on stderr, not raised
print("callback exception swallowed")
