import json
data = {'name': 'Ada', 'langs': ['py', 'rs'], 'age': 36, 'ok': True, 'none': None, 'f': 1.5, 'u': 'é\n"q"'}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, separators=(',', ':'), ensure_ascii=False))
print(json.dumps([1, [2, {}], []], indent='\t'))
print(json.dumps({1: 'a', 2.5: 'b', None: 0, True: 1}))
class P:
    def __init__(self, x): self.x = x
print(json.dumps({'p': P(3)}, default=lambda o: o.__dict__))
try: json.dumps(P(1))
except TypeError as e: print(e)
try: json.dumps({(1, 2): 3})
except TypeError as e: print(e)
s = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "x\\u00e9\\n"}, "d": ""}'
print(json.loads(s))
print(json.loads('  [1, "two", {"three": 3}]  '), json.loads('3'), json.loads('"s"'))
for bad in ['', '[1, 2', '{"a" 1}', '{"a": 1,}', '[1,]', 'nul', '{"a": 1} x', "{'a': 1}", '"abc', '[1 2]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), '->', e, e.pos, e.lineno, e.colno)
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.5]', parse_float=str))
print(json.dumps(float('nan')), json.dumps(1e100), json.dumps(-0.0))
import os
