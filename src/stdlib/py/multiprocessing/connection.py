"""multiprocessing.connection (Threadlab): Pipe and its two Connection ends. Each
direction is a channel of pickled objects (`_mp`); a closed end is EOF for the other."""

import _mp
from multiprocessing import reduction
from multiprocessing.process import _wait_slices

# What a closing end sends so the reader sees EOF.
_EOF = '\0eof'


class Connection:
    def __init__(self, inbox, outbox, readable=True, writable=True):
        self._inbox = inbox
        self._outbox = outbox
        self._readable = readable
        self._writable = writable
        self._closed = False
        self._eof = False
        # What poll() looked at, for the next recv().
        self._peeked = None

    def __reduce__(self):
        return (_rebuild, (_mp.id(self._inbox) if self._inbox is not None else None,
                           _mp.id(self._outbox) if self._outbox is not None else None,
                           self._readable, self._writable))

    def _check(self, readable=False, writable=False):
        if self._closed:
            raise OSError('handle is closed')
        if readable and not self._readable:
            raise OSError('connection is write-only')
        if writable and not self._writable:
            raise OSError('connection is read-only')

    def send(self, obj):
        self._check(writable=True)
        _mp.put(self._outbox, reduction.dumps(obj))

    def send_bytes(self, buf, offset=0, size=None):
        data = bytes(buf)[offset:None if size is None else offset + size]
        self.send(data)

    def _take(self, timeout):
        """The next item's text (None: nothing within the time; _EOF: the other end
        closed)."""
        if self._peeked is not None:
            text, self._peeked = self._peeked, None
            return text
        if self._eof:
            return _EOF
        text = _mp.get(self._inbox, 0)
        if text is None and timeout != 0:
            text = _wait_slices(timeout, lambda d: _mp.get(self._inbox, d))
        if text == _EOF:
            self._eof = True
        return text

    def recv(self):
        self._check(readable=True)
        text = self._take(None)
        if text == _EOF:
            raise EOFError
        return reduction.loads(text)

    def recv_bytes(self, maxlength=None):
        obj = self.recv()
        if not isinstance(obj, bytes):
            raise OSError('bad message length')
        return obj

    def poll(self, timeout=0.0):
        """True if recv() would not wait (an item, or EOF), within `timeout` seconds."""
        self._check(readable=True)
        text = self._take(timeout)
        if text is None:
            return False
        self._peeked = text
        return True

    def close(self):
        if not self._closed and self._writable:
            _mp.put(self._outbox, _EOF)
        self._closed = True

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def _rebuild(inbox, outbox, readable, writable):
    return Connection(None if inbox is None else _mp.open(inbox),
                      None if outbox is None else _mp.open(outbox), readable, writable)


def Pipe(duplex=True):
    """Two connected ends: (conn1, conn2); with duplex=False conn1 only receives and
    conn2 only sends."""
    a = _mp.channel()
    b = _mp.channel()
    if duplex:
        return Connection(a, b), Connection(b, a)
    return Connection(a, None, True, False), Connection(None, a, False, True)
