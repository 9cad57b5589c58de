"""asyncio: one event loop on one thread, running coroutines that give way at `await`
(ours, in Python over the engine's coroutines). What the course and tutorials use:
run, sleep, create_task, gather, wait_for, wait, as_completed, to_thread, Task/Future,
Lock, Event, Semaphore, Queue, timeout errors and cancellation. A coroutine runs until
it awaits something not ready; nothing else runs meanwhile, so no lock is needed
between two awaits, which is the point lesson 11 makes against threads."""

import _asyncgen
import heapq
import threading
import time
from collections import deque

__all__ = ['run', 'sleep', 'create_task', 'gather', 'wait_for', 'wait', 'as_completed',
           'to_thread', 'Task', 'Future', 'Lock', 'Event', 'Semaphore', 'BoundedSemaphore',
           'Queue', 'QueueEmpty', 'QueueFull', 'CancelledError', 'TimeoutError',
           'InvalidStateError', 'get_running_loop', 'get_event_loop', 'new_event_loop',
           'current_task', 'all_tasks', 'iscoroutine', 'ensure_future', 'shield',
           'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED']

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

TimeoutError = TimeoutError


class CancelledError(BaseException):
    pass


class InvalidStateError(Exception):
    pass


class QueueEmpty(Exception):
    pass


class QueueFull(Exception):
    pass


_running = threading.local()


def _report(message, exc):
    """What the loop's default exception handler shows on stderr."""
    import sys
    import traceback
    print(message, file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)


def _get_loop():
    loop = getattr(_running, 'loop', None)
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def get_running_loop():
    return _get_loop()


def get_event_loop():
    loop = getattr(_running, 'loop', None)
    return loop if loop is not None else new_event_loop()


def iscoroutine(obj):
    return type(obj).__name__ == 'coroutine'


class Handle:
    def __init__(self, callback, args):
        self._callback = callback
        self._args = args
        self._cancelled = False

    def cancel(self):
        self._cancelled = True

    def cancelled(self):
        return self._cancelled

    def _run(self):
        if not self._cancelled:
            self._callback(*self._args)


class TimerHandle(Handle):
    def __init__(self, when, callback, args):
        super().__init__(callback, args)
        self._when = when

    def when(self):
        return self._when


class AbstractEventLoop:
    pass


class EventLoop(AbstractEventLoop):
    def __init__(self):
        self._ready = deque()
        self._timers = []
        self._seq = 0
        self._closed = False
        # Tasks not done yet, in creation order (a dict: removal is O(1)).
        self._tasks = {}
        # Callbacks from other threads (to_thread, call_soon_threadsafe).
        self._from_threads = deque()
        self._wake = threading.Event()
        # Async generators first iterated in this loop (closed by shutdown_asyncgens).
        self._asyncgens = []

    def time(self):
        return time.monotonic()

    def call_soon(self, callback, *args, context=None):
        h = Handle(callback, args)
        self._ready.append(h)
        return h

    def call_soon_threadsafe(self, callback, *args, context=None):
        h = Handle(callback, args)
        self._from_threads.append(h)
        self._wake.set()
        return h

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        h = TimerHandle(when, callback, args)
        self._seq += 1
        heapq.heappush(self._timers, (when, self._seq, h))
        return h

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        task = Task(coro, loop=self, name=name)
        return task

    def is_closed(self):
        return self._closed

    def is_running(self):
        return getattr(_running, 'loop', None) is self

    def close(self):
        self._closed = True

    def _run_once(self):
        while self._from_threads:
            self._ready.append(self._from_threads.popleft())
        if not self._ready:
            timeout = None
            if self._timers:
                timeout = max(0.0, self._timers[0][0] - self.time())
            if timeout is None or timeout > 0:
                self._wake.wait(timeout)
                self._wake.clear()
            while self._from_threads:
                self._ready.append(self._from_threads.popleft())
        now = self.time()
        while self._timers and self._timers[0][0] <= now:
            self._ready.append(heapq.heappop(self._timers)[2])
        for _ in range(len(self._ready)):
            self._ready.popleft()._run()

    def run_until_complete(self, future):
        if self._closed:
            raise RuntimeError('Event loop is closed')
        if getattr(_running, 'loop', None) is not None:
            raise RuntimeError('This event loop is already running')
        fut = ensure_future(future, loop=self)
        _running.loop = self
        me = threading.get_ident()
        _asyncgen.firstiter[me] = self._asyncgens.append
        try:
            while not fut.done():
                self._run_once()
        finally:
            _running.loop = None
            _asyncgen.firstiter.pop(me, None)
        return fut.result()

    async def shutdown_asyncgens(self):
        closing = [ag for ag in self._asyncgens if not ag._finished]
        self._asyncgens.clear()
        if not closing:
            return
        results = await gather(*[ag.aclose() for ag in closing], return_exceptions=True)
        for ag, r in zip(closing, results):
            if isinstance(r, Exception):
                _report(f'an error occurred during closing of asynchronous generator {ag!r}', r)

    def run_in_executor(self, executor, func, *args):
        fut = self.create_future()

        def work():
            try:
                result = func(*args)
            except BaseException as e:
                self.call_soon_threadsafe(_settle, fut, None, e)
            else:
                self.call_soon_threadsafe(_settle, fut, result, None)

        threading.Thread(target=work, daemon=True).start()
        return fut


