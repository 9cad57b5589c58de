import queue, threading
q = queue.Queue()
for i in range(3): q.put(i)
print(q.qsize(), q.empty(), q.full(), [q.get() for _ in range(3)])
try:
    q.get_nowait()
except queue.Empty:
    print('Empty')
try:
    q.get(timeout=0.01)
except queue.Empty:
    print('Empty timeout')
b = queue.Queue(maxsize=1)
b.put('a')
print(b.full())
try:
    b.put_nowait('b')
except queue.Full:
    print('Full')
try:
    b.put('b', timeout=0.01)
except queue.Full:
    print('Full timeout')
try:
    b.put('b', timeout=-1)
except ValueError as e:
    print(e)
try:
    q.get(timeout=-1)
except ValueError as e:
    print(e)
l = queue.LifoQueue()
for i in range(3): l.put(i)
print([l.get() for _ in range(3)])
p = queue.PriorityQueue()
for i in [5, 1, 4, 2, 3, 0]: p.put((i, str(i)))
print([p.get() for _ in range(6)])
s = queue.SimpleQueue()
s.put(1); s.put(2)
print(s.qsize(), s.get(), s.get_nowait(), s.empty())
try:
    s.get(timeout=0.01)
except queue.Empty:
    print('SQ empty')
work = queue.Queue()
done = []
def worker():
    while True:
        item = work.get()
        if item is None:
            work.task_done(); break
        done.append(item * item)
        work.task_done()
ts = [threading.Thread(target=worker) for _ in range(3)]
for t in ts: t.start()
for i in range(20): work.put(i)
work.join()
for t in ts: work.put(None)
for t in ts: t.join()
print(sorted(done))
try:
    work.task_done()
except ValueError as e:
    print(e)
queue.Queue().get_nowait()
