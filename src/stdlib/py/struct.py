"""struct: pack/unpack/calcsize/iter_unpack/Struct for the common format codes, with
CPython 3.11's sizes, native alignment ('@') and error messages (x86-64 Linux sizes)."""

import _floatbits

__all__ = ['calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from', 'iter_unpack', 'Struct', 'error']


class error(Exception):
    pass


error.__module__ = 'struct'

# code: (standard size, native size)
_SIZES = {'x': (1, 1), 'c': (1, 1), 'b': (1, 1), 'B': (1, 1), '?': (1, 1), 'h': (2, 2), 'H': (2, 2),
          'i': (4, 4), 'I': (4, 4), 'l': (4, 8), 'L': (4, 8), 'q': (8, 8), 'Q': (8, 8),
          'n': (None, 8), 'N': (None, 8), 'e': (2, 2), 'f': (4, 4), 'd': (8, 8),
          's': (1, 1), 'p': (1, 1), 'P': (None, 8)}
_SIGNED = set('bhilqn')
_NAMES = {'b': 'byte', 'B': 'ubyte', 'h': 'short', 'H': 'ushort'}


def _parse(fmt):
    """[(code, count)], byte order ('<' or '>'), native (alignment), size."""
    if isinstance(fmt, bytes):
        fmt = fmt.decode('ascii')
    if not isinstance(fmt, str):
        raise TypeError('Struct() argument 1 must be a str or bytes object, not ' + type(fmt).__name__)
    order, native = '<', True
    if fmt[:1] in ('@', '=', '<', '>', '!'):
        c = fmt[0]
        fmt = fmt[1:]
        native = c == '@'
        order = '>' if c in '>!' else '<'
    items = []
    size = 0
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch.isspace():
            i += 1
            continue
        num = None
        if ch.isdigit():
            j = i
            while j < len(fmt) and fmt[j].isdigit():
                j += 1
            num = int(fmt[i:j])
            i = j
            if i >= len(fmt):
                raise error('repeat count given without format specifier')
            ch = fmt[i]
        if ch not in _SIZES or (not native and _SIZES[ch][0] is None):
            raise error('bad char in struct format')
        sz = _SIZES[ch][1] if native else _SIZES[ch][0]
        count = 1 if num is None else num
        if native and ch not in 'xcsp?bB' and size % sz:
            size += sz - size % sz
        items.append((ch, count, size))
        size += sz * count
        i += 1
    return items, order, native, size


def calcsize(fmt):
    return _parse(fmt)[3]


def _int(v, ch):
    if not isinstance(v, int):
        if hasattr(type(v), '__index__'):
            v = type(v).__index__(v)
        else:
            raise error('required argument is not an integer')
    return int(v)


def _pack_int(v, ch, size, order):
    v = _int(v, ch)
    signed = ch in _SIGNED
    if signed:
        lo, hi = -(1 << (size * 8 - 1)), (1 << (size * 8 - 1)) - 1
    else:
        lo, hi = 0, (1 << (size * 8)) - 1
    if not lo <= v <= hi:
        if ch in _NAMES:
            raise error('%s format requires %d <= number <= %d' % (_NAMES[ch], lo, hi))
        if size == 8 or (not signed and v < 0):
            raise error('argument out of range')
        raise error("'%s' format requires %d <= number <= %d" % (ch, lo, hi))
    if v < 0:
        v += 1 << (size * 8)
    data = bytes((v >> (8 * k)) & 0xff for k in range(size))
    return data[::-1] if order == '>' else data


def _from_bytes(b, order, signed):
    n = 0
    seq = b if order == '>' else b[::-1]
    for x in seq:
        n = (n << 8) | x
    if signed and b and n >= 1 << (len(b) * 8 - 1):
        n -= 1 << (len(b) * 8)
    return n


def _half_bits(x):
    """float16 bits of x, rounded to nearest even."""
    b = _floatbits.single_bits(x) if x == x and abs(x) < 1e38 else None
    if x != x:
        return 0x7e00
    if b is None or abs(x) >= 65520.0:
        if abs(x) == float('inf') or b is None:
            return 0x7c00 | (0x8000 if x < 0 else 0)
        raise OverflowError('float too large to pack with e format')
    sign = 0x8000 if (b >> 31) else 0
    n, d = abs(x).as_integer_ratio()
    if n == 0:
        return sign
    # value = n / d; find e with 2**e <= value < 2**(e+1)
    e = n.bit_length() - d.bit_length()
    if (n << max(0, -e)) < (d << max(0, e)):
        e -= 1
    if e < -14:
        e = -15  # subnormal: mantissa in units of 2**-24
        m_num, m_den = n << 24, d
    else:
        m_num, m_den = n << (10 - e) if 10 - e >= 0 else n, d << (e - 10) if e - 10 > 0 else d
    q, r = divmod(m_num, m_den)
    if r * 2 > m_den or (r * 2 == m_den and q & 1):
        q += 1
    if e == -15:
        if q >= 1 << 10:
            return sign | (1 << 10) | (q - (1 << 10)) if q < 1 << 11 else sign | (2 << 10)
        return sign | q
    if q >= 1 << 11:
        q >>= 1
        e += 1
    if e > 15:
        raise OverflowError('float too large to pack with e format')
    return sign | ((e + 15) << 10) | (q - (1 << 10))