def _settle(fut, result, exc):
    if fut.done():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


def new_event_loop():
    return EventLoop()


class Future:
    _asyncio_future_blocking = False

    def __init__(self, *, loop=None):
        self._loop = loop if loop is not None else _get_loop()
        self._state = 'PENDING'
        self._result = None
        self._exception = None
        self._callbacks = []
        self._cancel_message = None

    def __repr__(self):
        return f'<{type(self).__name__} {self._state.lower()}>'

    def get_loop(self):
        return self._loop

    def done(self):
        return self._state != 'PENDING'

    def cancelled(self):
        return self._state == 'CANCELLED'

    def cancel(self, msg=None):
        if self._state != 'PENDING':
            return False
        self._state = 'CANCELLED'
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def result(self):
        if self._state == 'CANCELLED':
            raise CancelledError(*(() if self._cancel_message is None else (self._cancel_message,)))
        if self._state == 'PENDING':
            raise InvalidStateError('Result is not ready.')
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == 'CANCELLED':
            raise CancelledError
        if self._state == 'PENDING':
            raise InvalidStateError('Exception is not set.')
        return self._exception

    def set_result(self, result):
        if self._state != 'PENDING':
            raise InvalidStateError(f'{self._state}: {self!r}')
        self._result = result
        self._state = 'FINISHED'
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != 'PENDING':
            raise InvalidStateError(f'{self._state}: {self!r}')
        if isinstance(exception, type):
            exception = exception()
        if isinstance(exception, StopIteration):
            raise TypeError("StopIteration interacts badly with generators and cannot be raised into a Future")
        self._exception = exception
        self._state = 'FINISHED'
        self._schedule_callbacks()

    def add_done_callback(self, fn, *, context=None):
        if self.done():
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        n = len(self._callbacks)
        self._callbacks = [f for f in self._callbacks if f != fn]
        return n - len(self._callbacks)

    def _schedule_callbacks(self):
        callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            self._loop.call_soon(fn, self)

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError('await wasn\'t used with future')
        return self.result()

    __iter__ = __await__


class _Yield:
    """`await sleep(0)`: give way once."""

    def __await__(self):
        yield None


_task_count = 0


