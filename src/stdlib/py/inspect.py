"""inspect basics: the is* predicates, signature/Signature/Parameter for Python
functions, getsource/getsourcelines/getdoc/getmembers/getmodule, over the native
`_inspect` (the engine has no code or frame objects: stack/currentframe are missing)."""

import sys as _sys
import types as _types
import _inspect

__all__ = ['isfunction', 'ismethod', 'isclass', 'ismodule', 'isbuiltin', 'isroutine', 'isgenerator',
           'isgeneratorfunction', 'iscoroutinefunction', 'iscoroutine', 'isawaitable', 'isabstract', 'signature', 'Signature', 'Parameter',
           'getsource', 'getsourcelines', 'getdoc', 'getmembers', 'getmodule', 'cleandoc']


def isfunction(obj):
    return type(obj).__name__ == 'function'


def ismethod(obj):
    return type(obj).__name__ == 'method'


def isclass(obj):
    return isinstance(obj, type)


def ismodule(obj):
    return type(obj).__name__ == 'module'


def isbuiltin(obj):
    return type(obj).__name__ == 'builtin_function_or_method'


def isroutine(obj):
    return isfunction(obj) or ismethod(obj) or isbuiltin(obj)


def isgenerator(obj):
    return type(obj).__name__ == 'generator'


def isgeneratorfunction(obj):
    i = _inspect.info(obj)
    return bool(i and i[2])


def iscoroutinefunction(obj):
    i = _inspect.info(obj)
    return bool(i and i[3])


def isasyncgenfunction(obj):
    i = _inspect.info(obj)
    return bool(i and i[4])


def isasyncgen(obj):
    return type(obj).__name__ == 'async_generator'


def iscoroutine(obj):
    return type(obj).__name__ == 'coroutine'


def isawaitable(obj):
    return iscoroutine(obj) or hasattr(type(obj), '__await__')


def isabstract(obj):
    return bool(getattr(obj, '__abstractmethods__', False))


class _Empty:
    def __repr__(self):
        return "<class 'inspect._empty'>"


_empty = _Empty()


class _Kind(int):
    _names = ['POSITIONAL_ONLY', 'POSITIONAL_OR_KEYWORD', 'VAR_POSITIONAL', 'KEYWORD_ONLY', 'VAR_KEYWORD']
    _descr = ['positional-only', 'positional or keyword', 'variadic positional', 'keyword-only', 'variadic keyword']

    def __repr__(self):
        return '<_ParameterKind.%s: %d>' % (self._names[self], int(self))

    def __str__(self):
        return self._names[self]

    @property
    def name(self):
        return self._names[self]

    @property
    def description(self):
        return self._descr[self]


class Parameter:
    POSITIONAL_ONLY = _Kind(0)
    POSITIONAL_OR_KEYWORD = _Kind(1)
    VAR_POSITIONAL = _Kind(2)
    KEYWORD_ONLY = _Kind(3)
    VAR_KEYWORD = _Kind(4)
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        self._name = name
        self._kind = _Kind(kind)
        self._default = default
        self._annotation = annotation

    name = property(lambda self: self._name)
    kind = property(lambda self: self._kind)
    default = property(lambda self: self._default)
    annotation = property(lambda self: self._annotation)

    def __str__(self):
        s = self._name
        if self._default is not _empty:
            s += '=' + repr(self._default)
        if self._kind == 2:
            s = '*' + s
        elif self._kind == 4:
            s = '**' + s
        return s

    def __repr__(self):
        return '<Parameter "%s">' % self

    def __eq__(self, other):
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name, self._kind, self._default) == (other._name, other._kind, other._default)


