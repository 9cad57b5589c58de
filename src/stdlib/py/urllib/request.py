"""urllib.request: urlopen and Request. The request is made by the host through `_net`
with the GIL released (natively a socket, http:// only; in the page a request from the
worker to the site's own origin). In the page, a URL that starts with `/` is relative
to the site (CPython has no site and says "unknown url type")."""

import _net
from http.client import HTTPResponse, HTTPMessage
from urllib.error import URLError, HTTPError
from urllib.parse import urlsplit, unquote

__all__ = ['urlopen', 'Request', 'URLError', 'HTTPError']

_GLOBAL_DEFAULT_TIMEOUT = object()


class Request:
    def __init__(self, url, data=None, headers={}, origin_req_host=None, unverifiable=False,
                 method=None):
        self.full_url = url
        self.headers = {}
        self.unredirected_hdrs = {}
        self.data = data
        self.method = method
        for key, value in headers.items():
            self.add_header(key, value)
        self.origin_req_host = origin_req_host
        self.unverifiable = unverifiable

    @property
    def full_url(self):
        if self.fragment:
            return '{}#{}'.format(self._full_url, self.fragment)
        return self._full_url

    @full_url.setter
    def full_url(self, url):
        self._full_url, _, self.fragment = unquote_fragment(url)
        self._parse()

    def _parse(self):
        url = self._full_url
        if url.startswith('/') and not url.startswith('//'):
            origin = _net.origin()
            if origin is not None:
                url = origin + url
        parts = urlsplit(url)
        if not parts.scheme:
            raise ValueError("unknown url type: %r" % self.full_url)
        self._absolute = url
        self.type = parts.scheme
        self.host = unquote(parts.netloc)
        self.selector = parts.path + ('?' + parts.query if parts.query else '') or '/'

    def get_method(self):
        if self.method is not None:
            return self.method
        return 'POST' if self.data is not None else 'GET'

    def get_full_url(self):
        return self.full_url

    def add_header(self, key, val):
        self.headers[key.capitalize()] = val

    def add_unredirected_header(self, key, val):
        self.unredirected_hdrs[key.capitalize()] = val

    def has_header(self, header_name):
        return header_name in self.headers or header_name in self.unredirected_hdrs

    def get_header(self, header_name, default=None):
        return self.headers.get(header_name, self.unredirected_hdrs.get(header_name, default))

    def remove_header(self, header_name):
        self.headers.pop(header_name, None)
        self.unredirected_hdrs.pop(header_name, None)

    def header_items(self):
        hdrs = {**self.unredirected_hdrs, **self.headers}
        return list(hdrs.items())


def unquote_fragment(url):
    base, sep, fragment = url.partition('#')
    return base, sep, fragment


def _body(data):
    if data is None or isinstance(data, bytes):
        return data
    if isinstance(data, str):
        raise TypeError("POST data should be bytes, an iterable of bytes, or a file object. "
                        "It cannot be of type str.")
    return b''.join(data)


def urlopen(url, data=None, timeout=_GLOBAL_DEFAULT_TIMEOUT, *, cafile=None, capath=None,
            cadefault=False, context=None):
    req = url if isinstance(url, Request) else Request(url, data)
    if data is not None:
        req.data = data
    if req.type not in ('http', 'https'):
        raise URLError('unknown url type: %s' % req.type)
    body = _body(req.data)
    headers = {'User-agent': 'Python-urllib/3.11'}
    if body is not None:
        headers['Content-type'] = 'application/x-www-form-urlencoded'
    for k, v in req.header_items():
        headers[k] = v
    wait = None if timeout is _GLOBAL_DEFAULT_TIMEOUT else timeout
    try:
        status, reason, pairs, content, final = _net.fetch(req.get_method(), req._absolute,
                                                           list(headers.items()), body, wait)
    except TimeoutError:
        # The server took too long to answer: http.client's own TimeoutError.
        raise
    except OSError as err:
        raise URLError(err)
    resp = HTTPResponse(status, reason, HTTPMessage(pairs), content, final)
    if not 200 <= status < 300:
        raise HTTPError(final, status, reason, resp.headers, resp)
    return resp
