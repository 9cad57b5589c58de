"""array: typed arrays of numbers over a list, with CPython's type and range checks,
repr, slicing, arithmetic-free sequence methods. tobytes/frombytes/byteswap and
buffer_info need the memory layout and raise NotImplementedError."""

typecodes = 'bBuhHiIlLqQfd'
_SIZES = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}
_RANGES = {'b': (-128, 127), 'B': (0, 255), 'h': (-32768, 32767), 'H': (0, 65535),
           'i': (-2 ** 31, 2 ** 31 - 1), 'I': (0, 2 ** 32 - 1), 'l': (-2 ** 63, 2 ** 63 - 1),
           'L': (0, 2 ** 64 - 1), 'q': (-2 ** 63, 2 ** 63 - 1), 'Q': (0, 2 ** 64 - 1)}
_NAMES = {'b': 'signed char', 'B': 'unsigned byte integer', 'h': 'signed short integer',
          'H': 'unsigned short', 'i': 'signed integer', 'I': 'unsigned integer',
          'l': 'signed long integer', 'L': 'unsigned long integer', 'q': 'signed long long integer',
          'Q': 'unsigned long long integer'}


def _check(tc, v):
    if tc in 'fd':
        if isinstance(v, (int, float)) and not isinstance(v, bool) or isinstance(v, bool):
            return float(v)
        raise TypeError('must be real number, not ' + type(v).__name__)
    if tc == 'u':
        if isinstance(v, str) and len(v) == 1:
            return v
        raise TypeError('array item must be unicode character')
    if not isinstance(v, int):
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
    lo, hi = _RANGES[tc]
    if not lo <= v <= hi:
        if tc == 'b':
            raise OverflowError('signed char is less than minimum' if v < lo else 'signed char is greater than maximum')
        if tc == 'B':
            raise OverflowError('unsigned byte integer is less than minimum' if v < lo else 'unsigned byte integer is greater than maximum')
        if tc in 'hil' or tc == 'q':
            raise OverflowError(_NAMES[tc] + (' is less than minimum' if v < lo else ' is greater than maximum'))
        raise OverflowError("Python int too large to convert to C " + ('unsigned long' if tc in 'LQ' else 'long') if v > hi else "can't convert negative value to unsigned int")
    return v


class array:
    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in typecodes:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self._tc = typecode
        self._a = []
        if initializer is not None:
            if isinstance(initializer, str) and typecode != 'u':
                raise TypeError('cannot use a str to initialize an array with typecode ' + repr(typecode))
            if isinstance(initializer, (bytes, bytearray if False else bytes)):
                raise NotImplementedError('array from bytes is not supported')
            self.extend(initializer)

    @property
    def typecode(self):
        return self._tc

    @property
    def itemsize(self):
        return _SIZES[self._tc]

    def append(self, v):
        self._a.append(_check(self._tc, v))

    def extend(self, it):
        if isinstance(it, array):
            if it._tc != self._tc:
                raise TypeError('can only extend with array of same kind')
            self._a.extend(it._a)
            return
        for v in it:
            self._a.append(_check(self._tc, v))

    def insert(self, i, v):
        self._a.insert(i, _check(self._tc, v))

    def pop(self, i=-1):
        if not self._a:
            raise IndexError('pop from empty array')
        return self._a.pop(i)

    def remove(self, v):
        try:
            self._a.remove(v)
        except ValueError:
            raise ValueError('array.remove(x): x not in array') from None

    def index(self, v, start=0, stop=None):
        try:
            return self._a.index(v, start, len(self._a) if stop is None else stop)
        except ValueError:
            raise ValueError('array.index(x): x not in array') from None

    def count(self, v):
        return self._a.count(v)

    def reverse(self):
        self._a.reverse()

    def tolist(self):
        return list(self._a)

    def fromlist(self, lst):
        if not isinstance(lst, list):
            raise TypeError('arg must be list')
        self.extend(lst)

    def tounicode(self):
        if self._tc != 'u':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self._a)

    def fromunicode(self, s):
        if self._tc != 'u':
            raise ValueError('fromunicode() may only be called on unicode type arrays')
        self._a.extend(s)

    def tobytes(self):
        raise NotImplementedError('array.tobytes is not supported')

    def frombytes(self, b):
        raise NotImplementedError('array.frombytes is not supported')

    def byteswap(self):
        raise NotImplementedError('array.byteswap is not supported')

    def buffer_info(self):
        raise NotImplementedError('array.buffer_info is not supported')

    def __len__(self):
        return len(self._a)

    def __iter__(self):
        return iter(self._a)

    def __contains__(self, v):
        return v in self._a

    def __getitem__(self, i):
        # `type(...) is`, not isinstance: slice cannot be subclassed, and this runs in
        # numeric code's inner loops.
        if type(i) is slice:
            r = array(self._tc)
            r._a = self._a[i]
            return r
        try:
            return self._a[i]
        except IndexError:
            raise IndexError('array index out of range') from None

    def __setitem__(self, i, v):
        if type(i) is int and type(v) is float and self._tc == 'd':
            # A float into a double array needs no conversion or range check.
            try:
                self._a[i] = v
            except IndexError:
                raise IndexError('array assignment index out of range') from None
            return
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError('can only assign array (not "' + type(v).__name__ + '") to array slice')
            if v._tc != self._tc:
                raise TypeError('bad argument type for built-in operation')
            self._a[i] = v._a
            return
        try:
            self._a[i] = _check(self._tc, v)
        except IndexError:
            raise IndexError('array assignment index out of range') from None

    def __delitem__(self, i):
        del self._a[i]

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "' + type(other).__name__ + '") to array')
        if other._tc != self._tc:
            raise TypeError('bad argument type for built-in operation')
        r = array(self._tc)
        r._a = self._a + other._a
        return r

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        r = array(self._tc)
        r._a = self._a * n
        return r

    __rmul__ = __mul__

    def __imul__(self, n):
        self._a *= n
        return self

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a == other._a

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a != other._a

    def __lt__(self, other):
        return self._a < other._a

    def __le__(self, other):
        return self._a <= other._a

    def __gt__(self, other):
        return self._a > other._a

    def __ge__(self, other):
        return self._a >= other._a

    def __copy__(self):
        return array(self._tc, self._a)

    def __deepcopy__(self, memo):
        return array(self._tc, self._a)

    def __repr__(self):
        if not self._a:
            return 'array(' + repr(self._tc) + ')'
        if self._tc == 'u':
            return 'array(' + repr(self._tc) + ', ' + repr(''.join(self._a)) + ')'
        return 'array(' + repr(self._tc) + ', ' + repr(self._a) + ')'


ArrayType = array
