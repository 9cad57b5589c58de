# Replacing threading.excepthook: it receives exc_type, exc_value, exc_traceback, thread.
import threading

seen = []

def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                 args.exc_traceback is not None,
                 threading.current_thread() is args.thread))

print("default is __excepthook__:", threading.excepthook is threading.__excepthook__)
threading.excepthook = hook

def fail(kind):
    raise kind("from " + threading.current_thread().name)

ts = [threading.Thread(target=fail, args=(k,), name=n)
      for k, n in ((KeyError, "k"), (ZeroDivisionError, "z"), (RuntimeError, "r"))]
for t in ts:
    t.start()
    t.join()
for row in seen:
    print(*row)
threading.excepthook = threading.__excepthook__
