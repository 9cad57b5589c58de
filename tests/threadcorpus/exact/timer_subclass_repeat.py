# A Timer subclass overriding run: fires every interval until cancelled or a count is reached.
import threading

class RepeatTimer(threading.Timer):
    def __init__(self, interval, function, times):
        super().__init__(interval, function)
        self.times = times

    def run(self):
        n = 0
        while n < self.times and not self.finished.wait(self.interval):
            n += 1
            self.function(n)

ticks = []
r = RepeatTimer(0.01, ticks.append, 4)
r.start()
r.join()
print("ticks:", ticks)

more = []
stop_after = threading.Event()

def record(n):
    more.append(n)
    if n == 2:
        stop_after.set()

r2 = RepeatTimer(0.01, record, 1000)
r2.start()
stop_after.wait()
r2.cancel()
r2.join()
print("cancelled after at least 2:", len(more) >= 2, more[:2])
print("default name:", RepeatTimer(1, print, 1).name.startswith("Thread-"))
