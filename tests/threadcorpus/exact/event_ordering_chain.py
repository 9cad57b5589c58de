# A chain of Events forces threads to print in a fixed order whatever the schedule.
import threading

events = [threading.Event() for _ in range(6)]

def step(i):
    events[i].wait()
    print("step", i, threading.current_thread().name)
    events[i + 1].set()

ts = [threading.Thread(target=step, args=(i,), name="s%d" % i) for i in range(5)]
for t in reversed(ts):
    t.start()
events[0].set()
events[5].wait()
print("chain done")
for t in ts:
    t.join()
