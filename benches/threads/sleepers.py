# 10 threads each sleep 0.5 s: sleeping releases the GIL, so this takes ~0.5 s.
import threading
import time
ts = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
