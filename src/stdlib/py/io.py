"""io: StringIO, an in-memory text stream, and open(): files on the run's file system
(`_fs`, in memory: see src/vm/files.rs), in text and binary modes."""


class StringIO:
    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        # The text is _value followed by _parts: writes at the end only append to the
        # list (joined on the next read), so n such writes cost O(n), not O(n^2).
        self._value = initial_value
        self._parts = []
        self._size = len(initial_value)
        self._pos = 0
        self.closed = False

    def _joined(self):
        if self._parts:
            self._value = self._value + ''.join(self._parts)
            self._parts = []
        return self._value

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        if self._pos == self._size:
            self._parts.append(s)
            self._size += len(s)
            self._pos = self._size
            return len(s)
        v = self._joined()
        if self._pos > len(v):
            v = v + '\0' * (self._pos - len(v))
        self._value = v[:self._pos] + s + v[self._pos + len(s):]
        self._size = len(self._value)
        self._pos += len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check()
        return self._joined()

    def read(self, size=-1):
        self._check()
        v = self._joined()
        if size is None or size < 0:
            out = v[self._pos:]
        else:
            out = v[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def readline(self, size=-1):
        self._check()
        v = self._joined()
        end = v.find('\n', self._pos)
        end = len(v) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = v[self._pos:end]
        self._pos = end
        return out

    def readlines(self):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            self._pos = pos
        elif whence == 1:
            self._pos += pos
        else:
            self._pos = self._size + pos
        return self._pos

    def tell(self):
        return self._pos

    def truncate(self, size=None):
        if size is None:
            size = self._pos
        self._value = self._joined()[:size]
        self._size = len(self._value)
        return size

    def flush(self):
        pass

    def close(self):
        self.closed = True

    def isatty(self):
        return False

    def readable(self):
        return True

    def writable(self):
        return True

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


# ---- files ----

import _fs

DEFAULT_BUFFER_SIZE = 8192
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


class UnsupportedOperation(OSError, ValueError):
    pass


def _parse_mode(mode):
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    kinds = set(mode)
    if len(kinds) != len(mode) or not kinds <= set("rwaxbt+") or len(kinds & set("rwax")) != 1 \
            or ('b' in kinds and 't' in kinds):
        raise ValueError(f"invalid mode: '{mode}'")
    return mode.replace('t', '')


class _File:
    """One open file. Reads see the file as it was when opened (or last sought to);
    writes are buffered and reach the file on flush(), close(), or when the buffer
    passes DEFAULT_BUFFER_SIZE, as CPython's buffered files do. Writes in 'w', 'a' and
    'x' modes append to the file, so several handles appending interleave whole writes."""

    def __init__(self, name, mode, binary, encoding, newline):
        self.name = name
        self.mode = mode
        self._binary = binary
        self._encoding = encoding
        self._newline = newline
        self._readable = 'r' in mode or '+' in mode
        self._writable = 'r' not in mode or '+' in mode
        self._update = '+' in mode
        self._pending = []
        self._pending_size = 0
        self.closed = False
        kind = mode.replace('b', '').replace('+', '')
        if kind == 'r':
            raw = _fs.read(name)
        elif kind == 'a':
            _fs.write(name, b'', True, False)
            raw = _fs.read(name)
        else:  # 'w' truncates, 'x' must not exist
            _fs.write(name, b'', False, kind == 'x')
            raw = b''
        self._content = self._decode(raw)
        self._pos = len(self._content) if kind == 'a' else 0

    # -- helpers --
    def _decode(self, raw):
        if self._binary:
            return raw
        text = raw.decode(self._encoding)
        if self._newline is None:
            text = text.replace('\r\n', '\n').replace('\r', '\n')
        return text

    def _encode(self, s):
        if self._binary:
            return s
        if self._newline not in (None, '', '\n'):
            s = s.replace('\n', self._newline)
        return s.encode(self._encoding)

    def _check(self, readable=False, writable=False):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if readable and not self._readable:
            raise UnsupportedOperation("not readable")
        if writable and not self._writable:
            raise UnsupportedOperation("not writable")

    @property
    def encoding(self):
        if self._binary:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute 'encoding'")
        return self._encoding

    # -- reading --
    def read(self, size=-1):
        self._check(readable=True)
        if size is None or size < 0:
            out = self._content[self._pos:]
        else:
            out = self._content[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def readline(self, size=-1):
        self._check(readable=True)
        nl = b'\n' if self._binary else '\n'
        end = self._content.find(nl, self._pos)
        end = len(self._content) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = self._content[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # -- writing --
    def write(self, s):
        self._check(writable=True)
        if self._binary:
            if not isinstance(s, bytes):
                raise TypeError(f"a bytes-like object is required, not '{type(s).__name__}'")
        elif not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if self._update:
            c = self._content
            self._content = c[:self._pos] + s + c[self._pos + len(s):]
            self._pos += len(s)
            self._pending_size += len(s)
            self._pending = [None]
        else:
            data = self._encode(s)
            self._pending.append(data)
            self._pending_size += len(data)
        if self._pending_size >= DEFAULT_BUFFER_SIZE:
            self.flush()
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._check()
        if not self._pending:
            return
        if self._update:
            _fs.write(self.name, self._encode(self._content), False, False)
        else:
            _fs.write(self.name, b''.join(self._pending), True, False)
        self._pending = []
        self._pending_size = 0

    # -- position --
    def seek(self, pos, whence=0):
        self._check()
        if self._pending and not self._update:
            self.flush()
        if not self._update and self._readable:
            self._content = self._decode(_fs.read(self.name))
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek position {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos += pos
        elif whence == 2:
            self._pos = len(self._content) + pos
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check(writable=True)
        if size is None:
            size = self._pos
        self.flush()
        data = self._decode(_fs.read(self.name))[:size]
        _fs.write(self.name, self._encode(data), False, False)
        self._content = data
        return size

    # -- the rest --
    def close(self):
        if not self.closed:
            try:
                self.flush()
            finally:
                self.closed = True

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def isatty(self):
        self._check()
        return False

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def seekable(self):
        self._check()
        return True

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self._binary:
            return f"<{type(self).__module__}.{type(self).__name__} name={self.name!r}>"
        return f"<{type(self).__module__}.{type(self).__name__} name={self.name!r} mode={self.mode!r} encoding={self._encoding!r}>"


class TextIOWrapper(_File):
    pass


class BufferedReader(_File):
    pass


class BufferedWriter(_File):
    pass


class BufferedRandom(_File):
    pass


for _c in (TextIOWrapper, BufferedReader, BufferedWriter, BufferedRandom):
    _c.__module__ = '_io'
del _c


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, str):
        if isinstance(file, int):
            raise OSError("open() of a file descriptor is not supported here")
        raise TypeError(f"expected str, bytes or os.PathLike object, not {type(file).__name__}")
    m = _parse_mode(mode)
    binary = 'b' in m
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if newline not in (None, '', '\n', '\r', '\r\n'):
        raise ValueError(f"illegal newline value: {newline}")
    if binary:
        cls = BufferedRandom if '+' in m else (BufferedReader if 'r' in m else BufferedWriter)
    else:
        cls = TextIOWrapper
    return cls(file, mode, binary, encoding or 'UTF-8', newline)
