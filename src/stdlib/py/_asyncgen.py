"""Async generators: calling an `async def` that yields makes an `async_generator`.

The engine runs the body as a generator. A value the body yields comes out of that
generator wrapped (the ASYNC_GEN_WRAP instruction); anything else it gives out is an
`await` inside the body handing something up to whoever drives the coroutine (the
event loop). Each `__anext__()`, `asend()`, `athrow()` and `aclose()` returns a small
awaitable that drives the generator until its next wrapped value, which becomes the
result of the `await`.
"""

from _agen import unwrap as _unwrap
from _thread import get_ident as _get_ident

# Per thread, what to call on an async generator's first iteration (CPython's
# sys.set_asyncgen_hooks firstiter): asyncio's running loop keeps the generators it
# iterated, to close the unfinished ones when asyncio.run() ends.
firstiter = {}


class async_generator:
    __module__ = 'builtins'

    def __init__(self, gen):
        self._gen = gen
        self._started = False
        self._finished = False
        # One __anext__/asend/athrow/aclose at a time (CPython's ag_running_async).
        self._busy = False
        self.__name__ = gen.__name__
        self.__qualname__ = gen.__qualname__

    @property
    def ag_running(self):
        return self._busy

    def __aiter__(self):
        return self

    def __anext__(self):
        return async_generator_asend(self, None)

    def asend(self, value):
        return async_generator_asend(self, value)

    def athrow(self, typ, val=None, tb=None):
        if val is not None:
            exc = val
        elif isinstance(typ, type):
            exc = typ()
        else:
            exc = typ
        if not isinstance(exc, BaseException):
            raise TypeError('exceptions must be classes or instances deriving from BaseException, not %s' % type(exc).__name__)
        return async_generator_athrow(self, exc)

    def aclose(self):
        return async_generator_athrow(self, None)

    def __repr__(self):
        return '<async_generator object %s at %#x>' % (self.__qualname__, id(self))


class _Step:
    """What __anext__ and friends return: awaitable once, as CPython's are."""
    __module__ = 'builtins'

    def __init__(self, agen):
        self._agen = agen
        self._state = 0  # 0: not awaited yet, 1: in progress, 2: done

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def close(self):
        self._state = 2

    def _begin(self):
        if self._state == 2:
            raise RuntimeError('cannot reuse already awaited %s' % self._what)
        if self._state == 0:
            if self._agen._busy:
                raise RuntimeError('%s: asynchronous generator is already running' % self._who)
            self._agen._busy = True
            self._state = 1
            return True
        return False

    def _end(self):
        self._state = 2
        self._agen._busy = False

    def _drive(self, step, arg):
        """One step of the generator (`step` is its send or throw), then what the
        await of this object sees."""
        agen = self._agen
        try:
            r = step(arg)
        except StopIteration:
            agen._finished = True
            self._end()
            return self._returned()
        except BaseException:
            agen._finished = True
            self._end()
            raise
        wrapped, value = _unwrap(r)
        if wrapped:
            self._end()
            return self._yielded(value)
        # An await in the body: up to the event loop.
        return r

    def throw(self, typ, val=None, tb=None):
        if self._state == 2:
            raise RuntimeError('cannot reuse already awaited %s' % self._what)
        exc = val if val is not None else (typ() if isinstance(typ, type) else typ)
        self._begin()
        return self._drive(self._agen._gen.throw, exc)


class async_generator_asend(_Step):
    _what = '__anext__()/asend()'
    _who = 'anext()'

    def __init__(self, agen, value):
        _Step.__init__(self, agen)
        self._value = value

    def send(self, value):
        agen = self._agen
        first = self._state == 0
        if first and agen._finished and not agen._busy:
            self._state = 2
            raise StopAsyncIteration
        self._begin()
        if first:
            value = self._value
            if not agen._started and value is not None:
                self._end()
                raise TypeError("can't send non-None value to a just-started async generator")
            if not agen._started:
                agen._started = True
                hook = firstiter.get(_get_ident())
                if hook is not None:
                    hook(agen)
        return self._drive(agen._gen.send, value)

    def _returned(self):
        raise StopAsyncIteration

    def _yielded(self, value):
        raise StopIteration(value)


class async_generator_athrow(_Step):
    _what = 'aclose()/athrow()'
    _who = 'athrow()'

    def __init__(self, agen, exc):
        _Step.__init__(self, agen)
        # None: aclose(), which throws GeneratorExit.
        self._exc = exc

    def send(self, value):
        agen = self._agen
        if self._state == 0:
            if agen._finished or not agen._started:
                # Nothing to throw into: closing is done; athrow raises its exception
                # as CPython does for a generator that has not started.
                self._state = 2
                agen._finished = True
                if self._exc is None:
                    raise StopIteration
                raise self._exc
            self._begin()
            step, arg = agen._gen.throw, GeneratorExit() if self._exc is None else self._exc
        else:
            self._begin()
            step, arg = agen._gen.send, value
        try:
            return self._drive(step, arg)
        except GeneratorExit:
            # aclose(): the generator let GeneratorExit out, so it is closed.
            if self._exc is None:
                raise StopIteration
            raise

    def _returned(self):
        if self._exc is None:
            raise StopIteration
        raise StopAsyncIteration

    def _yielded(self, value):
        if self._exc is None:
            raise RuntimeError('async generator ignored GeneratorExit')
        raise StopIteration(value)
