def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
def g(x, y=[]):
    y.append(x)
    return y
print(g(1), g(2), g(3, []))
def h(pos, /, normal, *, kwonly):
    return pos + normal + kwonly
print(h(1, 2, kwonly=3), h(1, normal=2, kwonly=3))
def defaults(a, b=10, c=20):
    return a + b + c
print(defaults(1), defaults(1, 2), defaults(1, c=3), defaults(*[1, 2, 3]), defaults(**{"a": 5}))
square = lambda v: v * v
print(square(7), (lambda *a: sum(a))(1, 2, 3), list(map(lambda v: v + 1, [1, 2])))
def doc():
    "docstring here"
    return doc.__name__
print(doc(), doc.__doc__, f.__name__, square.__name__)
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20), rec(30))
