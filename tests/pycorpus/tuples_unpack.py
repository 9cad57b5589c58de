t = (1, 2, 3)
a, b, c = t
print(a, b, c, t[1], t[-1], t[:2], len(t), t.index(2), t.count(3), (1,), ())
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "abc"; print(init, tail)
(x, y), z = (1, 2), 3; print(x, y, z)
x, y = y, x; print(x, y)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
print(tuple([1, 2]), tuple("ab"), (1, 2) + (3,), (1, 2) * 2, (1, 2) < (1, 3), max((1, 5), (2, 0)))
def f(*args, **kwargs):
    return args, kwargs
print(f(*[1, 2], *(3,), k=1, **{"m": 2}))
print([*range(3), *"ab"], sorted({*"aab"}), {**{"a": 1}, "b": 2})
