"""collections.abc: the container ABCs. isinstance/issubclass answer through
abc.ABCMeta: the builtin types are registered, and classes defining the right methods
count (__subclasshook__), as in CPython. The mixin methods are provided for Sequence,
Mapping, MutableMapping, Set, MutableSequence."""

from abc import ABCMeta, abstractmethod


def _has(C, *methods):
    for m in methods:
        found = False
        for B in getattr(C, '__mro__', (C,)):
            if m in B.__dict__:
                if B.__dict__[m] is None:
                    return NotImplemented
                found = True
                break
        if not found:
            return NotImplemented
    return True


class Hashable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__hash__') if cls is Hashable else NotImplemented


class Iterable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__iter__') if cls is Iterable else NotImplemented


class Iterator(Iterable):
    def __iter__(self):
        return self

    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__iter__', '__next__') if cls is Iterator else NotImplemented


class Reversible(Iterable):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__reversed__', '__iter__') if cls is Reversible else NotImplemented


class Generator(Iterator):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__iter__', '__next__', 'send', 'throw', 'close') if cls is Generator else NotImplemented


class Sized(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__len__') if cls is Sized else NotImplemented


class Container(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__contains__') if cls is Container else NotImplemented


class Collection(Sized, Iterable, Container):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__len__', '__iter__', '__contains__') if cls is Collection else NotImplemented


class Callable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, '__call__') if cls is Callable else NotImplemented


class Sequence(Reversible, Collection):
    def __iter__(self):
        i = 0
        try:
            while True:
                v = self[i]
                yield v
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    def append(self, value):
        self.insert(len(self), value)

    def extend(self, values):
        for v in values:
            self.append(v)

    def pop(self, index=-1):
        v = self[index]
        del self[index]
        return v

    def remove(self, value):
        del self[self.index(value)]

    def reverse(self):
        n = len(self)
        for i in range(n // 2):
            self[i], self[n - i - 1] = self[n - i - 1], self[i]

    def clear(self):
        try:
            while True:
                self.pop()
        except IndexError:
            pass

    def __iadd__(self, values):
        self.extend(values)
        return self


class ByteString(Sequence):
    pass


class Set(Collection):
    def __le__(self, other):
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        return len(self) < len(other) and self.__le__(other)

    def __ge__(self, other):
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __gt__(self, other):
        return len(self) > len(other) and self.__ge__(other)

    def __eq__(self, other):
        return len(self) == len(other) and self.__le__(other)

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True


class MutableSet(Set):
    def remove(self, value):
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        it = iter(self)
        try:
            value = next(it)
        except StopIteration:
            raise KeyError from None
        self.discard(value)
        return value

    def clear(self):
        try:
            while True:
                self.pop()
        except KeyError:
            pass


class Mapping(Collection):
    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def __eq__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        return dict(self.items()) == dict(other.items())


class MutableMapping(Mapping):
    _marker = object()

    def pop(self, key, default=_marker):
        try:
            value = self[key]
        except KeyError:
            if default is self._marker:
                raise
            return default
        del self[key]
        return value

    def popitem(self):
        try:
            key = next(iter(self))
        except StopIteration:
            raise KeyError from None
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    def update(self, other=(), /, **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


class MappingView(Sized):
    pass


class KeysView(MappingView, Set):
    pass


class ItemsView(MappingView, Set):
    pass


class ValuesView(MappingView, Collection):
    pass


class Awaitable(metaclass=ABCMeta):
    pass


class Coroutine(Awaitable):
    pass


class AsyncIterable(metaclass=ABCMeta):
    pass


class AsyncIterator(AsyncIterable):
    pass


class AsyncGenerator(AsyncIterator):
    pass


def _gen():
    yield


for _t in (int, float, str, bytes, tuple, frozenset, type(None), bool, range, type):
    Hashable.register(_t)
for _t in (list, tuple, str, bytes, range, dict, set, frozenset):
    Iterable.register(_t)
    Sized.register(_t)
    Container.register(_t)
    Collection.register(_t)
for _t in (tuple, str, range, bytes):
    Sequence.register(_t)
    Reversible.register(_t)
Reversible.register(list)
Reversible.register(dict)
MutableSequence.register(list)
Set.register(frozenset)
MutableSet.register(set)
Mapping.register(dict)
MutableMapping.register(dict)
ByteString.register(bytes)
Iterator.register(type(iter([])))
Iterator.register(type(_gen()))
Generator.register(type(_gen()))
Callable.register(type(len))
Callable.register(type(_gen))
Callable.register(type)
