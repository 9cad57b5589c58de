total = 0
for i in range(3000000):
    total += i * 2 % 7
i = 0
while i < 1000000:
    i += 1
print(total, i)
