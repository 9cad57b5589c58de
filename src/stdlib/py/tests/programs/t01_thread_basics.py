import threading, time
def worker(n, out):
    out.append(n * 2)
out = []
ts = [threading.Thread(target=worker, args=(i, out)) for i in range(5)]
print([t.name for t in ts])
print(repr(ts[0]).split(',')[1].strip())
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out))
print(ts[0].is_alive(), 'stopped' in repr(ts[0]))
t = threading.Thread()
print(t.name, t.daemon, t.ident)
try:
    ts[0].start()
except RuntimeError as e:
    print('RuntimeError', e)
try:
    threading.Thread(target=worker).join()
except RuntimeError as e:
    print('RuntimeError', e)
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), len(threading.enumerate()))
def selfjoin():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        print('RuntimeError', e)
s = threading.Thread(target=selfjoin, name='me'); s.start(); s.join()
class My(threading.Thread):
    def __init__(self, v):
        super().__init__()
        self.v = v
    def run(self):
        print('run', self.v, self.name, threading.current_thread() is self)
m = My(7); m.start(); m.join()
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon, d.isDaemon(), d.getName())
def inner():
    print('inherit', threading.Thread(target=print).daemon)
x = threading.Thread(target=inner, daemon=True); x.start(); x.join()
d.setName('renamed'); print(d.name)
d.start(); d.join()
try:
    d.daemon = False
except RuntimeError as e:
    print('RuntimeError', e)
print(isinstance(threading.get_ident(), int), threading.get_native_id() > 0)
print(threading.TIMEOUT_MAX == __import__('_thread').TIMEOUT_MAX)
t = threading.Thread(target=time.sleep, args=(0.3,)); t.start()
t.join(0.05); print(t.is_alive()); t.join(); print(t.is_alive())
