"""typing: the names annotations use, so that annotations evaluate and classes using
Generic/Protocol/NamedTuple/TypedDict work. Nothing is checked at run time (as in
CPython); aliases print like CPython's (typing.List[int], typing.Optional[str]).
Generic[T] is a plain base class here; C[int] gives an alias that calls C."""

import collections


TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    if obj is ...:
        return '...'
    if isinstance(obj, type(_type_repr)):
        return obj.__name__
    return repr(obj)


class _Final:
    pass


class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else ('-' if self.__contravariant__ else '~')
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


class ParamSpec(TypeVar):
    pass


class TypeVarTuple(TypeVar):
    pass


class _GenericAlias(_Final):
    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        if not isinstance(args, tuple):
            args = (args,)
        self.__args__ = args
        self._name = name

    def __repr__(self):
        if self._name:
            head = 'typing.' + self._name
        else:
            head = _type_repr(self.__origin__)
        if self._name == 'Callable' and len(self.__args__) >= 1:
            params = self.__args__[:-1]
            if len(params) == 1 and params[0] is ...:
                ps = '...'
            else:
                ps = '[' + ', '.join(_type_repr(a) for a in params) + ']'
            return head + '[' + ps + ', ' + _type_repr(self.__args__[-1]) + ']'
        if not self.__args__:
            return head + '[()]'
        return head + '[' + ', '.join(_type_repr(a) for a in self.__args__) + ']'

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if isinstance(origin, _SpecialForm):
            raise TypeError('Type ' + repr(self) + ' cannot be instantiated')
        r = origin(*args, **kwargs)
        try:
            r.__orig_class__ = self
        except Exception:
            pass
        return r

    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params if isinstance(params, tuple) else (params,), self._name)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')


