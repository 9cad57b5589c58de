C = type('C', (object,), {'x': 1, 'f': lambda self: 42})
print(C.__name__, C.x, C().f())
class M(type):
    def __new__(mcls, name, bases, ns, **kw):
        print('M.__new__', name, sorted(k for k in ns if not k.startswith('__')), kw)
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print('M.__init__', name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print('M.__call__', a)
        return super().__call__(*a, **k)
class D(metaclass=M):
    y = 2
    def __init__(self, v): self.v = v
print(type(D).__name__, D(5).v)
class B:
    def __init_subclass__(cls, **kw):
        print('init_subclass', cls.__name__, kw)
class E(B, tag=1): pass
class Desc:
    def __set_name__(self, owner, name): print('set_name', owner.__name__, name)
class F:
    a = Desc()
class G:
    def __class_getitem__(cls, item): return (cls.__name__, item)
print(G[int])
class A: pass
try:
    class B(A, x=1): pass
except TypeError as e: print(e)
class M1(type): pass
class M2(type): pass
class X(metaclass=M1): pass
class Y(metaclass=M2): pass
try:
    class Z(X, Y): pass
except TypeError as e: print(e)
try: type('a',1,2)
except TypeError as e: print(e)
print(type(X), X.__class__, type(type), isinstance(X, type), isinstance(X, M1))
class Meta(type):
    registry = []
    def __new__(m, name, bases, ns):
        cls = super().__new__(m, name, bases, ns)
        m.registry.append(name)
        return cls
    def describe(cls): return 'I am ' + cls.__name__
    @property
    def upper(cls): return cls.__name__.upper()
class Base(metaclass=Meta): pass
class Child(Base): pass
print(Meta.registry, Child.describe(), Child.upper, type(Child).__name__)
Dyn = type('Dyn', (Base,), {'v': 3})
print(Meta.registry, Dyn.v, Dyn.__mro__)
class Singleton(type):
    _inst = {}
    def __call__(cls, *a, **k):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a, **k)
        return cls._inst[cls]
class S(metaclass=Singleton):
    def __init__(self, x): self.x = x
print(S(1) is S(2), S(3).x)

def f():
    q: Undefined = 1
    return q
print(f())
class Reg:
    subs = []
    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        Reg.subs.append((cls.__name__, key))
class R1(Reg, key='one'): pass
class R2(R1): pass
print(Reg.subs)
N = type('N', (), {})
print(N, N.__name__, N.__module__, type(N))
