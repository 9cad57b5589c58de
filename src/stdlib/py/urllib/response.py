"""urllib.response: addinfourl, the base of HTTPError (a response that is also an error)."""

__all__ = ['addinfourl']


class addinfourl:
    def __init__(self, fp, headers, url, code=None):
        self.fp = fp
        self.headers = headers
        self.url = url
        self.code = code

    @property
    def status(self):
        return self.code

    def getcode(self):
        return self.code

    def geturl(self):
        return self.url

    def info(self):
        return self.headers

    def read(self, amt=None):
        return self.fp.read(amt) if self.fp is not None else b''

    def close(self):
        if self.fp is not None:
            self.fp.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
