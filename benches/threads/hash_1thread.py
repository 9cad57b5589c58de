# sha256 of 6 x 32 MB in one thread (big buffers are hashed without the GIL).
import hashlib
import threading
data = b"x" * 32_000_000

def work():
    for _ in range(6):
        hashlib.sha256(data).hexdigest()

t = threading.Thread(target=work)
t.start()
t.join()
print("done")
