# maxsize, qsize/empty/full, *_nowait, Full and Empty, put/get with timeout.
import queue

q = queue.Queue(maxsize=2)
print("maxsize:", q.maxsize, "qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
q.put("a")
q.put_nowait("b")
print("qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())
try:
    q.put_nowait("c")
except queue.Full:
    print("put_nowait: Full")
try:
    q.put("c", timeout=0.05)
except queue.Full:
    print("put timeout: Full")
try:
    q.put("c", block=False)
except queue.Full as e:
    print("put block=False: Full", repr(e))
print(q.get(), q.get_nowait())
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait: Empty")
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("get timeout: Empty")
try:
    q.get(False)
except queue.Empty as e:
    print("get block=False: Empty", repr(e))
try:
    q.put(1, timeout=-1)
except ValueError as e:
    print("ValueError:", e)
u = queue.Queue()
print("unbounded maxsize:", u.maxsize, "full:", u.full())
for i in range(1000):
    u.put(i)
print("qsize:", u.qsize(), "full:", u.full())
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
z = queue.Queue(0)
z.put(1)
print("maxsize 0 is unbounded:", z.full())