class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty):
        self._parameters = {}
        for p in parameters or ():
            self._parameters[p.name] = p
        self._return_annotation = return_annotation

    @property
    def parameters(self):
        return dict(self._parameters)

    @property
    def return_annotation(self):
        return self._return_annotation

    def __str__(self):
        parts = []
        seen_kwonly_marker = False
        params = list(self._parameters.values())
        for i, p in enumerate(params):
            if p.kind == 3 and not seen_kwonly_marker:
                if not any(q.kind == 2 for q in params):
                    parts.append('*')
                seen_kwonly_marker = True
            if p.kind == 2:
                seen_kwonly_marker = True
            parts.append(str(p))
            if p.kind == 0 and (i + 1 == len(params) or params[i + 1].kind != 0):
                parts.append('/')
        return '(' + ', '.join(parts) + ')'

    def __repr__(self):
        return '<Signature %s>' % self

    def __eq__(self, other):
        if not isinstance(other, Signature):
            return NotImplemented
        return list(self._parameters.values()) == list(other._parameters.values())

    def bind(self, *args, **kwargs):
        raise NotImplementedError('Signature.bind is not supported')


def signature(obj, *, follow_wrapped=True):
    if not callable(obj):
        raise TypeError('%r is not a callable object' % (obj,))
    if follow_wrapped:
        while hasattr(obj, '__wrapped__') and isfunction(obj):
            obj = obj.__wrapped__
    drop = 0
    target = obj
    if isclass(obj):
        init = None
        for k in obj.__mro__:
            if '__init__' in vars(k):
                init = vars(k)['__init__']
                break
        if init is None or not isfunction(init):
            raise ValueError('no signature found for builtin type %r' % (obj,))
        target, drop = init, 1
    elif ismethod(obj):
        drop = 1
    elif not isfunction(obj):
        call = getattr(type(obj), '__call__', None)
        if call is not None and isfunction(call):
            target, drop = call, 1
        else:
            raise ValueError('no signature found for builtin %r' % (obj,))
    ps = _inspect.params(target)
    if ps is None:
        raise ValueError('no signature found for %r' % (obj,))
    params = [Parameter(n, k, default=d if has else _empty) for n, k, has, d in ps][drop:]
    return Signature(params)


def getsourcelines(obj):
    if ismethod(obj):
        obj = obj.__func__
    i = _inspect.info(obj)
    if i is None:
        if isclass(obj) or ismodule(obj):
            raise NotImplementedError('inspect.getsource of classes and modules is not supported')
        raise TypeError('module, class, method, function, traceback, frame, or code object was expected, got %s' % type(obj).__name__)
    filename, first = i[0], i[1]
    text = _inspect.source(filename)
    if text is None:
        raise OSError('could not get source code')
    lines = text.splitlines(True)
    start = first - 1
    while start > 0 and lines[start - 1].lstrip().startswith('@'):
        start -= 1
    def_line = start
    while def_line < len(lines) and lines[def_line].lstrip().startswith('@'):
        def_line += 1
    head = lines[def_line] if def_line < len(lines) else ''
    indent = len(head) - len(head.lstrip())
    end = def_line + 1
    last = end
    while end < len(lines):
        ln = lines[end]
        if ln.strip():
            if len(ln) - len(ln.lstrip()) <= indent:
                break
            last = end + 1
        end += 1
    if head.rstrip().endswith(':') is False and 'lambda' in head:
        last = def_line + 1
    return lines[start:last], start + 1


def getsource(obj):
    return ''.join(getsourcelines(obj)[0])


def cleandoc(doc):
    lines = doc.expandtabs().split('\n')
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            ind = len(line) - content
            margin = ind if margin is None else min(margin, ind)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def getdoc(obj):
    doc = getattr(obj, '__doc__', None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


def getmembers(obj, predicate=None):
    out = []
    for name in dir(obj):
        try:
            v = getattr(obj, name)
        except AttributeError:
            continue
        if predicate is None or predicate(v):
            out.append((name, v))
    out.sort(key=lambda kv: kv[0])
    return out


def getmodule(obj):
    name = getattr(obj, '__module__', None)
    if name is None:
        return None
    return _sys.modules.get(name)
