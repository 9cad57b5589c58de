# Attribute reads and writes and method calls on an instance.
import pyperf


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def move(self, dx):
        self.x += dx
        return self.x


def bench():
    p = P(0, 0)
    t = 0
    for i in range(200000):
        p.move(1)
        t += p.x + p.y
    return t


print(bench())
pyperf.Runner().bench_func("attrs", bench)
