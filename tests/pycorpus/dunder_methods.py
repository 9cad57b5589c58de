class Vec:
    def __init__(self, *xs): self.xs = list(xs)
    def __len__(self): return len(self.xs)
    def __getitem__(self, i): return self.xs[i]
    def __setitem__(self, i, v): self.xs[i] = v
    def __contains__(self, v): return v in self.xs
    def __iter__(self): return iter(self.xs)
    def __repr__(self): return "Vec(" + ", ".join(map(str, self.xs)) + ")"
    def __mul__(self, k): return Vec(*[x * k for x in self.xs])
    def __rmul__(self, k): return self * k
    def __neg__(self): return Vec(*[-x for x in self.xs])
    def __bool__(self): return any(self.xs)
    def __call__(self, i): return self.xs[i] * 100
    def __eq__(self, o): return isinstance(o, Vec) and self.xs == o.xs
v = Vec(1, 2, 3)
print(len(v), v[0], v[-1], 2 in v, 9 in v, list(v), v * 2, 3 * v, -v, bool(v), bool(Vec(0)), v(1))
v[0] = 10; print(v, v == Vec(10, 2, 3), v != Vec(1))
print(sum(v), max(v), sorted(v, reverse=True), [x for x in v if x > 2])
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x for x in Countdown(2)])
class Ctx:
    def __enter__(self):
        print("enter"); return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return True
with Ctx() as c:
    print("body", type(c).__name__)
    raise KeyError("boom")
print("after with")
