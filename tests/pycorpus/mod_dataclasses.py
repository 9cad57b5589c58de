from dataclasses import dataclass, field, asdict, astuple, fields, replace, FrozenInstanceError
@dataclass
class P:
    x: int
    y: int = 0
for a,k in [((),{}),((1,2,3),{}),((1,),{'z':1}),((1,),{'x':1})]:
    try: P(*a,**k)
    except TypeError as e: print(e)
print(P(1), P(1)==P(1), P(1)==P(2), P.__init__.__qualname__)
try:
  @dataclass
  class Q:
    x: int = 0
    y: int
except TypeError as e: print(e)
@dataclass(frozen=True)
class F:
    a: int
    b: list = field(default_factory=list)
try: F(1).a = 2
except FrozenInstanceError as e: print(type(e).__name__, e)
print(hash(F(1, ())) == hash(F(1, ())), F(2))
try:
  @dataclass
  class L:
    a: list = []
except ValueError as e: print(e)
@dataclass(order=True)
class V:
    n: int
    name: str = field(compare=False, default='')
    tags: list = field(default_factory=list, repr=False)
print(sorted([V(3), V(1, 'a'), V(2)]), V(1) < V(2), V(1) <= V(1, 'zz'))
@dataclass
class Outer:
    p: P
    vs: list
o = Outer(P(1, 2), [V(1), V(2)])
print(asdict(o)); print(astuple(o))
print([f.name for f in fields(Outer)], replace(P(1, 2), y=5))
@dataclass
class Base:
    a: int
    b: int = 2
@dataclass
class Der(Base):
    c: int = 3
    def __post_init__(self):
        self.total = self.a + self.b + self.c
d = Der(1)
print(d, d.total)
try: hash(P(1))
except TypeError as e: print(e)
@dataclass
class C2:
    x: int = field(default=1, init=False)
print(C2(), C2.x)
import copy, bisect, operator
l = [1, [2, 3], {'a': [4]}]
m = copy.deepcopy(l); m[1].append(9); print(l, m, copy.copy(l)[1] is l[1])
print(copy.deepcopy(d), copy.copy(P(3)))
a = [1, 3, 5, 7]
print(bisect.bisect(a, 4), bisect.bisect_left(a, 5), bisect.bisect_right(a, 5))
bisect.insort(a, 4); print(a)
print(operator.itemgetter(1)([1,2]), operator.itemgetter(0, 2)('abc'), operator.attrgetter('x')(P(7)), operator.add(2, 3), operator.methodcaller('upper')('hi'))
print(sorted([(2,'b'),(1,'a')], key=operator.itemgetter(0)))
