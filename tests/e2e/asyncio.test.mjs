// Coroutines in the page: the programs of tests/asyncio (async def and await, asyncio's
// tasks, timeouts and queues, async generators, async for and async comprehensions)
// print in Chromium exactly what CPython 3.11 prints, in every mode. The page fetches
// asyncio and _asyncgen from the site's stdlib/ on first import, as a learner's run does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, newPage, waitReady } from './harness.mjs';

const DIR = path.join(ROOT, 'tests', 'asyncio');

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

test('asyncio programs print what CPython prints, in every mode, in the page', async () => {
  // CPython's real binary (fails loudly if python3 is missing).
  const exe = execFileSync('python3', ['-c', 'import sys; assert sys.version_info[:2] == (3, 11); print(sys.executable)'], { encoding: 'utf8' }).trim();
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const names = readdirSync(DIR).filter((n) => n.endsWith('.py')).sort();
  assert.ok(names.includes('async_generators.py') && names.length >= 3, `programs: ${names}`);
  for (const name of names) {
    const code = readFileSync(path.join(DIR, name), 'utf8');
    // (CPython also warns on stderr about coroutines never awaited: not compared.)
    const theirs = execFileSync(exe, [name], { cwd: DIR, encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const mode of ['gil', 'free', 'step']) {
      const t0 = Date.now();
      const ours = await page.evaluate(([c, m]) => self.threadlab.runPython(c, m, 3), [code, mode]);
      assert.equal(ours.stdout, theirs, `${name} in ${mode}: ${ours.stderr.slice(-400)}`);
      assert.equal(ours.exitCode, 0, `${name} in ${mode}`);
      console.log(`${name} ${mode}: ${theirs.split('\n').length - 1} lines as CPython, ${Date.now() - t0} ms`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
