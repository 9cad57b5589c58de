// Stepped trials on the wasm-bindgen-rayon pool (issue 12, item 3), in Chromium on the
// real site: "Run 200 times" of lesson 4's 4 threads x 10k race, on the pool (each run
// on one pool thread, all queued at once) vs the old path (3 runs at a time, one
// spawner worker per Python thread); then a complete exploration of 2 threads x 2
// increments run as one pool task. Prints numbers; not a test (targets: <= 1 s for the
// trials, <= 100 ms for the exploration, on this 2-core machine).
//
//   scripts/build-site.sh && cargo build --bin threadlab-serve && node benches/browser/trials.mjs
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startServer, launch, newPage, waitReady } from '../../tests/e2e/harness.mjs';

const ROUNDS = Number(process.env.ROUNDS || 3);
const TRIALS = Number(process.env.TRIALS || 200);

// Lesson 4's first race example, taken from the lesson itself so the two cannot drift.
const lesson = readFileSync(new URL('../../lessons/04-race-conditions.md', import.meta.url), 'utf8');
const RACE = lesson.match(/```python race expected=40000\n([\s\S]*?)```/)[1];
if (!RACE.includes('range(10_000)') || !RACE.includes('range(4)')) throw new Error('lesson 4 race example changed');

const TWO_BY_TWO = `import threading
x = 0
def f():
    global x
    for _ in range(2):
        x = x + 1
ts = [threading.Thread(target=f) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(x)
`;

const fmt = (o) => Object.entries(o).map(([k, v]) => `${k}:${v}`).join(' ');

const server = await startServer();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  console.log(`trials benchmark: ${TRIALS} stepped runs of lesson 4's 4 threads x 10k race, ${ROUNDS} rounds each; hardwareConcurrency ${cores}; load average ${loadavg()[0].toFixed(1)} (numbers mean little above the core count)`);
  for (const route of ['pool', 'workers']) {
    for (let r = 1; r <= ROUNDS; r++) {
      const res = await page.evaluate(({ code, n, route }) => self.threadlab.benchTrials(code, n, route), { code: RACE, n: TRIALS, route });
      if (res.done !== TRIALS) throw new Error(`${route}: only ${res.done} runs`);
      const note = r === 1 && route === 'pool' ? ' (includes starting the pool)' : '';
      console.log(`${route.padEnd(8)} round ${r}: ${res.millis.toFixed(0).padStart(6)} ms  pool threads ${res.poolThreads ?? '-'}  outcomes ${Object.keys(res.outcomes).length} distinct${note}`);
      if (r === ROUNDS) console.log(`         outcomes: ${fmt(res.outcomes)}`.slice(0, 400));
    }
  }
  for (let r = 1; r <= ROUNDS; r++) {
    const e = await page.evaluate((code) => self.threadlab.explorePool(code, 5000), TWO_BY_TWO);
    const outs = e.outcomes.map((o) => o.stdout.trim()).sort().join(',');
    console.log(`explore 2 threads x 2 increments, round ${r}: ${e.millis.toFixed(1)} ms in the pool task, ${e.totalMillis.toFixed(1)} ms as the page saw it; ${e.runs} runs, complete ${e.complete}, outcomes {${outs}}`);
    if (!e.complete) throw new Error('exploration incomplete');
  }
  if (page.errors.length) throw new Error(page.errors.join('\n'));
} finally {
  await browser.close();
  server.stop();
}
