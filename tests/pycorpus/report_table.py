rows = [("alice", 3, 12.5), ("bob", 10, 7.25), ("carol", 0, 100.0)]
print(f"{'name':<8}|{'n':>4}|{'price':>9}")
print("-" * 23)
for name, n, price in rows:
    print(f"{name:<8}|{n:>4}|{price:>9.2f}")
total = sum(n * p for _, n, p in rows)
print(f"{'total':<8}|{'':>4}|{total:>9.2f}")
print("{:=^23}".format(" end "))
for i, (name, *_rest) in enumerate(sorted(rows, key=lambda r: r[2]), start=1):
    print(i, name.capitalize(), _rest)
