# property: field-sorted-equal 2
# property: each-line-matches item \d+ by w[0-2]
# property: line-count 30
#
# Field 2 of the lines, sorted, must equal these (each item handled exactly once):
# | 0
# | 1
# | 2
# | 3
# | 4
# | 5
# | 6
# | 7
# | 8
# | 9
# | 10
# | 11
# | 12
# | 13
# | 14
# | 15
# | 16
# | 17
# | 18
# | 19
# | 20
# | 21
# | 22
# | 23
# | 24
# | 25
# | 26
# | 27
# | 28
# | 29
#
# Three workers share one queue; which worker handles which item is up to the schedule.
import queue
import sys
import threading

q = queue.Queue()
for i in range(30):
    q.put(i)

def worker():
    name = threading.current_thread().name
    while True:
        try:
            item = q.get_nowait()
        except queue.Empty:
            return
        sys.stdout.write("item %d by %s\n" % (item, name))

ts = [threading.Thread(target=worker, name="w%d" % i) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
