from __future__ import annotations
import __future__
print(__future__.annotations)


class P:
    x: int
    y: 'str' = 'a'
    z: List[int] = 3
    if True:
        w: Optional[Dict[str, int]] = None


print(P.__annotations__, P.y, P.z, hasattr(P, 'x'))
top: Undefined = 5
print(__annotations__)


def f():
    q: Undefined = 1
    return q


print(f())
