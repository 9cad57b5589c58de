"""secrets: tokens and choices with CPython 3.11's API. The randomness is a generator of
its own (a `random.Random()` seeded at import), so a program's seeded `random` sequence
is untouched; fine for lessons, not for real secrets (there is no OS entropy here)."""

import random as _random

__all__ = ['choice', 'randbelow', 'randbits', 'SystemRandom', 'token_bytes', 'token_hex', 'token_urlsafe', 'compare_digest']

DEFAULT_ENTROPY = 32

_sysrand = _random.Random()


# A generator like any Random here (CPython's reads the OS's entropy).
SystemRandom = _random.Random


def randbelow(exclusive_upper_bound):
    if exclusive_upper_bound <= 0:
        raise ValueError('Upper bound must be positive.')
    return _sysrand.randrange(exclusive_upper_bound)


def randbits(k):
    return _sysrand.getrandbits(k)


def choice(seq):
    return _sysrand.choice(seq)


def token_bytes(nbytes=None):
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return bytes(_sysrand.getrandbits(8) for _ in range(nbytes))


def token_hex(nbytes=None):
    return token_bytes(nbytes).hex()


_URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'


def token_urlsafe(nbytes=None):
    """base64.urlsafe_b64encode(token_bytes(nbytes)) without the '=' padding."""
    data = token_bytes(nbytes)
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk + bytes(3 - len(chunk)), 'big') if hasattr(int, 'from_bytes') else (chunk[0] << 16) | ((chunk[1] if len(chunk) > 1 else 0) << 8) | (chunk[2] if len(chunk) > 2 else 0)
        chars = [_URLSAFE[(n >> s) & 63] for s in (18, 12, 6, 0)]
        out.extend(chars[:len(chunk) + 1])
    return ''.join(out)


def compare_digest(a, b):
    if isinstance(a, str) != isinstance(b, str):
        raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'" % (type(a).__name__, type(b).__name__))
    return a == b
