"""dataclasses: @dataclass, field, fields, asdict, astuple, replace, is_dataclass.

Our own implementation (no exec): the generated methods are closures over the field
list, and __init__ binds its arguments itself with CPython's TypeError wording.
Not supported: slots=True, kw_only, match_args beyond the attribute, weakref_slot
(NotImplementedError)."""

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY',
           'MISSING', 'fields', 'asdict', 'astuple', 'make_dataclass', 'replace',
           'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class _KwOnlyType:
    def __repr__(self):
        return 'KW_ONLY'


KW_ONLY = _KwOnlyType()


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        t = self.type
        name = t.__name__ if isinstance(t, type) else repr(t)
        return 'dataclasses.InitVar[' + name + ']'

    def __class_getitem__(cls, type):
        return InitVar(type)


_FIELD = 'field'
_CLASSVAR = 'classvar'
_INITVAR = 'initvar'


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash', 'init',
                 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field(name=' + repr(self.name) + ',type=' + repr(self.type) +
                ',default=' + repr(self.default) + ',default_factory=' + repr(self.default_factory) +
                ',init=' + repr(self.init) + ',repr=' + repr(self.repr) + ',hash=' + repr(self.hash) +
                ',compare=' + repr(self.compare) + ',metadata=' + repr(self.metadata) +
                ',kw_only=' + repr(self.kw_only) + ',_field_type=' + str(self._field_type) + ')')

    def __set_name__(self, owner, name):
        pass


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(tp):
    if isinstance(tp, str):
        return tp.startswith('ClassVar') or tp.startswith('typing.ClassVar')
    r = getattr(tp, '_name', None)
    return r == 'ClassVar'


def _is_initvar(tp):
    if isinstance(tp, str):
        return tp.startswith('InitVar') or tp.startswith('dataclasses.InitVar')
    return tp is InitVar or isinstance(tp, InitVar)


def _get_field(cls, name, tp):
    default = getattr(cls, name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = tp
    f._field_type = _FIELD
    if _is_classvar(tp):
        f._field_type = _CLASSVAR
    elif _is_initvar(tp):
        f._field_type = _INITVAR
    if f._field_type in (_CLASSVAR, _INITVAR) and f.default_factory is not MISSING:
        raise TypeError('field ' + name + ' cannot have a default factory')
    if f._field_type == _FIELD and f.default is not MISSING:
        d = f.default
        if type(d) in (list, dict, set):
            raise ValueError('mutable default ' + repr(type(d)) + ' for field ' + name +
                             ' is not allowed: use default_factory')
    return f


def fields(class_or_instance):
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fs.values() if f._field_type == _FIELD)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _plural(n, word):
    return word if n == 1 else word + 's'


def _names_list(names):
    q = ["'" + n + "'" for n in names]
    if len(q) == 1:
        return q[0]
    if len(q) == 2:
        return q[0] + ' and ' + q[1]
    return ', '.join(q[:-1]) + ', and ' + q[-1]


def _make_init(cls, params, frozen, has_post_init, initvar_names):
    qual = cls.__qualname__ + '.__init__'
    pos_names = [f.name for f in params if not f.kw_only]
    kw_names = [f.name for f in params if f.kw_only]
    by_name = {f.name: f for f in params}
    n_required = len([f for f in params if not f.kw_only and f.default is MISSING and f.default_factory is MISSING])

    def __init__(self, *args, **kwargs):
        if len(args) > len(pos_names):
            total = len(pos_names) + 1
            if n_required == len(pos_names):
                takes = str(total) + ' positional ' + _plural(total, 'argument')
            else:
                takes = 'from ' + str(n_required + 1) + ' to ' + str(total) + ' positional arguments'
            given = len(args) + 1
            raise TypeError(qual + '() takes ' + takes + ' but ' + str(given) + ' ' +
                            ('was' if given == 1 else 'were') + ' given')
        values = {}
        for i in range(len(args)):
            values[pos_names[i]] = args[i]
        for k in kwargs:
            if k not in by_name:
                raise TypeError(qual + "() got an unexpected keyword argument '" + k + "'")
            if k in values:
                raise TypeError(qual + "() got multiple values for argument '" + k + "'")
            values[k] = kwargs[k]
        missing = [n for n in pos_names if n not in values and by_name[n].default is MISSING and by_name[n].default_factory is MISSING]
        if missing:
            raise TypeError(qual + '() missing ' + str(len(missing)) + ' required positional ' +
                            _plural(len(missing), 'argument') + ': ' + _names_list(missing))
        missing = [n for n in kw_names if n not in values and by_name[n].default is MISSING and by_name[n].default_factory is MISSING]
        if missing:
            raise TypeError(qual + '() missing ' + str(len(missing)) + ' required keyword-only ' +
                            _plural(len(missing), 'argument') + ': ' + _names_list(missing))
        post = []
        for f in params:
            if f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            else:
                v = f.default
            if f._field_type == _INITVAR:
                post.append(v)
                continue
            if frozen:
                object.__setattr__(self, f.name, v)
            else:
                setattr(self, f.name, v)
        # fields with init=False and a default
        for f in cls.__dataclass_fields__.values():
            if f._field_type == _FIELD and not f.init:
                if f.default_factory is not MISSING:
                    v = f.default_factory()
                elif f.default is not MISSING:
                    v = f.default
                else:
                    continue
                if frozen:
                    object.__setattr__(self, f.name, v)
                else:
                    setattr(self, f.name, v)
        if has_post_init:
            self.__post_init__(*post)
    return __init__


