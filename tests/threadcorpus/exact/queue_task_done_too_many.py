# task_done() more often than items were put: ValueError (caught, then uncaught).
import queue

q = queue.Queue()
q.put("x")
q.get()
q.task_done()
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
q.join()
print("join ok")
queue.Queue().task_done()
