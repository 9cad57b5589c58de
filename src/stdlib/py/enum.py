"""enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, EnumType (EnumMeta).

Our own implementation over a metaclass. Members are made in definition order.
IntEnum/IntFlag/StrEnum members are not real int/str instances (the engine cannot
subclass builtin types): they compare, hash, format and do arithmetic like their value,
but isinstance(member, int) is False."""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag',
           'auto', 'unique', 'ReprEnum']

_auto_null = object()
_defined = False


class auto:
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return 'auto(' + repr(self.value) + ')'


def _is_dunder(name):
    return len(name) > 4 and name[:2] == '__' and name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == '_' and name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_descriptor(obj):
    return isinstance(obj, (property, classmethod, staticmethod)) or callable(obj) and not isinstance(obj, type)


def _is_private(cls_name, name):
    pattern = '_' + cls_name + '__'
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('_')


def _power_of_two(v):
    return v > 0 and (v & (v - 1)) == 0


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        boundary = kwds.pop('boundary', None)
        ignore = classdict.get('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        body = {}
        members = []
        for k, v in classdict.items():
            if k in ignore or k == '_ignore_':
                continue
            if _is_dunder(k) or _is_sunder(k) or _is_private(cls, k) or _is_descriptor(v) or isinstance(v, type):
                body[k] = v
            else:
                members.append((k, v))
        if _defined:
            for b in bases:
                if isinstance(b, EnumType) and b._member_names_:
                    raise TypeError('<enum ' + repr(cls) + '> cannot extend ' + repr(b))
        new_member = body.pop('__new__', None)
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        if new_member is None:
            for b in enum_class.__mro__[1:]:
                nm = b.__dict__.get('_new_member_')
                if nm is not None:
                    new_member = nm
                    break
        else:
            enum_class._new_member_ = new_member
        gnv = enum_class._generate_next_value_
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = gnv(name, 1, len(last_values), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(x, auto) for x in value):
                value = tuple(gnv(name, 1, len(last_values), last_values[:]) if isinstance(x, auto) else x for x in value)
            args = value if isinstance(value, tuple) else (value,)
            if new_member is not None:
                member = new_member(enum_class, *args)
                if not hasattr(member, '_value_'):
                    member._value_ = value
            else:
                member = object.__new__(enum_class)
                member._value_ = value
            member._name_ = name
            member.__objclass__ = enum_class
            for c in enum_class.__mro__[:-1]:
                if '__init__' in c.__dict__:
                    c.__dict__['__init__'](member, *args)
                    break
            value = member._value_
            last_values.append(value)
            alias = None
            for m in enum_class._member_map_.values():
                if m._value_ == value:
                    alias = m
                    break
            if alias is not None:
                enum_class._member_map_[name] = alias
                setattr(enum_class, name, alias)
                continue
            if issubclass(enum_class, Flag) and isinstance(value, int) and not _power_of_two(value) and value != 0:
                pass
            else:
                enum_class._member_names_.append(name)
            enum_class._member_map_[name] = member
            try:
                enum_class._value2member_map_[value] = member
            except TypeError:
                pass
            setattr(enum_class, name, member)
        if _defined and issubclass(enum_class, Flag):
            mask = 0
            for m in enum_class._member_map_.values():
                mask |= m._value_
            enum_class._flag_mask_ = mask
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls._lookup_(value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original = names
            names = []
            last = []
            for count, name in enumerate(original):
                v = cls._generate_next_value_(name, start, count, last[:])
                last.append(v)
                names.append((name, v))
        if isinstance(names, dict):
            names = list(names.items())
        for name, value in names:
            classdict[name] = value
        classdict['__module__'] = module if module is not None else '__main__'
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict)

    def __contains__(cls, member):
        if isinstance(member, cls):
            return True
        return member in cls._value2member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

    def __reversed__(cls):
        return iter([cls._member_map_[name] for name in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __repr__(cls):
        if _defined and issubclass(cls, Flag):
            return "<flag " + repr(cls.__name__) + ">"
        return "<enum " + repr(cls.__name__) + ">"

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __bool__(cls):
        return True


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _lookup_(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError(repr(value) + ' is not a valid ' + cls.__qualname__)
        raise TypeError('error in ' + cls.__name__ + '._missing_: returned ' + repr(result) + ' instead of None or a valid member')

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return '<' + self.__class__.__name__ + '.' + self._name_ + ': ' + repr(self._value_) + '>'

    def __str__(self):
        return self.__class__.__name__ + '.' + self._name_

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_


class ReprEnum(Enum):
    pass


class _IntLike:
    """Arithmetic and comparisons of an int-valued member, done on its value."""

    def __int__(self):
        return int(self._value_)

    def __index__(self):
        return int(self._value_)

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __lt__(self, other):
        return self._value_ < int(other)

    def __le__(self, other):
        return self._value_ <= int(other)

    def __gt__(self, other):
        return self._value_ > int(other)

    def __ge__(self, other):
        return self._value_ >= int(other)

    def __hash__(self):
        return hash(self._value_)

    def __add__(self, o): return self._value_ + int(o)
    def __radd__(self, o): return int(o) + self._value_
    def __sub__(self, o): return self._value_ - int(o)
    def __rsub__(self, o): return int(o) - self._value_
    def __mul__(self, o): return self._value_ * o
    def __rmul__(self, o): return o * self._value_
    def __floordiv__(self, o): return self._value_ // int(o)
    def __truediv__(self, o): return self._value_ / o
    def __mod__(self, o): return self._value_ % int(o)
    def __pow__(self, o): return self._value_ ** o
    def __neg__(self): return -self._value_
    def __pos__(self): return +self._value_
    def __abs__(self): return abs(self._value_)

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


class IntEnum(_IntLike, ReprEnum):
    pass


class StrEnum(ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return str(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)

    def __hash__(self):
        return hash(self._value_)

    def __add__(self, o):
        return self._value_ + str(o)

    def __radd__(self, o):
        return str(o) + self._value_

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return getattr(self._value_, name)


class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = 0
        for v in last_values:
            if v > 0:
                high = max(high, v.bit_length())
        return 2 ** high

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(repr(value) + ' is not a valid ' + cls.__qualname__)
        mask = cls._flag_mask_
        if value < 0:
            value = value & mask if value & mask else max(mask, 0) + 1 + value
        if value & ~mask:
            raise ValueError(repr(value) + ' is not a valid ' + cls.__qualname__)
        member = object.__new__(cls)
        member._value_ = value
        names = [m._name_ for m in cls._decompose(value)]
        member._name_ = '|'.join(names) if names else None
        cls._value2member_map_[value] = member
        return member

    @classmethod
    def _decompose(cls, value):
        out = []
        for name in cls._member_names_:
            m = cls._member_map_[name]
            if m._value_ and m._value_ & value == m._value_:
                out.append(m)
        return out

    def __iter__(self):
        return iter(self.__class__._decompose(self._value_))

    def __len__(self):
        return len(self.__class__._decompose(self._value_))

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': '" + type(other).__qualname__ +
                            "' and '" + self.__class__.__qualname__ + "'")
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        if self._name_ is None:
            return '<' + self.__class__.__name__ + ': ' + repr(self._value_) + '>'
        return '<' + self.__class__.__name__ + '.' + self._name_ + ': ' + repr(self._value_) + '>'

    def __str__(self):
        if self._name_ is None:
            return self.__class__.__name__ + '(' + repr(self._value_) + ')'
        return self.__class__.__name__ + '.' + self._name_

    def _get_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if isinstance(self, _IntLike) and isinstance(other, int):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._get_value(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ & ~self._value_)


class IntFlag(_IntLike, Flag):
    def __or__(self, other):
        if isinstance(other, int) and not isinstance(other, Enum):
            v = self._value_ | other
            try:
                return self.__class__(v)
            except ValueError:
                return v
        return Flag.__or__(self, other)

    __ror__ = __or__

    def __repr__(self):
        return Flag.__repr__(self)

    def __str__(self):
        return str(self._value_)


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member._name_:
            duplicates.append((name, member._name_))
    if duplicates:
        alias_details = ', '.join([a + ' -> ' + b for a, b in duplicates])
        raise ValueError('duplicate values found in ' + repr(enumeration) + ': ' + alias_details)
    return enumeration


def verify(*checks):
    raise NotImplementedError('enum.verify is not supported')


_defined = True
