# A producer blocked on a full Queue(maxsize=1); one consumer receives items in FIFO order.
import queue
import threading

q = queue.Queue(maxsize=1)
DONE = object()

def producer():
    for i in range(10):
        q.put("item-%d" % i)
    q.put(DONE)

t = threading.Thread(target=producer)
t.start()
while True:
    item = q.get()
    if item is DONE:
        break
    print(item)
t.join()
print("qsize at end:", q.qsize())