def _process_class(cls, init, repr_, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    if slots:
        raise NotImplementedError('dataclass(slots=True) is not supported')
    all_fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if b.__dict__['__dataclass_params__'].frozen:
                any_frozen_base = True
    ann = cls.__dict__.get('__annotations__', {})
    own = []
    kw_mode = kw_only
    for name, tp in ann.items():
        if tp is KW_ONLY or tp == 'KW_ONLY' or tp == 'dataclasses.KW_ONLY':
            kw_mode = True
            continue
        f = _get_field(cls, name, tp)
        if f.kw_only is MISSING:
            f.kw_only = kw_mode
        own.append(f)
    for f in own:
        all_fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field) and name not in ann:
            raise TypeError(repr(name) + ' is a field but has no type annotation')
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = _DataclassParams(init, repr_, eq, order, unsafe_hash, frozen)
    flds = [f for f in all_fields.values() if f._field_type in (_FIELD, _INITVAR)]
    params = [f for f in flds if f.init]
    if init:
        seen_default = False
        for f in params:
            if f.kw_only:
                continue
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = True
            elif seen_default:
                raise TypeError('non-default argument ' + repr(f.name) + ' follows default argument')
        initvars = [f.name for f in flds if f._field_type == _INITVAR]
        params = [f for f in params if not f.kw_only] + [f for f in params if f.kw_only]
        _set_new_attribute(cls, '__init__', _make_init(cls, params, frozen, hasattr(cls, '__post_init__'), initvars))
    real = [f for f in all_fields.values() if f._field_type == _FIELD]
    if repr_:
        rf = [f for f in real if f.repr]

        def __repr__(self):
            return (self.__class__.__qualname__ + '(' +
                    ', '.join(f.name + '=' + repr(getattr(self, f.name)) for f in rf) + ')')
        _set_new_attribute(cls, '__repr__', __repr__)
    cf = [f for f in real if f.compare]

    def astup(self):
        return tuple(getattr(self, f.name) for f in cf)
    if eq:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return astup(self) == astup(other)
            return NotImplemented
        _set_new_attribute(cls, '__eq__', __eq__)
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')

        def mk(name, op):
            def cmp(self, other):
                if other.__class__ is self.__class__:
                    return op(astup(self), astup(other))
                return NotImplemented
            cmp.__name__ = name
            return cmp
        for name, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                         ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if name in cls.__dict__:
                raise TypeError('Cannot overwrite attribute ' + name + ' in class ' +
                                cls.__name__ + '. Consider using functools.total_ordering')
            setattr(cls, name, mk(name, op))
    if frozen:
        names = set(f.name for f in all_fields.values())

        def __setattr__(self, name, value):
            if type(self) is cls or name in names:
                raise FrozenInstanceError("cannot assign to field '" + name + "'")
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in names:
                raise FrozenInstanceError("cannot delete field '" + name + "'")
            object.__delattr__(self, name)
        setattr(cls, '__setattr__', __setattr__)
        setattr(cls, '__delattr__', __delattr__)
    hf = [f for f in real if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(tuple(getattr(self, f.name) for f in hf))
    has_explicit_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class ' + cls.__name__)
        cls.__hash__ = __hash__
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = __hash__
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None
    if match_args:
        _set_new_attribute(cls, '__match_args__', tuple(f.name for f in params if not f.kw_only and f._field_type == _FIELD))
    if '__doc__' not in cls.__dict__ or cls.__dict__.get('__doc__') is None:
        try:
            cls.__doc__ = cls.__name__ + '(' + ', '.join(f.name for f in flds) + ')'
        except Exception:
            pass
    return cls


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams(init=' + repr(self.init) + ',repr=' + repr(self.repr) +
                ',eq=' + repr(self.eq) + ',order=' + repr(self.order) + ',unsafe_hash=' +
                repr(self.unsafe_hash) + ',frozen=' + repr(self.frozen) + ')')


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    try:
        value.__qualname__ = cls.__qualname__ + '.' + name
    except Exception:
        pass
    setattr(cls, name, value)
    return False


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False,
              weakref_slot=False):
    if weakref_slot:
        raise NotImplementedError('dataclass(weakref_slot=True) is not supported')

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def _asdict_inner(obj, dict_factory):
    if hasattr(type(obj), '__dataclass_fields__'):
        result = []
        for f in fields(obj):
            result.append((f.name, _asdict_inner(getattr(obj, f.name), dict_factory)))
        return dict_factory(result)
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    import copy
    return copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _astuple_inner(obj, tuple_factory):
    if hasattr(type(obj), '__dataclass_fields__'):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    import copy
    return copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type == _CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError('field ' + f.name + ' is declared with init=False, it cannot be specified with replace()')
            continue
        if f.name not in changes:
            if f._field_type == _INITVAR and f.default is MISSING:
                raise ValueError("InitVar " + repr(f.name) + ' must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kw):
    ns = dict(namespace or {})
    ann = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        ann[name] = tp
    ns['__annotations__'] = ann
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **kw)
