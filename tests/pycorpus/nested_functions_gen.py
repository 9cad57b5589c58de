def pipeline(*stages):
    def run(data):
        for stage in stages:
            data = stage(data)
        return data
    return run
double = lambda xs: (x * 2 for x in xs)
evens = lambda xs: (x for x in xs if x % 4 == 0)
total = lambda xs: sum(xs)
print(pipeline(double, evens, total)(range(10)), pipeline(double, list)(range(3)))
def take(n, gen):
    for i, v in enumerate(gen):
        if i >= n:
            return
        yield v
def naturals():
    n = 1
    while True:
        yield n
        n += 1
print(list(take(5, naturals())), list(take(3, (x * x for x in naturals()))))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    for child in range(2):
        for item in tree(depth - 1):
            yield f"{child}/{item}"
print(list(tree(2)))
