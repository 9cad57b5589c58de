"""multiprocessing.context (Threadlab): the exceptions, and the start method. Processes
here always start as CPython's "spawn" does (see process.py); asking for "fork" or
"forkserver" is refused with the reason."""


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


def get_all_start_methods():
    return ['spawn']


def get_start_method(allow_none=False):
    return 'spawn'


def set_start_method(method, force=False):
    if method not in (None, 'spawn'):
        raise ValueError(f'cannot find context for {method!r}: in the browser every '
                         f'process starts as with "spawn" (a fresh interpreter)')
