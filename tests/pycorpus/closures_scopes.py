counter = 0
def inc():
    global counter
    counter += 1
inc(); inc(); print(counter)
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5); print(add5(10), make_adder(-1)(1))
def make_counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(), c2())
fns = [lambda i=i: i * 10 for i in range(3)]
print([fn() for fn in fns])
late = [lambda: i for i in range(3)]
print([fn() for fn in late])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
x = "global"
def shadow():
    x = "local"
    return x
print(shadow(), x)
