# threading.local: each thread sees its own attributes.
import threading

data = threading.local()
data.value = "main"
results = {}
lock = threading.Lock()

def work(n):
    has = hasattr(data, "value")
    data.value = n * 10
    for _ in range(1000):
        data.value += 1
    with lock:
        results[n] = (has, data.value)

ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for k in sorted(results):
    print(k, results[k])
print("main still sees:", data.value)

class Counter(threading.local):
    def __init__(self, start):
        self.count = start

c = Counter(5)
seen = []

def bump():
    c.count += 1
    seen.append(c.count)

t = threading.Thread(target=bump)
t.start()
t.join()
print("subclass init per thread:", seen, c.count)

def missing():
    try:
        data.value
    except AttributeError as e:
        print("AttributeError:", e)

t = threading.Thread(target=missing)
t.start()
t.join()
