"""re: regular expressions on the regex-lite crate (native _sre). compile, search,
match, fullmatch, findall, finditer, sub/subn (\\1, \\g<name>, functions), split,
escape, purge; flags I, M, S, X, A (U accepted). Python syntax is translated where the
crate's differs (\\Z, {,n}); look-around, backreferences, conditionals and atomic
groups raise NotImplementedError. Classes \\d \\w \\s match ASCII only (CPython's str
patterns match all of Unicode)."""

import _sre

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall', 'finditer',
           'compile', 'purge', 'escape', 'error', 'Pattern', 'Match', 'A', 'I', 'L', 'M',
           'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE', 'MULTILINE', 'DOTALL', 'VERBOSE',
           'UNICODE', 'NOFLAG']




NOFLAG = 0
TEMPLATE = T = 1
IGNORECASE = I = 2
LOCALE = L = 4
MULTILINE = M = 8
DOTALL = S = 16
UNICODE = U = 32
VERBOSE = X = 64
DEBUG = 128
ASCII = A = 256


class error(Exception):
    __module__ = 're'

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = msg + ' at position ' + str(pos)
        Exception.__init__(self, msg)


def _unsupported(what):
    raise NotImplementedError('re: ' + what + ' is not supported')


_SPECIAL_ESC = set('AbBdDsSwWZ')


def _check_and_translate(p):
    """Python pattern -> regex-lite pattern, with CPython's errors for bad patterns."""
    out = []
    i = 0
    n = len(p)
    depth = []
    in_class = False
    class_start = 0
    class_open = 0
    can_repeat = False
    while i < n:
        c = p[i]
        if c == '\\':
            if i + 1 >= n:
                raise error('bad escape (end of pattern)', p, i)
            e = p[i + 1]
            if e.isdigit() and e != '0' and not in_class:
                _unsupported('backreference \\' + e)
            if e == 'Z':
                out.append('\\z')
            elif e.isalpha() and e not in _SPECIAL_ESC and e not in 'nrtfvax0uUN' and not in_class:
                raise error('bad escape \\' + e, p, i)
            else:
                out.append(c + e)
            i += 2
            can_repeat = True
            continue
        if in_class:
            if c == ']' and i > class_start:
                in_class = False
            elif c == '[':
                out.append('\\[')
                i += 1
                continue
            out.append(c)
            i += 1
            continue
        if c == '[':
            in_class = True
            j = i + 1
            if j < n and p[j] == '^':
                j += 1
            if j < n and p[j] == ']':
                out.append(p[i:j] + '\\]')
                class_open = i
                i = j + 1
                class_start = i - 1
                can_repeat = True
                continue
            class_start = j
            class_open = i
            out.append(p[i:j])
            i = j
            can_repeat = True
            continue
        if c == '(':
            if p.startswith('(?', i):
                k = p[i + 2:i + 3]
                if k in ('=', '!'):
                    _unsupported('look-ahead assertion (?' + k + '...)')
                if p.startswith('(?<=', i) or p.startswith('(?<!', i):
                    _unsupported('look-behind assertion ' + p[i:i + 4] + '...)')
                if p.startswith('(?P=', i):
                    _unsupported('named backreference (?P=...)')
                if k == '(':
                    _unsupported('conditional group (?(...)...)')
                if k == '>':
                    _unsupported('atomic group (?>...)')
                if k == '#':
                    j = p.find(')', i)
                    if j < 0:
                        raise error('missing ), unterminated comment', p, i)
                    i = j + 1
                    continue
                if p.startswith('(?P<', i):
                    j = p.find('>', i)
                    if j < 0:
                        raise error('missing >, unterminated name', p, i + 4)
                    depth.append(i)
                    out.append(p[i:j + 1])
                    i = j + 1
                    can_repeat = False
                    continue
                j = i + 2
                while j < n and p[j] not in ':)':
                    j += 1
                if j >= n:
                    raise error('missing -, : or )', p, j)
                if p[j] == ')':
                    # (?imsx): flags for the whole pattern
                    out.append(p[i:j + 1].replace('a', '').replace('u', '').replace('L', ''))
                    i = j + 1
                    continue
                depth.append(i)
                out.append(p[i:j + 1].replace('a', '').replace('u', '').replace('L', ''))
                i = j + 1
                can_repeat = False
                continue
            depth.append(i)
            out.append(c)
            i += 1
            can_repeat = False
            continue
        if c == ')':
            if not depth:
                raise error('unbalanced parenthesis', p, i)
            depth.pop()
            out.append(c)
            i += 1
            can_repeat = True
            continue
        if c in '*+?':
            if not can_repeat:
                raise error('nothing to repeat', p, i)
            out.append(c)
            i += 1
            if i < n and p[i] == '+':
                _unsupported('possessive quantifier')
            if i < n and p[i] == '?':
                out.append('?')
                i += 1
            can_repeat = False
            continue
        if c == '{':
            j = p.find('}', i)
            body = p[i + 1:j] if j > 0 else ''
            parts = body.split(',')
            if j > 0 and len(parts) <= 2 and all(x.strip() == '' or x.isdigit() for x in parts) and body.strip() and parts[0] != '' or (j > 0 and len(parts) == 2 and parts[0] == '' and parts[1].isdigit()):
                if not can_repeat:
                    raise error('nothing to repeat', p, i)
                if parts[0] == '':
                    body = '0' + body
                if len(parts) == 2 and parts[1] != '' and int(parts[0] or 0) > int(parts[1]):
                    raise error('min repeat greater than max repeat', p, i + 1)
                out.append('{' + body + '}')
                i = j + 1
                can_repeat = False
                continue
            out.append('\\{')
            i += 1
            can_repeat = True
            continue
        if c == '}':
            out.append('\\}')
            i += 1
            can_repeat = True
            continue
        out.append(c)
        can_repeat = c not in '|^'
        i += 1
    if in_class:
        raise error('unterminated character set', p, class_open)
    if depth:
        raise error('missing ), unterminated subpattern', p, depth[-1])
    return ''.join(out)


