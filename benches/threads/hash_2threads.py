# The same hashing split over two threads: with the GIL released it runs in parallel.
import hashlib
import threading
data = b"x" * 32_000_000

def work():
    for _ in range(3):
        hashlib.sha256(data).hexdigest()

ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
