from _collections import deque


class defaultdict:
    def __init__(self, default_factory=None, *args, **kwargs):
        self.default_factory = default_factory
        self._d = dict(*args, **kwargs)

    def __getitem__(self, key):
        if key in self._d:
            return self._d[key]
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __eq__(self, other):
        if isinstance(other, defaultdict):
            return self._d == other._d
        return self._d == other

    def get(self, key, default=None):
        return self._d.get(key, default)

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)

    def update(self, *args, **kwargs):
        self._d.update(*args, **kwargs)

    def clear(self):
        self._d.clear()

    def copy(self):
        return defaultdict(self.default_factory, self._d)

    def __repr__(self):
        if self.default_factory is None:
            f = 'None'
        elif hasattr(self.default_factory, '__qualname__') and isinstance(self.default_factory, type):
            f = repr(self.default_factory)
        else:
            f = repr(self.default_factory)
        return 'defaultdict(' + f + ', ' + repr(self._d) + ')'


class Counter:
    def __init__(self, iterable=None, **kwargs):
        self._d = {}
        self.update(iterable, **kwargs)

    def update(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, Counter)):
                for k, v in iterable.items():
                    self._d[k] = self._d.get(k, 0) + v
            else:
                for k in iterable:
                    self._d[k] = self._d.get(k, 0) + 1
        for k, v in kwargs.items():
            self._d[k] = self._d.get(k, 0) + v

    def subtract(self, iterable=None, **kwargs):
        if iterable is not None:
            if isinstance(iterable, (dict, Counter)):
                for k, v in iterable.items():
                    self._d[k] = self._d.get(k, 0) - v
            else:
                for k in iterable:
                    self._d[k] = self._d.get(k, 0) - 1
        for k, v in kwargs.items():
            self._d[k] = self._d.get(k, 0) - v

    def __getitem__(self, key):
        return self._d.get(key, 0)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        if key in self._d:
            del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __eq__(self, other):
        if isinstance(other, Counter):
            return self._d == other._d
        return self._d == other

    def get(self, key, default=None):
        return self._d.get(key, default)

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def total(self):
        return sum(self._d.values())

    def elements(self):
        for k, v in self._d.items():
            for _ in range(v):
                yield k

    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n]

    def __add__(self, other):
        result = Counter()
        for k, v in self._d.items():
            newv = v + other[k]
            if newv > 0:
                result[k] = newv
        for k, v in other.items():
            if k not in self._d and v > 0:
                result[k] = v
        return result

    def __sub__(self, other):
        result = Counter()
        for k, v in self._d.items():
            newv = v - other[k]
            if newv > 0:
                result[k] = newv
        return result

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        items = ', '.join(repr(k) + ': ' + repr(v) for k, v in self.most_common())
        return 'Counter({' + items + '})'


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(map(str, field_names))
    defaults = tuple(defaults) if defaults is not None else ()
    if len(defaults) > len(fields):
        raise TypeError('Got more default values than field names')
    field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))
    n_required = len(fields) - len(defaults)

    class _NT:
        __slots__ = ()

        def __init__(self, *args, **kw):
            if len(args) > len(fields):
                raise TypeError(typename + '.__new__() takes ' + str(len(fields) + 1) +
                                ' positional arguments but ' + str(len(args) + 1) + ' were given')
            values = list(args)
            for k in kw:
                if k not in fields:
                    raise TypeError(typename + ".__new__() got an unexpected keyword argument '" + k + "'")
                if fields.index(k) < len(args):
                    raise TypeError(typename + ".__new__() got multiple values for argument '" + k + "'")
            missing = []
            for name in fields[len(args):]:
                if name in kw:
                    values.append(kw[name])
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    missing.append(name)
            if missing:
                q = ["'" + m + "'" for m in missing]
                names = q[0] if len(q) == 1 else (' and '.join(q) if len(q) == 2 else ', '.join(q[:-1]) + ', and ' + q[-1])
                raise TypeError(typename + '.__new__() missing ' + str(len(missing)) + ' required positional argument' +
                                ('s' if len(missing) > 1 else '') + ': ' + names)
            object.__setattr__(self, '_values', tuple(values))
            for name, value in zip(fields, values):
                object.__setattr__(self, name, value)

        def __setattr__(self, name, value):
            raise AttributeError("can't set attribute")

        def __iter__(self):
            return iter(self._values)

        def __getitem__(self, i):
            return self._values[i]

        def __len__(self):
            return len(self._values)

        def __contains__(self, x):
            return x in self._values

        def __eq__(self, other):
            if isinstance(other, tuple):
                return self._values == other
            if hasattr(other, '_values'):
                return self._values == other._values
            return NotImplemented

        def __ne__(self, other):
            r = self.__eq__(other)
            return r if r is NotImplemented else not r

        def __lt__(self, other):
            return self._values < tuple(other)

        def __le__(self, other):
            return self._values <= tuple(other)

        def __gt__(self, other):
            return self._values > tuple(other)

        def __ge__(self, other):
            return self._values >= tuple(other)

        def __add__(self, other):
            return self._values + tuple(other)

        def __hash__(self):
            return hash(self._values)

        def count(self, x):
            return self._values.count(x)

        def index(self, x, *args):
            return self._values.index(x, *args)

        def _asdict(self):
            return dict(zip(fields, self._values))

        def _replace(self, **kw):
            vals = [kw.pop(f, v) for f, v in zip(fields, self._values)]
            if kw:
                raise ValueError('Got unexpected field names: ' + repr(list(kw)))
            return self.__class__(*vals)

        @classmethod
        def _make(cls, iterable):
            return cls(*iterable)

        def __getnewargs__(self):
            return self._values

        def __repr__(self):
            return self.__class__.__name__ + '(' + ', '.join(f + '=' + repr(v) for f, v in zip(fields, self._values)) + ')'

    _NT.__name__ = typename
    _NT.__qualname__ = typename
    _NT._fields = fields
    _NT._field_defaults = field_defaults
    if module is not None:
        _NT.__module__ = module
    return _NT


class OrderedDict(defaultdict):
    def __init__(self, *args, **kwargs):
        defaultdict.__init__(self, None, *args, **kwargs)

    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            d = {key: value}
            d.update(self._d)
            self._d = d

    def popitem(self, last=True):
        if last:
            return self._d.popitem()
        k = next(iter(self._d))
        return k, self._d.pop(k)

    def __repr__(self):
        return 'OrderedDict(' + repr(list(self._d.items())) + ')'
