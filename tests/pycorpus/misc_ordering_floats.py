class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def __lt__(self, o): return self.area() < o.area()
    def __le__(self, o): return self.area() <= o.area()
shapes = [Sq(3), Sq(1), Sq(2)]
print([s.area() for s in sorted(shapes)], max(shapes).s, min(shapes, key=lambda s: -s.s).s)
print(Sq(1) <= Sq(1), Sq(2) > Sq(1))
try:
    Shape().area()
except NotImplementedError as e:
    print("NIE", e)
def outer():
    results = []
    for i in range(3):
        def cb(x=i):
            results.append(x)
        cb()
    return results
print(outer())
import random
random.seed(1)
print(hasattr(random, "choices"))
nums = [random.random() for _ in range(3)]
print(nums)
print("%.3f" % 2.0005, "%.2f" % 0.125, "%.0f" % 0.5, "%.0f" % 1.5, f"{0.125:.2f}", f"{2.675:.2f}")
print(str(1e100), 1e-100, 2.5e15, 1234567890123456789.0, 0.1 * 3, 100.0, -1.5e-7)
x = [1, 2, 3]
x[1:2] = []
print(x, x * 0, [] * 5)
print({1, 2} == {2, 1}, {1: 2} == {1: 2.0}, (1, [2]) == (1, [2]))
try:
    {[1]: 2}
except TypeError as e:
    print(e)
try:
    hash([1])
except TypeError as e:
    print(e)
print(int("  -12_000  "), float(" 1_000.5 "), int("0b101", 0), int("0o17", 0))
