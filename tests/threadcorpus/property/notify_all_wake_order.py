# property: lines-set-equal
# property: line-count 5
#
# | woke 0
# | woke 1
# | woke 2
# | woke 3
# | woke 4
#
# Five threads wait on one Condition; notify_all wakes all of them, in an order the
# schedule picks.
import sys
import threading

cond = threading.Condition()
released = False
waiting = 0

def waiter(i):
    global waiting
    with cond:
        waiting += 1
        cond.notify_all()
        cond.wait_for(lambda: released)
    sys.stdout.write("woke %d\n" % i)

ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
with cond:
    cond.wait_for(lambda: waiting == 5)
    released = True
    cond.notify_all()
for t in ts:
    t.join()
