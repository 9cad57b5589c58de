import threading, sys
def boom():
    raise ValueError('bad')
t = threading.Thread(target=boom); t.start(); t.join()
print('after')
seen = []
threading.excepthook = lambda a: seen.append((a.exc_type.__name__, str(a.exc_value), a.thread.name))
t = threading.Thread(target=boom, name='X'); t.start(); t.join()
print(seen)
threading.excepthook = threading.__excepthook__
def quit():
    sys.exit(3)
t = threading.Thread(target=quit); t.start(); t.join()
data = threading.local()
data.x = 1
def f():
    print(hasattr(data, 'x'))
    data.x = 2
    print(data.x)
t = threading.Thread(target=f); t.start(); t.join()
print(data.x)
class L(threading.local):
    def __init__(self, v):
        self.v = v
        self.seen = []
l = L(5)
l.seen.append('main')
def g():
    print(l.v, l.seen)
t = threading.Thread(target=g); t.start(); t.join()
print(l.seen)
try:
    data.y
except AttributeError as e:
    print(e)
t = threading.Thread(target=boom, name='Last'); t.start(); t.join()