class Match:
    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self.pos = pos
        self.endpos = endpos
        self._spans = spans
        last = None
        for i in range(1, len(spans)):
            if spans[i] is not None:
                if last is None or spans[i][1] >= spans[last][1]:
                    last = i
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, idx in pattern.groupindex.items():
                if idx == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, str):
            try:
                return self.re.groupindex[g]
            except KeyError:
                raise IndexError('no such group') from None
        if isinstance(g, int) and 0 <= g < len(self._spans):
            return g
        raise IndexError('no such group')

    def group(self, *groups):
        if not groups:
            groups = (0,)
        out = []
        for g in groups:
            sp = self._spans[self._index(g)]
            out.append(None if sp is None else self.string[sp[0]:sp[1]])
        return out[0] if len(out) == 1 else tuple(out)

    def __getitem__(self, g):
        return self.group(g)

    def groups(self, default=None):
        return tuple(default if sp is None else self.string[sp[0]:sp[1]] for sp in self._spans[1:])

    def groupdict(self, default=None):
        d = {}
        for name, idx in self.re.groupindex.items():
            sp = self._spans[idx]
            d[name] = default if sp is None else self.string[sp[0]:sp[1]]
        return d

    def start(self, group=0):
        sp = self._spans[self._index(group)]
        return -1 if sp is None else sp[0]

    def end(self, group=0):
        sp = self._spans[self._index(group)]
        return -1 if sp is None else sp[1]

    def span(self, group=0):
        sp = self._spans[self._index(group)]
        return (-1, -1) if sp is None else tuple(sp)

    def expand(self, template):
        return _expand(self.re, template, self)

    def __bool__(self):
        return True

    def __repr__(self):
        return ('<re.Match object; span=' + repr(self.span()) + ', match=' + repr(self.group()) + '>')


