"""faulthandler: dump a thread's Python stack, in CPython 3.11's layout.

Our own implementation. The engine cannot read another thread's frames, so
`dump_traceback(all_threads=True)` shows the calling thread only (under CPython's
"Current thread 0x... (most recent call first):" header); the page's deadlock report
is the engine's way of showing where every thread is stuck."""

import sys
import threading
import _stack

_enabled = False


def _stream(file):
    if file is None:
        file = sys.stderr
    if isinstance(file, int):
        if file == 1:
            return sys.stdout
        if file == 2:
            return sys.stderr
        raise ValueError("file is not a valid file descriptor")
    return file


def _frames_text():
    frames = _stack.extract()
    while frames and frames[-1][0] == "<frozen faulthandler>":
        frames.pop()
    out = []
    for filename, lineno, name, _line in reversed(frames):
        out.append('  File "%s", line %d in %s\n' % (filename, lineno, name))
    return "".join(out)


def dump_traceback(file=None, all_threads=True):
    """Writes the calling thread's stack, most recent call first."""
    stream = _stream(file)
    if all_threads:
        head = "Current thread 0x%016x (most recent call first):\n" % threading.get_ident()
    else:
        head = "Stack (most recent call first):\n"
    stream.write(head + _frames_text())
    if hasattr(stream, "flush"):
        stream.flush()


def enable(file=None, all_threads=True):
    global _enabled
    _stream(file)
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def is_enabled():
    return _enabled
