# A plain Lock is not owned: another thread may release it (used as a signal).
import threading

lock = threading.Lock()
lock.acquire()
order = []

def releaser():
    order.append("releaser runs")
    lock.release()

t = threading.Thread(target=releaser)
t.start()
print("main blocks on acquire:", lock.acquire())
order.append("main acquired")
t.join()
print(order)
lock.release()
print("locked:", lock.locked())
