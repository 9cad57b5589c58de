import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return self.name.lower()
    @classmethod
    def default(cls): return cls.GREEN
print(Color.RED, repr(Color.RED), Color(2), Color['BLUE'], Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED in Color, Color.RED.describe(), Color.default())
print(Color.__members__)
print(type(Color), repr(Color), Color.RED.name, Color.RED.value, f'{Color.RED}', isinstance(Color.RED, Color))
try: Color(7)
except ValueError as e: print(e)
try: Color['X']
except KeyError as e: print('KeyError', e)
class D(Enum):
    A = auto()
    B = auto()
    C = auto()
print(list(D), D.C.value, {D.A: 1}[D.A], D.A == D.A, D.A != D.B)
class P(Flag):
    R = 4; W = 2; X = 1
print(repr(P.R|P.W), str(P.R|P.W), repr(~P.R), repr(P(0)), str(P(0)), list(P.R|P.X), bool(P(0)), P.R in P.R|P.W)
class F2(Flag):
    A = auto(); B = auto(); C = auto()
print(list(F2), F2.C.value, F2.A | F2.C)
class N(IntEnum):
    A = 1; B = 2
print(str(N.A), repr(N.A), f'{N.A}', N.A + 1, N.A == 1, format(N.B, '>3'), sorted([N.B, N.A]), N(2))
class IF(IntFlag):
    A = 1; B = 2
print(repr(IF.A | IF.B), str(IF.A | IF.B), IF.A | 4)
try:
    class E2(Color): pass
except TypeError as e: print(e)
try:
    @unique
    class U(Enum):
        A = 1; B = 1
except ValueError as e: print(e)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.MARS.mass, Planet.EARTH.value)
from enum import StrEnum
class S(StrEnum):
    X = auto()
    Y = 'yy'
print(S.X, S.Y == 'yy', repr(S.X))
