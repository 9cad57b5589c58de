# inspect: signature of functions, methods and classes (kinds, defaults, / and * markers),
# the is* predicates, getdoc/cleandoc, getsource of functions, getmembers.
import inspect
import functools

def f(a, b=2, *args, c, d=4, **kw):
    """Add things.

    More text here.
    """
    return a

def g(x, y, /, z=None):
    return x

def gen():
    yield 1

class Point:
    def __init__(self, x, y=0):
        self.x = x
    def norm(self, p=2):
        return self.x

@functools.lru_cache(maxsize=None)
def cached(n):
    return n

def kwo(*, key, reverse=False):
    pass

print(inspect.signature(f), inspect.signature(g), inspect.signature(Point), inspect.signature(Point(1).norm), inspect.signature(kwo), inspect.signature(lambda q, r=1: q))
sig = inspect.signature(f)
for name, p in sig.parameters.items():
    print(name, p.kind, p.default is inspect.Parameter.empty, p.default if p.default is not p.empty else "-", str(p))
print(list(inspect.signature(g).parameters), inspect.signature(f) == inspect.signature(f), repr(inspect.signature(g)))
print(inspect.isfunction(f), inspect.isfunction(len), inspect.ismethod(Point(1).norm), inspect.isclass(Point), inspect.isclass(f), inspect.ismodule(inspect), inspect.isbuiltin(len), inspect.isroutine(f))
print(inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f), inspect.isgenerator(gen()), inspect.isgenerator(f))
print(inspect.getdoc(f))
print(inspect.getsource(g), end="")
print(inspect.getsource(Point.norm), end="")
print(inspect.getsourcelines(gen)[1])
print(inspect.getsource(cached) if False else "", [n for n, _ in inspect.getmembers(Point, inspect.isfunction)])
try:
    inspect.signature(5)
except TypeError as e:
    print("TypeError", e)
print(inspect.cleandoc("  a\n    b\n  c\n"))
