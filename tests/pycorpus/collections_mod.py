from collections import deque, defaultdict, Counter, namedtuple
d = deque([1, 2, 3])
d.append(4); d.appendleft(0); print(d, d.pop(), d.popleft(), d, len(d), d[0], d[-1])
d.rotate(1); print(d); d.extend([7, 8]); print(list(d), 7 in d)
q = deque(maxlen=3)
for i in range(5):
    q.append(i)
print(q, q.maxlen)
dd = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    dd[word[0]].append(word)
print(dict(dd.items()), len(dd), "a" in dd)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()))
c = Counter("abracadabra")
print(c, c["a"], c["z"], c.most_common(2))
c.update("aaz"); print(c.most_common(1), c.total())
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p[1], list(p), p._asdict())
