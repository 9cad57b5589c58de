# Workers call task_done for every item; q.join() returns when all are done.
import queue
import threading

q = queue.Queue()
lock = threading.Lock()
processed = []

def worker():
    while True:
        item = q.get()
        with lock:
            processed.append(item * item)
        q.task_done()

for i in range(3):
    threading.Thread(target=worker, daemon=True).start()
for i in range(20):
    q.put(i)
q.join()
with lock:
    print("processed:", sorted(processed))
print("unfinished:", q.unfinished_tasks)
q.join()   # nothing pending: returns at once
print("second join returned")
