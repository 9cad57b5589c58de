"""multiprocessing.reduction (Threadlab): how objects cross between processes.

CPython pickles what it sends to another process; so does this module, in a text format
of its own (CPython's pickle bytes are not produced, and nothing else reads these). What
it can copy is what pickle copies: None, bools, ints, floats, str, bytes, tuples, lists,
dicts, sets, instances of classes defined at the top level of a module (their __dict__,
or __getstate__/__setstate__), exceptions, and functions and classes *by name*: the
receiving process finds them again by module and qualified name, so a lambda or a
function defined inside another cannot be sent. Shared references and cycles survive.
Objects with a `__reduce__` (queues, locks, shared values) say themselves how.

The format: one letter per item, then its data: N T F; i<int>; f<float>;
s<len>:<text>; b<len>:<bytes as latin-1>; l t d S z <n>; and
n items (a dict: 2n) for list, tuple, dict, set, frozenset; g<module><qualname> (two s
items) a global; o<class><state> an instance; r<callable><args><state> a reduction;
m<k>; the k-th list, dict, set or instance met before.
"""

import builtins as _builtins
import _mp


# Named as CPython's tracebacks name them (they come from its C accelerator).
class PickleError(Exception):
    __module__ = '_pickle'


class PicklingError(PickleError):
    __module__ = '_pickle'


class UnpicklingError(PickleError):
    __module__ = '_pickle'

# What each process calls its main module: the parent runs it as __main__, a child
# (spawn) as __mp_main__; a name sent from one means the other's.
_is_child = _mp.getpid() != _mp.MAIN_PID
_MAIN = '__mp_main__' if _is_child else '__main__'

def _f():
    pass


_FunctionType = type(_f)
_BuiltinType = type(len)
# Where the types come from whose objects cannot be copied (the engine's own: their
# state is not Python data).
_REFUSED = ('builtins', '_thread', '_mp', '_io', 'io', '_weakref')


def _mapping(cls, items, default_factory):
    m = cls(default_factory) if default_factory is not None else cls()
    for k, v in items:
        m[k] = v
    return m


def _module_of(obj):
    m = getattr(obj, '__module__', None)
    if m is None and isinstance(obj, _BuiltinType):
        name = getattr(obj, '__name__', None)
        if name is not None and getattr(_builtins, name, None) is obj:
            return 'builtins'
    return m


def _find(module, qualname):
    """The object `module.qualname` (AttributeError, ImportError if there is none)."""
    if module in ('__main__', '__mp_main__'):
        module = _MAIN
    obj = __import__(module)
    for part in module.split('.')[1:]:
        obj = getattr(obj, part)
    for part in qualname.split('.'):
        obj = getattr(obj, part)
    return obj


def _module_repr(module):
    if module in ('__main__', '__mp_main__'):
        try:
            return f"<module {_MAIN!r} from {__import__(_MAIN).__file__!r}>"
        except (ImportError, AttributeError):
            return f"<module {_MAIN!r}>"
    return f"<module {module!r}>"


def _save_global(obj, out):
    name = getattr(obj, '__qualname__', None) or getattr(obj, '__name__', None)
    module = _module_of(obj)
    if name is None or module is None:
        raise PicklingError(f"Can't pickle {obj!r}: it has no module and name to be found by")
    if '<locals>' in name:
        raise AttributeError(f"Can't pickle local object {name!r}")
    try:
        found = _find(module, name)
    except (ImportError, AttributeError):
        raise PicklingError(f"Can't pickle {obj!r}: attribute lookup {name} on {module} failed") from None
    if found is not obj:
        raise PicklingError(f"Can't pickle {obj!r}: it's not the same object as {module}.{name}")
    out.append('g')
    _text(module, out)
    _text(name, out)


def _text(s, out):
    out.append('s')
    out.append(str(len(s)))
    out.append(':')
    out.append(s)


