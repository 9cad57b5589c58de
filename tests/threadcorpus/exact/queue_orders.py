# Queue is FIFO, LifoQueue is LIFO, PriorityQueue returns the smallest item first.
import queue

q, lq, pq = queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()
for x in [5, 1, 4, 2, 3]:
    q.put(x)
    lq.put(x)
    pq.put(x)
print("Queue:", [q.get() for _ in range(5)])
print("LifoQueue:", [lq.get() for _ in range(5)])
print("PriorityQueue:", [pq.get() for _ in range(5)])
pq = queue.PriorityQueue()
for item in [(2, "write"), (1, "read"), (3, "sleep"), (1, "eat")]:
    pq.put(item)
while not pq.empty():
    print(*pq.get())
print(issubclass(queue.LifoQueue, queue.Queue), issubclass(queue.PriorityQueue, queue.Queue))
