"""multiprocessing (Threadlab): processes as CPython's "spawn" start method makes them.

Each process is a separate interpreter on its own host thread (a Web Worker in the
page) with its own objects and its own GIL, so CPU-bound work runs in parallel even in
GIL mode, globals are not shared, and whatever crosses is copied (pickled: see
reduction.py). Process, Queue, SimpleQueue, JoinableQueue, Pipe, Lock, RLock,
Semaphore, BoundedSemaphore, Event, Value, Array and Pool are here; Manager, Condition,
Barrier and shared_memory are not.
"""

import _mp
from multiprocessing.context import (ProcessError, BufferTooShort, TimeoutError,
                                     AuthenticationError, get_all_start_methods,
                                     get_start_method, set_start_method)
from multiprocessing.process import Process, current_process, parent_process, active_children
from multiprocessing.synchronize import Lock, RLock, Semaphore, BoundedSemaphore, Event
from multiprocessing.queues import Queue, SimpleQueue, JoinableQueue
from multiprocessing.connection import Pipe
from multiprocessing.sharedctypes import Value, Array


def cpu_count():
    """The number of CPUs (NotImplementedError if unknown, as CPython's)."""
    import os
    n = os.cpu_count()
    if n is None:
        raise NotImplementedError('cannot determine number of cpus')
    return n


def Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None):
    from multiprocessing.pool import Pool
    return Pool(processes, initializer, initargs, maxtasksperchild)


def freeze_support():
    pass


def get_context(method=None):
    set_start_method(method)
    import multiprocessing
    return multiprocessing


__all__ = ['Process', 'current_process', 'parent_process', 'active_children', 'cpu_count',
           'Queue', 'SimpleQueue', 'JoinableQueue', 'Pipe', 'Lock', 'RLock', 'Semaphore',
           'BoundedSemaphore', 'Event', 'Value', 'Array', 'Pool', 'ProcessError',
           'BufferTooShort', 'TimeoutError', 'AuthenticationError', 'freeze_support',
           'get_context', 'get_start_method', 'set_start_method', 'get_all_start_methods']
