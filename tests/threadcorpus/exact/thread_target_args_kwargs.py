# Thread with target, args, kwargs and name; results collected and printed after join.
import threading

results = {}

def greet(who, punctuation="!", *, times=1):
    me = threading.current_thread()
    results[me.name] = (who + punctuation) * times

t1 = threading.Thread(target=greet, args=("alice",), name="first")
t2 = threading.Thread(target=greet, args=("bob", "?"), kwargs={"times": 2}, name="second")
t3 = threading.Thread(target=greet, kwargs={"who": "carol", "punctuation": "."})
t3.name = "third"
for t in (t1, t2, t3):
    t.start()
for t in (t1, t2, t3):
    t.join()
for name in sorted(results):
    print(name, results[name])
print(t1.name, t2.name, t3.name)
print(t1.is_alive(), t2.is_alive(), t3.is_alive())
