# Condition.wait_for returns the predicate's value; with a timeout it can return False.
import threading

cond = threading.Condition()
items = []

def producer():
    for i in range(5):
        with cond:
            items.append(i)
            cond.notify()

with cond:
    print("timed out:", cond.wait_for(lambda: len(items) >= 1, timeout=0.05))
t = threading.Thread(target=producer)
t.start()
with cond:
    got = cond.wait_for(lambda: len(items) == 5 and list(items))
    print("predicate value:", got)
t.join()
with cond:
    print("already true:", cond.wait_for(lambda: "yes"))
    print("falsy value returned:", repr(cond.wait_for(lambda: 0, timeout=0.01)))
