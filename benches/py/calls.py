def add(a, b):
    return a + b
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
s = 0
for i in range(500000):
    s = add(s, i)
print(s, fib(25))
