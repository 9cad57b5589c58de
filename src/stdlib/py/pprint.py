"""Pretty printing of dicts, lists, tuples and sets the way CPython 3.11's pprint lays
them out (our own implementation of its documented layout)."""

import sys

__all__ = ['pprint', 'pformat', 'isreadable', 'isrecursive', 'saferepr', 'PrettyPrinter', 'pp']


def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True, underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact, sort_dicts=sort_dicts, underscore_numbers=underscore_numbers).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True, underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact, sort_dicts=sort_dicts, underscore_numbers=underscore_numbers).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]


def isreadable(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]


def isrecursive(object):
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]


def _sorted(items):
    """Sorted like CPython's _safe_key: by value, or by type name and id when the values
    do not compare."""
    items = list(items)
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=lambda x: (str(type(x)), id(x)))


def _sorted_items(items):
    items = list(items)
    try:
        return sorted(items, key=lambda kv: kv[0])
    except TypeError:
        return sorted(items, key=lambda kv: (str(type(kv[0])), id(kv[0])))


def _words(line):
    """The pieces `re.findall(r'\\S*\\s*', line)` gives, without the final empty one."""
    parts = []
    i, n = 0, len(line)
    while i < n:
        j = i
        while j < n and not line[j].isspace():
            j += 1
        while j < n and line[j].isspace():
            j += 1
        parts.append(line[i:j])
        i = j
    return parts


class _Writer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def getvalue(self):
        return ''.join(self.parts)


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False, sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        self._stream = stream
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        stream = self._stream if self._stream is not None else sys.stdout
        if stream is not None:
            w = _Writer()
            self._format(object, w, 0, 0, {}, 0)
            stream.write(w.getvalue() + '\n')

    def pformat(self, object):
        w = _Writer()
        self._format(object, w, 0, 0, {}, 0)
        return w.getvalue()

    def isrecursive(self, object):
        return self._safe_repr(object, {}, None, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self._safe_repr(object, {}, None, 0)
        return readable and not recursive

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    def _repr(self, object, context, level):
        return self._safe_repr(object, dict(context), self._depth, level)[0]

    def _format(self, object, stream, indent, allowance, context, level):
        objid = id(object)
        if objid in context:
            stream.write('<Recursion on %s with id=%s>' % (type(object).__name__, objid))
            return
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        if len(rep) > max_width:
            t = type(object)
            p = {dict: self._pprint_dict, list: self._pprint_list, tuple: self._pprint_tuple,
                 set: self._pprint_set, frozenset: self._pprint_set, str: self._pprint_str}.get(t)
            if p is not None:
                context[objid] = 1
                p(object, stream, indent, allowance, context, level + 1)
                del context[objid]
                return
        stream.write(rep)

    def _pprint_dict(self, object, stream, indent, allowance, context, level):
        write = stream.write
        write('{')
        if self._indent_per_level > 1:
            write((self._indent_per_level - 1) * ' ')
        if len(object):
            items = _sorted_items(object.items()) if self._sort_dicts else list(object.items())
            self._format_dict_items(items, stream, indent, allowance + 1, context, level)
        write('}')

    def _format_dict_items(self, items, stream, indent, allowance, context, level):
        write = stream.write
        indent += self._indent_per_level
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            write(rep)
            write(': ')
            self._format(ent, stream, indent + len(rep) + 2, allowance if last else 1, context, level)
            if not last:
                write(delimnl)

    def _pprint_list(self, object, stream, indent, allowance, context, level):
        stream.write('[')
        self._format_items(object, stream, indent, allowance + 1, context, level)
        stream.write(']')

    def _pprint_tuple(self, object, stream, indent, allowance, context, level):
        stream.write('(')
        endchar = ',)' if len(object) == 1 else ')'
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.write(endchar)

    def _pprint_set(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.write(repr(object))
            return
        typ = type(object)
        if typ is set:
            stream.write('{')
            endchar = '}'
        else:
            stream.write(typ.__name__ + '({')
            endchar = '})'
            indent += len(typ.__name__) + 1
        object = _sorted(object)
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.write(endchar)

    def _pprint_str(self, object, stream, indent, allowance, context, level):
        write = stream.write
        if not len(object):
            write(repr(object))
            return
        chunks = []
        lines = object.splitlines(True)
        if level == 1:
            indent += 1
            allowance += 1
        max_width1 = max_width = self._width - indent
        rep = ''
        for i, line in enumerate(lines):
            rep = repr(line)
            if i == len(lines) - 1:
                max_width1 -= allowance
            if len(rep) <= max_width1:
                chunks.append(rep)
            else:
                parts = _words(line)
                max_width2 = max_width
                current = ''
                for j, part in enumerate(parts):
                    candidate = current + part
                    if j == len(parts) - 1 and i == len(lines) - 1:
                        max_width2 -= allowance
                    if len(repr(candidate)) > max_width2:
                        if current:
                            chunks.append(repr(current))
                        current = part
                    else:
                        current = candidate
                if current:
                    chunks.append(repr(current))
        if len(chunks) == 1:
            write(rep)
            return
        if level == 1:
            write('(')
        for i, rep in enumerate(chunks):
            if i > 0:
                write('\n' + ' ' * indent)
            write(rep)
        if level == 1:
            write(')')

    def _format_items(self, items, stream, indent, allowance, context, level):
        write = stream.write
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            write((self._indent_per_level - 1) * ' ')
        delimnl = ',\n' + ' ' * indent
        delim = ''
        width = max_width = self._width - indent + 1
        items = list(items)
        for i, ent in enumerate(items):
            last = i == len(items) - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    write(delim)
                    delim = ', '
                    write(rep)
                    continue
            write(delim)
            delim = delimnl
            self._format(ent, stream, indent, allowance if last else 1, context, level)

    def _safe_repr(self, object, context, maxlevels, level):
        """(repr, readable, recursive), with dict keys sorted."""
        typ = type(object)
        if typ in (int, float, bool, str, bytes, type(None)):
            if typ is int and self._underscore_numbers:
                return '{:_d}'.format(object), True, False
            return repr(object), True, False
        if typ is dict:
            if not object:
                return '{}', True, False
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return '{...}', False, objid in context
            if objid in context:
                return '<Recursion on dict with id=%s>' % objid, False, True
            context[objid] = 1
            readable, recursive = True, False
            parts = []
            items = _sorted_items(object.items()) if self._sort_dicts else object.items()
            for k, v in items:
                krepr, kr, krec = self._safe_repr(k, context, maxlevels, level + 1)
                vrepr, vr, vrec = self._safe_repr(v, context, maxlevels, level + 1)
                parts.append('%s: %s' % (krepr, vrepr))
                readable = readable and kr and vr
                recursive = recursive or krec or vrec
            del context[objid]
            return '{%s}' % ', '.join(parts), readable, recursive
        if typ is list or typ is tuple:
            if typ is list:
                if not object:
                    return '[]', True, False
                fmt = '[%s]'
            elif len(object) == 1:
                fmt = '(%s,)'
            else:
                if not object:
                    return '()', True, False
                fmt = '(%s)'
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return fmt % '...', False, objid in context
            if objid in context:
                return '<Recursion on %s with id=%s>' % (typ.__name__, objid), False, True
            context[objid] = 1
            readable, recursive = True, False
            parts = []
            for o in object:
                orepr, ordable, orecur = self._safe_repr(o, context, maxlevels, level + 1)
                parts.append(orepr)
                readable = readable and ordable
                recursive = recursive or orecur
            del context[objid]
            return fmt % ', '.join(parts), readable, recursive
        rep = repr(object)
        return rep, bool(rep and not rep.startswith('<')), False
