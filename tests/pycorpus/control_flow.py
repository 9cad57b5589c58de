for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while else")
x = 15
if x < 10: print("small")
elif x < 20: print("medium")
else: print("large")
print("yes" if x else "no", x > 10 and x < 20, x < 10 or x == 15, not x)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 != 2, 0 or [] or "last", 1 and 2 and 3, None or 0)
a = [1, 2]
print(a is a, a is not [1, 2], None is None, type(None).__name__)
assert x == 15, "never"
del x
try:
    print(x)
except NameError as e:
    print(e)
