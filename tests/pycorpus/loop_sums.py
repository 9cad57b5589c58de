total = 0
for i in range(100000):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
squares = {}
for i in range(1000):
    squares[i] = i * i
print(sum(squares.values()), len(squares), squares[999])
acc = []
i = 0
while i < 10000:
    acc.append(i % 7)
    i += 1
print(sum(acc), acc[:10], acc.count(0))
