# Start and join 500 threads one after another (thread start latency).
import threading

def nothing():
    pass

for _ in range(500):
    t = threading.Thread(target=nothing)
    t.start()
    t.join()
print("done")
