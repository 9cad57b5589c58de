"""copy: copy and deepcopy (memo dict, __copy__/__deepcopy__, __reduce_ex__ not used:
instances are copied through their class and __dict__)."""


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, bytes, type, range, type(len), type(lambda: 0), type(Ellipsis),
           type(NotImplemented), property)


_IMMUTABLE = (int, float, str, bytes, frozenset)


def copy(x):
    cls = type(x)
    if cls in _atomic or isinstance(x, type):
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is tuple or cls is frozenset:
        return x
    cp = getattr(cls, '__copy__', None)
    if cp is not None:
        return cp(x)
    return _reconstruct(x, None)


def _reconstruct(x, memo):
    cls = type(x)
    if hasattr(x, '__getnewargs__'):
        y = cls.__new__(cls, *x.__getnewargs__())
    elif isinstance(x, tuple):
        y = cls(*x) if hasattr(cls, '_fields') else cls(x)
        return y
    elif isinstance(x, _IMMUTABLE) and not isinstance(x, bool):
        # A subclass of int, str...: made from its builtin value, as copyreg does.
        base = [b for b in cls.__mro__ if b in _IMMUTABLE][0]
        y = cls.__new__(cls, str.__str__(x) if base is str else base.__new__(base, x))
    else:
        y = object.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    if hasattr(x, '__getstate__') and not isinstance(x, BaseException):
        state = x.__getstate__()
    else:
        state = x.__dict__
    if memo is not None:
        state = deepcopy(state, memo)
    if hasattr(y, '__setstate__'):
        y.__setstate__(state)
    elif state:
        if isinstance(state, tuple) and len(state) == 2:
            state, slots = state
            if slots:
                for k, v in slots.items():
                    setattr(y, k, v)
        if state:
            for k, v in state.items():
                object.__setattr__(y, k, v)
    if isinstance(x, BaseException):
        y.args = x.args if memo is None else deepcopy(x.args, memo)
    # A list/dict/set subclass's items, added through its own methods (CPython's order:
    # state first, then the items).
    if isinstance(x, list):
        for item in list.copy(x):
            y.append(item if memo is None else deepcopy(item, memo))
    elif isinstance(x, dict):
        for k, v in dict.items(x):
            y[k] = v if memo is None else deepcopy(v, memo)
    elif isinstance(x, set):
        for item in set.copy(x):
            set.add(y, item if memo is None else deepcopy(item, memo))
    return y


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic or isinstance(x, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is tuple:
        y = tuple(deepcopy(a, memo) for a in x)
        if d in memo:
            return memo[d]
        same = True
        for a, b in zip(x, y):
            if a is not b:
                same = False
                break
        if same:
            y = x
    elif cls is set:
        y = set(deepcopy(a, memo) for a in x)
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    else:
        dc = getattr(cls, '__deepcopy__', None)
        if dc is not None:
            y = dc(x, memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def replace(obj, /, **changes):
    f = getattr(type(obj), '__replace__', None)
    if f is None:
        raise TypeError('replace() does not support ' + type(obj).__name__ + ' objects')
    return f(obj, **changes)
