// The network in the page: urllib.request and requests fetch the site's own sample
// data (static/data, served by threadlab-serve) with a synchronous request from the
// program's worker. Six threads that each wait 300 ms on the server (`?delay=300`)
// finish together, in every mode with threads running at once: the GIL is released
// while a thread waits. Error statuses raise as in CPython; another origin is refused
// by the site's policy and raises URLError; the Run button shows the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitReady, b64 } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

// What the browser itself logs for the 404 and the refused origin the program asks for.
const NETWORK_NOISE = /Failed to load resource|Refused to connect|Content Security Policy|net::ERR_/;
const realErrors = (page) => page.errors.filter((e) => !NETWORK_NOISE.test(e));

const FETCH = `import json, threading, time, urllib.request, urllib.error
import requests

CITIES = ["oslo", "lisbon", "nairobi", "lima", "osaka", "toronto"]
hottest = {}
lock = threading.Lock()

def fetch(city, n):
    url = f"/data/weather/{city}.json?delay=300"
    if n % 2:
        week = requests.get(url).json()["week"]
    else:
        week = json.load(urllib.request.urlopen(url))["week"]
    with lock:
        hottest[city] = max(week)

start = time.perf_counter()
threads = [threading.Thread(target=fetch, args=(c, i)) for i, c in enumerate(CITIES)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - start
print(sorted(hottest.items()))
print("overlapped" if elapsed < 0.9 else f"serial: {elapsed:.2f} s")
try:
    urllib.request.urlopen("/data/weather/atlantis.json")
except urllib.error.HTTPError as e:
    print("HTTPError", e.code, e.reason)
r = requests.get("/data/weather/index.json")
print(r.status_code, r.headers["content-type"], r.json()[:2])
try:
    urllib.request.urlopen("https://example.com/", timeout=5)
except urllib.error.URLError as e:
    print("URLError", type(e.reason).__name__)
`;

const EXPECTED = `[('lima', 25), ('lisbon', 17), ('nairobi', 27), ('osaka', 13), ('oslo', 3), ('toronto', -2)]
overlapped
HTTPError 404 Not Found
200 application/json ['lima', 'lisbon']
URLError OSError
`;

test('runPython: threads fetch the site\'s data and their waits overlap; errors are CPython\'s', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  for (const mode of ['gil', 'free', 'step']) {
    const r = await page.evaluate(([c, m]) => self.threadlab.runPython(c, m, 3, 20000), [FETCH, mode]);
    assert.equal(r.stderr, '', mode);
    assert.equal(r.exitCode, 0, mode);
    if (mode === 'step') {
      // Stepped mode runs one thread at a time, waits included: same answers, no overlap.
      assert.equal(r.stdout.replace(/serial: [\d.]+ s/, 'overlapped'), EXPECTED, mode);
    } else {
      assert.equal(r.stdout, EXPECTED, mode);
    }
  }
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});

test('the Run button: a program that fetches shows its output', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground#code=${b64(FETCH)}`);
  await waitReady(page);
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('urllib'), null, { timeout: 10000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const panel = page.locator('.run-panel').first();
  await page.waitForFunction((el) => el.dataset.state === 'done' || el.dataset.state === 'failed', await panel.elementHandle(), { timeout: 30000 });
  const out = await panel.locator('.output').innerText();
  assert.match(out, /^overlapped$/m, out);
  assert.match(out, /^HTTPError 404 Not Found$/m, out);
  assert.deepEqual(realErrors(page), []);
  await page.context().close();
});
