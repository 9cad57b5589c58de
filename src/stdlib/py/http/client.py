"""http.client: the response object urlopen returns (HTTPResponse) and its headers
(HTTPMessage). The connection classes are not here: `_net` makes the request."""

__all__ = ['HTTPResponse', 'HTTPMessage', 'HTTPException', 'responses', 'HTTP_PORT']

HTTP_PORT = 80
HTTPS_PORT = 443


def _phrases():
    from http import _PHRASES
    return dict(_PHRASES)


responses = _phrases()


class HTTPException(Exception):
    pass


class HTTPMessage:
    """Headers in their order, looked up without regard to case, as email.message does."""

    def __init__(self, pairs=()):
        self._headers = [(k, v) for k, v in pairs]

    def get(self, name, failobj=None):
        name = name.lower()
        for k, v in self._headers:
            if k.lower() == name:
                return v
        return failobj

    def __getitem__(self, name):
        return self.get(name)

    def __contains__(self, name):
        return self.get(name) is not None

    def get_all(self, name, failobj=None):
        name = name.lower()
        found = [v for k, v in self._headers if k.lower() == name]
        return found or failobj

    def keys(self):
        return [k for k, _ in self._headers]

    def values(self):
        return [v for _, v in self._headers]

    def items(self):
        return list(self._headers)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._headers)

    def get_content_type(self):
        value = self.get('content-type')
        if value is None:
            return 'text/plain'
        ctype = value.split(';')[0].strip().lower()
        return ctype if ctype.count('/') == 1 else 'text/plain'

    def get_content_maintype(self):
        return self.get_content_type().split('/')[0]

    def get_content_subtype(self):
        return self.get_content_type().split('/')[1]

    def get_param(self, param, failobj=None, header='content-type'):
        value = self.get(header)
        if value is None:
            return failobj
        for part in value.split(';')[1:]:
            k, _, v = part.strip().partition('=')
            if k.strip().lower() == param.lower():
                return v.strip().strip('"')
        return failobj

    def get_content_charset(self, failobj=None):
        charset = self.get_param('charset')
        return charset.lower() if charset else failobj

    def __str__(self):
        return ''.join(f'{k}: {v}\n' for k, v in self._headers) + '\n'


class HTTPResponse:
    """A response read whole by the host; read() hands out its bytes."""

    def __init__(self, status, reason, headers, body, url):
        self.status = status
        self.code = status
        self.reason = reason
        self.headers = self.msg = headers
        self.url = url
        self.version = 11
        self._body = body
        self._pos = 0
        self.closed = False

    def read(self, amt=None):
        if self.closed:
            return b''
        if amt is None or amt < 0:
            data = self._body[self._pos:]
            self._pos = len(self._body)
        else:
            data = self._body[self._pos:self._pos + amt]
            self._pos += len(data)
        return data

    def read1(self, n=-1):
        return self.read(None if n < 0 else n)

    def readline(self, limit=-1):
        if self.closed:
            return b''
        end = self._body.find(b'\n', self._pos)
        end = len(self._body) if end < 0 else end + 1
        if limit is not None and limit >= 0:
            end = min(end, self._pos + limit)
        data = self._body[self._pos:end]
        self._pos = end
        return data

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def readable(self):
        return True

    def getcode(self):
        return self.status

    def geturl(self):
        return self.url

    def info(self):
        return self.headers

    def getheader(self, name, default=None):
        values = self.headers.get_all(name)
        return ', '.join(values) if values else default

    def getheaders(self):
        return self.headers.items()

    def fileno(self):
        raise OSError("this response has no file descriptor")

    def close(self):
        self.closed = True

    def isclosed(self):
        return self.closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
