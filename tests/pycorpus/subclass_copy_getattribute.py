# Builtin subclasses through copy/deepcopy and json, int subclasses as indexes, and
# __getattribute__ (object's and super()'s, the __getattr__ fallback, inherited).
import copy, json
class SL(list):
    pass
class D(dict):
    pass
s = SL([1, [2]])
c = copy.copy(s); dc = copy.deepcopy(s)
print(type(c).__name__, c, type(dc).__name__, dc, dc[1] is s[1])
print(json.dumps(D(a=1, b=[SL([1])])), json.dumps(SL([1, 2])))
class G:
    def __getattribute__(self, name):
        if name == "magic":
            return 42
        return object.__getattribute__(self, name)
g = G(); g.x = 1
print(g.magic, g.x)
class I(int):
    pass
class St(str):
    def __str__(self):
        return "custom"
class Se(set):
    pass
class Dd(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
print(["a", "b", "c"][I(1)], "xyz"[I(2)], (1, 2)[I(0)], copy.copy(I(5)), type(copy.copy(I(5))).__name__, repr(copy.deepcopy(St("q"))), copy.copy(Se({1})), copy.copy(Dd(a=1)))
lst = SL([1]); lst.tag = "t"; c2 = copy.copy(lst)
print(c2.tag, c2)
class G:
    def __getattribute__(self, name):
        if name == "magic":
            return 42
        return object.__getattribute__(self, name)
g = G(); g.x = 1
print(g.magic, g.x)
class Logged:
    def __init__(self):
        self.log = []
        self.v = 5
    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(name)
        return super().__getattribute__(name)
    def meth(self):
        return self.v
l = Logged()
print(l.v, l.meth(), l.log)
class Fallback:
    def __getattribute__(self, name):
        raise AttributeError(name)
    def __getattr__(self, name):
        return "fallback " + name
print(Fallback().anything)
class Sub(G):
    pass
print(Sub().magic)
try:
    G().missing
except AttributeError as e:
    print("AttributeError", e)
