def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b))
ident = [[int(i == j) for j in range(3)] for i in range(3)]
print(ident, matmul(ident, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
grid = [["." for _ in range(5)] for _ in range(3)]
grid[1][2] = "#"
print("\n".join("".join(r) for r in grid))
print([sum(r) for r in a], [sum(c) for c in zip(*a)], max(max(r) for r in b))
