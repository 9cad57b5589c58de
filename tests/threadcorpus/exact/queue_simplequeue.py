# SimpleQueue: unbounded FIFO with put/get/put_nowait/get_nowait/empty/qsize.
import queue
import threading

s = queue.SimpleQueue()
print("empty:", s.empty(), "qsize:", s.qsize())
for x in "abc":
    s.put(x)
s.put_nowait("d")
print("qsize:", s.qsize())
print(s.get(), s.get_nowait(), s.get(block=False), s.get(timeout=1))
for call in (s.get_nowait, lambda: s.get(timeout=0.05), lambda: s.get(False)):
    try:
        call()
    except queue.Empty:
        print("Empty")
print("has no task_done:", not hasattr(s, "task_done"))

def producer():
    for i in range(5):
        s.put(i)

t = threading.Thread(target=producer)
t.start()
print([s.get() for _ in range(5)])
t.join()
