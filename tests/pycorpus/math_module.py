import math
print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7))
print(math.gcd(12, 18), math.lcm(4, 6), math.factorial(20), math.isqrt(99), math.comb(10, 3), math.perm(5, 2))
print(math.log(math.e), math.log(100, 10), math.log2(1024), math.log10(1000), math.exp(1))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 6), math.atan2(1, 1), math.hypot(3, 4))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.isinf(math.inf), math.fabs(-3))
print(math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.degrees(math.pi), math.radians(180))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
