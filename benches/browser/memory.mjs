// Memory over thousands of runs in one page (issue 15), in three phases:
// 1. RUNS programs (default 5,000) through threadlab.runPython, modes cycling
//    gil/free/step;
// 2. RACES x the real "Run 200 times" button (default 20) on the race-conditions lesson;
// 3. EXPLORES exploration loops through threadlab.explore, when the page has it (the
//    step explorer is another helper's work; without it the phase says "pending").
// Every 500 runs it prints the engine's live heap, the wasm memory's size (it never
// shrinks), the worker pool (each worker's 1 MiB stack and TLS are live heap) and, where
// Chromium gives it, performance.measureUserAgentSpecificMemory(). The goal: after
// warm-up, the live heap grows by under 1 MB per 1,000 runs.
//
//   scripts/build-site.sh && cargo build --bin threadlab-serve && node benches/browser/memory.mjs
import { readFileSync } from 'node:fs';
import { startServer, launch, newPage, waitReady } from '../../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS || 5000);
const RACES = Number(process.env.RACES || 20);
const EXPLORES = Number(process.env.EXPLORES || 200);
// The program both memory benchmarks run (benches/memory.rs includes it too).
const COUNTER = readFileSync(new URL('../memory/counter.py', import.meta.url), 'utf8');

const mib = (b) => (b / 1048576).toFixed(1).padStart(7);

async function sample(page, label) {
  const s = await page.evaluate(async () => {
    const stats = self.threadlab.memoryStats();
    let ua = null;
    if (performance.measureUserAgentSpecificMemory) {
      try {
        ua = (await Promise.race([performance.measureUserAgentSpecificMemory(),
          new Promise((r) => setTimeout(() => r(null), 5000))]))?.bytes ?? null;
      } catch { ua = null; }
    }
    return { ...stats, ua };
  });
  console.log(`${label.padEnd(24)} live heap ${mib(s.liveHeapBytes)} MiB  wasm memory ${mib(s.wasmBytes)} MiB  `
    + `workers ${String(s.workersAlive).padStart(3)} (idle ${String(s.idleWorkers ?? '?').padStart(3)})  page (UA) ${s.ua == null ? '    n/a' : mib(s.ua)} MiB`);
  return s;
}

const server = await startServer();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  console.log(`memory benchmark: ${RUNS} runs (8 threads x 200 locked increments, gil/free/step), then ${RACES} x "Run 200 times"`);
  await sample(page, '0 runs');
  const modes = ['gil', 'free', 'step'];
  let warm = null;
  for (let i = 0; i < RUNS; i += 100) {
    const n = Math.min(100, RUNS - i);
    const bad = await page.evaluate(async ({ code, n, i, modes }) => {
      for (let k = 0; k < n; k++) {
        const r = await self.threadlab.runPython(code, modes[(i + k) % 3], i + k);
        if (r.stdout.trim() !== '1600' || r.exitCode !== 0) return `run ${i + k}: ${JSON.stringify(r)}`;
      }
      return null;
    }, { code: COUNTER, n, i, modes });
    if (bad) throw new Error(bad);
    if ((i + n) % 500 === 0) {
      const s = await sample(page, `${i + n} runs`);
      if (i + n === 500) warm = s;
    }
  }
  const end = await sample(page, `${RUNS} runs`);
  if (warm && RUNS > 500) {
    const per1000 = (end.liveHeapBytes - warm.liveHeapBytes) / (RUNS - 500) * 1000;
    console.log(`live heap growth after warm-up (500 runs): ${(per1000 / 1048576).toFixed(2)} MiB per 1,000 runs (goal < 1 MB)`);
  }
  await page.goto(`${server.url}lesson/race-conditions`);
  await waitReady(page);
  const race = page.locator('section.race').first();
  let raceWarm = null;
  for (let r = 1; r <= RACES; r++) {
    await race.getByRole('button', { name: 'Run 200 times' }).click();
    await page.waitForFunction((el) => el.dataset.running === 'true', await race.elementHandle(), { timeout: 30000 });
    await page.waitForFunction((el) => el.dataset.running === 'false' && Number(el.dataset.done) >= 200,
      await race.elementHandle(), { timeout: 600000 });
    // 200 runs each: a line every 500 runs would skip most; one per press.
    const s = await sample(page, `${r} x Run 200 times`);
    if (r === 2) raceWarm = s;
  }
  if (raceWarm && RACES > 2) {
    const end = await sample(page, `${RACES} x Run 200 (end)`);
    const per1000 = (end.liveHeapBytes - raceWarm.liveHeapBytes) / ((RACES - 2) * 200) * 1000;
    console.log(`live heap growth over Run 200 times after 2 presses: ${(per1000 / 1048576).toFixed(2)} MiB per 1,000 runs (goal < 1 MB)`);
  }
  // What is left is mostly the warm worker pool (each worker's stack and TLS); idle
  // workers retire after 20 s, and their memory comes back.
  await page.waitForTimeout(25000);
  await sample(page, 'after 25 s idle');
  // Exploration: every interleaving of a small racy program, again and again.
  const hasExplore = await page.evaluate(() => typeof self.threadlab.explore === 'function');
  if (!hasExplore) {
    console.log('exploration loop: PENDING (threadlab.explore is not on this page yet)');
  } else {
    const RACY = 'import threading\nx = 0\ndef inc():\n    global x\n    x = x + 1\nts = [threading.Thread(target=inc) for _ in range(2)]\n'
      + 'for t in ts: t.start()\nfor t in ts: t.join()\nprint(x)\n';
    let exploreWarm = null;
    for (let i = 0; i < EXPLORES; i += 50) {
      await page.evaluate(async ({ code, n }) => {
        for (let k = 0; k < n; k++) await self.threadlab.explore(code);
      }, { code: RACY, n: Math.min(50, EXPLORES - i) });
      const s = await sample(page, `${i + 50} explorations`);
      if (!exploreWarm) exploreWarm = s;
    }
  }
  if (page.errors.length) throw new Error(page.errors.join('\n'));
} finally {
  await browser.close();
  server.stop();
}
