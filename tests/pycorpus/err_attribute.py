class Worker:
    def __init__(self):
        self.name = "w1"
w = Worker()
print(w.name)
w.run()
