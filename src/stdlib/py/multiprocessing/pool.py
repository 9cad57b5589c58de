"""multiprocessing.pool (Threadlab): Pool, a fixed set of worker processes.

Tasks go to the workers through one queue and results come back through another, as
in CPython (workers take chunks of `map`'s input; results are put back in input
order). CPython reads results on a handler thread; here whoever waits for a result
reads them (under a lock), and callbacks run then. An exception raised in a worker is
raised again by get(), with the worker's traceback attached as its __cause__.
"""

import os
import threading
import traceback
from multiprocessing.process import Process
from multiprocessing.queues import SimpleQueue
from multiprocessing.context import TimeoutError
from queue import Empty


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class MaybeEncodingError(Exception):
    """A result that could not be sent back (pickled)."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)


def _worker(tasks, results, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = tasks.get()
        if task is None:
            break
        job, i, func, chunk, star = task
        try:
            out = [func(*a) if star else func(a) for a in chunk]
            ok = True
        except Exception as e:
            text = ''.join(traceback.format_exception(type(e), e, e.__traceback__))
            out = (e, '\n"""\n' + text + '"""')
            ok = False
        try:
            results.put((job, i, ok, out))
        except Exception as e:
            results.put((job, i, False, (MaybeEncodingError(e, out), None)))


class ApplyResult:
    def __init__(self, pool, parts, callback, error_callback):
        self._pool = pool
        self._job = pool._new_job(self)
        self._parts = [None] * parts
        self._missing = parts
        self._callback = callback
        self._error_callback = error_callback
        self._error = None
        self._event = threading.Event()
        if parts == 0:
            self._finish()

    def ready(self):
        self._pool._drain(0)
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError('{0!r} not ready'.format(self))
        return self._error is None

    def wait(self, timeout=None):
        self._pool._wait_for(self, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self._event.is_set():
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return self._value()

    def _value(self):
        return self._parts[0][0]

    def _arrived(self, i, ok, out):
        if ok:
            self._parts[i] = out
        elif self._error is None:
            exc, tb = out
            if tb is not None:
                exc.__cause__ = RemoteTraceback(tb)
            self._error = exc
        self._missing -= 1
        if self._missing == 0:
            self._finish()

    def _finish(self):
        self._pool._jobs.pop(self._job, None)
        self._event.set()
        if self._error is None and self._callback is not None:
            self._callback(self._value())
        if self._error is not None and self._error_callback is not None:
            self._error_callback(self._error)


class MapResult(ApplyResult):
    def _value(self):
        return [x for part in self._parts for x in part]


class Pool:
    """A pool of worker processes (`processes` of them: os.cpu_count() by default)."""

    _worker_name = 'SpawnPoolWorker'

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError('Number of processes must be at least 1')
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._tasks = SimpleQueue()
        self._results = SimpleQueue()
        self._jobs = {}
        self._next_job = 0
        self._lock = threading.Lock()
        self._state = 'RUN'
        self._pool = []
        for _ in range(processes):
            w = Process(target=_worker, args=(self._tasks, self._results, initializer, initargs))
            w.name = w.name.replace('Process', self._worker_name)
            w.daemon = True
            w.start()
            self._pool.append(w)

    def __repr__(self):
        return '<%s.%s state=%s pool_size=%d>' % (type(self).__module__, type(self).__qualname__,
                                                   self._state, len(self._pool))

    def _new_job(self, result):
        job = self._next_job
        self._next_job += 1
        self._jobs[job] = result
        return job

    def _check_running(self):
        if self._state != 'RUN':
            raise ValueError('Pool not running')

    def _drain(self, timeout):
        """Hands every result that has come (waiting up to `timeout`) to its job."""
        with self._lock:
            got = False
            while True:
                try:
                    if timeout and not got:
                        job, i, ok, out = self._results.get(timeout=timeout)
                    else:
                        job, i, ok, out = self._results.get(block=False)
                except Empty:
                    return
                got = True
                r = self._jobs.get(job)
                if r is not None:
                    r._arrived(i, ok, out)

    def _wait_for(self, result, timeout):
        waited = 0.0
        while not result._event.is_set():
            if timeout is not None and waited >= timeout:
                return
            step = 0.05 if timeout is None else min(0.05, timeout - waited)
            self._drain(step)
            waited += step

    def _submit(self, func, chunks, star, result):
        for i, chunk in enumerate(chunks):
            self._tasks.put((result._job, i, func, chunk, star))
        return result

    def _chunks(self, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        return [items[i:i + chunksize] for i in range(0, len(items), chunksize)]

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, 1, callback, error_callback)
        return self._submit(_call, [[(func, tuple(args), dict(kwds))]], True, result)

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _map_async(self, func, iterable, star, chunksize, callback, error_callback):
        self._check_running()
        chunks = self._chunks(iterable, chunksize)
        result = MapResult(self, len(chunks), callback, error_callback)
        return self._submit(func, chunks, star, result)

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, False, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, True, chunksize, callback, error_callback)

    def map(self, func, iterable, chunksize=None):
        """[func(x) for x in iterable], computed by the workers, in input order."""
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        results = [self.apply_async(_map_chunk, (func, chunk))
                   for chunk in self._chunks(iterable, chunksize)]
        return (x for r in results for x in r.get())

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        done = []
        results = [self.apply_async(_map_chunk, (func, chunk), callback=done.append)
                   for chunk in self._chunks(iterable, chunksize)]

        def gen():
            left = len(results)
            while left:
                while not done:
                    self._drain(0.05)
                part = done.pop(0)
                left -= 1
                yield from part
        return gen()

    def close(self):
        """No more tasks: the workers end once the queued ones are done."""
        if self._state == 'RUN':
            self._state = 'CLOSE'
            for _ in self._pool:
                self._tasks.put(None)

    def terminate(self):
        self._state = 'TERMINATE'
        for w in self._pool:
            w.terminate()
        for w in self._pool:
            w.join()

    def join(self):
        if self._state == 'RUN':
            raise ValueError('Pool is still running')
        while self._jobs:
            self._drain(0.05)
        for w in self._pool:
            w.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        # As CPython's: the with block's end terminates the workers.
        self.terminate()


def _call(func, args, kwds):
    return func(*args, **kwds)


def _map_chunk(func, chunk):
    return [func(x) for x in chunk]
