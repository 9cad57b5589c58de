# time.sleep releases the interpreter: ten threads sleeping 0.2 s take well under 1 s.
import threading
import time

def nap():
    time.sleep(0.2)

start = time.monotonic()
ts = [threading.Thread(target=nap) for _ in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
elapsed = time.monotonic() - start
print("slept in parallel:", elapsed < 1.0)
print("at least one nap long:", elapsed >= 0.2)
