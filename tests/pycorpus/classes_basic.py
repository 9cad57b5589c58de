class Point:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def dist2(self):
        return self.x ** 2 + self.y ** 2
p, q = Point(1, 2), Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, p.dist2(), Point.count)
print(sorted([q, p, Point(0, 9)]), {p, Point(1, 2)}, len({p, q}))
print(str(p), repr(q), [p], type(p).__name__, isinstance(p, Point), p.__class__ is Point)
p.z = 5; print(p.z, hasattr(p, "z"), getattr(p, "w", "none"))
setattr(p, "x", 100); print(p.x); delattr(p, "z"); print(hasattr(p, "z"))
class Empty: pass
e = Empty(); print(type(e).__name__, isinstance(e, object))
