"""urllib.parse: splitting, joining and quoting URLs as CPython 3.11 does for the URLs
programs use (scheme://netloc/path;params?query#fragment)."""

from collections import namedtuple

__all__ = ['urlparse', 'urlunparse', 'urlsplit', 'urlunsplit', 'urljoin', 'urldefrag',
           'quote', 'quote_plus', 'unquote', 'unquote_plus', 'quote_from_bytes',
           'urlencode', 'parse_qs', 'parse_qsl', 'ParseResult', 'SplitResult']

uses_netloc = ['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file',
               'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync',
               'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']
uses_params = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp',
               'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']
_SCHEME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.'


class _NetlocMixin:
    """The parts of netloc: user, password, host name (lower case) and port."""
    __slots__ = ()

    @property
    def username(self):
        userinfo, have, _ = self.netloc.rpartition('@')
        return userinfo.partition(':')[0] if have else None

    @property
    def password(self):
        userinfo, have, _ = self.netloc.rpartition('@')
        if not have:
            return None
        _, has_pw, pw = userinfo.partition(':')
        return pw if has_pw else None

    def _hostinfo(self):
        hostinfo = self.netloc.rpartition('@')[2]
        if hostinfo.startswith('['):
            host, _, rest = hostinfo[1:].partition(']')
            _, _, port = rest.partition(':')
        else:
            host, _, port = hostinfo.partition(':')
        return host, port

    @property
    def hostname(self):
        host = self._hostinfo()[0]
        return host.lower() if host else None

    @property
    def port(self):
        port = self._hostinfo()[1]
        if not port:
            return None
        if not port.isdigit() or not port.isascii():
            raise ValueError(f"Port could not be cast to integer value as {port!r}")
        port = int(port)
        if not 0 <= port <= 65535:
            raise ValueError("Port out of range 0-65535")
        return port


class SplitResult(namedtuple('SplitResult', 'scheme netloc path query fragment'), _NetlocMixin):
    __slots__ = ()

    def geturl(self):
        return urlunsplit(self)


class ParseResult(namedtuple('ParseResult', 'scheme netloc path params query fragment'), _NetlocMixin):
    __slots__ = ()

    def geturl(self):
        return urlunparse(self)


class DefragResult(namedtuple('DefragResult', 'url fragment')):
    __slots__ = ()

    def geturl(self):
        return self.url + '#' + self.fragment if self.fragment else self.url


def urlsplit(url, scheme='', allow_fragments=True):
    url = url.lstrip(' \t\n\r\x0b\x0c')
    for ch in '\t\r\n':
        url = url.replace(ch, '')
    netloc = query = fragment = ''
    i = url.find(':')
    if i > 0 and url[0].isascii() and url[0].isalpha():
        if all(c in _SCHEME_CHARS for c in url[:i]):
            scheme, url = url[:i].lower(), url[i + 1:]
    if url[:2] == '//':
        end = len(url)
        for c in '/?#':
            j = url.find(c, 2)
            if j >= 0:
                end = min(end, j)
        netloc, url = url[2:end], url[end:]
        if (('[' in netloc and ']' not in netloc) or (']' in netloc and '[' not in netloc)):
            raise ValueError("Invalid IPv6 URL")
    if allow_fragments and '#' in url:
        url, fragment = url.split('#', 1)
    if '?' in url:
        url, query = url.split('?', 1)
    return SplitResult(scheme, netloc, url, query, fragment)


def urlparse(url, scheme='', allow_fragments=True):
    scheme, netloc, url, query, fragment = urlsplit(url, scheme, allow_fragments)
    params = ''
    if scheme in uses_params and ';' in url:
        i = url.find(';', url.rfind('/'))
        if i >= 0:
            url, params = url[:i], url[i + 1:]
    return ParseResult(scheme, netloc, url, params, query, fragment)


def urlunsplit(components):
    scheme, netloc, url, query, fragment = components
    if netloc or (scheme and scheme in uses_netloc and url[:2] != '//'):
        if url and url[:1] != '/':
            url = '/' + url
        url = '//' + (netloc or '') + url
    if scheme:
        url = scheme + ':' + url
    if query:
        url = url + '?' + query
    if fragment:
        url = url + '#' + fragment
    return url


def urlunparse(components):
    scheme, netloc, url, params, query, fragment = components
    if params:
        url = f"{url};{params}"
    return urlunsplit((scheme, netloc, url, query, fragment))


def urldefrag(url):
    if '#' in url:
        s, n, p, a, q, frag = urlparse(url)
        return DefragResult(urlunparse((s, n, p, a, q, '')), frag)
    return DefragResult(url, '')


def _remove_dots(segments):
    out = []
    for seg in segments:
        if seg == '..':
            if len(out) > 1 or (out and out[0] != ''):
                out.pop()
        elif seg != '.':
            out.append(seg)
    if segments and segments[-1] in ('.', '..'):
        out.append('')
    return out


