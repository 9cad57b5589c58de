def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"
g = count_up(3)
print(next(g), next(g), next(g), next(g, "default"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(next(e), e.send(1), e.send("two"))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "bbb", "cc"]))
gen = (c.upper() for c in "hey")
print(list(gen), list(gen))
def squares():
    for i in range(5):
        yield i * i
print(list(zip(squares(), "abcde")), dict(enumerate(squares())))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
