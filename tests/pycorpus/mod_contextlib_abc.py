from contextlib import contextmanager, suppress, ExitStack, nullcontext, closing, redirect_stdout
import io
@contextmanager
def tag(name):
    print('<' + name + '>')
    try:
        yield name.upper()
    finally:
        print('</' + name + '>')
with tag('a') as t:
    print('inside', t)
try:
    with tag('b'):
        raise ValueError('boom')
except ValueError as e:
    print('caught', e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError:
        print('swallowed')
with swallow():
    raise KeyError('k')
with suppress(ZeroDivisionError):
    1 / 0
print('after suppress')
with ExitStack() as st:
    for i in range(3):
        st.callback(print, 'cb', i)
    x = st.enter_context(tag('x'))
    print('stack body', x)
with nullcontext(5) as v:
    print('null', v)
class Res:
    def close(self): print('closed')
with closing(Res()) as r:
    print('using', type(r).__name__)
buf = io.StringIO()
with redirect_stdout(buf):
    print('hidden')
print('captured', repr(buf.getvalue()))
@tag('deco')
def g(): print('in g')
try:
    g()
except TypeError as e:
    print('TypeError', e)
from abc import ABC, abstractmethod, ABCMeta
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def name(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def name(self): return 'sq'
try:
    Shape()
except TypeError as e: print(e)
class Half(Shape):
    def area(self): return 0
try:
    Half()
except TypeError as e: print(e)
print(Sq(3).area(), isinstance(Sq(2), Shape), type(Shape).__name__)
import types
ns = types.SimpleNamespace(a=1, b='x')
ns.c = 3
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b='x', c=3))
print(type(g) is types.FunctionType, types.NoneType)
import string
print(string.ascii_lowercase, string.digits, string.capwords('hello   world  x'))
t = string.Template('$who likes ${what}; $$5')
print(t.substitute(who='tim', what='pie'), t.safe_substitute(who='x'))
try: t.substitute(who='a')
except KeyError as e: print('KeyError', e)
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('careful', DeprecationWarning)
    warnings.warn('again')
    print(len(w), w[0].category.__name__, str(w[0].message), w[1].category.__name__)
warnings.simplefilter('error')
try:
    warnings.warn('now an error', RuntimeWarning)
except RuntimeWarning as e:
    print('raised', e)
import gc, atexit
print(gc.collect() >= 0, gc.isenabled())
gc.disable(); print(gc.isenabled()); gc.enable()
def bye(who): print('bye', who)
atexit.register(bye, 'first')
atexit.register(bye, 'second')
@atexit.register
def last(): print('registered as decorator')
print('end of main')
