# Six threads each wait 300 ms on the server: with the GIL released while they wait,
# the whole takes about 300 ms, not 1.8 s.
import threading, time, urllib.request, json
import requests

BASE = "http://127.0.0.1:0"
CITIES = ["oslo", "lisbon", "nairobi", "lima", "osaka", "toronto"]
results = {}
lock = threading.Lock()

def fetch(city, use_requests):
    url = f"{BASE}/data/weather/{city}.json?delay=300"
    week = requests.get(url).json()["week"] if use_requests else json.load(urllib.request.urlopen(url))["week"]
    with lock:
        results[city] = max(week)

for use_requests in (False, True):
    results.clear()
    start = time.perf_counter()
    threads = [threading.Thread(target=fetch, args=(c, use_requests)) for c in CITIES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    print("requests" if use_requests else "urllib", sorted(results.items()))
    print("overlapped" if elapsed < 0.9 else f"serial: {elapsed:.2f} s")
