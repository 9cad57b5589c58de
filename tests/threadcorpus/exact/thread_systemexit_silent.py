# SystemExit raised in a thread ends only that thread, silently (no excepthook output).
import sys
import threading

after = []

def quit_early():
    sys.exit(3)
    after.append("unreachable")

t = threading.Thread(target=quit_early)
t.start()
t.join()
print("main still running, after =", after)
print("thread alive:", t.is_alive())
