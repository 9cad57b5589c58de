class A:
    __slots__ = ("x",)
    def __init__(self): self.x = 1
print(A().x)
x = 5
print(f"{x!r:>10}|{'a' 'b'}|{x:{'>'}{4}}")
import sys
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in gen():
    print(v)
g = gen(); print(next(g)); g.close()
print(sorted({"b": 1, "a": 2}.items()), list(map(lambda p: p[0], [(1, 2)])))
print(isinstance([], list), type([]) is list, type(1) == int, str(type(1.5)))
print(max([1, 2, 3], key=lambda v: -v), min("abc"), sum([[1], [2]], []))
d = {}
d.setdefault("k", []).append(1); print(d)
print("%d items" % 3, "%s" % [1, 2], "%s and %s" % ("a", "b"))
class Meta:
    def __init_subclass__(cls, **kw):
        pass
print(int.__name__, (1).__class__.__name__, [].__class__)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "")
def f(*, a): return a
try:
    f(1)
except TypeError as e:
    print(e)
print(round(0.125, 2), round(0.375, 2), 1e22, 1.0e-5, 123e-20, float('nan'))
print(list(zip(*[(1, 'a'), (2, 'b')])), dict([(1, 2)]), list(enumerate([])))
a = [3, 1, 2]; a.sort(key=lambda v: v, reverse=True); print(a)
print("abc".index("c"), "a,b".split(","), "x".join([]), str(None), bool(None))
s = set(); s.add((1, 2)); print(s, {1: 2}.get(3, "d"))
print(all(isinstance(v, int) for v in [1, 2]), [i for i in range(3)][::-1])
print(3 // 2, -3 // 2, 3 % -2, 2 ** -2, 10 ** 20 // 7, 7 / 7)
print(type(None).__name__, type(print).__name__, type(lambda: 0).__name__)
