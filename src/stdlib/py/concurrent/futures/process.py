"""ProcessPoolExecutor (Threadlab): futures run by worker processes
(multiprocessing.Process, so each call's function and arguments are pickled, and so is
what it returns or raises). A thread of the parent collects the results, as CPython's
executor manager thread does. An exception from a worker is raised again by result(),
with the worker's traceback as its __cause__.

One difference: a future counts as pending until its result comes back, so cancel()
succeeds even for a call a worker has already begun (its result is then dropped);
CPython marks the calls it has handed to workers as running.
"""

import itertools
import os
import threading
import traceback
from concurrent.futures import _base
import multiprocessing
import multiprocessing.process


class BrokenProcessPool(_base.BrokenExecutor):
    """A worker process ended abruptly or its initializer failed."""


class _RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _process_worker(calls, results, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as e:
            _base._report('Exception in initializer:', e)
            results.put(('broken', None, None))
            return
    while True:
        call = calls.get()
        if call is None:
            return
        key, fn, args, kwargs = call
        try:
            value = fn(*args, **kwargs)
            ok = True
        except BaseException as e:
            text = ''.join(traceback.format_exception(type(e), e, e.__traceback__))
            value = (e, '\n"""\n' + text + '"""')
            ok = False
        try:
            results.put((key, ok, value))
        except BaseException as e:
            text = ''.join(traceback.format_exception(type(e), e, e.__traceback__))
            results.put((key, False, (e, '\n"""\n' + text + '"""')))


_live = set()


def _python_exit():
    for ex in list(_live):
        ex.shutdown(wait=True)


threading._register_atexit(_python_exit)


class ProcessPoolExecutor(_base.Executor):
    _counter = itertools.count()

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._initializer = initializer
        self._initargs = initargs
        self._calls = multiprocessing.SimpleQueue()
        self._results = multiprocessing.SimpleQueue()
        self._pending = {}
        self._keys = itertools.count()
        self._processes = []
        self._collector = None
        self._shutdown = False
        self._broken = False
        self._lock = threading.Lock()

    def _start_workers(self):
        for _ in range(self._max_workers):
            p = multiprocessing.Process(target=_process_worker,
                                        args=(self._calls, self._results,
                                              self._initializer, self._initargs))
            p.start()
            self._processes.append(p)
        self._collector = threading.Thread(target=self._collect,
                                           name='ProcessPoolExecutor-%d' % next(self._counter))
        self._collector.start()
        _live.add(self)

    def _collect(self):
        while True:
            key, ok, value = self._results.get()
            if key is None:
                return
            if key == 'broken':
                self._set_broken('A process in the process pool was terminated abruptly '
                                 'while the future was running or pending.')
                continue
            with self._lock:
                f = self._pending.pop(key, None)
            if f is None or not f.set_running_or_notify_cancel():
                continue
            if ok:
                f.set_result(value)
            else:
                exc, tb = value
                exc.__cause__ = _RemoteTraceback(tb)
                f.set_exception(exc)

    def _set_broken(self, why):
        with self._lock:
            self._broken = why
            pending, self._pending = self._pending, {}
        for f in pending.values():
            if f.set_running_or_notify_cancel():
                f.set_exception(BrokenProcessPool(why))

    def submit(self, fn, *args, **kwargs):
        with self._lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if not self._processes:
                self._start_workers()
            f = _base.Future()
            key = next(self._keys)
            self._pending[key] = f
        try:
            self._calls.put((key, fn, args, kwargs))
        except BaseException:
            with self._lock:
                self._pending.pop(key, None)
            raise
        return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        return super().map(fn, *iterables, timeout=timeout)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            if self._shutdown:
                first = False
            else:
                first = True
                self._shutdown = True
            if cancel_futures:
                for f in self._pending.values():
                    f.cancel()
        if first:
            for _ in self._processes:
                self._calls.put(None)
        if wait and self._processes:
            for p in self._processes:
                p.join()
            if self._collector is not None and self._collector.is_alive():
                self._results.put((None, None, None))
                self._collector.join()
            _live.discard(self)
