// Processes in the page: the programs of tests/processes (multiprocessing's Process,
// Queue, Pipe, Lock, Value, Pool and ProcessPoolExecutor; each process a fresh
// interpreter on a Web Worker of its own) print in Chromium what CPython 3.11 prints
// with the spawn start method, in every mode; then lesson 11's side-by-side job, whose
// timings (threads vs processes vs asyncio) are printed for the closing note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, newPage, waitReady } from './harness.mjs';

const DIR = path.join(ROOT, 'tests', 'processes');
const lastLine = (s) => s.split('\n').filter((l) => l.trim()).pop() ?? '';

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

test('process programs print what CPython prints, in every mode, in the page', async () => {
  const exe = execFileSync('python3', ['-c', 'import sys; assert sys.version_info[:2] == (3, 11); print(sys.executable)'], { encoding: 'utf8' }).trim();
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const names = readdirSync(DIR).filter((n) => n.endsWith('.py')).sort();
  assert.ok(names.includes('pools.py') && names.length >= 5, `programs: ${names}`);
  for (const name of names) {
    const code = readFileSync(path.join(DIR, name), 'utf8');
    let theirs;
    let theirCode = 0;
    let theirErr = '';
    try {
      theirs = execFileSync(exe, [name], { cwd: DIR, encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      theirs = e.stdout;
      theirCode = e.status;
      theirErr = e.stderr;
    }
    for (const mode of ['gil', 'free', 'step']) {
      const t0 = Date.now();
      const ours = await page.evaluate(([c, m]) => self.threadlab.runPython(c, m, 3), [code, mode]);
      assert.equal(ours.stdout, theirs, `${name} in ${mode}: ${ours.stderr.slice(-600)}`);
      assert.equal(ours.exitCode, theirCode, `${name} in ${mode}: ${ours.stderr.slice(-600)}`);
      if (theirErr) assert.equal(lastLine(ours.stderr), lastLine(theirErr), `${name} in ${mode}`);
      console.log(`${name} ${mode}: as CPython, ${Date.now() - t0} ms`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("lesson 11's jobs run side by side in the page: threads, processes, asyncio", async () => {
  const lesson = readFileSync(path.join(ROOT, 'lessons', '11-choosing-a-model.md'), 'utf8');
  const blocks = [...lesson.matchAll(/```python[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const cpu = blocks.find((b) => b.includes('ProcessPoolExecutor') && b.includes('count_primes'));
  const io = blocks.find((b) => b.includes('ProcessPoolExecutor') && b.includes('async_request'));
  assert.ok(cpu && io, 'lesson 11 has its CPU and I/O side-by-side examples');
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  for (const [job, code] of [['CPU', cpu], ['I/O', io]]) {
    const ours = await page.evaluate((c) => self.threadlab.runPython(c, 'gil', 1), code);
    assert.equal(ours.exitCode, 0, `${job}: ${ours.stderr}`);
    console.log(`lesson 11 ${job} job in Chromium, gil mode:\n${ours.stdout}`);
    const times = Object.fromEntries([...ours.stdout.matchAll(/^(\w+)\s.*?(\d+\.\d+) s$/gm)].map((m, i) => [`${m[1]}${i}`, Number(m[2])]));
    if (job === 'CPU') {
      // Same answer on every line; two processes must beat two GIL-bound threads.
      const totals = new Set([...ours.stdout.matchAll(/: (\d+) primes/g)].map((m) => m[1]));
      assert.equal(totals.size, 1, ours.stdout);
      assert.ok(times.processes3 < times.threads1, `two processes (${times.processes3} s) were not faster than two threads (${times.threads1} s)`);
    } else {
      // The waits overlap: 20 x 0.1 s one after another would be 2 s.
      assert.ok(Object.values(times).every((t) => t < 1.9), ours.stdout);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
