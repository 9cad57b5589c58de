"""traceback: printing and formatting exceptions and the current stack.

Our own implementation of the CPython 3.11 functions the course uses. Exception text
comes from the engine's own traceback printer (the one uncaught exceptions use), the
stack from `_stack`, since the engine has no frame objects."""

import sys
import _stack
import _thread

__all__ = ['extract_stack', 'format_exc', 'format_exception', 'format_exception_only',
           'format_list', 'format_stack', 'print_exc', 'print_exception', 'print_stack',
           'print_list', 'FrameSummary', 'StackSummary']

_OURS = ("<frozen traceback>", "<frozen logging>", "<frozen faulthandler>")


class FrameSummary:
    """One entry of a stack: filename, lineno, name and the source line."""

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals

    @property
    def line(self):
        if self._line is None:
            self._line = _stack.source_line(self.filename, self.lineno)
        return self._line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename, self.lineno, self.name, self.line) == \
                   (other.filename, other.lineno, other.name, other.line)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)


class StackSummary:
    """A list of FrameSummary, outermost first (a list subclass in CPython; the engine
    cannot subclass list, so this wraps one)."""

    def __init__(self, frames=()):
        self._frames = list(frames)

    def __iter__(self):
        return iter(self._frames)

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return StackSummary(self._frames[i])
        return self._frames[i]

    def __eq__(self, other):
        return list(self) == list(other)

    def __repr__(self):
        return repr(self._frames)

    def append(self, f):
        self._frames.append(f)

    @classmethod
    def from_list(klass, a_list):
        result = StackSummary()
        for f in a_list:
            if isinstance(f, FrameSummary):
                result.append(f)
            else:
                filename, lineno, name, line = f
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format(self):
        out = []
        for f in self:
            row = '  File "{}", line {}, in {}\n'.format(f.filename, f.lineno, f.name)
            if f.line:
                row += '    {}\n'.format(f.line.strip())
            out.append(row)
        return out


def extract_stack(f=None, limit=None):
    """The calling thread's stack, outermost first, ending at the caller."""
    frames = _stack.extract()
    while frames and frames[-1][0] in _OURS:
        frames.pop()
    if limit is not None:
        frames = frames[-limit:] if limit >= 0 else frames[:-limit]
    return StackSummary.from_list(frames)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for item in format_list(extracted_list):
        file.write(item)


def format_stack(f=None, limit=None):
    return format_list(extract_stack(limit=limit))


def print_stack(f=None, limit=None, file=None):
    """Prints the calling thread's stack (no 'Traceback' header), as CPython does."""
    print_list(extract_stack(limit=limit), file=file)


def _value(exc, value):
    if value is _sentinel_none:
        if isinstance(exc, BaseException):
            return exc
        return None
    return value


_sentinel_none = object()


def format_exception_only(exc, /, value=_sentinel_none):
    value = _value(exc, value)
    if value is None:
        if exc is None:
            return ["NoneType: None\n"]
        return [_type_name(exc) + "\n"]
    text = str(value)
    name = _type_name(type(value))
    if text:
        return ["%s: %s\n" % (name, text)]
    return ["%s\n" % name]


def _type_name(t):
    mod = getattr(t, "__module__", "builtins")
    qual = getattr(t, "__qualname__", t.__name__)
    if mod in ("builtins", "__main__", None):
        return qual
    return mod + "." + qual


def format_exception(exc, /, value=_sentinel_none, tb=_sentinel_none, limit=None, chain=True):
    """The lines print_exception would write, each ending in a newline."""
    value = _value(exc, value)
    if value is None:
        return format_exception_only(exc, value)
    text = _thread._format_exception(value)
    if not text:
        return format_exception_only(type(value), value)
    lines = text.splitlines(True)
    # Group a traceback's entries as CPython does: one string per frame.
    out = []
    for line in lines:
        if line.startswith("    ") and out and out[-1].startswith("  File "):
            out[-1] += line
        else:
            out.append(line)
    return out


def print_exception(exc, /, value=_sentinel_none, tb=_sentinel_none, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        file.write(line)


def format_exc(limit=None, chain=True):
    """The exception being handled, as text (what print_exc would print)."""
    return "".join(format_exception(*sys.exc_info(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(*sys.exc_info(), limit=limit, file=file, chain=chain)


def print_tb(tb, limit=None, file=None):
    if file is None:
        file = sys.stderr
    for line in format_tb(tb, limit):
        file.write(line)


def format_tb(tb, limit=None):
    # The engine's traceback is a list of (file, line, name, ...) tuples, innermost first.
    if not tb:
        return []
    entries = [(t[0], t[1], t[2], None) for t in reversed(list(tb))]
    return format_list(entries)
