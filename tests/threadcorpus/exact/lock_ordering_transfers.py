# Deadlock-free lock ordering: every transfer takes both account locks in a global order.
import random
import threading

class Account:
    def __init__(self, number, balance):
        self.number = number
        self.balance = balance
        self.lock = threading.Lock()

accounts = [Account(i, 1000) for i in range(5)]

def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda a: a.number)
    with first.lock:
        with second.lock:
            if src.balance >= amount:
                src.balance -= amount
                dst.balance += amount
                return True
            return False

def worker(seed):
    rng = random.Random(seed)
    ok = 0
    for _ in range(2000):
        a, b = rng.sample(accounts, 2)
        if transfer(a, b, rng.randint(1, 50)):
            ok += 1
    return ok

results = [None] * 4

def run(i):
    results[i] = worker(i)

ts = [threading.Thread(target=run, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join(timeout=10)
print("all finished:", not any(t.is_alive() for t in ts))
print("total:", sum(a.balance for a in accounts))
print("no lock left held:", not any(a.lock.locked() for a in accounts))
print("every worker did transfers:", all(r > 0 for r in results))
