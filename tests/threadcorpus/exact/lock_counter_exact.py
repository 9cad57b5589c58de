# Four threads do 20000 locked read-modify-write increments each: nothing is lost.
import threading

counter = 0
lock = threading.Lock()

def one():
    return 1

def work(n):
    global counter
    for _ in range(n):
        with lock:
            counter = counter + one()

ts = [threading.Thread(target=work, args=(20000,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
print(counter == 4 * 20000)
