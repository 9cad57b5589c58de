"""requests: the part of the requests library that tutorials use (get, post, Session,
Response), ours, over the engine's `_net`. Each call blocks its thread with the GIL
released, as requests does in CPython. In the page, a URL that starts with `/` is
relative to the site; the site's policy allows no other origin."""

import json as _json
import _net
from urllib.parse import urlencode, urlsplit
from requests import exceptions
from requests.exceptions import (RequestException, HTTPError, ConnectionError, Timeout,
                                 ConnectTimeout, ReadTimeout, TooManyRedirects, MissingSchema,
                                 InvalidSchema, InvalidURL, JSONDecodeError)

__version__ = '2.31.0'
__all__ = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'Session',
           'Response', 'codes', 'exceptions', 'RequestException', 'HTTPError',
           'ConnectionError', 'Timeout', 'ReadTimeout', 'ConnectTimeout', 'JSONDecodeError']


class CaseInsensitiveDict:
    """A dict whose keys are looked up without regard to case, keeping their spelling."""

    def __init__(self, data=None, **kwargs):
        self._store = {}
        self.update(data or {}, **kwargs)

    def __setitem__(self, key, value):
        self._store[key.lower()] = (key, value)

    def __getitem__(self, key):
        return self._store[key.lower()][1]

    def __delitem__(self, key):
        del self._store[key.lower()]

    def __contains__(self, key):
        return key.lower() in self._store

    def __iter__(self):
        return (k for k, _ in self._store.values())

    def __len__(self):
        return len(self._store)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def update(self, other=(), **kwargs):
        items = other.items() if hasattr(other, 'items') else other
        for k, v in items:
            self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def pop(self, key, *default):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def items(self):
        return [(k, v) for k, v in self._store.values()]

    def keys(self):
        return [k for k, _ in self._store.values()]

    def values(self):
        return [v for _, v in self._store.values()]

    def copy(self):
        return CaseInsensitiveDict(self.items())

    def __eq__(self, other):
        if hasattr(other, 'items'):
            other = CaseInsensitiveDict(other)
            return sorted((k.lower(), v) for k, v in self.items()) == sorted((k.lower(), v) for k, v in other.items())
        return NotImplemented

    def __repr__(self):
        return str(dict(self.items()))


class _Codes:
    """requests.codes: status codes by name (codes.ok == 200)."""

    def __init__(self):
        from http import HTTPStatus
        for status in HTTPStatus:
            setattr(self, status.name.lower(), int(status))
        self.ok = 200
        self.teapot = 418
        self.not_found = 404

    def __getitem__(self, name):
        return getattr(self, name)


codes = _Codes()


class Response:
    def __init__(self):
        self.status_code = None
        self.reason = None
        self.headers = CaseInsensitiveDict()
        self.url = None
        self.encoding = None
        self.history = []
        self.request = None
        self.elapsed = None
        self._content = b''

    @property
    def content(self):
        return self._content

    @property
    def ok(self):
        try:
            self.raise_for_status()
        except HTTPError:
            return False
        return True

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f'<Response [{self.status_code}]>'

    @property
    def apparent_encoding(self):
        try:
            self._content.decode('utf-8')
            return 'utf-8'
        except UnicodeDecodeError:
            return 'ISO-8859-1'

    @property
    def text(self):
        encoding = self.encoding or self.apparent_encoding
        try:
            return self._content.decode(encoding, 'replace')
        except LookupError:
            return self._content.decode('utf-8', 'replace')

    def json(self, **kwargs):
        try:
            return _json.loads(self.text, **kwargs)
        except _json.JSONDecodeError as e:
            raise JSONDecodeError(e.msg, e.doc, e.pos)

    def iter_content(self, chunk_size=1, decode_unicode=False):
        data = self.text if decode_unicode else self._content
        step = chunk_size or len(data) or 1
        for i in range(0, len(data), step):
            yield data[i:i + step]

    def iter_lines(self, chunk_size=512, decode_unicode=False, delimiter=None):
        data = self.text if decode_unicode else self._content
        lines = data.split(delimiter) if delimiter is not None else data.splitlines()
        yield from lines

    def raise_for_status(self):
        reason = self.reason
        if 400 <= self.status_code < 500:
            raise HTTPError(f'{self.status_code} Client Error: {reason} for url: {self.url}', response=self)
        if 500 <= self.status_code < 600:
            raise HTTPError(f'{self.status_code} Server Error: {reason} for url: {self.url}', response=self)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PreparedRequest:
    def __init__(self, method, url, headers, body):
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body

    def __repr__(self):
        return f'<PreparedRequest [{self.method}]>'


def _encoding_of(headers):
    ctype = headers.get('content-type')
    if not ctype:
        return None
    main, *params = [p.strip() for p in ctype.split(';')]
    for p in params:
        k, _, v = p.partition('=')
        if k.strip().lower() == 'charset':
            return v.strip().strip('\'"')
    if 'text' in main:
        return 'ISO-8859-1'
    if 'application/json' in main:
        return 'utf-8'
    return None


