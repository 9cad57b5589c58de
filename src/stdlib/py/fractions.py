"""Rational numbers (CPython 3.11's fractions.Fraction, our own implementation)."""

import math

__all__ = ['Fraction']

_PyHASH_MODULUS = (1 << 61) - 1
_PyHASH_INF = 314159


def _parse(s):
    s = s.strip()
    if not s:
        raise ValueError('Invalid literal for Fraction: %r' % s)
    if '/' in s:
        num, _, den = s.partition('/')
        try:
            n, d = int(num.strip()), int(den.strip())
        except ValueError:
            raise ValueError('Invalid literal for Fraction: %r' % s) from None
        if den.strip() != den or num.strip() != num:
            raise ValueError('Invalid literal for Fraction: %r' % s)
        return n, d
    sign = 1
    body = s
    if body[:1] in '+-':
        sign = -1 if body[0] == '-' else 1
        body = body[1:]
    exp = 0
    low = body.lower()
    if 'e' in low:
        i = low.index('e')
        try:
            exp = int(body[i + 1:])
        except ValueError:
            raise ValueError('Invalid literal for Fraction: %r' % s) from None
        body = body[:i]
    whole, _, frac = body.partition('.')
    digits = (whole + frac).replace('_', '')
    if not digits or not digits.isdigit():
        raise ValueError('Invalid literal for Fraction: %r' % s)
    n = int(digits)
    d = 10 ** len(frac)
    if exp >= 0:
        n *= 10 ** exp
    else:
        d *= 10 ** -exp
    return sign * n, d


