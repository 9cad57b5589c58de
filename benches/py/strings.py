parts = []
for i in range(200000):
    parts.append(str(i))
s = ",".join(parts)
words = s.split(",")
t = ""
for w in words[:50000]:
    t += w[-1]
print(len(s), len(words), len(t), f"{len(t):>10}")
