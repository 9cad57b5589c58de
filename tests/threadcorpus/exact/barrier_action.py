# The Barrier action runs exactly once per round, before any party is released.
import threading

phase_log = []
lock = threading.Lock()
work_log = []

def action():
    phase_log.append("phase %d done with %d items" % (len(phase_log), len(work_log)))

b = threading.Barrier(3, action=action)

def worker(i):
    for phase in range(3):
        with lock:
            work_log.append((phase, i))
        b.wait()
        # the action already ran for this phase
        with lock:
            assert len(phase_log) >= phase + 1

ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for line in phase_log:
    print(line)
print(sorted(work_log) == sorted((p, i) for p in range(3) for i in range(3)))
