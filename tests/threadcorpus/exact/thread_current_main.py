# current_thread / main_thread from the main thread and from workers.
import threading

out = []
lock = threading.Lock()

def work():
    me = threading.current_thread()
    with lock:
        out.append((me.name, me is threading.main_thread(),
                    threading.main_thread().name, isinstance(me, threading.Thread)))

print(threading.current_thread().name)
print(threading.current_thread() is threading.main_thread())
print(threading.main_thread().daemon)
ts = [threading.Thread(target=work, name="w%d" % i) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for row in sorted(out):
    print(*row)
