# 100 threads started and joined; each writes its own slot.
import threading

slots = [None] * 100

def fill(i):
    slots[i] = i * 3

ts = [threading.Thread(target=fill, args=(i,)) for i in range(100)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sum(slots), slots[:5], slots[-1])
print("all finished:", not any(t.is_alive() for t in ts))
print("active:", threading.active_count())