def _expand(pattern, repl, m):
    out = []
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != '\\' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = repl[i + 1]
        if e == 'g':
            j = repl.find('>', i)
            if i + 2 >= n or repl[i + 2] != '<' or j < 0:
                raise error('missing <', repl, i + 2)
            name = repl[i + 3:j]
            if name.isdigit():
                idx = int(name)
                if idx >= len(m._spans):
                    raise error('invalid group reference ' + name, repl, i + 3)
            else:
                if name not in pattern.groupindex:
                    raise IndexError('unknown group name ' + repr(name))
                idx = pattern.groupindex[name]
            out.append(m.group(idx) or '')
            i = j + 1
        elif e.isdigit():
            j = i + 1
            while j < n and j < i + 3 and repl[j].isdigit():
                j += 1
            idx = int(repl[i + 1:j])
            if idx >= len(m._spans):
                raise error('invalid group reference ' + str(idx), repl, i + 1)
            out.append(m.group(idx) or '')
            i = j
        else:
            esc = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', 'f': '\f', 'v': '\v', 'a': '\a', 'b': '\b'}
            if e in esc:
                out.append(esc[e])
            elif e.isalpha():
                raise error('bad escape \\' + e, repl, i)
            else:
                out.append('\\' + e)
            i += 2
    return ''.join(out)


class Pattern:
    def __init__(self, pattern, flags):
        if isinstance(pattern, bytes):
            raise NotImplementedError('re: bytes patterns are not supported')
        self.pattern = pattern
        self.flags = flags | (U if not flags & A else 0)
        text = _check_and_translate(pattern)
        inline = ''
        if flags & I:
            inline += 'i'
        if flags & M:
            inline += 'm'
        if flags & S:
            inline += 's'
        if flags & X:
            inline += 'x'
        if inline:
            text = '(?' + inline + ')' + text
        try:
            self._h = _sre.compile(text)
        except ValueError as e:
            raise error(str(e).split('\n')[-1].strip() or 'bad pattern') from None
        names = _sre.names(self._h)
        self.groups = len(names) - 1
        self.groupindex = {}
        for i, nm in enumerate(names):
            if nm is not None:
                self.groupindex[nm] = i

    def _run(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            raise TypeError('expected string or bytes-like object, got ' + repr(type(string).__name__))
        n = len(string)
        if endpos is None or endpos > n:
            endpos = n
        if pos < 0:
            pos = 0
        if pos > n:
            return None
        spans = _sre.search(self._h, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def search(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._run(string, pos, endpos, 2)

    def finditer(self, string, pos=0, endpos=None):
        n = len(string) if endpos is None else min(endpos, len(string))
        prev_empty_at = -1
        while pos <= n:
            m = self._run(string, pos, endpos, 0)
            if m is None:
                return
            s, e = m.span()
            if s == e and s == prev_empty_at:
                pos = s + 1
                prev_empty_at = -1
                continue
            yield m
            # After an empty match at e the next one may not be empty at e.
            prev_empty_at = e if s == e else -1
            pos = e

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group())
            elif self.groups == 1:
                out.append(m.group(1) or '')
            else:
                out.append(tuple(g or '' for g in m.groups()))
        return out

    def subn(self, repl, string, count=0):
        out = []
        last = 0
        k = 0
        for m in self.finditer(string):
            if count and k >= count:
                break
            s, e = m.span()
            out.append(string[last:s])
            if callable(repl):
                out.append(repl(m))
            elif '\\' in repl:
                out.append(_expand(self, repl, m))
            else:
                out.append(repl)
            last = e
            k += 1
        out.append(string[last:])
        return ''.join(out), k

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        k = 0
        for m in self.finditer(string):
            if maxsplit and k >= maxsplit:
                break
            s, e = m.span()
            out.append(string[last:s])
            out.extend(m.groups())
            last = e
            k += 1
        out.append(string[last:])
        return out

    def __repr__(self):
        fl = []
        for name, v in (('IGNORECASE', I), ('MULTILINE', M), ('DOTALL', S), ('VERBOSE', X), ('ASCII', A)):
            if self.flags & v:
                fl.append('re.' + name)
        r = 're.compile(' + repr(self.pattern)
        if fl:
            r += ', ' + '|'.join(fl)
        return r + ')'

    def __eq__(self, other):
        return isinstance(other, Pattern) and self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))


_cache = {}


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    key = (pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) > 512:
            _cache.clear()
        _cache[key] = p
    return p


def purge():
    _cache.clear()


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


_special = set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    return ''.join('\\' + c if c in _special else c for c in pattern)
