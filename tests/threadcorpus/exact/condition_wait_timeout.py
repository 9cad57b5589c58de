# Condition.wait returns False on timeout and True when notified.
import threading

cond = threading.Condition()
with cond:
    print("wait(0.05):", cond.wait(0.05))
    print("wait(timeout=0):", cond.wait(timeout=0))

ready = threading.Event()
state = {"flag": False}

def notifier():
    ready.wait()
    with cond:
        state["flag"] = True
        cond.notify()

t = threading.Thread(target=notifier)
t.start()
with cond:
    ready.set()   # the notifier cannot get the lock until we wait
    r = cond.wait(timeout=5)
    print("notified wait:", r, state["flag"])
t.join()
try:
    cond.wait(0.01)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify_all()
except RuntimeError as e:
    print("RuntimeError:", e)
