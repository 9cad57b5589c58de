// Long output: a program printing a million lines through the real Run button keeps
// memory bounded (the engine's buffer and the output panel keep the last part and say
// exactly how much they dropped) and the page responsive (requestAnimationFrame gaps
// measured in the page while it prints).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, waitReady, SHOTS, frameWatch, gapLimit } from './harness.mjs';

const LINES = 1_000_000;
const MAX_FRAME_GAP_MS = Number(process.env.MAX_FRAME_GAP_MS || 100);

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

/** The page's memory stats once every pool worker is idle again (at most 5 s after `what`). */
async function settledStats(page, what) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(() => self.threadlab.memoryStats());
    if (s.idleWorkers === s.workersAlive) return s;
    assert.ok(Date.now() - t0 < 5000, `the pool was still busy 5 s after ${what}: ${JSON.stringify(s)}`);
    await page.waitForTimeout(50);
  }
}

test(`${LINES} printed lines: the panel keeps the last part, says how much it dropped, memory stays bounded`, async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  const panel = page.locator('.run-panel').first();
  await editor.fill(`for i in range(${LINES}):\n    print(i)\n`);
  // Warm the workers and the engine first, so the memory compared is the output's.
  await page.evaluate(() => self.threadlab.runPython('print(1)\n', 'gil', 0));
  const before = await page.evaluate(() => self.threadlab.memoryStats());
  const frames = frameWatch(page);
  const idle = await frames.idleControl();
  await frames.start();
  const t0 = Date.now();
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  let peak = before;
  while ((await panel.getAttribute('data-state')) !== 'done') {
    assert.ok(Date.now() - t0 < 120000, 'a million prints took over 2 minutes');
    const s = await page.evaluate(() => self.threadlab.memoryStats());
    if (s.liveHeapBytes > peak.liveHeapBytes) peak = s;
    await page.waitForTimeout(100);
  }
  const secs = (Date.now() - t0) / 1000;
  const f = await frames.stop();
  // The panel says done when the program's exit code is known; the timeline's pump
  // (on a pool worker) may still hold its last ~40k events for a moment after. What
  // the run left behind is measured once every pool worker is idle again.
  const settled = Date.now();
  const after = await settledStats(page, 'the run');
  console.log(`the pool was idle ${Date.now() - settled} ms after the panel said done; workers ${before.workersAlive} -> ${after.workersAlive}`);
  await page.screenshot({ path: path.join(SHOTS, 'output-million-lines.png') });
  const text = await panel.locator('pre.output').evaluate((el) => el.textContent);
  const note = text.match(/^\[([\d,]+) earlier lines \(([\d.]+ MB)\) not shown: the last part of the output is kept\]\n/);
  assert.ok(note, `no note on what was dropped: ${text.slice(0, 200)}`);
  const dropped = Number(note[1].replace(/,/g, ''));
  const shown = text.slice(note[0].length);
  const shownLines = shown.split('\n').length - 1;
  // Every line is accounted for: dropped + shown newlines = every line printed.
  assert.equal(dropped + shownLines, LINES, `dropped ${dropped} + shown ${shownLines}`);
  assert.ok(shown.endsWith(`${LINES - 2}\n${LINES - 1}\n`), `the last lines are shown: ...${shown.slice(-40)}`);
  assert.ok(shown.length <= 17_000, `the panel holds ${shown.length} characters`);
  const mib = (b) => (b / 1048576).toFixed(1);
  console.log(`${LINES} lines in ${secs.toFixed(1)} s; panel ${shown.length} chars, note "${note[0].trim()}"`);
  console.log(`live heap ${mib(before.liveHeapBytes)} -> peak ${mib(peak.liveHeapBytes)} -> ${mib(after.liveHeapBytes)} MiB; `
    + `wasm memory ${mib(before.wasmBytes)} -> ${mib(after.wasmBytes)} MiB`);
  console.log(`frames ${f.gaps.length}: gap p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (idle page: max ${idle.max.toFixed(1)} ms)`);
  // Bounded while printing. The peak depends on how far the program runs ahead of the
  // page's draining: over 14 runs on this machine in one day it grew by 5.1 to 9.9 MiB,
  // with the engine of 2026-12-08 and with the one before it alike, so the old 8 MiB
  // bound failed by chance. 12 MiB still fails if the output (6.9 MB as
  // text) piles up with its per-line records; what stays after the run is checked below.
  assert.ok(peak.liveHeapBytes - before.liveHeapBytes < 12 << 20, `the live heap grew by ${mib(peak.liveHeapBytes - before.liveHeapBytes)} MiB while printing`);
  // What stays is what the page still shows of this run: the panel's last 8 KB and its
  // timeline (up to 40,000 line marks and their drawing); 0.3-1.0 MiB here, 3.0 MiB
  // seen once on CI. A leak of the output itself would be several MiB.
  assert.ok(after.liveHeapBytes - before.liveHeapBytes < 4 << 20, `the run left ${mib(after.liveHeapBytes - before.liveHeapBytes)} MiB behind while shown`);
  // Once the next (tiny) run replaces it, nothing of the million-line run may remain.
  await editor.fill('print(1)\n');
  const runId = await panel.getAttribute('data-run-id');
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(([el, id]) => el.dataset.runId !== id && el.dataset.state === 'done', [await panel.elementHandle(), runId], { timeout: 10000 });
  const next = await settledStats(page, 'print(1)');
  console.log(`after the next run (print(1)): live heap ${mib(next.liveHeapBytes)} MiB`);
  assert.ok(next.liveHeapBytes - before.liveHeapBytes < 1 << 20, `after the next run, ${mib(next.liveHeapBytes - before.liveHeapBytes)} MiB of the long run were left`);
  assert.ok(f.max <= gapLimit(MAX_FRAME_GAP_MS, idle), `a frame gap of ${f.max.toFixed(0)} ms`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
