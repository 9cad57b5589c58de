# Integer arithmetic in for and while loops (locals).
import pyperf


def bench():
    total = 0
    for i in range(1000000):
        total += i * 2 % 7
    i = 0
    while i < 500000:
        i += 1
    return total, i


print(bench())
pyperf.Runner().bench_func("loops", bench)
