# fractions.Fraction: construction from ints, strings, floats; exact arithmetic, hashing
# like CPython's numeric hash, rounding, limit_denominator, the errors for bad literals.
from fractions import Fraction
F = Fraction
a = F(1, 3); b = F("2/4"); c = F(0.75); d = F("-1.25e1"); e = F(6, -8)
print(a, b, c, d, e, repr(a), a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, a ** -2, -a, abs(e))
print(a + 1, 1 + a, a * 2.0, a < b, a == F(2, 6), F(1, 2) == 0.5, hash(F(1, 2)) == hash(0.5), hash(F(7)) == hash(7), hash(a))
print(float(a), int(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), round(F(1234, 100), 1), F(3.14159).limit_denominator(100), F(1, 3).numerator, F(1, 3).denominator)
print(sum([F(1, n) for n in range(1, 6)]), sorted([F(1, 2), F(1, 3), 0.4]), max(F(1), F(2, 3)), F(10, 4).as_integer_ratio(), bool(F(0)), F(F(1, 2), F(1, 3)))
for bad in ["1/0", "x", "1.2.3"]:
    try:
        F(bad)
    except (ValueError, ZeroDivisionError) as ex:
        print(type(ex).__name__, ex)
data = {"name": "threadlab", "threads": [{"id": i, "state": "running" if i % 2 else "waiting", "locks": list(range(i))} for i in range(5)], "z": (1, 2), "a": {3, 1, 2}, "empty": {}, "t1": (5,)}
