# An uncaught exception 5,000 calls deep: like CPython, the report shows only the
# innermost 1,000 entries (the repeated line is folded).
import sys

sys.setrecursionlimit(10000)


def dive(n):
    if n == 0:
        raise ValueError("at the bottom")
    return 1 + dive(n - 1)


print("diving")
dive(5000)
