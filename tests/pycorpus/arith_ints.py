a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a // b, -a % b, a // -b, divmod(-17, 5), divmod(17, -5))
print(2 ** 64, 2 ** 100 - 1, -(2 ** 63), (2 ** 63) // 3)
print(abs(-5), abs(-2**70), pow(3, 4), pow(3, 200, 7), pow(2, -1))
print(7 & 3, 7 | 8, 7 ^ 2, ~7, 1 << 70, (1 << 70) >> 68, -1 >> 3)
print(int("42"), int("-0x1f", 16), int("ff", 16), int("  12  "), int(3.99), int(-3.99))
print(hex(255), oct(8), bin(10), hex(-255))
big = 1
for i in range(1, 30):
    big *= i
print(big, len(str(big)), big % 1000007)
print(round(2.5), round(3.5), round(-0.5), round(7), round(1234, -2), round(1250, -2))
