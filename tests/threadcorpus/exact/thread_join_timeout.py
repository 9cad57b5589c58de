# join(timeout) returns None whether or not the thread finished; is_alive tells.
import threading

go = threading.Event()

def work():
    go.wait()

t = threading.Thread(target=work)
print("alive before start:", t.is_alive())
t.start()
r = t.join(timeout=0.05)
print("join returned:", r)
print("alive after timed join:", t.is_alive())
r = t.join(0)
print("join(0) returned:", r, t.is_alive())
go.set()
r = t.join(timeout=5)
print("join returned:", r)
print("alive after finish:", t.is_alive())
print("join again:", t.join())
