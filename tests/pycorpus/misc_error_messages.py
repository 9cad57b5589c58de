class Foo:
    def bar(self):
        return 1
f = Foo()
try:
    f.bar(1)
except TypeError as e:
    print(e)
try:
    Foo(1)
except TypeError as e:
    print(e)
try:
    len(1)
except TypeError as e:
    print(e)
try:
    "a" < 1
except TypeError as e:
    print(e)
try:
    [1, 2].foo
except AttributeError as e:
    print(e)
try:
    int("x1")
except ValueError as e:
    print(e)
try:
    float("abc")
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    {}.popitem()
except KeyError as e:
    print(e)
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    x, y, z = [1, 2]
except ValueError as e:
    print(e)
try:
    None + 1
except TypeError as e:
    print(e)
try:
    "abc"[5]
except IndexError as e:
    print(e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(e)
try:
    print(undefined)
except NameError as e:
    print(e)
try:
    import math; math.foo
except AttributeError as e:
    print(e)
try:
    5 / 0.0
except ZeroDivisionError as e:
    print(e)
try:
    5 % 0
except ZeroDivisionError as e:
    print(e)
try:
    sum(["a"])
except TypeError as e:
    print(e)
try:
    "x" * "y"
except TypeError as e:
    print(e)
try:
    [1, 2].index(5)
except ValueError as e:
    print(e)
try:
    next(5)
except TypeError as e:
    print(e)
try:
    for i in 5: pass
except TypeError as e:
    print(e)
try:
    max([])
except ValueError as e:
    print(e)
try:
    def g(a): pass
    g(b=1)
except TypeError as e:
    print(e)
try:
    g(1, 2)
except TypeError as e:
    print(e)
try:
    -"x"
except TypeError as e:
    print(e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), e.args)