class _Pickler:
    def __init__(self):
        self.out = []
        # id -> (memo index, the object: kept alive so its id is not reused).
        self.memo = {}

    def remember(self, obj):
        self.memo[id(obj)] = (len(self.memo), obj)

    def save(self, obj):
        out = self.out
        if obj is None:
            out.append('N')
            return
        t = type(obj)
        if t is bool:
            out.append('T' if obj else 'F')
        elif t is int:
            out.append('i' + str(obj) + ';')
        elif t is float:
            out.append('f' + repr(obj) + ';')
        elif t is str:
            _text(obj, out)
        elif t is bytes:
            out.append('b' + str(len(obj)) + ':' + obj.decode('latin-1'))
        else:
            seen = self.memo.get(id(obj))
            if seen is not None:
                out.append('m' + str(seen[0]) + ';')
                return
            self.save_object(obj, t)

    def save_object(self, obj, t):
        out = self.out
        if t is tuple:
            out.append('t' + str(len(obj)) + ';')
            for x in obj:
                self.save(x)
            self.remember(obj)
        elif t is list:
            self.remember(obj)
            out.append('l' + str(len(obj)) + ';')
            for x in obj:
                self.save(x)
        elif t is dict:
            self.remember(obj)
            out.append('d' + str(len(obj)) + ';')
            for k, v in obj.items():
                self.save(k)
                self.save(v)
        elif t is set or t is frozenset:
            if t is set:
                self.remember(obj)
            out.append(('S' if t is set else 'z') + str(len(obj)) + ';')
            for x in obj:
                self.save(x)
            if t is frozenset:
                self.remember(obj)
        elif isinstance(obj, type) or t is _FunctionType or t is _BuiltinType:
            _save_global(obj, out)
        elif t is range:
            self.save_reduce(range, (obj.start, obj.stop, obj.step), None, obj)
        else:
            reduce = _reducer(t)
            if reduce is not None:
                rv = reduce(obj)
                self.save_reduce(rv[0], rv[1], rv[2] if len(rv) > 2 else None, obj)
            elif isinstance(obj, BaseException):
                state = dict(obj.__dict__) if getattr(obj, '__dict__', None) else None
                self.save_reduce(t, obj.args, state, obj)
            elif isinstance(obj, dict):
                # OrderedDict, Counter, defaultdict and the learner's dict subclasses.
                items = list(obj.items())
                self.save_reduce(_mapping, (t, items, getattr(obj, 'default_factory', None)), None, obj)
            elif t.__name__ == 'deque' and t.__module__ == 'collections':
                self.save_reduce(t, (list(obj), obj.maxlen), None, obj)
            elif t.__name__ == 'method' and hasattr(obj, '__self__'):
                # A bound method: its object's attribute, found again by name.
                self.save_reduce(getattr, (obj.__self__, obj.__func__.__name__), None, obj)
            elif t.__module__ in _REFUSED:
                # Generators, modules, files, locks: what pickle refuses too.
                raise TypeError(f"cannot pickle '{_type_name(t)}' object")
            else:
                self.save_instance(obj, t)

    def save_reduce(self, func, args, state, obj):
        self.out.append('r')
        self.save(func)
        self.save(tuple(args))
        self.remember(obj)
        self.save(state)

    def save_instance(self, obj, t):
        getstate = getattr(obj, '__getstate__', None)
        if getstate is not None and _defined_by_user(t, '__getstate__'):
            state = getstate()
        else:
            state = getattr(obj, '__dict__', None)
            if state is None:
                raise TypeError(f"cannot pickle '{t.__name__}' object")
        self.out.append('o')
        self.save(t)
        self.remember(obj)
        self.save(state)


def _type_name(t):
    m = t.__module__
    return t.__name__ if m in ('builtins', None) else f'{m}.{t.__name__}'


def _defined_by_user(t, name):
    for k in t.__mro__:
        if k is object:
            return False
        if name in k.__dict__:
            return True
    return False


def _reducer(t):
    for k in t.__mro__:
        if k is object or k is BaseException:
            return None
        f = k.__dict__.get('__reduce__')
        if f is not None:
            return f
    return None


def dumps(obj):
    """obj as text another process can rebuild (see the module comment)."""
    p = _Pickler()
    p.save(obj)
    return ''.join(p.out)


class _Unpickler:
    def __init__(self, s):
        self.s = s
        self.pos = 0
        self.memo = []

    def number(self, end):
        j = self.s.index(end, self.pos)
        text = self.s[self.pos:j]
        self.pos = j + 1
        return text

    def chunk(self):
        n = int(self.number(':'))
        text = self.s[self.pos:self.pos + n]
        self.pos += n
        return text

    def load(self):
        tag = self.s[self.pos]
        self.pos += 1
        if tag == 'N':
            return None
        if tag == 'T':
            return True
        if tag == 'F':
            return False
        if tag == 'i':
            return int(self.number(';'))
        if tag == 's':
            return self.chunk()
        if tag == 'm':
            return self.memo[int(self.number(';'))]
        if tag == 'f':
            return float(self.number(';'))
        if tag == 'b':
            return self.chunk().encode('latin-1')
        if tag == 't':
            n = int(self.number(';'))
            obj = tuple([self.load() for _ in range(n)])
            self.memo.append(obj)
            return obj
        if tag == 'l':
            obj = []
            self.memo.append(obj)
            n = int(self.number(';'))
            for _ in range(n):
                obj.append(self.load())
            return obj
        if tag == 'd':
            obj = {}
            self.memo.append(obj)
            n = int(self.number(';'))
            for _ in range(n):
                k = self.load()
                obj[k] = self.load()
            return obj
        if tag == 'S':
            obj = set()
            self.memo.append(obj)
            n = int(self.number(';'))
            for _ in range(n):
                obj.add(self.load())
            return obj
        if tag == 'z':
            n = int(self.number(';'))
            obj = frozenset([self.load() for _ in range(n)])
            self.memo.append(obj)
            return obj
        if tag == 'g':
            module = self.load()
            name = self.load()
            try:
                return _find(module, name)
            except (ImportError, AttributeError):
                raise AttributeError(f"Can't get attribute {name!r} on {_module_repr(module)}") from None
        if tag == 'o':
            cls = self.load()
            obj = cls.__new__(cls)
            self.memo.append(obj)
            self.set_state(obj, self.load())
            return obj
        if tag == 'r':
            func = self.load()
            args = self.load()
            obj = func(*args)
            self.memo.append(obj)
            state = self.load()
            if state is not None:
                self.set_state(obj, state)
            return obj
        raise UnpicklingError(f'invalid load key, {tag!r}.')

    def set_state(self, obj, state):
        setstate = getattr(obj, '__setstate__', None)
        if setstate is not None and _defined_by_user(type(obj), '__setstate__'):
            setstate(state)
        else:
            # (The engine's __dict__ is a copy, so attributes are set one by one.)
            for k, v in state.items():
                setattr(obj, k, v)


def loads(s):
    """The object `dumps` made `s` from, rebuilt in this process."""
    return _Unpickler(s).load()


class ForkingPickler:
    """CPython's name for the pickler multiprocessing uses: dumps and loads (our text,
    not pickle bytes)."""

    @classmethod
    def dumps(cls, obj, protocol=None):
        return dumps(obj)

    loads = staticmethod(loads)
