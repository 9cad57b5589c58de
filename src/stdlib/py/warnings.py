"""warnings: warn, warn_explicit, simplefilter, filterwarnings, resetwarnings,
catch_warnings (record=True), showwarning/formatwarning with CPython's
'FILE:LINE: Category: message' line on stderr. 'default' shows each (message,
category, module, line) once; the source line is not printed."""

import sys

filters = []
_onceregistry = {}
_shown = set()
defaultaction = 'default'


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ('{message : ' + repr(self.message) + ', category : ' + repr(self._category_name) +
                ', filename : ' + repr(self.filename) + ', lineno : ' + repr(self.lineno) +
                ', line : ' + repr(self.line) + '}')


def formatwarning(message, category, filename, lineno, line=None):
    s = filename + ':' + str(lineno) + ': ' + category.__name__ + ': ' + str(message) + '\n'
    if line:
        s += '  ' + line.strip() + '\n'
    return s


def _showwarnmsg_impl(msg):
    f = msg.file if msg.file is not None else sys.stderr
    f.write(formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line))


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def _showwarnmsg(msg):
    if showwarning is not _showwarning_orig:
        showwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False):
    item = (action, message, category, module, lineno)
    if item in filters:
        filters.remove(item)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)


def simplefilter(action, category=Warning, lineno=0, append=False):
    filterwarnings(action, '', category, '', lineno, append)


def resetwarnings():
    filters[:] = []
    _shown.clear()


def _action_for(message, category, module, lineno):
    text = str(message)
    for action, msg, cat, mod, ln in filters:
        if msg and not text.lower().startswith(msg.lower()):
            continue
        if not issubclass(category, cat):
            continue
        if mod and mod != module:
            continue
        if ln and ln != lineno:
            continue
        return action
    if issubclass(category, (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)):
        return 'ignore' if module != '__main__' or not issubclass(category, DeprecationWarning) else 'default'
    return defaultaction


def warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if module is None:
        module = filename[:-3] if filename.endswith('.py') else filename
    action = _action_for(message, category, module, lineno)
    if action == 'error':
        if isinstance(message, Warning):
            raise message
        raise category(message)
    if action == 'ignore':
        return
    key = (str(message), category, lineno, filename)
    if action == 'once':
        if (str(message), category) in _onceregistry:
            return
        _onceregistry[(str(message), category)] = 1
    elif action in ('default', 'module'):
        if key in _shown:
            return
        _shown.add(key)
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '" + type(category).__name__ + "'")
    filename, lineno, module = _caller(stacklevel)
    warn_explicit(message, category, filename, lineno, module, source=source)


def _caller(stacklevel):
    getframe = getattr(sys, '_getframe', None)
    if getframe is not None:
        try:
            f = getframe(stacklevel + 1)
            return f.f_code.co_filename, f.f_lineno, f.f_globals.get('__name__', '__main__')
        except Exception:
            pass
    argv = getattr(sys, 'argv', None)
    name = argv[0] if argv else '<string>'
    return name, 0, '__main__'


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._entered = False
        self._action = action
        self._category = category

    def __enter__(self):
        global showwarning
        if self._entered:
            raise RuntimeError('Cannot enter ' + repr(self) + ' twice')
        self._entered = True
        self._filters = filters[:]
        self._shown = set(_shown)
        self._showwarning = showwarning
        if self._action:
            simplefilter(self._action, self._category)
        if self._record:
            log = []

            def rec(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno, file, line))
            showwarning = rec
            return log
        return None

    def __exit__(self, *exc_info):
        global showwarning
        filters[:] = self._filters
        _shown.clear()
        _shown.update(self._shown)
        showwarning = self._showwarning
