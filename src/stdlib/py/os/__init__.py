"""os: what programs in the course ask of it. getpid and getppid (one number per
process: multiprocessing's children have their own),
cpu_count (the host's), environ/getenv (an empty environment unless the host gives
one), sep/linesep/name, and os.path's string functions. Files live in the run's own
file system (`_fs`, in memory, shared by its threads: src/vm/files.rs): listdir, remove,
unlink, mkdir, makedirs and os.path.exists/isfile/isdir/getsize see it; the rest of the
file API raises NotImplementedError naming what is missing."""

import _fs
import _mp
import _thread
from os import path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
devnull = '/dev/null'
defpath = '/bin:/usr/bin'
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1


environ = {}
error = OSError


def getpid():
    return _mp.getpid()


def getppid():
    return _mp.getppid()


def cpu_count():
    f = getattr(_thread, '_cpu_count', None)
    return f() if f is not None else None


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    environ[key] = value


def unsetenv(key):
    environ.pop(key, None)


def getcwd():
    return '/'


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), '__fspath__', None)
    if f is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(p).__name__)
    return f(p)


def urandom(n):
    import random
    return bytes(random.getrandbits(8) for _ in range(n))


def _no_fs(what):
    def f(*args, **kwargs):
        raise NotImplementedError('os.' + what + ': there is no file system yet')
    f.__name__ = what
    return f


def listdir(path='.'):
    return _fs.listdir(fspath(path))


def remove(path):
    _fs.remove(fspath(path))


unlink = remove


def mkdir(path, mode=0o777):
    _fs.mkdir(fspath(path), False)


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    parts = [p for p in name.split('/') if p]
    for i in range(1, len(parts)):
        _fs.mkdir('/'.join(parts[:i]), True)
    _fs.mkdir(name, exist_ok)


rmdir = _no_fs('rmdir')
rename = _no_fs('rename')
stat = _no_fs('stat')
walk = _no_fs('walk')
scandir = _no_fs('scandir')
chdir = _no_fs('chdir')
system = _no_fs('system')
