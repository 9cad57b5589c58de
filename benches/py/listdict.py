# Lists, dicts, sorting, a generator expression and a comprehension.
import pyperf


def bench():
    xs = []
    for i in range(100000):
        xs.append(i % 1000)
    d = {}
    for x in xs:
        d[x] = d.get(x, 0) + 1
    ys = sorted(xs)
    s = sum(v for v in d.values())
    return len(xs), len(d), s, ys[-1], [x * 2 for x in range(10)]


print(bench())
pyperf.Runner().bench_func("listdict", bench)
