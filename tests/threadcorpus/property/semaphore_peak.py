# property: last-line-int-between 1 3
# property: line-count 1
#
# Semaphore(3) guards a section that 10 threads enter; the observed peak occupancy is
# never above 3 (how close to 3 it gets depends on the schedule).
import threading
import time

sem = threading.Semaphore(3)
lock = threading.Lock()
inside = 0
peak = 0

def visit():
    global inside, peak
    with sem:
        with lock:
            inside += 1
            peak = max(peak, inside)
        time.sleep(0.01)
        with lock:
            inside -= 1

ts = [threading.Thread(target=visit) for _ in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(peak)
