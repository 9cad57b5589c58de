# requests against the test server.
import requests

BASE = "http://127.0.0.1:0"
REFUSED = "http://127.0.0.1:1"

r = requests.get(BASE + "/data/weather/lisbon.json")
print(r, r.status_code, r.ok, bool(r), r.reason, r.headers["content-type"], "Content-Length" in r.headers)
print(r.json()["city"], r.json()["week"][:3], r.encoding, len(r.content), r.url == BASE + "/data/weather/lisbon.json")

r = requests.get(BASE + "/echo", params={"q": "a b", "n": 3})
print(r.json()["path"])

r = requests.post(BASE + "/echo", json={"city": "Lima", "days": [1, 2]})
print(r.status_code, r.json())
r = requests.post(BASE + "/echo", data={"name": "Ada", "lang": "py"}, headers={"X-Lesson": "net"})
print(r.json())

r = requests.get(BASE + "/status/503")
print(r, r.ok, r.status_code == requests.codes.service_unavailable)
try:
    r.raise_for_status()
except requests.HTTPError as e:
    print("HTTPError", str(e)[len("503 Server Error: Service Unavailable for url: "):] == BASE + "/status/503", e.response.status_code)
try:
    requests.get(BASE + "/status/404").raise_for_status()
except requests.exceptions.RequestException as e:
    print(type(e).__name__, str(e).split(" for url")[0])

r = requests.get(BASE + "/redirect")
print("redirected", r.url[len(BASE):], r.status_code)
print(requests.get(BASE + "/chunked").json())

try:
    requests.get(REFUSED + "/x", timeout=5)
except requests.ConnectionError as e:
    print("ConnectionError", isinstance(e, requests.RequestException), isinstance(e, OSError))
try:
    requests.get(BASE + "/data/weather/oslo.json?delay=2000", timeout=0.3)
except requests.Timeout as e:
    print(type(e).__name__, "Read timed out" in str(e))
try:
    requests.get("/data/weather/oslo.json")
except requests.exceptions.MissingSchema as e:
    print("MissingSchema", isinstance(e, ValueError))
try:
    requests.get(BASE + "/status/200").json()
except requests.JSONDecodeError as e:
    print("JSONDecodeError", isinstance(e, ValueError))

with requests.Session() as s:
    s.headers.update({"X-Lesson": "session"})
    print(s.get(BASE + "/echo").json()["lesson"], s.get(BASE + "/echo", headers={"X-Lesson": "call"}).json()["lesson"])
