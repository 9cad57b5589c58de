"""weakref: ref, proxy (attribute forwarding), WeakValueDictionary, WeakKeyDictionary,
WeakSet, finalize, getweakrefcount. Objects are freed by reference counting as soon as
the last strong reference goes, so ref() turns None then (cycles are never freed).
Not supported: callbacks passed to ref() (NotImplementedError); finalize callbacks run
when called, detached or at exit, not at the moment the object is freed."""

import _weakref
import atexit as _atexit


class ReferenceType:
    __slots__ = ('_h', '_hash', '__callback__')

    def __init__(self, ob, callback=None):
        if callback is not None:
            raise NotImplementedError('weakref.ref: callbacks are not supported')
        self._h = _weakref.handle(ob)
        self._hash = None
        self.__callback__ = None

    def __call__(self):
        return _weakref.get(self._h)

    def __hash__(self):
        if self._hash is None:
            ob = self()
            if ob is None:
                raise TypeError('weak object has gone away')
            self._hash = hash(ob)
        return self._hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = self()
        b = other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __repr__(self):
        ob = self()
        if ob is None:
            return '<weakref at ' + hex(id(self)) + '; dead>'
        return ('<weakref at ' + hex(id(self)) + "; to '" + type(ob).__name__ + "' at " + hex(id(ob)) + '>')


ref = ReferenceType


def getweakrefcount(obj):
    return _weakref.getweakrefcount(obj)


class ProxyType:
    def __init__(self, ob, callback=None):
        object.__setattr__(self, '_ref', ref(ob, callback))

    def _obj(self):
        ob = object.__getattribute__(self, '_ref')()
        if ob is None:
            raise ReferenceError('weakly-referenced object no longer exists')
        return ob

    def __getattr__(self, name):
        return getattr(self._obj(), name)

    def __setattr__(self, name, value):
        setattr(self._obj(), name, value)

    def __repr__(self):
        return '<weakproxy at ' + hex(id(self)) + ">"


def proxy(ob, callback=None):
    return ProxyType(ob, callback)


class WeakValueDictionary:
    def __init__(self, other=(), /, **kw):
        self.data = {}
        self.update(other, **kw)

    def _live(self):
        dead = [k for k, r in self.data.items() if r() is None]
        for k in dead:
            del self.data[k]

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            del self.data[key]
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = ref(value)

    def __delitem__(self, key):
        self._live()
        del self.data[key]

    def __contains__(self, key):
        r = self.data.get(key)
        return r is not None and r() is not None

    def __len__(self):
        self._live()
        return len(self.data)

    def __iter__(self):
        self._live()
        return iter(list(self.data))

    def get(self, key, default=None):
        r = self.data.get(key)
        if r is None:
            return default
        o = r()
        return default if o is None else o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def pop(self, key, *args):
        r = self.data.pop(key, None)
        o = r() if r is not None else None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def keys(self):
        self._live()
        return list(self.data)

    def values(self):
        return [o for o in (r() for r in list(self.data.values())) if o is not None]

    def items(self):
        out = []
        for k, r in list(self.data.items()):
            o = r()
            if o is not None:
                out.append((k, o))
        return out

    def update(self, other=(), /, **kw):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def copy(self):
        return WeakValueDictionary(self.items())

    def clear(self):
        self.data.clear()

    def __repr__(self):
        return '<WeakValueDictionary at ' + hex(id(self)) + '>'


class WeakKeyDictionary:
    def __init__(self, dict=None):
        self.data = {}
        if dict is not None:
            self.update(dict)

    def _live(self):
        dead = [k for k in self.data if k() is None]
        for k in dead:
            del self.data[k]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self._live()
        self.data[ref(key)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            r = ref(key)
        except TypeError:
            return False
        return r in self.data

    def __len__(self):
        self._live()
        return len(self.data)

    def __iter__(self):
        return iter(self.keys())

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def keys(self):
        return [o for o in (k() for k in list(self.data)) if o is not None]

    def values(self):
        self._live()
        return list(self.data.values())

    def items(self):
        out = []
        for k, v in list(self.data.items()):
            o = k()
            if o is not None:
                out.append((o, v))
        return out

    def update(self, other=(), /, **kw):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def __repr__(self):
        return '<WeakKeyDictionary at ' + hex(id(self)) + '>'


class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        if data is not None:
            for x in data:
                self.add(x)

    def _live(self):
        dead = [r for r in self.data if r() is None]
        for r in dead:
            self.data.discard(r)

    def add(self, item):
        self._live()
        self.data.add(ref(item))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        self._live()
        while True:
            r = self.data.pop()
            o = r()
            if o is not None:
                return o

    def clear(self):
        self.data.clear()

    def __contains__(self, item):
        try:
            r = ref(item)
        except TypeError:
            return False
        return r in self.data

    def __len__(self):
        self._live()
        return len(self.data)

    def __iter__(self):
        return iter([o for o in (r() for r in list(self.data)) if o is not None])

    def copy(self):
        return WeakSet(self)

    def __repr__(self):
        return '<WeakSet at ' + hex(id(self)) + '>'


class finalize:
    _registry = []
    _registered_with_atexit = False

    class _Info:
        pass

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            _atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True
        info = finalize._Info()
        info.weakref = ref(obj)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        self._info = info
        finalize._registry.append(self)

    def __call__(self, _=None):
        info = self._info
        if info is not None:
            self._info = None
            if self in finalize._registry:
                finalize._registry.remove(self)
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._info
        obj = info and info.weakref()
        if obj is not None:
            self._info = None
            finalize._registry.remove(self)
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._info
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self._info is not None

    @property
    def atexit(self):
        return self._info is not None and self._info.atexit

    @atexit.setter
    def atexit(self, value):
        if self._info is not None:
            self._info.atexit = bool(value)

    @classmethod
    def _exitfunc(cls):
        for f in list(reversed(cls._registry)):
            if f._info is not None and f._info.atexit:
                f()
