import threading

a = threading.Lock()
b = threading.Lock()
a.acquire()
b.acquire()

def k1(x):
    with a:
        return x

def k2(x):
    with b:
        return x

t1 = threading.Thread(target=lambda: print("t1", sorted([2, 1], key=k1)))
t2 = threading.Thread(target=lambda: print("t2", sorted([2, 1], key=k2)))
t1.start()
t2.start()
a.release()
t1.join()
b.release()
t2.join()
print("done")
