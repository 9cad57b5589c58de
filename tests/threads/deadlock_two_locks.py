# Two threads take two locks in opposite orders: a wait-for cycle.
import threading
import time

a = threading.Lock()
b = threading.Lock()

def one():
    with a:
        time.sleep(0.1)
        with b:
            print("one got both")

def two():
    with b:
        time.sleep(0.1)
        with a:
            print("two got both")

t1 = threading.Thread(target=one, name="first")
t2 = threading.Thread(target=two, name="second")
t1.start()
t2.start()
t1.join()
t2.join()
print("never printed")
