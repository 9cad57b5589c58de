"""multiprocessing.process (Threadlab): Process, current_process, parent_process,
active_children.

A child is a program of its own (src/runtime/process.rs): a new interpreter that runs
the main file again as __mp_main__, then `_child_main` below on the Process the parent
pickled. So it behaves as CPython's "spawn" start method (the default on Windows and
macOS): globals are the child's own copies, set from the module's code, not from what
the parent changed before start(); arguments and the target are pickled.
"""

import sys
import _mp
import atexit
from multiprocessing import reduction

_is_child = reduction._is_child
# True while a child runs the main file again: starting a process then is the missing
# `if __name__ == '__main__':` guard, which CPython refuses with this message.
_bootstrapping = _is_child
_BOOTSTRAP_ERROR = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''

# Started children not yet seen to end.
_children = set()
# How many children this process has started (their names count on from it).
_counter = [0]
# How long one wait lasts before the loop looks again (Stop, timeouts).
_SLICE = 0.05


def _wait_slices(timeout, step):
    """Calls step(seconds) until it returns something that is not None, or `timeout`
    seconds of waiting have passed (then None)."""
    waited = 0.0
    while True:
        d = _SLICE if timeout is None else min(_SLICE, timeout - waited)
        r = step(max(d, 0.0))
        if r is not None:
            return r
        if timeout is not None:
            waited += d
            if waited >= timeout:
                return None


class BaseProcess:
    _start_method = 'spawn'

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        _counter[0] += 1
        self._identity = _current_process._identity + (_counter[0],)
        self._config = dict(_current_process._config)
        self._parent_pid = _mp.getpid()
        self._parent_name = _current_process.name
        self._handle = None
        self._exitcode = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def run(self):
        """What the child does: calls the target (a subclass overrides this)."""
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._handle is None, 'cannot start a process twice'
        assert self._parent_pid == _mp.getpid(), 'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), 'daemonic processes are not allowed to have children'
        if _bootstrapping:
            raise RuntimeError(_BOOTSTRAP_ERROR)
        _cleanup()
        payload = reduction.dumps(self)
        self._handle = _mp.start(payload)
        _children.add(self)

    def _poll(self, timeout):
        code = _mp.wait(self._handle, timeout)
        if code is not None:
            if self._exitcode is None:
                self._exitcode = getattr(self, '_killed_with', code) if code == -15 else code
            _children.discard(self)
            return self._exitcode
        return None

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == _mp.getpid(), 'can only join a child process'
        assert self._handle is not None, 'can only join a started process'
        if self._exitcode is None:
            _wait_slices(timeout, self._poll)

    def is_alive(self):
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == _mp.getpid(), 'can only test a child process'
        if self._handle is None:
            return False
        return self._exitcode is None and self._poll(0) is None

    def terminate(self):
        self._check_closed()
        if self._handle is not None and self._exitcode is None:
            _mp.kill(self._handle)

    def kill(self):
        self._killed_with = -9
        self.terminate()

    def close(self):
        if self._handle is not None and self._exitcode is None and self._poll(0) is None:
            raise ValueError('Cannot close a process while it is still running. '
                             'You should first call join() or terminate().')
        self._closed = True
        _children.discard(self)

    def _check_closed(self):
        if self._closed:
            raise ValueError('process object is closed')

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        return self._config.get('daemon', False)

    @daemon.setter
    def daemon(self, daemonic):
        assert self._handle is None, 'process has already started'
        self._config['daemon'] = daemonic

    @property
    def exitcode(self):
        self._check_closed()
        if self._handle is None:
            return None
        if self._exitcode is None:
            self._poll(0)
        return self._exitcode

    @property
    def pid(self):
        self._check_closed()
        if self is _current_process:
            return _mp.getpid()
        return None if self._handle is None else _mp.pid(self._handle)

    ident = pid

    def __getstate__(self):
        state = dict(self.__dict__)
        state['_handle'] = None
        return state

    def __setstate__(self, state):
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def __repr__(self):
        if self is _current_process:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._handle is None:
            status = 'initial'
        else:
            code = self.exitcode
            status = 'started' if code is None else 'stopped'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._handle is not None or self is _current_process:
            info.append('pid=%s' % self.pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if status == 'stopped':
            info.append('exitcode=%s' % self._exitcode)
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)

    def _bootstrap(self):
        """Runs in the child: the target, then the child's exit code."""
        global _current_process, _parent_process, _bootstrapping
        _current_process = self
        _parent_process = _ParentProcess(self._parent_name, self._parent_pid)
        _counter[0] = 0
        _children.clear()
        _bootstrapping = False
        try:
            self.run()
            exitcode = 0
        except SystemExit as e:
            code = e.args[0] if len(e.args) == 1 else (e.args or None)
            if code is None:
                exitcode = 0
            elif isinstance(code, int):
                exitcode = code
            else:
                sys.stderr.write(str(code) + '\n')
                exitcode = 1
        except BaseException:
            exitcode = 1
            if _mp.stopping():
                # Ended from outside (terminate(), Stop): silent, as a signal is.
                return exitcode
            import traceback
            sys.stderr.write('Process %s:\n' % self.name)
            traceback.print_exc()
        finally:
            _exit_function()
            sys.stdout.flush()
        return exitcode


class Process(BaseProcess):
    pass


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._handle = None
        self._exitcode = None
        self._closed = False
        self._config = {}


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._parent_pid = None
        self._pid = pid
        self._handle = None
        self._exitcode = None
        self._closed = False
        self._config = {}

    @property
    def pid(self):
        return self._pid

    ident = pid

    def is_alive(self):
        return True


_current_process = _MainProcess()
_parent_process = None


def current_process():
    """The Process object of the process that calls it."""
    return _current_process


def parent_process():
    """The parent's Process object (None in the main process)."""
    return _parent_process


def _cleanup():
    for p in list(_children):
        if p._handle is not None and p._poll(0) is not None:
            _children.discard(p)


def active_children():
    """The children started and not yet ended (ended ones are joined on the way)."""
    _cleanup()
    return list(_children)


def _exit_function():
    """At exit, as CPython does: daemonic children are terminated, the others joined."""
    for p in list(_children):
        if p.daemon:
            p.terminate()
    for p in list(_children):
        if p._handle is not None:
            p.join()


atexit.register(_exit_function)


def _child_main(payload):
    """The child's last step (the runtime calls it once the main file has run)."""
    global _bootstrapping
    _bootstrapping = False
    process = reduction.loads(payload)
    return process._bootstrap()
