// A thread that dies inside the engine, through the real page: a Rust panic, a
// WebAssembly trap and a failed allocation, injected with `_testfault` in a run armed by
// threadlab.armTestFaults() (tests/faults.rs checks the same natively). Each ends its
// run with a message naming the thread and what happened; the other threads stop (a
// spinning thread that would run for ever), the learner's code stays in the editor, the
// next Run works, and the page never freezes (requestAnimationFrame gaps measured).
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

/** Starts recording the page's longest gap between two animation frames. */
async function watchFrames(page) {
  await page.evaluate(() => {
    const w = (self.__frames = { last: performance.now(), max: 0, on: true });
    const tick = (t) => {
      w.max = Math.max(w.max, t - w.last);
      w.last = t;
      if (w.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
const maxFrameGap = (page) => page.evaluate(() => self.__frames.max);

// The thread that dies holds the GIL (it is running Python when it dies), while a
// non-daemon thread spins: without the crash ending the run, it would never end.
const program = (fault) => `import threading, _testfault
def spin():
    n = 0
    while True:
        n += 1
def doomed():
    for i in range(10000):
        pass
    _testfault.${fault}()
print("before the fault", flush=True)
threading.Thread(target=spin, name="spinner").start()
t = threading.Thread(target=doomed, name="doomed")
t.start()
t.join()
print("never printed")
`;

// The main thread dies while a worker thread spins.
const mainProgram = (fault) => `import threading, _testfault
def spin():
    while True:
        pass
threading.Thread(target=spin, name="spinner").start()
for i in range(10000):
    pass
_testfault.${fault}()
`;

const FAULTS = [
  { fault: 'panic', mode: 'gil', want: /The program's thread 'doomed' crashed: a Rust panic: injected panic/ },
  { fault: 'trap', mode: 'free', want: /The program's thread 'doomed' crashed: a WebAssembly trap \(RuntimeError: unreachable/ },
  { fault: 'oom', mode: 'step', want: /The program's thread 'doomed' crashed: it ran out of memory \(an allocation of 1536\.0 MiB failed\)/ },
];

test('each injected fault ends the run with a clear message, through the Run button; code kept, next Run works', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  await watchFrames(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  const panel = page.locator('.run-panel').first();
  const run = panel.getByRole('button', { name: 'Run', exact: true });
  const before = await page.evaluate(() => self.threadlab.memoryStats());
  for (const { fault, mode, want } of FAULTS) {
    await page.locator(`.mode-switch input[value="${mode}"]`).first().check();
    const code = program(fault);
    await editor.fill(code);
    await page.evaluate(() => self.threadlab.armTestFaults());
    const t0 = Date.now();
    await run.click();
    await page.waitForFunction((el) => el.dataset.state === 'failed', await panel.elementHandle(), { timeout: 15000 });
    const ms = Date.now() - t0;
    const status = await panel.locator('.run-status').innerText();
    assert.match(status, want, `${fault}: status was ${status}`);
    assert.match(status, /Your code is unchanged/);
    assert.match(await panel.locator('pre.output').innerText(), /before the fault/, `${fault}: output before the fault is kept`);
    assert.equal(await editor.inputValue(), code, `${fault}: the learner's code is kept`);
    assert.ok(await run.isEnabled(), `${fault}: Run is available again`);
    console.log(`${fault} (${mode}): run ended with "${status.split('.')[0]}" after ${ms} ms`);
    if (fault === 'trap') await page.screenshot({ path: path.join(SHOTS, 'fault-trap.png') });

    // The next run works, in the same mode, on the same (reused) workers.
    const next = 'import threading\nout = []\nts = [threading.Thread(target=out.append, args=(i,)) for i in range(4)]\n'
      + 'for t in ts: t.start()\nfor t in ts: t.join()\nprint("next run", sorted(out))\n';
    await editor.fill(next);
    await run.click();
    await page.waitForFunction((el) => el.dataset.state === 'done', await panel.elementHandle(), { timeout: 15000 });
    assert.match(await panel.locator('pre.output').innerText(), /next run \[0, 1, 2, 3\]/, `${fault}: the run after it`);
  }
  // Unarmed, a program cannot reach the module.
  const r = await page.evaluate(() => self.threadlab.runPython('import _testfault\n', 'gil', 0));
  assert.match(r.stderr, /ModuleNotFoundError: No module named '_testfault'/);
  // The spinning threads were stopped: their workers are back (idle) and nothing runs.
  const gap = await maxFrameGap(page);
  const afterStats = await page.evaluate(() => self.threadlab.memoryStats());
  console.log(`longest frame gap ${gap.toFixed(0)} ms; live heap ${(before.liveHeapBytes / 1048576).toFixed(1)} -> ${(afterStats.liveHeapBytes / 1048576).toFixed(1)} MiB`);
  assert.ok(gap < 500, `the page froze for ${gap} ms`);
  // No error banner: each crash was shown in its own run panel.
  assert.equal(await page.locator('.notice.error').count(), 0);
  await page.context().close();
});

test('a crash through runPython: every thread is stopped and the crashed program is freed', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const results = await page.evaluate(async (prog) => {
    const out = [];
    const modes = ['gil', 'free', 'step'];
    const crashOnce = async (i, where) => {
      // Every fault in every mode, in a worker thread (the GIL holder, in gil mode) or
      // in the main thread (whose run then never finishes by itself).
      const fault = ['panic', 'trap', 'oom'][i % 3];
      const mode = modes[Math.floor(i / 3) % 3];
      self.threadlab.armTestFaults();
      const r = await self.threadlab.runPython(where === 'main' ? prog.main.replace('FAULT', fault) : prog.thread.replace('FAULT', fault), mode, i);
      const ok = await self.threadlab.runPython('print(6 * 7)\n', mode, 0);
      return { fault, mode, where, crash: r.crash, exitCode: r.exitCode, next: ok.stdout };
    };
    // Warm up (one crash of each kind included), then measure the live heap and the
    // worker pool around 18 more crashes, with a normal run after each.
    for (let i = 0; i < 3; i++) await crashOnce(i, 'thread');
    for (let i = 0; i < 10; i++) await self.threadlab.runPython('import threading\nprint(1)\n', 'gil', i);
    await new Promise((r) => setTimeout(r, 500));
    const before = self.threadlab.memoryStats();
    for (let i = 0; i < 9; i++) out.push(await crashOnce(i, 'thread'));
    for (let i = 0; i < 9; i++) out.push(await crashOnce(i, 'main'));
    await new Promise((r) => setTimeout(r, 500));
    out.push({ before, after: self.threadlab.memoryStats() });
    return out;
  }, { thread: program('FAULT'), main: mainProgram('FAULT') });
  const { before, after: afterStats } = results.pop();
  const grown = afterStats.liveHeapBytes - before.liveHeapBytes;
  for (const r of results) {
    assert.equal(r.exitCode, null, JSON.stringify(r));
    const who = r.where === 'main' ? 'MainThread' : 'doomed';
    assert.match(r.crash, new RegExp(`The program's thread '${who}' crashed`), JSON.stringify(r));
    assert.equal(r.next, '42\n', `the run after a ${r.fault} in ${r.mode} works`);
  }
  console.log(`18 crashed runs (+18 normal ones) left ${(grown / 1024).toFixed(0)} KiB of live heap behind; `
    + `workers alive ${before.workersAlive} -> ${afterStats.workersAlive}, idle ${before.idleWorkers} -> ${afterStats.idleWorkers}`);
  // Each crashed worker closed (it is not reused) and every other one is idle again:
  // no thread of a crashed program is still running or waiting.
  assert.equal(afterStats.idleWorkers, afterStats.workersAlive, 'some workers are still busy after the crashes');
  // A crashed thread's frames are lost with its stack, but the program's objects are
  // finalized once its other threads are gone: far less than a leaked program each
  // (about 100 KB before the finalizer).
  assert.ok(grown < 18 * 50 * 1024, `crashed programs left ${grown} bytes behind`);
  // A crashed thread's frames are lost with its stack, but the program's objects are
  // finalized when its other threads are gone: much less than a leaked program each.
  assert.ok(grown < 15 * 60 * 1024, `crashed programs leaked ${grown} bytes`);
  await page.context().close();
});

test('a thread bomb ends in RuntimeError: can\'t start new thread, and the next run works', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const bomb = 'import threading, time\nev = threading.Event()\nn = 0\ntry:\n    for _ in range(1000):\n'
    + '        threading.Thread(target=ev.wait, daemon=True).start()\n        n += 1\nexcept RuntimeError as e:\n    print(n, e)\nev.set()\n';
  const r = await page.evaluate((c) => self.threadlab.runPython(c, 'gil', 0), bomb);
  // 127 threads besides the main one: the page's limit (runtime/program.rs MAX_THREADS).
  assert.equal(r.stdout, "127 can't start new thread\n", JSON.stringify(r));
  const ok = await page.evaluate(() => self.threadlab.runPython('print(6 * 7)\n', 'free', 0));
  assert.equal(ok.stdout, '42\n');
  await page.context().close();
});
