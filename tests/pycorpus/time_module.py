import time
t0 = time.perf_counter()
time.sleep(0.01)
t1 = time.perf_counter()
print(t1 - t0 >= 0.009, type(time.time()).__name__, time.monotonic() > 0)
print(len(time.strftime("%Y-%m-%d")) == 10)
start = time.time()
time.sleep(0)
print(time.time() >= start)
