"""The parts of CPython's test.support.threading_helper that the lock and queue tests use."""
import contextlib
import threading
import time
import unittest

import _thread

from test import support


def threading_setup():
    """What threading_cleanup compares against: how many threads run now."""
    return (_thread._count(), len(threading.enumerate()))


def threading_cleanup(*original):
    """Wait (a while) until the threads a test started have ended."""
    for _ in support.sleeping_retry(support.SHORT_TIMEOUT, error=False):
        if (_thread._count(), len(threading.enumerate())) <= tuple(original):
            return


@contextlib.contextmanager
def wait_threads_exit(timeout=None):
    """Around a block that starts threads with _thread: wait until they have exited."""
    if timeout is None:
        timeout = support.SHORT_TIMEOUT
    before = _thread._count()
    try:
        yield
    finally:
        for _ in support.sleeping_retry(timeout, error=False):
            if _thread._count() <= before:
                break
        else:
            raise AssertionError(f"threads still running after {timeout} s: "
                                 f"{_thread._count() - before}")


def join_thread(thread, timeout=None):
    """Join `thread`, failing the test if it is still alive after `timeout`."""
    if timeout is None:
        timeout = support.SHORT_TIMEOUT
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"failed to join the thread in {timeout:.1f} seconds")


@contextlib.contextmanager
def start_threads(threads, unlock=None):
    """Start every thread, run the block, then (after calling `unlock`) join them all."""
    threads = list(threads)
    started = []
    try:
        for t in threads:
            t.start()
            started.append(t)
        yield
    finally:
        try:
            if unlock:
                unlock()
        finally:
            deadline = time.monotonic() + support.SHORT_TIMEOUT
            for t in started:
                t.join(max(deadline - time.monotonic(), 0.01))
            alive = [t for t in started if t.is_alive()]
            if alive:
                raise AssertionError(f"{len(alive)} of {len(started)} threads did not end")


def requires_working_threading(*, module=False):
    """Threads work on every host we run on: nothing to skip."""
    if module:
        return None
    return lambda f: f


def reap_threads(func):
    """A decorator that waits for the threads the test left behind."""
    def wrapper(*args, **kwargs):
        key = threading_setup()
        try:
            return func(*args, **kwargs)
        finally:
            threading_cleanup(*key)
    return wrapper
