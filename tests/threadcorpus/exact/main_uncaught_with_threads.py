# An uncaught exception in the main thread while another thread runs: the traceback is
# printed, the non-daemon thread still completes, and the exit status is 1.
import threading
import time

go = threading.Event()

def worker():
    go.wait()
    time.sleep(0.1)
    print("worker completed")

threading.Thread(target=worker, name="survivor").start()
print("main about to fail")
go.set()
result = 1 / 0
print("never")
