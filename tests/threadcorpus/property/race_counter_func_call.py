# property: last-line-int-between 1 400000
# property: line-count 1
#
# Unlocked read-modify-write with a call in the middle: `counter = counter + one()`.
# The call is a point where CPython 3.11 may switch threads (and in free-threaded or
# stepped runs any point is), so updates are lost: the total is at most 4 x 100000.
# Measured on CPython 3.11.7 (2 cores), 50 runs: min 284599, max 400000; 35 of 50 runs
# lost updates (another batch of 50: min 200000, 45 lost). A run that loses nothing is
# legitimate (the threads may barely overlap), so no loss is asserted.
import threading

counter = 0

def one():
    return 1

def work():
    global counter
    for _ in range(100000):
        counter = counter + one()

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
