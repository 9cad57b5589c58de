# More builtin subclasses: deltablue's OrderedCollection(list), stacks, int/str with
# __new__ and attributes, frozenset/bytes/tuple, dict.__init__ via super, bad bases.
class OrderedCollection(list):
    pass

oc = OrderedCollection()
oc.append(1); oc.append(2)
oc.insert(0, 9)
print(oc, len(oc), oc[0], type(oc).__name__)
for i in reversed(oc):
    print(i, end=" ")
print()

class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
    def is_empty(self):
        return not self
st = Stack()
print(st.is_empty())
st.push(1); st.push(2)
print(st.peek(), st.pop(), st, st.is_empty())

class NoInit(list):
    def __init__(self, items):
        self.n = len(items)
ni = NoInit([1, 2, 3])
print(ni, ni.n)

class Vec(list):
    def __add__(self, other):
        return Vec(a + b for a, b in zip(self, other))
    def __eq__(self, other):
        return list(self) == list(other)
    __hash__ = None
print(Vec([1, 2]) + Vec([3, 4]), Vec([1]) == [1], type(Vec([1]) + [2]).__name__)
try:
    hash(Vec())
except TypeError as e:
    print("TypeError:", e)
try:
    hash(OrderedCollection())
except TypeError as e:
    print("TypeError:", e)

class Money(int):
    def __new__(cls, cents, currency="EUR"):
        obj = super().__new__(cls, cents)
        obj.currency = currency
        return obj
    def __repr__(self):
        return f"Money({int(self)}, {self.currency!r})"
    def __str__(self):
        return f"{int(self) / 100:.2f} {self.currency}"
m = Money(1250)
print(m, repr(m), m + 50, m > 1000, sorted([Money(3), Money(1), 2]), m.currency, m.bit_length(), abs(Money(-5)), divmod(m, 100), m // 7, float(m))
print("%d cents" % m, f"{m}", f"{m!r}", "{:>10}".format(m), max(Money(1), Money(5)), str(Money(7, "USD")))

class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("hello")
print(u, u.lower(), u.split("L"), u.startswith("HE"), "hello".upper() == u, u * 2, u.replace("L", "_"), sorted(Upper("cba")), isinstance(u, str), type(u).__name__)
print(Upper("a") < "b", "x" + Upper("y"), {Upper("k"): 1}.get("K"), {"K": 2}[Upper("k")], Upper("q") in ["Q"])

class Frozen(frozenset):
    pass
f = Frozen([1, 2])
print(f, Frozen(), len(f), 1 in f, hash(f) == hash(frozenset([1, 2])), f & {1})

class B(bytes):
    pass
b = B(b"ab")
print(b, len(b), b[0], b.decode(), b + b"c")

class DefaultDict(dict):
    def __init__(self, factory, *a, **kw):
        super().__init__(*a, **kw)
        self.factory = factory
    def __missing__(self, k):
        v = self[k] = self.factory()
        return v
dd = DefaultDict(list, a=[1])
dd["x"].append(3)
dd["a"].append(2)
print(dd, dd.factory.__name__, sorted(dd), len(dd))
dd.update({"z": [0]})
print(dd.pop("z"), dd.setdefault("q", 5), dd, list(dd.keys()), list(dd.values()))

class UserDictLike(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
ud = UserDictLike()
ud["a"] = 1
ud.update(b=2)   # dict.update does not call __setitem__
print(ud, {**ud}, dict(ud), ud == {"a": 1, "b": 2}, ud.copy(), type(ud.copy()).__name__)

class T(tuple):
    pass
t = T([1, 2, 3])
print(t, t[1:], type(t[1:]).__name__, t + (4,), t.count(1), t.index(3), len(t), T())
x, *rest = t
print(x, rest)

class L2(list):
    def __iter__(self):
        return iter([0])
print(list(L2([5, 6])), len(L2([5, 6])), sum(L2([5, 6])))

class Temp(float):
    pass
print(Temp(1.5) + Temp(2), Temp("2.5"), Temp(), round(Temp(2.567), 2), Temp(3.0).is_integer(), int(Temp(9.9)), -Temp(1), str(Temp(0.1)))

for bad in [bool, range, slice]:
    try:
        type("X", (bad,), {})
    except TypeError as e:
        print("TypeError:", e)
try:
    class Both(list, dict):
        pass
except TypeError as e:
    print("TypeError:", e)

class Mixin:
    def describe(self):
        return f"{type(self).__name__} of {len(self)}"
class ML(Mixin, list):
    pass
print(ML([1, 2]).describe(), ML.__mro__)
print(isinstance(ML(), Mixin), issubclass(ML, list), list.__name__)
class Sub2(Stack):
    def push(self, x):
        super().push(x * 10)
s2 = Sub2(); s2.push(4); print(s2, s2.peek())
print(dict.fromkeys("ab", 0), DefaultDict.fromkeys("ab") if False else "")