class Task(Future):
    def __init__(self, coro, *, loop=None, name=None):
        super().__init__(loop=loop)
        if not iscoroutine(coro):
            raise TypeError(f'a coroutine was expected, got {coro!r}')
        global _task_count
        _task_count += 1
        self._coro = coro
        self._name = name if name is not None else f'Task-{_task_count}'
        self._must_cancel = False
        self._waiting_on = None
        self._loop._tasks[self] = None
        self._loop.call_soon(self._step)

    def __repr__(self):
        return f'<Task {self._state.lower()} name={self._name!r}>'

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_coro(self):
        return self._coro

    def cancel(self, msg=None):
        if self.done():
            return False
        if self._waiting_on is not None and self._waiting_on.cancel(msg):
            return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def _step(self, exc=None):
        if self.done():
            return
        if self._must_cancel:
            exc = CancelledError(*(() if self._cancel_message is None else (self._cancel_message,)))
            self._must_cancel = False
        previous = getattr(_running, 'task', None)
        _running.task = self
        try:
            if exc is None:
                yielded = self._coro.send(None)
            else:
                yielded = self._coro.throw(exc)
        except StopIteration as e:
            super().set_result(e.value)
        except CancelledError as e:
            super().cancel(*e.args)
        except (KeyboardInterrupt, SystemExit) as e:
            super().set_exception(e)
            raise
        except BaseException as e:
            super().set_exception(e)
        else:
            if isinstance(yielded, Future):
                yielded._asyncio_future_blocking = False
                self._waiting_on = yielded
                yielded.add_done_callback(self._wakeup)
            elif yielded is None:
                self._loop.call_soon(self._step)
            else:
                self._loop.call_soon(self._step, RuntimeError(f'Task got bad yield: {yielded!r}'))
        finally:
            _running.task = previous
        if self.done():
            self._loop._tasks.pop(self, None)

    def _wakeup(self, fut):
        self._waiting_on = None
        if fut.cancelled():
            self._step(CancelledError(*(() if fut._cancel_message is None else (fut._cancel_message,))))
            return
        self._step()


def current_task(loop=None):
    return getattr(_running, 'task', None)


def all_tasks(loop=None):
    loop = loop or _get_loop()
    return {t for t in loop._tasks if not t.done()}


def ensure_future(obj, *, loop=None):
    if isinstance(obj, Future):
        return obj
    if iscoroutine(obj):
        return (loop or _get_loop()).create_task(obj)
    if hasattr(type(obj), '__await__'):
        async def wrap():
            return await obj
        return (loop or _get_loop()).create_task(wrap())
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')


def create_task(coro, *, name=None, context=None):
    return _get_loop().create_task(coro, name=name)


def run(main, *, debug=None):
    if getattr(_running, 'loop', None) is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    if not iscoroutine(main):
        raise ValueError(f'a coroutine was expected, got {main!r}')
    loop = new_event_loop()
    try:
        return loop.run_until_complete(main)
    finally:
        for task in list(loop._tasks):
            task.cancel()
        if loop._tasks:
            try:
                loop.run_until_complete(gather(*loop._tasks, return_exceptions=True))
            except BaseException:
                pass
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()


async def sleep(delay, result=None):
    if delay <= 0:
        await _Yield()
        return result
    loop = _get_loop()
    fut = loop.create_future()
    h = loop.call_later(delay, _settle, fut, result, None)
    try:
        return await fut
    finally:
        h.cancel()


class _GatheringFuture(Future):
    def __init__(self, children, loop):
        super().__init__(loop=loop)
        self._children = children

    def cancel(self, msg=None):
        if self.done():
            return False
        any_cancelled = False
        for child in self._children:
            if child.cancel(msg):
                any_cancelled = True
        return any_cancelled


def gather(*aws, return_exceptions=False):
    loop = _get_loop()
    children = [ensure_future(a, loop=loop) for a in aws]
    outer = _GatheringFuture(children, loop)
    if not children:
        outer.set_result([])
        return outer
    left = [len(children)]

    def child_done(fut):
        left[0] -= 1
        if outer.done():
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(CancelledError())
                return
            if fut.exception() is not None:
                outer.set_exception(fut.exception())
                return
        if left[0] == 0:
            results = []
            for c in children:
                if c.cancelled():
                    results.append(CancelledError())
                elif c.exception() is not None:
                    results.append(c.exception())
                else:
                    results.append(c.result())
            outer.set_result(results)

    for c in children:
        c.add_done_callback(child_done)
    return outer


def shield(aw):
    return ensure_future(aw)


