import array
from collections.abc import Iterable, Iterator, Sequence, Mapping, MutableMapping, Sized, Hashable, Callable
from abc import ABC


a = array.array('d', [1.0, 2.5])
a.append(3)
a.extend([4, 5.5])
print(a, a[1], a[1:3], len(a), a.typecode, a.itemsize, a.tolist(), 2.5 in a)
b = array.array('i', range(5))
b[0] = 10
b.reverse()
print(b, b * 2, b + array.array('i', [7]), b.index(3), b.count(1), b.pop(), b, array.array('b'))
for bad in [lambda: array.array('x'), lambda: array.array('b', [300]), lambda: array.array('i', [1.5]), lambda: b.append('s')]:
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(isinstance([], Iterable), isinstance(iter([]), Iterator), isinstance([], Iterator), isinstance({}, Mapping))
print(isinstance((1,), Sequence), isinstance({}, Sequence), isinstance('s', Sized), isinstance(len, Callable), isinstance([], Hashable))


class Bag:
    def __init__(self):
        self.items = [1, 2]

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


class Counter(Iterator):
    def __init__(self):
        self.n = 0

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


print(isinstance(Bag(), Iterable), isinstance(Bag(), Sized), issubclass(Bag, Iterable), isinstance(Bag(), Iterator), list(Counter()))


class Store(MutableMapping):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


s = Store()
s['a'] = 1
s.update(b=2)
print(s.get('a'), s.get('z', 0), 'b' in s, sorted(s.keys()), s.pop('a'), len(s), s.setdefault('c', 3), isinstance(s, Mapping))


class Plugin(ABC):
    pass


class Outside:
    pass


Plugin.register(Outside)
print(isinstance(Outside(), Plugin), issubclass(Outside, Plugin), issubclass(int, Plugin))
x = [1, 2]
print(x == x, [x] == [x], {'k': x} == {'k': x})
