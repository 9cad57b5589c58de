# Workers all block on one Event; a single set() releases every one of them.
import threading

gate = threading.Event()
ready = threading.Semaphore(0)
lock = threading.Lock()
passed = []

def runner(i):
    ready.release()
    ok = gate.wait()
    with lock:
        passed.append((i, ok))

ts = [threading.Thread(target=runner, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for _ in ts:
    ready.acquire()
with lock:
    print("passed before set:", len(passed))
gate.set()
for t in ts:
    t.join()
print(sorted(passed))
