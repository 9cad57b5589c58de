# The same loop at module level: every name is a global (LOAD_NAME/STORE_NAME).
import pyperf

def bench():
    global total, i
    total = 0
    for i in range(300000):
        total += i * 2 % 7
    return total


print(bench())
pyperf.Runner().bench_func("globals", bench)