def urljoin(base, url, allow_fragments=True):
    if not base:
        return url
    if not url:
        return base
    bscheme, bnetloc, bpath, bparams, bquery, bfragment = urlparse(base, '', allow_fragments)
    scheme, netloc, path, params, query, fragment = urlparse(url, bscheme, allow_fragments)
    if not scheme:
        scheme = bscheme
    if scheme != bscheme or scheme not in uses_netloc:
        return url
    if netloc:
        return urlunparse((scheme, netloc, path, params, query, fragment))
    netloc = bnetloc
    if not path and not params:
        path, params = bpath, bparams
        if not query:
            query = bquery
        return urlunparse((scheme, netloc, path, params, query, fragment))
    base_parts = bpath.split('/')
    if base_parts[-1] != '':
        del base_parts[-1]
    if path[:1] == '/':
        segments = path.split('/')
    else:
        segments = base_parts + path.split('/')
        segments[1:-1] = [s for s in segments[1:-1] if s]
    resolved = _remove_dots(segments)
    return urlunparse((scheme, netloc, '/'.join(resolved) or '/', params, query, fragment))


_ALWAYS_SAFE = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~')


def quote_from_bytes(bs, safe='/'):
    if isinstance(safe, str):
        safe = safe.encode('ascii', 'ignore')
    ok = _ALWAYS_SAFE | frozenset(safe)
    return ''.join(chr(b) if b in ok else '%{:02X}'.format(b) for b in bs)


def quote(string, safe='/', encoding=None, errors=None):
    if isinstance(string, str):
        if not string:
            return string
        string = string.encode(encoding or 'utf-8', errors or 'strict')
    elif not isinstance(string, bytes):
        raise TypeError("quote() doesn't support '%s' objects" % type(string).__name__)
    return quote_from_bytes(string, safe)


def quote_plus(string, safe='', encoding=None, errors=None):
    if (isinstance(string, str) and ' ' not in string) or (isinstance(string, bytes) and b' ' not in string):
        return quote(string, safe, encoding, errors)
    if isinstance(safe, str):
        safe = safe + ' '
    else:
        safe = safe + b' '
    return quote(string, safe, encoding, errors).replace(' ', '+')


_HEX = '0123456789abcdefABCDEF'


def unquote_to_bytes(string):
    if isinstance(string, str):
        string = string.encode('utf-8')
    out = []
    i, n = 0, len(string)
    while i < n:
        b = string[i]
        if b == 37 and i + 2 < n and chr(string[i + 1]) in _HEX and chr(string[i + 2]) in _HEX:
            out.append(int(string[i + 1:i + 3].decode('ascii'), 16))
            i += 3
        else:
            out.append(b)
            i += 1
    return bytes(out)


def unquote(string, encoding='utf-8', errors='replace'):
    if isinstance(string, bytes):
        return unquote_to_bytes(string).decode(encoding, errors)
    if '%' not in string:
        return string
    return unquote_to_bytes(string).decode(encoding, errors)


def unquote_plus(string, encoding='utf-8', errors='replace'):
    return unquote(string.replace('+', ' '), encoding, errors)


def urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus):
    if hasattr(query, 'items'):
        query = query.items()
    else:
        try:
            if len(query) and not isinstance(query[0], tuple):
                raise TypeError
        except TypeError:
            raise TypeError("not a valid non-string sequence or mapping object") from None

    def q(v):
        if isinstance(v, (str, bytes)):
            return quote_via(v, safe, encoding, errors)
        return quote_via(str(v), safe, encoding, errors)

    parts = []
    for k, v in query:
        if doseq and not isinstance(v, (str, bytes)):
            try:
                items = list(v)
            except TypeError:
                parts.append(q(k) + '=' + q(v))
                continue
            for item in items:
                parts.append(q(k) + '=' + q(item))
        else:
            parts.append(q(k) + '=' + q(v))
    return '&'.join(parts)


def parse_qsl(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
              errors='replace', max_num_fields=None, separator='&'):
    if not qs:
        return []
    pairs = []
    for field in qs.split(separator):
        if not field and not strict_parsing:
            continue
        name, has_eq, value = field.partition('=')
        if not has_eq and strict_parsing:
            raise ValueError("bad query field: %r" % (field,))
        if value or keep_blank_values:
            pairs.append((unquote_plus(name, encoding, errors), unquote_plus(value, encoding, errors)))
    return pairs


def parse_qs(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
             errors='replace', max_num_fields=None, separator='&'):
    result = {}
    for name, value in parse_qsl(qs, keep_blank_values, strict_parsing, encoding, errors,
                                 max_num_fields, separator):
        result.setdefault(name, []).append(value)
    return result