def _url_with(url, params):
    if url.startswith('/') and not url.startswith('//'):
        origin = _net.origin()
        if origin is not None:
            url = origin + url
    parts = urlsplit(url)
    if not parts.scheme:
        raise MissingSchema(f"Invalid URL {url!r}: No scheme supplied. Perhaps you meant https://{url}?")
    if parts.scheme not in ('http', 'https'):
        raise InvalidSchema(f"No connection adapters were found for {url!r}")
    if not parts.netloc:
        raise InvalidURL(f"Invalid URL {url!r}: No host supplied")
    if parts.path == '':
        url = url.replace(parts.netloc, parts.netloc + '/', 1) if not parts.query else url
    if params:
        items = params.items() if hasattr(params, 'items') else params
        query = urlencode([(k, v) for k, v in items if v is not None], doseq=True)
        if query:
            url = url + ('&' if parts.query else '?') + query
    return url


class Session:
    def __init__(self):
        self.headers = CaseInsensitiveDict({
            'User-Agent': 'python-requests/' + __version__,
            'Accept': '*/*',
            'Connection': 'keep-alive',
        })
        self.params = {}

    def request(self, method, url, params=None, data=None, headers=None, cookies=None,
                files=None, auth=None, timeout=None, allow_redirects=True, proxies=None,
                hooks=None, stream=None, verify=None, cert=None, json=None):
        import time
        method = method.upper()
        merged = dict(self.params)
        if params:
            merged.update(params.items() if hasattr(params, 'items') else params)
        full = _url_with(url, merged)
        hdrs = self.headers.copy()
        body = None
        if json is not None and data is None:
            body = _json.dumps(json).encode('utf-8')
            hdrs['Content-Type'] = 'application/json'
        elif isinstance(data, dict) or (isinstance(data, (list, tuple)) and data):
            body = urlencode(data, doseq=True).encode('utf-8')
            hdrs['Content-Type'] = 'application/x-www-form-urlencoded'
        elif isinstance(data, str):
            body = data.encode('utf-8')
        elif isinstance(data, bytes):
            body = bytes(data)
        if headers:
            for k, v in headers.items():
                if v is None:
                    hdrs.pop(k, None)
                else:
                    hdrs[k] = v
        if isinstance(timeout, tuple):
            timeout = sum(t for t in timeout if t is not None) or None
        req = PreparedRequest(method, full, hdrs, body)
        start = time.perf_counter()
        try:
            status, reason, pairs, content, final = _net.fetch(method, full, hdrs.items(), body, timeout)
        except TimeoutError:
            parts = urlsplit(full)
            raise ReadTimeout(f"HTTPConnectionPool(host={parts.hostname!r}, port={parts.port or 80}): "
                              f"Read timed out. (read timeout={timeout})", request=req) from None
        except OSError as err:
            parts = urlsplit(full)
            raise ConnectionError(f"HTTPConnectionPool(host={parts.hostname!r}, port={parts.port or 80}): "
                                  f"Max retries exceeded with url: {parts.path or '/'} (Caused by {err!r})",
                                  request=req) from None
        resp = Response()
        resp.status_code = status
        resp.reason = reason
        resp.headers = CaseInsensitiveDict(pairs)
        resp.url = final
        resp._content = content
        resp.encoding = _encoding_of(resp.headers)
        resp.request = req
        resp.elapsed = time.perf_counter() - start
        return resp

    def get(self, url, params=None, **kwargs):
        return self.request('GET', url, params=params, **kwargs)

    def options(self, url, **kwargs):
        return self.request('OPTIONS', url, **kwargs)

    def head(self, url, **kwargs):
        return self.request('HEAD', url, **kwargs)

    def post(self, url, data=None, json=None, **kwargs):
        return self.request('POST', url, data=data, json=json, **kwargs)

    def put(self, url, data=None, **kwargs):
        return self.request('PUT', url, data=data, **kwargs)

    def patch(self, url, data=None, **kwargs):
        return self.request('PATCH', url, data=data, **kwargs)

    def delete(self, url, **kwargs):
        return self.request('DELETE', url, **kwargs)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def session():
    return Session()


def request(method, url, **kwargs):
    with Session() as s:
        return s.request(method, url, **kwargs)


def get(url, params=None, **kwargs):
    return request('GET', url, params=params, **kwargs)


def options(url, **kwargs):
    return request('OPTIONS', url, **kwargs)


def head(url, **kwargs):
    kwargs.setdefault('allow_redirects', False)
    return request('HEAD', url, **kwargs)


def post(url, data=None, json=None, **kwargs):
    return request('POST', url, data=data, json=json, **kwargs)


def put(url, data=None, **kwargs):
    return request('PUT', url, data=data, **kwargs)


def patch(url, data=None, **kwargs):
    return request('PATCH', url, data=data, **kwargs)


def delete(url, **kwargs):
    return request('DELETE', url, **kwargs)
