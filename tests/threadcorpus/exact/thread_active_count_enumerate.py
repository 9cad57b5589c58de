# active_count and enumerate while workers are blocked, and after they finish.
import threading

release = threading.Event()
started = threading.Barrier(4)

def work():
    started.wait()
    release.wait()

print("start:", threading.active_count(), [t.name for t in threading.enumerate()])
ts = [threading.Thread(target=work, name="worker-%d" % i) for i in range(3)]
print("created, not started:", threading.active_count())
for t in ts:
    t.start()
started.wait()
print("running:", threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print(threading.current_thread() in threading.enumerate())
release.set()
for t in ts:
    t.join()
print("after join:", threading.active_count(), [t.name for t in threading.enumerate()])
