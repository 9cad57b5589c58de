# A get(timeout) is satisfied by a put from another thread; a put on a full queue
# is unblocked by a get from another thread.
import queue
import threading

q = queue.Queue(maxsize=1)
go = threading.Event()

def late_put():
    go.wait()
    q.put("hello")

t = threading.Thread(target=late_put)
t.start()
go.set()
print("got:", q.get(timeout=5))
t.join()

q.put("first")
taken = []

def late_get():
    taken.append(q.get())

t = threading.Thread(target=late_get)
t.start()
q.put("second", timeout=5)
t.join()
print("taken:", taken, "left:", q.get_nowait())
