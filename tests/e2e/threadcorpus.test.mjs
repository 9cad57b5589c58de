// The thread corpus in the browser: every program in tests/threadcorpus/exact runs on
// the real page (Python threads on Web Workers, through `threadlab.runPython`) in GIL,
// free-threaded and stepped mode, and must give CPython's stdout, exit code and last
// stderr line (CPython runs here, with python3, on the same file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launch, newPage, waitReady } from './harness.mjs';

const DIR = path.join(ROOT, 'tests', 'threadcorpus', 'exact');
const lastLine = (s) => s.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim()).pop() ?? '';

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

test('every exact thread program matches CPython in the browser, in all three modes', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  const names = readdirSync(DIR).filter((n) => n.endsWith('.py')).sort();
  assert.ok(names.length >= 60, `only ${names.length} programs`);
  const failures = [];
  const started = Date.now();
  for (const name of names) {
    const code = readFileSync(path.join(DIR, name), 'utf8');
    const py = spawnSync('python3', [name], { cwd: DIR, encoding: 'utf8', timeout: 60000 });
    for (const mode of ['gil', 'free', 'step']) {
      const got = await page.evaluate(
        ([c, m]) => self.threadlab.runPython(c, m, 1),
        [code, mode],
      );
      const problems = [];
      if (got.stdout !== py.stdout) problems.push(`stdout\n--- cpython\n${py.stdout}--- browser\n${got.stdout}`);
      if (got.exitCode !== py.status) problems.push(`exit code: cpython ${py.status}, browser ${got.exitCode}`);
      if (lastLine(got.stderr) !== lastLine(py.stderr)) {
        problems.push(`last stderr line: cpython ${JSON.stringify(lastLine(py.stderr))}, browser ${JSON.stringify(lastLine(got.stderr))}`);
      }
      if (problems.length) failures.push(`${name} (${mode}): ${problems.join('\n')}`);
    }
  }
  console.log(`thread corpus in the browser: ${names.length} programs x 3 modes in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} mismatches`);
  assert.deepEqual(page.errors, []);
  assert.equal(failures.length, 0, failures.join('\n\n'));
  await page.context().close();
});
