# property: lines-sorted-equal
# property: per-key-in-order
#
# Expected lines: the multiset is fixed, and each thread's own lines keep their order.
# | A step 0
# | A step 1
# | A step 2
# | A step 3
# | A step 4
# | B step 0
# | B step 1
# | B step 2
# | B step 3
# | B step 4
# | C step 0
# | C step 1
# | C step 2
# | C step 3
# | C step 4
#
# Three threads print five lines each, interleaved by the schedule.
import sys
import threading
import time

start = threading.Barrier(3)

def talker(name):
    start.wait()
    for i in range(5):
        sys.stdout.write("%s step %d\n" % (name, i))
        time.sleep(0.001)

ts = [threading.Thread(target=talker, args=(n,)) for n in "ABC"]
for t in ts:
    t.start()
for t in ts:
    t.join()
