class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.value = 0
    def incr(self, by=1):
        self.value += by
        return self.value
cs = [Counter() for _ in range(3)]
for i, c in enumerate(cs):
    for _ in range(i + 1):
        c.incr(10)
print([c.value for c in cs], Counter.instances, cs[0].instances)
class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
s = Stack()
for i in range(3):
    s.push(i * i)
print(len(s), s.pop(), bool(s), [s.pop() for _ in range(len(s))], bool(s))
try:
    s.pop()
except IndexError as e:
    print("error:", e)
