# Default thread names count every Thread created in the process: Thread-N (func).
import threading

def work():
    pass

def other():
    pass

class Worker(threading.Thread):
    def run(self):
        pass

a = threading.Thread(target=work)
b = threading.Thread(target=other)
c = threading.Thread()
d = Worker()
e = threading.Thread(target=lambda: None)
f = threading.Thread(target=work, name="custom")
g = threading.Thread(target=work)
for t in (a, b, c, d, e, f, g):
    print(repr(t.name))
for t in (a, b, c, d, e, f, g):
    t.start()
    t.join()
print(threading.main_thread().name)
