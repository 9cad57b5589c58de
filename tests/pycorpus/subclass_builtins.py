# Subclassing builtin types: list (a tutorial's lock-guarded SafeList), dict with
# __missing__/__getattr__, float/int/str/tuple with __new__, set, and overrides.
import threading

class SafeList(list):
    def __init__(self, *args):
        super().__init__(*args)
        self._lock = threading.Lock()
    def append(self, x):
        with self._lock:
            super().append(x)

s = SafeList([3, 1, 2])
s.append(5)
print(s, len(s), s[0], s[-1], s[1:3], type(s).__name__, isinstance(s, list))
print(sorted(s), sum(s), 5 in s, list(s), [x * 2 for x in s])
s.extend([7, 8]); s.sort(); print(s, s == [1, 2, 3, 5, 7, 8], s != [1])
s[0] = 100; del s[1]; print(s, s.pop(), s.index(3), s.count(100))
s += [9]; print(type(s).__name__, s)
print(s + [1], type(s + [1]).__name__, repr(s), str(s), bool(SafeList()), bool(s))
print(s.__dict__.keys() if False else sorted(k for k in vars(s) if k != '_lock'))
for i in range(100):
    s.append(i)
print(len(s), s[-1])

class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for w in "the cat the dog the end".split():
    c[w] = c[w] + 1
print(c, c["zzz"], len(c), sorted(c.items()), c.get("nope"), "zzz" in c)

class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
    def __setattr__(self, k, v):
        self[k] = v
a = AttrDict(x=1, y=2)
a.z = 3
print(a, a.x, a.z, a.keys(), dict(a), isinstance(a, dict))

class LowerDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
d = LowerDict()
d["ABC"] = 1
print(d, d["abc"], d["AbC"], list(d))

class Celsius(float):
    def __new__(cls, v):
        return super().__new__(cls, v)
    def to_f(self):
        return self * 9 / 5 + 32
c = Celsius(100)
print(c, c.to_f(), c + 1, type(c + 1).__name__, c > 50, round(c), int(c), f"{c:.2f}", repr(c))

class Pos(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        return super().__new__(cls, v)
p = Pos(5)
print(p, p + 1, p * 2, -p, p == 5, hash(p) == hash(5), {p: 1}[5] if False else {5: 'a'}[p], isinstance(p, int), range(p), [0]*p)
try:
    Pos(-1)
except ValueError as e:
    print("ValueError", e)

class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n, n.shout(), n + "x", len(n), n[0], n == "bob", "b" in n, n.title(), f"<{n}>", repr(n), "%s!" % n, {n: 1}, ", ".join([n, n]))

class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"Point({self[0]}, {self[1]})"
pt = Point(1, 2)
print(pt, pt.x, len(pt), pt == (1, 2), tuple(pt), list(pt), hash(pt) == hash((1, 2)), str(pt))
a, b = pt
print(a, b)

class S(set):
    pass
ss = S([1, 2, 3])
ss.add(4)
print(ss, len(ss), 2 in ss, ss | {9}, type(ss).__name__)

class MyList(list):
    def __repr__(self):
        return "MyList(" + super().__repr__() + ")"
    def __getitem__(self, i):
        return super().__getitem__(i) * 10
m = MyList([1, 2])
print(m, str(m), m[1], list(m), [x for x in m])
print(list.__len__(m), list.append(m, 3), m.__class__.__name__, MyList.__mro__)

class E(Exception):
    pass
print(repr(E("x")))
