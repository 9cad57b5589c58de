d = {"a": 1, "b": 2}
d["c"] = 3; d["a"] = 10
print(d, len(d), d["b"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
print(d.pop("b"), d, d.setdefault("e", 5), d.setdefault("a", 99), d)
d.update({"f": 6}, g=7); print(d)
for k, v in d.items():
    print(k, v, end="; ")
print()
print({k: v * 2 for k, v in d.items() if v > 5}, dict(zip("xyz", [1, 2, 3])), dict(a=1, b=2))
counts = {}
for w in "the cat and the hat and the bat".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
del d["a"]; print(d, d.popitem(), d)
e = {1: "int", 1.0: "float?", True: "bool?", (1, 2): "tuple", None: "none"}
print(e, {**{"x": 1}, **{"y": 2}}, {"a": 1} | {"b": 2})
print(dict.fromkeys("ab", 0), d == dict(d), {} == {}, list({3: 1, 1: 2}))
