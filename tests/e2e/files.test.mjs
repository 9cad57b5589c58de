// Files in the page: open() on the run's in-memory file system. Through the Run
// button, four threads append to one log file and read it back; through
// threadlab.runPython with the run's files (tests/files/books), the word-count program
// prints what CPython 3.11 prints on a copy of the same folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launch, newPage, waitReady, b64 } from './harness.mjs';

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

const LOG = `import threading

def log(n):
    for i in range(3):
        with open("log.txt", "a") as f:
            f.write(f"thread {n} line {i}\\n")

threads = [threading.Thread(target=log, args=(n,)) for n in range(4)]
for t in threads: t.start()
for t in threads: t.join()
with open("log.txt") as f:
    lines = f.read().splitlines()
print(len(lines), "lines;", sorted(lines)[0])
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e)
`;

test('the Run button: threads append to one file and read it back; a missing file is FileNotFoundError', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground#code=${b64(LOG)}`);
  await waitReady(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await page.waitForFunction(() => document.querySelector('textarea.code')?.value.includes('log.txt'), null, { timeout: 10000 });
  assert.match(await editor.inputValue(), /open\("log.txt", "a"\)/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const panel = page.locator('.run-panel').first();
  await page.waitForFunction((el) => el.dataset.state === 'done' || el.dataset.state === 'failed', await panel.elementHandle(), { timeout: 30000 });
  const out = await panel.locator('.output').innerText();
  assert.match(out, /^12 lines; thread 0 line 0$/m, out);
  assert.match(out, /^\[Errno 2\] No such file or directory: 'missing.txt'$/m, out);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('runPython with the run\'s files: the word count prints what CPython prints', async () => {
  const src = path.join(ROOT, 'tests', 'files');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadlab-files-'));
  fs.cpSync(src, dir, { recursive: true });
  const exe = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  const theirs = execFileSync(exe, ['word_count.py'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const files = {};
  for (const n of fs.readdirSync(path.join(src, 'books'))) files[`books/${n}`] = fs.readFileSync(path.join(src, 'books', n), 'utf8');
  const code = fs.readFileSync(path.join(src, 'word_count.py'), 'utf8');
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  for (const mode of ['gil', 'free', 'step']) {
    const r = await page.evaluate(([c, m, f]) => self.threadlab.runPython(c, m, 3, null, f), [code, mode, files]);
    assert.equal(r.exitCode, 0, `${mode}: ${r.stderr}`);
    assert.equal(r.stderr, "", mode);
    assert.equal(r.stdout, theirs, mode);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
