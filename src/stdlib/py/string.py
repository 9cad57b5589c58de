"""string: the character constants, capwords, Template (substitute/safe_substitute) and
Formatter (format/vformat over str.format)."""

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


def _is_ident_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_ident_char(c):
    return _is_ident_start(c) or ('0' <= c <= '9')


class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        t = self.template
        d = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            if not t.startswith(d, i):
                out.append(t[i])
                i += 1
                continue
            j = i + len(d)
            if t.startswith(d, j):
                out.append(d)
                i = j + len(d)
                continue
            if j < n and t[j] == '{':
                k = j + 1
                while k < n and _is_ident_char(t[k]):
                    k += 1
                name = t[j + 1:k]
                if name and _is_ident_start(name[0]) and k < n and t[k] == '}':
                    if name in mapping:
                        out.append(str(mapping[name]))
                    elif safe:
                        out.append(t[i:k + 1])
                    else:
                        raise KeyError(name)
                    i = k + 1
                    continue
            elif j < n and _is_ident_start(t[j]):
                k = j
                while k < n and _is_ident_char(t[k]):
                    k += 1
                name = t[j:k]
                if name in mapping:
                    out.append(str(mapping[name]))
                elif safe:
                    out.append(t[i:k])
                else:
                    raise KeyError(name)
                i = k
                continue
            if safe:
                out.append(d)
                i = j
                continue
            line = t[:i].count('\n') + 1
            col = i - (t.rfind('\n', 0, i) + 1) + 1
            raise ValueError('Invalid placeholder in string: line ' + str(line) + ', col ' + str(col))
        return ''.join(out)

    def substitute(self, mapping=None, /, **kws):
        m = dict(mapping or {})
        m.update(kws)
        return self._scan(m, False)

    def safe_substitute(self, mapping=None, /, **kws):
        m = dict(mapping or {})
        m.update(kws)
        return self._scan(m, True)

    def get_identifiers(self):
        found = []

        class _Rec(dict):
            pass
        t = self.template
        i = 0
        while True:
            i = t.find(self.delimiter, i)
            if i < 0:
                break
            j = i + len(self.delimiter)
            if j < len(t) and t[j] == '{':
                k = t.find('}', j)
                name = t[j + 1:k] if k > 0 else ''
            else:
                k = j
                while k < len(t) and _is_ident_char(t[k]):
                    k += 1
                name = t[j:k]
            if name and name not in found:
                found.append(name)
            i = max(k, j)
        return found

    def is_valid(self):
        try:
            self._scan({}, True)
            return True
        except ValueError:
            return False


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)
