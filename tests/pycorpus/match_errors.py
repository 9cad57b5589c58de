# TypeErrors and ValueErrors that match statements raise at run time.
x = 1
def attempt(label, f):
    try:
        print(label, f())
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__, e)

def not_a_type():
    match 5:
        case x():
            return "?"
attempt("not a type", not_a_type)

class L:
    __match_args__ = ["a"]
def list_args():
    match L():
        case L(1):
            return "?"
attempt("list args", list_args)

class N:
    __match_args__ = (1,)
def non_str():
    match N():
        case N(1):
            return "?"
attempt("non str", non_str)

class E:
    pass
def too_many_zero():
    match E():
        case E(1):
            return "?"
attempt("zero", too_many_zero)

class F:
    __match_args__ = ("a",)
    a = 1
def too_many_one():
    match F():
        case F(1, 2):
            return "?"
attempt("one", too_many_one)

def repeated():
    match F():
        case F(1, a=2):
            return "?"
attempt("repeated", repeated)

def builtin_two():
    match 5:
        case int(1, 2):
            return "?"
attempt("int two", builtin_two)

class K:
    a = 1
    b = 1
def dup_runtime():
    match {1: 2, 3: 4}:
        case {K.a: 2, K.b: 4}:
            return "?"
attempt("dup key", dup_runtime)

# a missing attribute is no match, not an error
class G:
    __match_args__ = ("missing",)
def missing():
    match G():
        case G(1):
            return "matched"
        case G():
            return "only the class"
attempt("missing", missing)

# a Mapping subclass answers through its own get()
from collections.abc import Mapping
class M(Mapping):
    def __init__(self, d):
        self.d = d
    def __getitem__(self, k):
        return self.d[k]
    def __iter__(self):
        return iter(self.d)
    def __len__(self):
        return len(self.d)
    def get(self, k, default=None):
        print("get", k)
        return self.d.get(k, default)
match M({"a": 1, "b": 2}):
    case {"a": 1, "c": _}:
        print("no")
    case {"a": a, **rest}:
        print("mapping", a, rest)

# a Sequence subclass is a sequence
from collections.abc import Sequence
class S(Sequence):
    def __getitem__(self, i):
        if i >= 3 or i < -3:
            raise IndexError(i)
        return i * 10 if i >= 0 else (3 + i) * 10
    def __len__(self):
        return 3
match S():
    case [a, *_, c]:
        print("sequence", a, c)

# __eq__ is what a value pattern calls
class Anything:
    def __eq__(self, other):
        print("eq called with", other)
        return True
A = type("A", (), {"v": Anything()})
match 17:
    case A.v:
        print("matched through __eq__")

# evaluation order of sub-patterns: left to right, stopping at the first failure
class Loud:
    __match_args__ = ("a", "b")
    @property
    def a(self):
        print("read a")
        return 1
    @property
    def b(self):
        print("read b")
        return 2
match Loud():
    case Loud(0, b):
        print("no")
    case Loud(1, 3):
        print("no")
    case Loud(a=1, b=bb):
        print("yes", bb)