class Fraction:
    """A rational number numerator/denominator, always in lowest terms."""

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int or isinstance(numerator, int):
                self._numerator, self._denominator = int(numerator), 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator, self._denominator = numerator._numerator, numerator._denominator
                return self
            if isinstance(numerator, float):
                n, d = numerator.as_integer_ratio()
                self._numerator, self._denominator = n, d
                return self
            if isinstance(numerator, str):
                n, d = _parse(numerator)
            else:
                raise TypeError('argument should be a string or a Rational instance')
        else:
            n, d = numerator, denominator
            if isinstance(n, Fraction) or isinstance(d, Fraction):
                a, b = Fraction(n), Fraction(d)
                n, d = a._numerator * b._denominator, a._denominator * b._numerator
            elif not (isinstance(n, int) and isinstance(d, int)):
                raise TypeError('both arguments should be Rational instances')
        if d == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % n)
        g = math.gcd(n, d)
        if d < 0:
            g = -g
        self._numerator, self._denominator = n // g, d // g
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('%s.from_float() only takes floats, not %r (%s)' % (cls.__name__, f, type(f).__name__))
        return cls(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        raise NotImplementedError('Fraction.from_decimal: there is no decimal module')

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError('max_denominator should be at least 1')
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self._denominator:
            return Fraction(p1, q1)
        return Fraction(p0 + k * p1, q0 + k * q1)

    @property
    def numerator(self):
        return self._numerator

    @property
    def denominator(self):
        return self._denominator

    def __repr__(self):
        return '%s(%s, %s)' % (type(self).__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    # Arithmetic: Fractions and ints stay exact; a float operand makes a float.
    def _other(self, other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(other)
        return None

    def __add__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) + other
            return NotImplemented
        return Fraction(self._numerator * o._denominator + o._numerator * self._denominator, self._denominator * o._denominator)

    def __radd__(self, other):
        if isinstance(other, float):
            return other + float(self)
        o = self._other(other)
        return NotImplemented if o is None else o + self

    def __sub__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) - other
            return NotImplemented
        return Fraction(self._numerator * o._denominator - o._numerator * self._denominator, self._denominator * o._denominator)

    def __rsub__(self, other):
        if isinstance(other, float):
            return other - float(self)
        o = self._other(other)
        return NotImplemented if o is None else o - self

    def __mul__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) * other
            return NotImplemented
        return Fraction(self._numerator * o._numerator, self._denominator * o._denominator)

    def __rmul__(self, other):
        if isinstance(other, float):
            return other * float(self)
        o = self._other(other)
        return NotImplemented if o is None else o * self

    def __truediv__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) / other
            return NotImplemented
        if o._numerator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % (self._numerator * o._denominator))
        return Fraction(self._numerator * o._denominator, self._denominator * o._numerator)

    def __rtruediv__(self, other):
        if isinstance(other, float):
            return other / float(self)
        o = self._other(other)
        return NotImplemented if o is None else o / self

    def __floordiv__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) // other
            return NotImplemented
        return (self._numerator * o._denominator) // (self._denominator * o._numerator)

    def __rfloordiv__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else o // self

    def __mod__(self, other):
        o = self._other(other)
        if o is None:
            if isinstance(other, float):
                return float(self) % other
            return NotImplemented
        return self - o * (self // o)

    def __rmod__(self, other):
        o = self._other(other)
        return NotImplemented if o is None else o % self

    def __divmod__(self, other):
        return (self // other, self % other)

    def __pow__(self, other):
        if isinstance(other, Fraction) and other._denominator == 1:
            other = other._numerator
        if isinstance(other, int):
            if other >= 0:
                return Fraction(self._numerator ** other, self._denominator ** other)
            if self._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (self._denominator ** -other))
            return Fraction(self._denominator ** -other, self._numerator ** -other)
        return float(self) ** float(other)

    def __rpow__(self, other):
        if self._denominator == 1:
            return other ** self._numerator
        return float(other) ** float(self)

    def __pos__(self):
        return Fraction(self._numerator, self._denominator)

    def __neg__(self):
        return Fraction(-self._numerator, self._denominator)

    def __abs__(self):
        return Fraction(abs(self._numerator), self._denominator)

    def __int__(self):
        if self._numerator < 0:
            return -(-self._numerator // self._denominator)
        return self._numerator // self._denominator

    __trunc__ = __int__

    def __floor__(self):
        return self._numerator // self._denominator

    def __ceil__(self):
        return -(-self._numerator // self._denominator)

    def __float__(self):
        return self._numerator / self._denominator

    def __round__(self, ndigits=None):
        if ndigits is None:
            fl, rem = divmod(self._numerator, self._denominator)
            if rem * 2 < self._denominator:
                return fl
            if rem * 2 > self._denominator:
                return fl + 1
            return fl if fl % 2 == 0 else fl + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __hash__(self):
        dinv = pow(self._denominator, _PyHASH_MODULUS - 2, _PyHASH_MODULUS)
        if not dinv:
            h = _PyHASH_INF
        else:
            h = abs(self._numerator) * dinv % _PyHASH_MODULUS
        h = h if self._numerator >= 0 else -h
        return -2 if h == -1 else h

    def __eq__(self, other):
        if isinstance(other, Fraction):
            return self._numerator == other._numerator and self._denominator == other._denominator
        if isinstance(other, int):
            return self._denominator == 1 and self._numerator == other
        if isinstance(other, float):
            if math.isnan(other) or math.isinf(other):
                return False
            return self == Fraction(other)
        return NotImplemented

    def _cmp(self, other):
        if isinstance(other, float):
            if math.isnan(other) or math.isinf(other):
                return None
            other = Fraction(other)
        o = self._other(other)
        if o is None:
            return None
        return self._numerator * o._denominator - o._numerator * self._denominator

    def __lt__(self, other):
        c = self._cmp(other)
        if c is None:
            return float(self) < other if isinstance(other, float) else NotImplemented
        return c < 0

    def __le__(self, other):
        c = self._cmp(other)
        if c is None:
            return float(self) <= other if isinstance(other, float) else NotImplemented
        return c <= 0

    def __gt__(self, other):
        c = self._cmp(other)
        if c is None:
            return float(self) > other if isinstance(other, float) else NotImplemented
        return c > 0

    def __ge__(self, other):
        c = self._cmp(other)
        if c is None:
            return float(self) >= other if isinstance(other, float) else NotImplemented
        return c >= 0

    def __bool__(self):
        return self._numerator != 0

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
