# Releasing an unlocked Lock, uncaught: traceback ends with RuntimeError: release unlocked lock.
import threading

lock = threading.Lock()
with lock:
    print("inside")
print("released by with:", not lock.locked())
lock.release()
print("never")
