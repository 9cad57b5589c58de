# property: last-line-int-between 1 400
# property: line-count 1
#
# Read, time.sleep(0), write: sleep releases the GIL between the read and the write,
# so other threads' increments are overwritten. 4 threads x 100 increments.
# Measured on CPython 3.11.7 (2 cores), 50 runs: min 100, max 105 (of 400); earlier
# batches of 20 reached at most 121. Every run lost updates.
import threading
import time

counter = 0

def work():
    global counter
    for _ in range(100):
        x = counter
        time.sleep(0)
        counter = x + 1

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
