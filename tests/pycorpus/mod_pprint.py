# pprint: CPython's layout for nested dicts/lists/tuples/sets at several widths, sorted
# and unsorted dicts, compact lists, long strings split, indent=4, pp, saferepr.
import pprint
data = {"name": "threadlab", "threads": [{"id": i, "state": "running" if i % 2 else "waiting", "locks": list(range(i))} for i in range(5)], "z": (1, 2), "a": {3, 1, 2}, "empty": {}, "t1": (5,)}
pprint.pprint(data)
pprint.pprint(data, width=40)
pprint.pprint(data, width=120, sort_dicts=False)
pprint.pprint(list(range(30)), compact=True, width=30)
pprint.pprint({"k": "a long string " * 10})
print(pprint.pformat({"b": 1, "a": 2}), pprint.saferepr({"y": [1, 2], "x": 1}), pprint.isreadable([1, "a"]))
pprint.pprint([[1, 2, 3] * 10, {"x": frozenset({3, 2, 1})}, ("a" * 50, "b" * 50)], indent=4)
pprint.pp({"b": 1, "a": [1] * 40})
