# Starting a thread twice raises RuntimeError.
import threading

runs = []

def work():
    runs.append(threading.current_thread().name)

t = threading.Thread(target=work)
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
t2 = threading.Thread(target=work)
t2.start()
try:
    t2.start()
except RuntimeError as e:
    print("RuntimeError:", e)
t2.join()
t3 = threading.Thread(target=work)
t3.start()
t3.join()
print("runs:", len(runs))
t3.start()
