# Semaphore(2) admits exactly two threads at a time. A Barrier(2) inside the guarded
# section forces the two holders to overlap, so the observed maximum is exactly 2.
import threading

sem = threading.Semaphore(2)
pair = threading.Barrier(2)
lock = threading.Lock()
inside = 0
max_inside = 0
done = []

def work(i):
    global inside, max_inside
    with sem:
        with lock:
            inside += 1
            max_inside = max(max_inside, inside)
        pair.wait()
        with lock:
            inside -= 1
            done.append(i)

ts = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("max inside:", max_inside)
print("finished:", sorted(done))
print("inside now:", inside)
