# Barrier.wait returns a distinct index 0..parties-1 in each round; attributes.
import threading

b = threading.Barrier(4)
print("parties:", b.parties, "n_waiting:", b.n_waiting, "broken:", b.broken)
lock = threading.Lock()
rounds = {0: [], 1: [], 2: []}

def work():
    for r in range(3):
        idx = b.wait()
        with lock:
            rounds[r].append(idx)

ts = [threading.Thread(target=work) for _ in range(3)]
for t in ts:
    t.start()
for r in range(3):
    idx = b.wait()
    with lock:
        rounds[r].append(idx)
for t in ts:
    t.join()
for r in range(3):
    print("round", r, sorted(rounds[r]), set(rounds[r]) == {0, 1, 2, 3})
print("n_waiting:", b.n_waiting, "broken:", b.broken)
