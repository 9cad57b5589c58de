s = {3, 1, 2, 3, 1}
print(s, len(s), 2 in s, 5 in s)
s.add(10); s.discard(1); s.remove(2); print(s)
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, {3} < a, a.isdisjoint({9}))
print(a.union([7]), a.intersection(b), a.difference(b), sorted(a.symmetric_difference(b)))
print(set(), sorted(set("hello")), frozenset([1, 2, 2]), {x % 3 for x in range(10)})
print(set([100, 5, 37, 64, 1000, -3]), sorted({"b", "a", "c"}), len(set(range(100))))
fs = frozenset({1, 2}); print(fs | {3}, hash(fs) == hash(frozenset([2, 1])))
t = {(1, 2), (3, 4)}; print((1, 2) in t, len(t))
