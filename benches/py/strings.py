# str(), join, split, slicing, concatenation and an f-string.
import pyperf


def bench():
    parts = []
    for i in range(100000):
        parts.append(str(i))
    s = ",".join(parts)
    words = s.split(",")
    t = ""
    for w in words[:50000]:
        t += w[-1]
    return len(s), len(words), len(t), f"{len(t):>10}"


print(bench())
pyperf.Runner().bench_func("strings", bench)
