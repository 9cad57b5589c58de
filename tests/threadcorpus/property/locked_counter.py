# property: last-line-int-between 200000 200000
#
# The same read-modify-write as race_counter_func_call.py, under a Lock: nothing is lost
# in any mode (4 threads x 50000).
import threading

counter = 0
lock = threading.Lock()

def one():
    return 1

def work():
    global counter
    for _ in range(50000):
        with lock:
            counter = counter + one()

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
