"""multiprocessing.queues (Threadlab): Queue, SimpleQueue, JoinableQueue.

Each item is pickled when it is put and rebuilt when it is got, so the getter holds a
copy (see reduction.py); the items wait in a channel every process can reach
(`_mp`). One difference from CPython: a put() of something that cannot be pickled
raises there, where CPython's feeder thread prints the error later and drops the item.
"""

import _mp
from queue import Empty, Full
from multiprocessing import reduction
from multiprocessing.process import _wait_slices
from multiprocessing.synchronize import Lock


class Queue:
    def __init__(self, maxsize=0, *, ctx=None):
        self._maxsize = maxsize if maxsize > 0 else 0
        self._channel = _mp.channel()
        # Free places, for a bounded queue: put() waits for one.
        self._slots = _mp.sem(maxsize, maxsize) if maxsize > 0 else None
        self._closed = False

    def __reduce__(self):
        slots = None if self._slots is None else _mp.id(self._slots)
        return (_rebuild, (type(self), _mp.id(self._channel), slots, self._maxsize, self._extra()))

    def _extra(self):
        return None

    def _opened(self, extra):
        pass

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f'Queue {self!r} is closed')
        text = reduction.dumps(obj)
        if self._slots is not None:
            if not block:
                timeout = 0
            got = _mp.acquire(self._slots, 0) or (timeout != 0 and _wait_slices(
                timeout, lambda d: True if _mp.acquire(self._slots, d) else None))
            if not got:
                raise Full
        _mp.put(self._channel, text)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f'Queue {self!r} is closed')
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        text = _mp.get(self._channel, 0)
        if text is None and block and timeout != 0:
            text = _wait_slices(timeout, lambda d: _mp.get(self._channel, d))
        if text is None:
            raise Empty
        if self._slots is not None:
            _mp.release(self._slots)
        return reduction.loads(text)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return _mp.size(self._channel)

    def empty(self):
        return _mp.size(self._channel) == 0

    def full(self):
        return self._maxsize > 0 and _mp.size(self._channel) >= self._maxsize

    def close(self):
        self._closed = True

    def join_thread(self):
        assert self._closed, 'Queue {0!r} not closed'.format(self)

    def cancel_join_thread(self):
        pass


def _rebuild(cls, channel, slots, maxsize, extra):
    q = cls.__new__(cls)
    q._channel = _mp.open(channel)
    q._slots = None if slots is None else _mp.open(slots)
    q._maxsize = maxsize
    q._closed = False
    q._opened(extra)
    return q


class JoinableQueue(Queue):
    """A Queue with task_done() and join(), as queue.Queue has."""

    def __init__(self, maxsize=0, *, ctx=None):
        Queue.__init__(self, maxsize)
        self._unfinished = _mp.cell('0')
        self._count_lock = Lock()

    def _extra(self):
        return (_mp.id(self._unfinished), self._count_lock)

    def _opened(self, extra):
        self._unfinished = _mp.open(extra[0])
        self._count_lock = extra[1]

    def _add(self, n):
        with self._count_lock:
            count = int(_mp.cell_get(self._unfinished)[0]) + n
            if count < 0:
                raise ValueError('task_done() called too many times')
            _mp.cell_set(self._unfinished, str(count))

    def put(self, obj, block=True, timeout=None):
        Queue.put(self, obj, block, timeout)
        self._add(1)

    def task_done(self):
        self._add(-1)

    def join(self):
        while True:
            text, version = _mp.cell_get(self._unfinished)
            if text == '0':
                return
            _mp.cell_wait(self._unfinished, version, 0.05)


class SimpleQueue(Queue):
    """An unbounded queue with only put, get, empty and close."""

    def __init__(self, *, ctx=None):
        Queue.__init__(self)
