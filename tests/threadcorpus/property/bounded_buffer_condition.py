# property: last-line-int-between 1 3
# property: line-count 2
# property: each-line-matches (consumed \d+ items in order: True|\d+)
#
# A bounded buffer of capacity 3 built on one Condition, one producer and one consumer.
# The fill level seen by the producer after each put varies but never exceeds 3;
# the last line is the maximum observed.
import threading

cond = threading.Condition()
buf = []
CAP = 3
max_fill = 0
received = []

def producer():
    global max_fill
    for i in range(50):
        with cond:
            cond.wait_for(lambda: len(buf) < CAP)
            buf.append(i)
            max_fill = max(max_fill, len(buf))
            cond.notify_all()

def consumer():
    for _ in range(50):
        with cond:
            cond.wait_for(lambda: buf)
            received.append(buf.pop(0))
            cond.notify_all()

ts = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("consumed %d items in order: %s" % (len(received), received == list(range(50))))
print(max_fill)
