"""types: the names of the builtin types and SimpleNamespace, MappingProxyType (a
read-only copy), new_class."""

import sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = None


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_coro = _c()
CoroutineType = type(_coro)
del _coro


async def _ag():
    yield


AsyncGeneratorType = type(_ag())
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)


class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        for k, v in dict(mapping_or_iterable).items():
            setattr(self, k, v)
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = (k + '=' + repr(v) for k, v in self.__dict__.items())
        return 'namespace(' + ', '.join(items) + ')'

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


class MappingProxyType:
    def __init__(self, mapping):
        self._m = mapping

    def __getitem__(self, k):
        return self._m[k]

    def __iter__(self):
        return iter(self._m)

    def __len__(self):
        return len(self._m)

    def __contains__(self, k):
        return k in self._m

    def get(self, k, default=None):
        return self._m.get(k, default)

    def keys(self):
        return self._m.keys()

    def values(self):
        return self._m.values()

    def items(self):
        return self._m.items()

    def copy(self):
        return dict(self._m)

    def __repr__(self):
        return 'mappingproxy(' + repr(self._m) + ')'


def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    kwds = dict(kwds or {})
    meta = kwds.pop('metaclass', type)
    if exec_body is not None:
        exec_body(ns)
    return meta(name, tuple(bases), ns, **kwds)


def coroutine(func):
    raise NotImplementedError('types.coroutine: async is not supported')
