class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def move(self, dx):
        self.x += dx
        return self.x
p = P(0, 0)
t = 0
for i in range(500000):
    p.move(1)
    t += p.x + p.y
print(t)
