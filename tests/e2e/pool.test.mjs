// The trial pool (wasm-bindgen-rayon, src/web/pool.rs) on the real site: it is not
// started by loading a page; "Run 200 times" on lesson 4 starts it, runs every stepped
// trial on it and says so; Cancel stops a batch at once; nothing errors on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitReady } from './harness.mjs';
import path from 'node:path';
import { SHOTS } from './harness.mjs';

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

test('Run 200 times runs on the lazily started pool, and Cancel stops the batch at once', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}lesson/race-conditions`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => self.threadlab.poolThreads() ?? null), null, 'the pool starts on first use, not on load');
  const race = page.locator('section.race').first();
  const handle = await race.elementHandle();
  await race.getByRole('button', { name: 'Run 200 times' }).click();
  await page.waitForFunction((el) => el.dataset.running === 'false' && Number(el.dataset.done) === 200, handle, { timeout: 120000 });
  const threads = await page.evaluate(() => self.threadlab.poolThreads());
  assert.ok(threads >= 2, `pool threads: ${threads}`);
  const status = await race.locator('.toolbar .status').innerText();
  assert.match(status, /200 stepped runs \(seeds 1–200\) in [\d.]+ s, \d+ at a time, each on one worker/);
  // The histogram counts 200 runs, and lesson 4's race loses updates in most of them.
  const summary = await race.innerText();
  assert.match(summary, /Table of all \d+ outcomes/);
  await race.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'pool-run-200.png') });

  // Cancel right after starting: the batch ends within a second, short of 200.
  await race.getByRole('button', { name: 'Run 200 times' }).click();
  await page.waitForFunction((el) => el.dataset.running === 'true', handle, { timeout: 10000 });
  const t0 = Date.now();
  await race.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction((el) => el.dataset.running === 'false', handle, { timeout: 5000 });
  const stoppedAfter = Date.now() - t0;
  const done = Number(await race.getAttribute('data-done'));
  assert.ok(done < 200, `cancel let all ${done} runs finish`);
  assert.ok(stoppedAfter < 1500, `cancel took ${stoppedAfter} ms`);
  assert.match(await race.innerText(), /stopped after \d+ runs/);
  await page.screenshot({ path: path.join(SHOTS, 'pool-cancelled.png') });
  assert.deepEqual(page.errors, []);
});

test('/levels lists the challenge levels; a level opens in the playground in stepped mode', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}levels`);
  await waitReady(page);
  const breaks = page.getByRole('region', { name: 'Break it' }).locator('article.level');
  const fixes = page.getByRole('region', { name: 'Fix it' }).locator('article.level');
  assert.ok(await breaks.count() >= 20, `${await breaks.count()} break-it levels`);
  assert.ok(await fixes.count() >= 3, `${await fixes.count()} fix-it levels`);
  const first = breaks.first();
  assert.match(await first.locator('.level-goal').innerText(), /Reach a failure: /);
  await page.screenshot({ path: path.join(SHOTS, 'levels.png') });
  const program = await first.locator('.level-program').innerText();
  await first.getByRole('link', { name: 'Open in the playground (stepped mode)' }).click();
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.waitFor();
  // The link's program replaces the starter in an effect after the first render.
  const want = program.trim();
  await page.waitForFunction((want) => document.querySelector('textarea.code')?.value.trim() === want, want, { timeout: 10000 })
    .catch(() => {});
  assert.equal((await editor.inputValue()).trim(), want);
  assert.deepEqual(page.errors, []);
});

test('on a static host (no headers: sw.js and the meta CSP), the pool starts and runs trials', async () => {
  const plain = await startServer({ THREADLAB_PLAIN_HOST: '1' });
  const b = await launch();
  try {
    const page = await newPage(b);
    await page.goto(`${plain.url}playground`);
    await waitReady(page);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    const code = 'import threading\nn = 0\ndef f():\n    global n\n    for _ in range(50):\n        n += 1\nts = [threading.Thread(target=f) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n';
    const res = await page.evaluate((code) => self.threadlab.benchTrials(code, 8, 'pool'), code);
    assert.equal(res.done, 8);
    assert.ok(res.poolThreads >= 2, `pool threads ${res.poolThreads}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await b.close();
    plain.stop();
  }
});
