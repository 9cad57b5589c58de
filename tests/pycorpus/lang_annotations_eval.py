# Without the __future__ import, class and module annotations are evaluated.
class Q:
    a: int
    b: list = []
    c: 'forward' = 1


print(Q.__annotations__)
n: int = 3
print(__annotations__, n)


class R:
    ok: int
    bad: Undefined
