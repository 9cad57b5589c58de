# RLock released by a thread that does not own it: RuntimeError.
import threading

r = threading.RLock()
try:
    r.release()
except RuntimeError as e:
    print("unowned:", e)

r.acquire()
errors = []

def intruder():
    try:
        r.release()
    except RuntimeError as e:
        errors.append(str(e))

t = threading.Thread(target=intruder)
t.start()
t.join()
print("other thread:", errors)
r.release()
with r:
    pass
r.release()
