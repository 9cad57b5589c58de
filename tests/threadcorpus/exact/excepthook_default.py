# An uncaught exception in a thread goes to threading.excepthook: "Exception in thread
# NAME:" and a traceback on stderr. The program goes on and exits with status 0.
import threading

def fail(x):
    raise ValueError("bad value %d" % x)

t = threading.Thread(target=fail, args=(7,), name="worker-7")
t.start()
t.join()
print("main continues; thread alive:", t.is_alive())
print("exit status stays 0")
