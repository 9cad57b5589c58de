import collections
from dataclasses import dataclass

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Color:
    RED = 1
    GREEN = 2

def describe(v):
    match v:
        case 0 | 1 as small:
            return f"small {small}"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case Color.RED:
            return "red"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [x, y] if x == y:
            return f"pair of equal {x}"
        case (x, y):
            return f"pair {x} {y}"
        case [first, *rest] if len(rest) > 3:
            return f"long: {first} then {rest}"
        case [first, *_, last]:
            return f"first {first} last {last}"
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} rest={rest}"
        case {"type": t}:
            return f"typed {t}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(a, b) as p:
            return f"point {p} {a} {b}"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float():
            return "number"
        case str(s):
            return f"string {s!r}"
        case (1 | 2 | 3) as d, (("a" | "b") as e):
            return f"nested or {d} {e}"
        case _:
            return "other"

for v in [0, 1, -1, 2.5, "hello", b"raw", None, True, Color.RED, 2, [], [7], [3, 3], (3, 4),
          [1, 2, 3, 4, 5], [1, 2, 3], {"type": "user", "name": "ann", "age": 3}, {"type": 5},
          {"a": 1}, Point(0, 0), Point(0, 5), Point(4, 0), Point(1, 2), 500, 7, 3.25, "xyz",
          range(2), "ab", collections.OrderedDict(type="od"), object.__new__(object), {1, 2}]:
    print(repr(v) if not isinstance(v, object) or type(v) is not object else "object", "->", describe(v))

# binding order and OR alternatives binding in different orders
def swap(v):
    match v:
        case [a, b, "x"] | [b, a, "y"]:
            return a, b
    return None
print(swap([1, 2, "x"]), swap([1, 2, "y"]), swap([1, 2, "z"]))

# names stay bound after a guard fails
match [10, 20]:
    case [p, q] if p > q:
        print("no")
    case _:
        print("guard failed; p and q bound:", p, q)

# soft keywords
match = [1, 2]
case = 3
print(match, case)
match[0] = 5
print(match)
def match_(x): return x
print(match_(case))

# nested
match {"points": [Point(1, 2), Point(3, 4)]}:
    case {"points": [Point(x=x1), Point(y=y2)]}:
        print("nested", x1, y2)

# star capture in middle
match (1, 2, 3, 4, 5):
    case (a, *mid, b):
        print(a, mid, b)

# capture in module scope binds globals
match 42:
    case answer:
        pass
print("answer", answer)

# in a class body
class K:
    match 3:
        case n:
            doubled = n * 2
print(K.n, K.doubled)

# dict subclass-ish and defaultdict
d = collections.defaultdict(list)
d["k"] = 1
match d:
    case {"k": v}:
        print("defaultdict", v)

# str not a sequence
match "ab":
    case [a, b]:
        print("seq!")
    case _:
        print("str is not a sequence")

# self-matching builtins
for v in [5, "s", 2.0, [1], (1,), {1: 2}, {3}, frozenset({4}), b"b", True]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case str(x):
            print("str", x)
        case float(x):
            print("float", x)
        case list(x):
            print("list", x)
        case tuple(x):
            print("tuple", x)
        case dict(x):
            print("dict", x)
        case set(x):
            print("set", x)
        case frozenset(x):
            print("frozenset", x)
        case bytes(x):
            print("bytes", x)

# dataclass gets __match_args__
@dataclass
class DC:
    a: int
    b: str = "z"
match DC(1):
    case DC(q, r):
        print("dataclass", q, r)

# match in a function: locals
def f(v):
    match v:
        case {"x": x, **kw}:
            return x, kw
print(f({"x": 1, "y": 2, "z": 3}))
