# property: lines-set-equal
# property: line-count 8
#
# | result 0
# | result 1
# | result 4
# | result 9
# | result 16
# | result 25
# | result 36
# | result 49
#
# as_completed yields futures in completion order, which depends on the schedule;
# the set of results does not.
from concurrent.futures import ThreadPoolExecutor, as_completed

def square(n):
    total = 0
    for _ in range(1000 * (8 - n)):
        total += 1
    return n * n

with ThreadPoolExecutor(max_workers=4) as ex:
    for f in as_completed([ex.submit(square, n) for n in range(8)]):
        print("result", f.result())
