print([x * y for x in range(1, 4) for y in range(1, 4) if x != y])
print([[r * c for c in range(3)] for r in range(3)])
print({x: x ** 2 for x in range(5)}, {len(w) for w in ["a", "bb", "cc", "ddd"]})
words = ["apple", "Banana", "cherry"]
print([w.lower() for w in words if "a" in w.lower()], sorted(words, key=str.lower))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)], [n for row in matrix for n in row])
print([(i, j) for i in range(3) for j in range(i)])
x = 10
print([x for x in range(3)], x)
print([y := 5, y ** 2], [z for z in range(10) if (w := z * 2) > 12], w)
print(list(map(str, range(3))), list(filter(None, [0, 1, "", "a"])), list(filter(lambda v: v % 2, range(7))))