async def wait_for(aw, timeout):
    loop = _get_loop()
    fut = ensure_future(aw, loop=loop)
    if timeout is None:
        return await fut
    if fut.done():
        return fut.result()
    waiter = loop.create_future()
    timer = loop.call_later(timeout, _settle, waiter, False, None)
    fut.add_done_callback(lambda f: _settle(waiter, True, None))
    try:
        finished = await waiter
    except CancelledError:
        fut.cancel()
        raise
    finally:
        timer.cancel()
    if finished:
        return fut.result()
    fut.cancel()
    while not fut.done():
        await _Yield()
    raise TimeoutError()


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    loop = _get_loop()
    fs = {ensure_future(f, loop=loop) for f in fs}
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    waiter = loop.create_future()

    def check(_=None):
        done = [f for f in fs if f.done()]
        if (return_when == FIRST_COMPLETED and done) or len(done) == len(fs) or \
           (return_when == FIRST_EXCEPTION and any(not f.cancelled() and f.exception() for f in done)):
            _settle(waiter, None, None)

    for f in fs:
        f.add_done_callback(check)
    check()
    timer = loop.call_later(timeout, _settle, waiter, None, None) if timeout is not None else None
    try:
        await waiter
    finally:
        if timer is not None:
            timer.cancel()
        for f in fs:
            f.remove_done_callback(check)
    done = {f for f in fs if f.done()}
    return done, fs - done


def as_completed(fs, *, timeout=None):
    loop = _get_loop()
    todo = [ensure_future(f, loop=loop) for f in set(fs)]
    finished = deque()
    waiters = deque()

    def on_done(f):
        finished.append(f)
        if waiters:
            _settle(waiters.popleft(), None, None)

    for f in todo:
        f.add_done_callback(on_done)

    async def next_done():
        if not finished:
            w = loop.create_future()
            waiters.append(w)
            if timeout is None:
                await w
            else:
                try:
                    await wait_for(w, timeout)
                except TimeoutError:
                    raise TimeoutError() from None
        return finished.popleft().result()

    for _ in range(len(todo)):
        yield next_done()


async def to_thread(func, /, *args, **kwargs):
    return await _get_loop().run_in_executor(None, lambda: func(*args, **kwargs))


class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = deque()

    def __repr__(self):
        return f'<asyncio.locks.Lock object [{"locked" if self._locked else "unlocked"}]>'

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and not self._waiters:
            self._locked = True
            return True
        fut = _get_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
        except CancelledError:
            if fut in self._waiters:
                self._waiters.remove(fut)
            elif not self._locked:
                self._wake_next()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError('Lock is not acquired.')
        self._locked = False
        self._wake_next()

    def _wake_next(self):
        while self._waiters:
            fut = self._waiters.popleft()
            if not fut.done():
                fut.set_result(True)
                return

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class Event:
    def __init__(self):
        self._value = False
        self._waiters = []

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)
            self._waiters = []

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = _get_loop().create_future()
        self._waiters.append(fut)
        await fut
        return True


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._value = value
        self._waiters = deque()

    def locked(self):
        return self._value == 0

    async def acquire(self):
        while self._value <= 0:
            fut = _get_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
            except CancelledError:
                if fut in self._waiters:
                    self._waiters.remove(fut)
                raise
        self._value -= 1
        return True

    def release(self):
        self._value += 1
        while self._waiters:
            fut = self._waiters.popleft()
            if not fut.done():
                fut.set_result(True)
                return

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._items = deque()
        self._getters = deque()
        self._putters = deque()
        self._unfinished = 0
        self._finished = Event()
        self._finished.set()

    def __repr__(self):
        return f'<Queue maxsize={self._maxsize} qsize={len(self._items)}>'

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        return 0 < self._maxsize <= len(self._items)

    @staticmethod
    def _wake(waiters):
        while waiters:
            fut = waiters.popleft()
            if not fut.done():
                fut.set_result(None)
                return

    async def put(self, item):
        while self.full():
            fut = _get_loop().create_future()
            self._putters.append(fut)
            await fut
        self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._items.append(item)
        self._unfinished += 1
        self._finished.clear()
        self._wake(self._getters)

    async def get(self):
        while self.empty():
            fut = _get_loop().create_future()
            self._getters.append(fut)
            await fut
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._items.popleft()
        self._wake(self._putters)
        return item

    def task_done(self):
        if self._unfinished <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished -= 1
        if self._unfinished == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished > 0:
            await self._finished.wait()
