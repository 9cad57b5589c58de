def f():
    try:
        return 1
    finally:
        return 2
print(f())
class C:
    base = 10
    items = [base * i for i in range(3)] if False else [1, 2]
    def m(self, k=base):
        return k
print(C().m(), C.items)
class E(Exception):
    def __str__(self):
        return "custom str"
try:
    raise E("x")
except E as e:
    print(e, repr(e))
class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, idx):
        r, c = idx
        return self.rows[r][c]
    def __iter__(self):
        for row in self.rows:
            yield from row
m = Matrix([[1, 2], [3, 4]])
print(m[1, 0], list(m), sum(m))
def kw(**opts):
    return sorted(opts.items())
print(kw(b=2, a=1), kw())
x = {"a": [1, {"b": (2, 3)}]}
print(x["a"][1]["b"][-1], str(x), len(str(x)))
print(" ".join(f"{i:02d}" for i in range(3)), "{:,}".format(10**7), "{:.1%}".format(0.256))
for i, ch in enumerate("hi", 1): print(i, ch)
a = b = []
a.append(1); print(b)
print(list(range(0)), list(range(-3)), list(range(3, 0, -1)), range(3) == range(0, 3))
nums = [5, 2, 8]
nums[nums.index(2)] = 20
print(nums, nums.pop(1), nums)
s = "hello"
print(s.upper().lower().title().swapcase(), s[1:-1], s[-100:100], s[::-2])
print(True + True, True * 3, -True, abs(-True), int(False), str(True).lower())
print(divmod(-7, 2), -7 // 2, -7 % 2, 7 % -2, pow(2, 10), 2 ** 0.5 == 2 ** 0.5)
d = {i: chr(65 + i) for i in range(3)}
for k in list(d):
    if k == 1: del d[k]
print(d)
try:
    for k in d:
        d[k + 10] = 1
except RuntimeError as e:
    print("RuntimeError", e)
