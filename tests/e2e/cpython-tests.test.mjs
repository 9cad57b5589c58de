// CPython's own tests for our primitives, in Chromium: Lib/test/lock_tests.py (as
// test_threading.py instantiates it) and Lib/test/test_queue.py, read from the local
// CPython 3.11 at test time, run in the page through threadlab.runPython (the test
// package and drivers handed over as the run's files) in gil, free and step mode, and
// compared test by test with CPython running the same files. tests/cpython_tests.rs does
// the same natively; tests/cpython/README.md says what the harness is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launch, newPage, waitReady } from './harness.mjs';

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

/** CPython's real binary and its Lib/test folder; no CPython 3.11 is a failure. */
function cpython() {
  const probe = 'import sys, os, test; print(sys.executable); print(os.path.dirname(test.__file__)); print(sys.version_info[:2] == (3, 11))';
  const [exe, lib, is311] = execFileSync('python3', ['-c', probe], { encoding: 'utf8' }).trim().split('\n');
  assert.equal(is311, 'True', `these tests compare with CPython 3.11; python3 is ${exe}`);
  return { exe, lib };
}

/** The files a driver needs, by path: our harness and drivers, CPython's two test files. */
function files(lib) {
  const here = path.join(ROOT, 'tests', 'cpython');
  const out = {};
  for (const f of ['test/__init__.py', 'test/support/__init__.py', 'test/support/threading_helper.py', 'test/support/import_helper.py']) {
    out[f] = fs.readFileSync(path.join(here, 'harness', f), 'utf8');
  }
  for (const f of ['run_lock_tests.py', 'run_test_queue.py', 'report.py']) out[f] = fs.readFileSync(path.join(here, f), 'utf8');
  out['test/lock_tests.py'] = fs.readFileSync(path.join(lib, 'lock_tests.py'), 'utf8');
  out['test_queue.py'] = fs.readFileSync(path.join(lib, 'test_queue.py'), 'utf8');
  return out;
}

/** Each test's status line by name (`ok`, `skip: why`, `FAIL`, `ERROR`). */
function results(stdout) {
  const m = new Map();
  for (const line of stdout.split('\n')) {
    if (line.startsWith('---- ')) break;
    const i = line.indexOf(' ');
    if (i > 0 && line.slice(0, i).includes('.test')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

const counts = (stdout) => stdout.split('\n').filter((l) => l.startsWith('passed ')).join(' ');

async function compare(driver, expectOurs) {
  const { exe, lib } = cpython();
  const all = files(lib);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadlab-cpython-'));
  for (const [f, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  const theirs = execFileSync(exe, [driver], { cwd: dir, encoding: 'utf8', timeout: 600000 });
  fs.rmSync(dir, { recursive: true, force: true });
  const want = results(theirs);
  assert.ok(want.size > 20, `CPython ran only ${want.size} tests of ${driver}`);
  console.log(`${driver}: CPython 3.11: ${counts(theirs)}`);
  const main = all[driver];
  const given = Object.fromEntries(Object.entries(all).filter(([f]) => f !== driver));
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  for (const mode of ['gil', 'free', 'step']) {
    const t0 = Date.now();
    const r = await page.evaluate(([c, m, f]) => self.threadlab.runPython(c, m, 7, null, f), [main, mode, given]);
    const got = results(r.stdout);
    console.log(`${driver}: threadlab ${mode} in Chromium: ${counts(r.stdout)} (exit ${r.exitCode}, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const problems = [];
    for (const [name, status] of want) {
      const expected = expectOurs(name) ?? status;
      if (!got.has(name)) problems.push(`${name} did not run (CPython: ${status})`);
      else if (got.get(name) !== expected) problems.push(`${name}: ${got.get(name)} (CPython: ${status}, expected here: ${expected})`);
    }
    for (const name of got.keys()) if (!want.has(name)) problems.push(`${name} ran here but not on CPython`);
    assert.deepEqual(problems, [], `${mode}:\n${problems.join('\n')}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
}

test("CPython's lock_tests.py passes in the page in every mode, as on CPython", { timeout: 900000 }, async () => {
  await compare('run_lock_tests.py', () => null);
});

test("CPython's test_queue.py passes in the page in every mode (its C classes skip themselves)", { timeout: 900000 }, async () => {
  await compare('run_test_queue.py', (name) => (name.split('.')[0].startsWith('C') ? 'skip: No _queue module found' : null));
});
