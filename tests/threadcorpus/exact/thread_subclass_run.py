# Subclassing Thread and overriding run; __init__ calls super().__init__.
import threading

class Squarer(threading.Thread):
    def __init__(self, numbers, name):
        super().__init__(name=name)
        self.numbers = numbers
        self.result = None

    def run(self):
        self.result = [n * n for n in self.numbers]

class Shouter(threading.Thread):
    def run(self):
        # target/args are ignored because run is overridden
        self.said = "run overridden in " + self.name

workers = [Squarer(range(i, i + 3), "sq-%d" % i) for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
for w in workers:
    print(w.name, w.result)

s = Shouter(target=print, args=("never printed",), name="shouter")
s.start()
s.join()
print(s.said)

# calling run() directly runs in the current thread
class WhoRuns(threading.Thread):
    def run(self):
        self.ran_in = threading.current_thread().name

w = WhoRuns(name="direct")
w.run()
print(w.ran_in)
w2 = WhoRuns(name="started")
w2.start()
w2.join()
print(w2.ran_in)
