import weakref, gc
class Obj:
    def __init__(self, n): self.n = n
    def __repr__(self): return 'Obj(%d)' % self.n
o = Obj(1)
r = weakref.ref(o)
print(r() is o, r().n)
del o
gc.collect()
print(r())
try: weakref.ref(5)
except TypeError as e: print(e)
cache = weakref.WeakValueDictionary()
a, b = Obj(2), Obj(3)
cache['a'] = a; cache['b'] = b
print(sorted(cache.keys()), cache['a'], 'b' in cache, len(cache))
del b
print(sorted(cache.keys()), 'b' in cache, cache.get('b', 'gone'), len(cache))
ws = weakref.WeakSet()
x, y = Obj(4), Obj(5)
ws.add(x); ws.add(y)
print(len(ws), x in ws)
del x
print(len(ws), sorted(o.n for o in ws))
def done(name): print('finalized', name)
z = Obj(6)
f = weakref.finalize(z, done, 'z')
print(f.alive)
f()
print(f.alive)
w = Obj(7)
f2 = weakref.finalize(w, done, 'at exit')
p = weakref.proxy(y)
print(p.n)
import statistics as st
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data), st.pstdev(data), st.pvariance(data), st.variance(data))
print(st.mean([1, 2, 3, 4]), st.mean([1.5, 2.5]), st.median([3, 1, 2]), st.median_low([1, 2, 3, 4]), st.median_high([1, 2, 3, 4]))
print(st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.variance([1, 2, 3, 4, 5]), st.fmean([1, 2, 3]), st.multimode('aabbbcccc d'))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n=4), st.harmonic_mean([40, 60]), st.geometric_mean([54, 24, 36]))
try: st.mean([])
except st.StatisticsError as e: print(e)
try: st.stdev([1])
except st.StatisticsError as e: print(e)
print('end')
