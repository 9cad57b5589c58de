"""multiprocessing.sharedctypes (Threadlab): Value and Array, shared by every process
they are sent to. CPython keeps them in shared memory as C types; here a value is one
cell in `_mp` holding the pickled Python value, read and written whole. Reading
`.value` and writing it back are two steps, so `v.value += 1` from several processes
loses updates, as it does in CPython; `with v.get_lock():` makes it safe.
"""

import _mp
from multiprocessing import reduction
from multiprocessing.synchronize import RLock

# typecode -> (ctypes name, how a stored value is converted)
_TYPES = {
    'b': ('c_byte', int), 'B': ('c_ubyte', int), 'h': ('c_short', int), 'H': ('c_ushort', int),
    'i': ('c_int', int), 'I': ('c_uint', int), 'l': ('c_long', int), 'L': ('c_ulong', int),
    'q': ('c_longlong', int), 'Q': ('c_ulonglong', int), 'f': ('c_float', float),
    'd': ('c_double', float), 'c': ('c_char', bytes), 'u': ('c_wchar', str), '?': ('c_bool', bool),
}
_BITS = {'b': 8, 'B': 8, 'h': 16, 'H': 16, 'i': 32, 'I': 32, 'l': 64, 'L': 64, 'q': 64, 'Q': 64}


def _convert(code, v):
    name, kind = _TYPES[code]
    if kind is int:
        if not isinstance(v, int):
            raise TypeError('int expected instead of %s' % type(v).__name__)
        bits = _BITS[code]
        v &= (1 << bits) - 1
        if code.islower() and v >= 1 << (bits - 1):
            v -= 1 << bits          # wraps around as a C integer does
        return v
    if kind is float:
        if not isinstance(v, (int, float)):
            raise TypeError('must be real number, not %s' % type(v).__name__)
        return float(v)
    if kind is bool:
        return bool(v)
    if kind is bytes:
        if not (isinstance(v, bytes) and len(v) == 1):
            raise TypeError('one character bytes, bytearray or integer expected')
        return v
    if not (isinstance(v, str) and len(v) == 1):
        raise TypeError('one character unicode string expected')
    return v


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str) and typecode_or_type in _TYPES:
        return typecode_or_type
    raise TypeError('this Value/Array needs an array typecode: %s' % ' '.join(_TYPES))


def _zero(code):
    kind = _TYPES[code][1]
    return {int: 0, float: 0.0, bool: False, bytes: b'\x00', str: '\x00'}[kind]


class _Shared:
    def __reduce__(self):
        return (_rebuild, (type(self), _mp.id(self._cell), self._code, self._lock, self.__dict__.get('_length')))

    def get_lock(self):
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _read(self):
        return reduction.loads(_mp.cell_get(self._cell)[0])

    def _write(self, v):
        _mp.cell_set(self._cell, reduction.dumps(v))


def _rebuild(cls, cell, code, lock, length):
    obj = cls.__new__(cls)
    obj._cell = _mp.open(cell)
    obj._code = code
    obj._lock = lock
    if length is not None:
        obj._length = length
    return obj


class Synchronized(_Shared):
    def __init__(self, code, value, lock):
        self._code = code
        self._cell = _mp.cell(reduction.dumps(_convert(code, value)))
        self._lock = lock

    @property
    def value(self):
        with self._lock:
            return self._read()

    @value.setter
    def value(self, v):
        v = _convert(self._code, v)
        with self._lock:
            self._write(v)

    def __repr__(self):
        return '<Synchronized wrapper for %s(%r)>' % (_TYPES[self._code][0], self._read())


class SynchronizedArray(_Shared):
    def __init__(self, code, values, lock):
        self._code = code
        self._length = len(values)
        self._cell = _mp.cell(reduction.dumps([_convert(code, v) for v in values]))
        self._lock = lock

    def __len__(self):
        return self._length

    def __getitem__(self, i):
        with self._lock:
            return self._read()[i]

    def __setitem__(self, i, v):
        with self._lock:
            items = self._read()
            if isinstance(i, slice):
                new = [_convert(self._code, x) for x in v]
                if len(range(*i.indices(self._length))) != len(new):
                    raise ValueError('Can only assign sequence of same size')
                items[i] = new
            else:
                items[i] = _convert(self._code, v)
            self._write(items)

    def __iter__(self):
        return iter(self[:])

    def __repr__(self):
        return '<SynchronizedArray wrapper for %s_Array_%d>' % (_TYPES[self._code][0], self._length)


def Value(typecode_or_type, *args, lock=True):
    """A value every process it is given to sees and changes (see the module comment)."""
    code = _typecode(typecode_or_type)
    value = args[0] if args else _zero(code)
    return Synchronized(code, value, _lock_for(lock))


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    """A fixed-size list of one C type, shared like Value."""
    code = _typecode(typecode_or_type)
    if isinstance(size_or_initializer, int):
        values = [_zero(code)] * size_or_initializer
    else:
        values = list(size_or_initializer)
    return SynchronizedArray(code, values, _lock_for(lock))


def _lock_for(lock):
    if lock is True or lock is None:
        return RLock()
    if lock is False:
        return _NoLock()
    return lock


class _NoLock:
    def acquire(self, *args):
        return True

    def release(self):
        pass

    def __enter__(self):
        return True

    def __exit__(self, *args):
        pass
