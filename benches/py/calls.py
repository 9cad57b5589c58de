# Python function calls: a two-argument function and recursive fib.
import pyperf


def add(a, b):
    return a + b


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def bench():
    s = 0
    for i in range(200000):
        s = add(s, i)
    return s, fib(22)


print(bench())
pyperf.Runner().bench_func("calls", bench)