class _UnionAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return 'typing.Optional[' + _type_repr(other) + ']'
        return 'typing.Union[' + ', '.join(_type_repr(a) for a in args) + ']'

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(repr(self) + ' is not subscriptable')
        return self._getitem(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError('Cannot instantiate ' + repr(self))

    def __or__(self, other):
        return Union[self, other]


def _union(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _UnionAlias):
            for q in p.__args__:
                if q not in flat:
                    flat.append(q)
        elif p not in flat:
            flat.append(p)
    if len(flat) == 1:
        return flat[0]
    return _UnionAlias(Union, tuple(flat), 'Union')


def _optional(self, param):
    return _union(self, (param, None))


def _plain(self, params):
    return _GenericAlias(self, params, self._name)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
ClassVar = _SpecialForm('ClassVar', _plain)
Final = _SpecialForm('Final', _plain)
Literal = _SpecialForm('Literal', _plain)
Annotated = _SpecialForm('Annotated', _plain)
TypeGuard = _SpecialForm('TypeGuard', _plain)
Concatenate = _SpecialForm('Concatenate', _plain)
Unpack = _SpecialForm('Unpack', _plain)
Required = _SpecialForm('Required', _plain)
NotRequired = _SpecialForm('NotRequired', _plain)
TypeAlias = _SpecialForm('TypeAlias')


class _SpecialGeneric(_Final):
    """List, Dict, Callable, ...: subscriptable names for builtin or abstract types."""

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == 'Callable' and len(params) == 2 and isinstance(params[0], list):
            params = tuple(params[0]) + (params[1],)
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None or isinstance(self.__origin__, str):
            raise TypeError('Type ' + self._name + ' cannot be instantiated')
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __or__(self, other):
        return Union[self, other]


List = _SpecialGeneric(list, 'List')
Dict = _SpecialGeneric(dict, 'Dict')
Set = _SpecialGeneric(set, 'Set')
FrozenSet = _SpecialGeneric(frozenset, 'FrozenSet')
Tuple = _SpecialGeneric(tuple, 'Tuple')
Type = _SpecialGeneric(type, 'Type')
DefaultDict = _SpecialGeneric(collections.defaultdict, 'DefaultDict')
OrderedDict = _SpecialGeneric(collections.OrderedDict, 'OrderedDict')
Counter = _SpecialGeneric(collections.Counter, 'Counter')
Deque = _SpecialGeneric(collections.deque, 'Deque')
Callable = _SpecialGeneric('Callable', 'Callable')
Iterable = _SpecialGeneric('Iterable', 'Iterable')
Iterator = _SpecialGeneric('Iterator', 'Iterator')
Generator = _SpecialGeneric('Generator', 'Generator')
Sequence = _SpecialGeneric('Sequence', 'Sequence')
MutableSequence = _SpecialGeneric('MutableSequence', 'MutableSequence')
Mapping = _SpecialGeneric('Mapping', 'Mapping')
MutableMapping = _SpecialGeneric('MutableMapping', 'MutableMapping')
AbstractSet = _SpecialGeneric('AbstractSet', 'AbstractSet')
MutableSet = _SpecialGeneric('MutableSet', 'MutableSet')
Collection = _SpecialGeneric('Collection', 'Collection')
Container = _SpecialGeneric('Container', 'Container')
Hashable = _SpecialGeneric('Hashable', 'Hashable')
Sized = _SpecialGeneric('Sized', 'Sized')
Reversible = _SpecialGeneric('Reversible', 'Reversible')
Awaitable = _SpecialGeneric('Awaitable', 'Awaitable')
Coroutine = _SpecialGeneric('Coroutine', 'Coroutine')
AsyncIterator = _SpecialGeneric('AsyncIterator', 'AsyncIterator')
AsyncIterable = _SpecialGeneric('AsyncIterable', 'AsyncIterable')
ContextManager = _SpecialGeneric('ContextManager', 'ContextManager')
KeysView = _SpecialGeneric('KeysView', 'KeysView')
ValuesView = _SpecialGeneric('ValuesView', 'ValuesView')
ItemsView = _SpecialGeneric('ItemsView', 'ItemsView')
Pattern = _SpecialGeneric('Pattern', 'Pattern')
Match = _SpecialGeneric('Match', 'Match')
Text = str
AnyStr = TypeVar('AnyStr', bytes, str)
SupportsInt = _SpecialGeneric('SupportsInt', 'SupportsInt')
SupportsFloat = _SpecialGeneric('SupportsFloat', 'SupportsFloat')
SupportsIndex = _SpecialGeneric('SupportsIndex', 'SupportsIndex')
SupportsAbs = _SpecialGeneric('SupportsAbs', 'SupportsAbs')


class Generic:
    """Base of generic classes: C(Generic[T]) subclasses Generic; C[int] is an alias."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params if isinstance(params, tuple) else (params,))


class Protocol(Generic):
    __slots__ = ()

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if Protocol in cls.__bases__:
            cls._is_protocol = True

            def _no_init(self, *a, **k):
                if type(self)._is_protocol:
                    raise TypeError('Protocols cannot be instantiated')
            if '__init__' not in cls.__dict__:
                cls.__init__ = _no_init
        else:
            cls._is_protocol = False


def runtime_checkable(cls):
    return cls


def _fields_of(ns):
    return list(ns.get('__annotations__', {}).items())


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if not ns.get('_root', False) and bases and bases[0] is not object:
            fields = _fields_of(ns)
            names = [n for n, t in fields]
            defaults = [ns[n] for n in names if n in ns]
            for i, n in enumerate(names):
                if n not in ns and any(m in ns for m in names[:i]):
                    raise TypeError('Non-default namedtuple field ' + n + ' cannot follow default field' +
                                    ('s' if len([m for m in names[:i] if m in ns]) > 1 else '') + ' ' +
                                    ', '.join(m for m in names[:i] if m in ns))
            nt = collections.namedtuple(typename, names, defaults=defaults, module=ns.get('__module__'))
            nt.__annotations__ = dict(fields)
            for k, v in ns.items():
                if k in ('__module__', '__qualname__', '__annotations__') or k in names:
                    continue
                setattr(nt, k, v)
            if '__qualname__' in ns:
                nt.__qualname__ = ns['__qualname__']
            return nt
        return super().__new__(mcls, typename, bases, ns)

    def __call__(cls, typename=None, fields=None, /, **kwargs):
        if cls is NamedTuple:
            if fields is None:
                fields = list(kwargs.items())
            nt = collections.namedtuple(typename, [n for n, t in fields])
            nt.__annotations__ = dict(fields)
            return nt
        return super().__call__(typename, fields, **kwargs)


class NamedTuple(metaclass=_NamedTupleMeta):
    _root = True


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        ann = {}
        for b in bases:
            ann.update(getattr(b, '__annotations__', {}))
        ann.update(ns.get('__annotations__', {}))
        ns['__annotations__'] = ann
        cls = super().__new__(mcls, name, bases, ns)
        cls.__total__ = total
        keys = set(ann)
        cls.__required_keys__ = frozenset(keys) if total else frozenset()
        cls.__optional_keys__ = frozenset() if total else frozenset(keys)
        return cls

    def __call__(cls, *args, **kwargs):
        if cls is TypedDict:
            name = args[0]
            fields = args[1] if len(args) > 1 else kwargs
            return _TypedDictMeta(name, (TypedDict,), {'__annotations__': dict(fields)})
        return dict(*args, **kwargs)

    def __instancecheck__(cls, obj):
        raise TypeError('TypedDict does not support instance and class checks')


class TypedDict(metaclass=_TypedDictMeta):
    pass


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


def cast(typ, val):
    return val


def assert_type(val, typ):
    return val


def assert_never(arg):
    raise AssertionError('Expected code to be unreachable, but got: ' + repr(arg))


def reveal_type(obj):
    import sys
    print('Runtime type is ' + repr(type(obj).__name__), file=sys.stderr)
    return obj


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError('You should not call an overloaded function. '
                                  'A series of @typing.overload-decorated functions '
                                  'outside a stub module should always be followed '
                                  'by an implementation that is not @typing.overload-decorated.')
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _SpecialGeneric)):
        return tp.__origin__ if not isinstance(tp.__origin__, str) else None
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        args = tp.__args__
        if tp._name == 'Callable' and args:
            return (list(args[:-1]), args[-1])
        return args
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            for k, v in ann.items():
                hints[k] = _eval_hint(v, globalns, localns)
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        raise NotImplementedError('typing.get_type_hints: function annotations are not supported')
    for k, v in ann.items():
        hints[k] = _eval_hint(v, globalns, localns)
    return hints


def _eval_hint(v, globalns, localns):
    if v is None:
        return type(None)
    if isinstance(v, str):
        raise NotImplementedError('typing.get_type_hints: string annotations are not evaluated (no eval)')
    return v
