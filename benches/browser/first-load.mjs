// First load as a browser receives it (issue 10's budget: 700 KB): opens the home page
// and the playground in Chromium, whose requests carry "Accept-Encoding: br, gzip",
// through threadlab-serve, and sums the bytes on the wire (CDP encodedDataLength) of
// every response until the page is ready, per file. Then it sums every file of dist/
// as sent with br (what an offline cache of the whole course fetches).
//
//   scripts/build-site.sh && cargo build --bin threadlab-serve && node benches/browser/first-load.mjs
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, waitReady } from '../../tests/e2e/harness.mjs';

const kb = (b) => (b / 1000).toFixed(1).padStart(8);

async function firstLoad(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const sizes = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, [e.response.url, e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '-']));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(url);
  await waitReady(page);
  await page.waitForTimeout(500); // late requests (fonts, icons) count too
  let total = 0;
  const rows = [];
  for (const [id, bytes] of sizes) {
    const [u, enc] = urls.get(id) || ['?', '-'];
    total += bytes;
    rows.push([new URL(u).pathname, enc, bytes]);
  }
  await context.close();
  return { total, rows: rows.sort((a, b) => b[2] - a[2]) };
}

const server = await startServer();
const browser = await launch();
try {
  for (const where of ['', 'playground']) {
    const { total, rows } = await firstLoad(browser, server.url + where);
    console.log(`first load of /${where}: ${kb(total)} KB on the wire (budget 700 KB)`);
    for (const [p, enc, b] of rows) console.log(`   ${kb(b)} KB  ${enc.padEnd(4)} ${p}`);
  }
} finally {
  await browser.close();
  server.stop();
}

let all = 0;
const dist = path.join(ROOT, 'dist');
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const f = path.join(dir, name);
    if (statSync(f).isDirectory()) { walk(f); continue; }
    if (/\.(br|gz)$/.test(name)) continue;
    let size = statSync(f).size;
    try { size = statSync(`${f}.br`).size; } catch { /* not compressible: sent as is */ }
    all += size;
  }
})(dist);
console.log(`every file of dist/ as sent with br: ${kb(all)} KB`);
