# CPU-bound work (2 x 1.5M loop iterations) in one thread.
import threading

def work(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total

t = threading.Thread(target=lambda: (work(1500000), work(1500000)))
t.start()
t.join()
print("done")