def _half_value(h):
    sign = -1.0 if h & 0x8000 else 1.0
    e = (h >> 10) & 0x1f
    m = h & 0x3ff
    if e == 0x1f:
        return sign * float('inf') if m == 0 else float('nan')
    if e == 0:
        return sign * m * 2.0 ** -24
    return sign * (1024 + m) * 2.0 ** (e - 25)


def _float(v):
    if not isinstance(v, (int, float)):
        if hasattr(type(v), '__float__'):
            return float(v)
        raise error('required argument is not a float')
    return float(v)


def _pack(items, order, size, args):
    want = sum(0 if ch == 'x' else (1 if ch in 'sp' else count) for ch, count, _ in items)
    if len(args) != want:
        raise error('pack expected %d items for packing (got %d)' % (want, len(args)))
    out = bytearray_like(size)
    ai = 0
    for ch, count, off in items:
        if ch == 'x':
            continue
        if ch in 'sp':
            v = args[ai]
            ai += 1
            if not isinstance(v, bytes):
                raise error("argument for '%s' must be a bytes object" % ch)
            if ch == 's':
                data = v[:count]
            else:
                n = min(len(v), count - 1, 255) if count else 0
                data = (bytes([n]) + v[:n])[:count]
            out[off:off + len(data)] = list(data)
            continue
        sz = (size and 0) or None
        for k in range(count):
            v = args[ai]
            ai += 1
            if ch == 'c':
                if not (isinstance(v, bytes) and len(v) == 1):
                    raise error('char format requires a bytes object of length 1')
                data = v
            elif ch == '?':
                data = b'\x01' if v else b'\x00'
            elif ch in 'fde':
                x = _float(v)
                if ch == 'd':
                    data = _floatbits.double_bits(x).to_bytes(8, 'big')
                elif ch == 'f':
                    data = _floatbits.single_bits(x).to_bytes(4, 'big')
                else:
                    data = _half_bits(x).to_bytes(2, 'big')
                if order == '<':
                    data = data[::-1]
            else:
                width = _width(ch, items)
                data = _pack_int(v, ch, width, order)
            o = off + k * len(data)
            out[o:o + len(data)] = list(data)
    return bytes(out)


def bytearray_like(n):
    return [0] * n


def _width(ch, items):
    return _WIDTH[ch]


def _unpack(items, order, size, buf):
    buf = bytes(buf)
    if len(buf) != size:
        raise error('unpack requires a buffer of %d bytes' % size)
    out = []
    for ch, count, off in items:
        if ch == 'x':
            continue
        if ch == 's':
            out.append(buf[off:off + count])
            continue
        if ch == 'p':
            n = min(buf[off], count - 1) if count else 0
            out.append(buf[off + 1:off + 1 + n])
            continue
        for k in range(count):
            if ch in 'cb?B':
                b = buf[off + k:off + k + 1]
                if ch == 'c':
                    out.append(b)
                elif ch == '?':
                    out.append(b != b'\x00')
                else:
                    out.append(_from_bytes(b, order, ch == 'b'))
                continue
            if ch in 'fde':
                w = {'d': 8, 'f': 4, 'e': 2}[ch]
                b = buf[off + k * w:off + (k + 1) * w]
                n = _from_bytes(b, order, False)
                out.append(_floatbits.bits_double(n) if ch == 'd' else _floatbits.bits_single(n) if ch == 'f' else _half_value(n))
                continue
            w = _WIDTH[ch]
            b = buf[off + k * w:off + (k + 1) * w]
            out.append(_from_bytes(b, order, ch in _SIGNED))
    return tuple(out)


_WIDTH = {}


class Struct:
    def __init__(self, format):
        self._items, self._order, self._native, self.size = _parse(format)
        self.format = format.decode('ascii') if isinstance(format, bytes) else format

    def _widths(self):
        _WIDTH.clear()
        for ch, (std, nat) in _SIZES.items():
            _WIDTH[ch] = nat if self._native else std

    def pack(self, *args):
        self._widths()
        return _pack(self._items, self._order, self.size, args)

    def pack_into(self, buffer, offset, *args):
        raise NotImplementedError('struct.pack_into: there is no bytearray here')

    def unpack(self, buffer):
        self._widths()
        return _unpack(self._items, self._order, self.size, buffer)

    def unpack_from(self, buffer, offset=0):
        buffer = bytes(buffer)
        if offset < 0:
            offset += len(buffer)
        if len(buffer) - offset < self.size:
            raise error('unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset %d (actual buffer size is %d)' % (self.size + offset, self.size, offset, len(buffer)))
        return self.unpack(buffer[offset:offset + self.size])

    def iter_unpack(self, buffer):
        buffer = bytes(buffer)
        if self.size == 0:
            raise error('cannot iteratively unpack with a struct of length 0')
        if len(buffer) % self.size:
            raise error('iterative unpacking requires a buffer of a multiple of %d bytes' % self.size)
        for i in range(0, len(buffer), self.size):
            yield self.unpack(buffer[i:i + self.size])


def pack(fmt, *args):
    return Struct(fmt).pack(*args)


def pack_into(fmt, buffer, offset, *args):
    return Struct(fmt).pack_into(buffer, offset, *args)


def unpack(fmt, buffer):
    return Struct(fmt).unpack(buffer)


def unpack_from(fmt, buffer, offset=0):
    return Struct(fmt).unpack_from(buffer, offset)


def iter_unpack(fmt, buffer):
    return Struct(fmt).iter_unpack(buffer)
