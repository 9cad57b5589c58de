# urllib against the test server: JSON, headers, errors, redirects, POST, parse.
import json
import urllib.request, urllib.error, urllib.parse
from http import HTTPStatus

BASE = "http://127.0.0.1:0"
REFUSED = "http://127.0.0.1:1"

with urllib.request.urlopen(BASE + "/data/weather/oslo.json") as r:
    print(r.status, r.reason, r.getcode(), r.headers.get_content_type())
    print(r.headers["Content-Type"], r.getheader("content-length"), r.headers.get("X-Nope", "-"))
    data = json.loads(r.read().decode("utf-8"))
print(data["city"], max(data["week"]), sum(data["week"]) / len(data["week"]))

r = urllib.request.urlopen(BASE + "/data/weather/index.json")
print(r.readline().strip(), r.read(), r.url == BASE + "/data/weather/index.json")

try:
    urllib.request.urlopen(BASE + "/status/404")
except urllib.error.HTTPError as e:
    print("HTTPError", e.code, e.reason, str(e), isinstance(e, urllib.error.URLError), e.read())

try:
    urllib.request.urlopen(REFUSED + "/x", timeout=5)
except urllib.error.URLError as e:
    print("URLError", type(e.reason).__name__, e.reason.errno, isinstance(e, OSError))

r = urllib.request.urlopen(BASE + "/redirect")
print("redirected to", r.geturl()[len(BASE):], json.loads(r.read())[:2])

req = urllib.request.Request(BASE + "/echo", data=b"name=Ada&lang=py", method="POST")
req.add_header("X-Lesson", "net")
print(req.get_method(), req.host == BASE[7:], req.selector, req.has_header("X-lesson"))
print(json.loads(urllib.request.urlopen(req).read()))
print(json.loads(urllib.request.urlopen(BASE + "/chunked").read()))

try:
    urllib.request.urlopen(BASE + "/echo", data="text")
except TypeError as e:
    print("TypeError", e)
try:
    urllib.request.urlopen("data/weather/oslo.json")
except ValueError as e:
    print("ValueError", e)
try:
    urllib.request.urlopen(BASE + "/data/weather/oslo.json?delay=2000", timeout=0.3)
except TimeoutError as e:
    print("TimeoutError", e)

u = urllib.parse.urlparse("http://user:pw@Example.com:8080/a/b;p?q=1&r=two#frag")
print(u)
print(u.hostname, u.port, u.username, u.password, u.geturl())
print(urllib.parse.urlsplit("https://example.com/path?x=1"))
print(urllib.parse.urlencode({"q": "threads & locks", "page": 2, "tags": ["a", "b"]}))
print(urllib.parse.urlencode({"tags": ["a", "b"]}, doseq=True))
print(urllib.parse.quote("a b/c?d=é"), urllib.parse.quote_plus("a b/c"), urllib.parse.unquote("%E2%9C%93%20ok"))
print(urllib.parse.parse_qs("a=1&a=2&b=&c=x+y"), urllib.parse.parse_qsl("a=1&b=&c=%20", keep_blank_values=True))
for ref in ["c", "../c", "/c", "?y", "#s", "//other/x", "g/./h", "../../../g", "http://x.org/"]:
    print(ref, "->", urllib.parse.urljoin("http://a/b/c/d;p?q", ref))
print(HTTPStatus.NOT_FOUND, HTTPStatus(200).phrase, HTTPStatus.OK == 200, repr(HTTPStatus.CREATED))
