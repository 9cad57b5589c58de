# The same CPU-bound work split over two threads (1.5M iterations each).
import threading

def work(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total

ts = [threading.Thread(target=work, args=(1500000,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
