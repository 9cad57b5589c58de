# daemon flag: default False, inherited from the creating thread, fixed once started.
import threading

inner = {}
go = threading.Event()

def child_of_daemon():
    t = threading.Thread(target=lambda: None)
    inner["child daemon"] = t.daemon
    t2 = threading.Thread(target=lambda: None, daemon=False)
    inner["explicit"] = t2.daemon

t = threading.Thread(target=lambda: None)
print("default:", t.daemon)
d = threading.Thread(target=child_of_daemon, daemon=True)
print("daemon kwarg:", d.daemon)
d.start()
d.join()
print(sorted(inner.items()))
x = threading.Thread(target=go.wait)
x.daemon = True
print("set before start:", x.daemon)
x.start()
try:
    x.daemon = False
except RuntimeError as e:
    print("RuntimeError:", e)
go.set()
x.join()
