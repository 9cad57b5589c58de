"""abc: ABCMeta, ABC, abstractmethod (and the abstract property/class/static helpers).
Instantiating a class with abstract methods left raises CPython's TypeError;
register() records virtual subclasses for isinstance/issubclass through
__instancecheck__/__subclasscheck__ only where the engine calls them."""


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    f = getattr(value, '__func__', None)
    if f is not None and getattr(f, '__isabstractmethod__', False):
        return True
    g = getattr(value, 'fget', None)
    if g is not None and getattr(g, '__isabstractmethod__', False):
        return True
    return False


def _names_list(names):
    q = ["'" + n + "'" for n in names]
    if len(q) == 1:
        return q[0]
    return ', '.join(q[:-1]) + ' and ' + q[-1]


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        update_abstractmethods(cls)
        cls._abc_registry = []
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError("Can't instantiate abstract class " + cls.__name__ +
                            ' with abstract method' + ('s' if len(names) > 1 else '') + ' ' +
                            ', '.join(names))
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, '__mro__', ()):
            return True
        for r in cls._abc_registry:
            if issubclass(subclass, r):
                return True
        for c in cls.__mro__:
            if '__subclasshook__' in c.__dict__:
                ok = cls.__subclasshook__(subclass)
                if ok is not NotImplemented:
                    return bool(ok)
                break
        return False

    def _abc_registry_clear(cls):
        cls._abc_registry = []


def update_abstractmethods(cls):
    abstracts = set()
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def get_cache_token():
    return 0
