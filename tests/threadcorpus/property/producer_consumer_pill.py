# property: lines-sorted-equal
# property: line-count 20
#
# Expected lines (any order):
# | consumed a-0
# | consumed a-1
# | consumed a-2
# | consumed a-3
# | consumed a-4
# | consumed a-5
# | consumed a-6
# | consumed a-7
# | consumed a-8
# | consumed a-9
# | consumed b-0
# | consumed b-1
# | consumed b-2
# | consumed b-3
# | consumed b-4
# | consumed b-5
# | consumed b-6
# | consumed b-7
# | consumed b-8
# | consumed b-9
#
# Two producers, three consumers, one Queue, a poison pill per consumer. Every item is
# consumed exactly once; which consumer takes it and the order of lines vary.
import queue
import sys
import threading

q = queue.Queue(maxsize=4)
PILL = None

def producer(tag):
    for i in range(10):
        q.put("%s-%d" % (tag, i))

def consumer():
    while True:
        item = q.get()
        if item is PILL:
            break
        sys.stdout.write("consumed %s\n" % item)   # one write per line: no torn lines

producers = [threading.Thread(target=producer, args=(tag,)) for tag in "ab"]
consumers = [threading.Thread(target=consumer) for _ in range(3)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(PILL)
for t in consumers:
    t.join()
