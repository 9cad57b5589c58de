"""multiprocessing.synchronize (Threadlab): Lock, RLock, Semaphore, BoundedSemaphore,
Event, shared by every process they are sent to (counting semaphores in `_mp`)."""

import _mp
import _thread
from multiprocessing.process import _wait_slices


class SemLock:
    def __init__(self, value, maxvalue, *, ctx=None):
        self._sem = _mp.sem(value, maxvalue)

    def __reduce__(self):
        return (_rebuild, (type(self), _mp.id(self._sem), self._state()))

    def _state(self):
        return None

    def _restore(self, state):
        pass

    def acquire(self, block=True, timeout=None):
        if _mp.acquire(self._sem, 0):
            return True
        if not block:
            return False
        if timeout is not None and timeout <= 0:
            return False
        return bool(_wait_slices(timeout, lambda d: True if _mp.acquire(self._sem, d) else None))

    def release(self):
        _mp.release(self._sem)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()


def _rebuild(cls, sem, state):
    obj = cls.__new__(cls)
    obj._sem = _mp.open(sem)
    obj._restore(state)
    return obj


class Semaphore(SemLock):
    def __init__(self, value=1, *, ctx=None):
        SemLock.__init__(self, value, 2 ** 62)

    def get_value(self):
        return _mp.sem_value(self._sem)

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self.get_value())


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1, *, ctx=None):
        SemLock.__init__(self, value, value)


class Lock(SemLock):
    def __init__(self, *, ctx=None):
        SemLock.__init__(self, 1, 1)

    def __repr__(self):
        return '<Lock(owner=%s)>' % ('None' if _mp.sem_value(self._sem) else 'SomeOtherProcess')


class RLock(SemLock):
    """Taken again by the thread that holds it (process and thread), as threading's."""

    def __init__(self, *, ctx=None):
        SemLock.__init__(self, 1, 1)
        self._owner = _mp.cell('')

    def _state(self):
        return _mp.id(self._owner)

    def _restore(self, state):
        self._owner = _mp.open(state)

    def _me(self):
        return '%d:%d' % (_mp.getpid(), _thread.get_ident())

    def acquire(self, block=True, timeout=None):
        text = _mp.cell_get(self._owner)[0]
        if text:
            owner, _, depth = text.rpartition(':')
            if owner == self._me():
                _mp.cell_set(self._owner, '%s:%d' % (owner, int(depth) + 1))
                return True
        if not SemLock.acquire(self, block, timeout):
            return False
        _mp.cell_set(self._owner, self._me() + ':1')
        return True

    def release(self):
        text = _mp.cell_get(self._owner)[0]
        owner, _, depth = text.rpartition(':')
        if not text or owner != self._me():
            raise AssertionError('attempt to release recursive lock not owned by thread')
        if int(depth) > 1:
            _mp.cell_set(self._owner, '%s:%d' % (owner, int(depth) - 1))
        else:
            _mp.cell_set(self._owner, '')
            SemLock.release(self)


class Event:
    def __init__(self, *, ctx=None):
        self._flag = _mp.cell('0')

    def __reduce__(self):
        return (_rebuild_event, (_mp.id(self._flag),))

    def is_set(self):
        return _mp.cell_get(self._flag)[0] == '1'

    def set(self):
        _mp.cell_set(self._flag, '1')

    def clear(self):
        _mp.cell_set(self._flag, '0')

    def wait(self, timeout=None):
        def step(d):
            text, version = _mp.cell_get(self._flag)
            if text == '1':
                return True
            _mp.cell_wait(self._flag, version, d)
            return True if _mp.cell_get(self._flag)[0] == '1' else None
        return bool(_wait_slices(timeout, step))


def _rebuild_event(flag):
    e = Event.__new__(Event)
    e._flag = _mp.open(flag)
    return e
