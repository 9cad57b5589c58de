// input() in the page: the Python thread waits in its worker while the page goes on; a
// line under the output takes what the learner types (Enter sends it, echoed after the
// prompt; Ctrl+D is end of input, EOFError); Stop while waiting is KeyboardInterrupt.
// Other threads run while input() waits (the GIL is released, as in CPython), and
// threadlab.runPython can feed input() like a pipe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitReady, viewShot, b64 } from './harness.mjs';

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

// The ticker writes each line in one call: print writes its parts one by one (as
// CPython's does), so a print's "tick" and "0" may have the prompt between them.
const GREET = `import sys
import threading
import time

def ticker():
    for i in range(3):
        sys.stdout.write(f"tick {i}\\n")
        time.sleep(0.05)

t = threading.Thread(target=ticker)
t.start()
name = input("Your name? ")
t.join()
print(f"Hello, {name}!")
`;

async function playground(page, code) {
  await page.goto(`${server.url}playground#mode=gil&code=${b64(code)}`);
  await waitReady(page);
  await page.waitForFunction((c) => document.querySelector('textarea.code')?.value === c, code, { timeout: 10000 });
  const panel = page.locator('.run-panel').first();
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
  return panel;
}

const output = (panel) => panel.locator('pre.output').evaluate((el) => el.textContent);

test('a typed line answers input(); other threads run and the page keeps drawing meanwhile', async () => {
  const page = await newPage(browser);
  const panel = await playground(page, GREET);
  const field = panel.getByRole('textbox', { name: /Input for the program/ });
  await field.waitFor({ state: 'visible', timeout: 20000 });
  // The field takes the keyboard as soon as the program asks.
  await page.waitForFunction(() => document.activeElement?.closest('.stdin-line') !== null, null, { timeout: 5000 });
  await page.waitForFunction((el) => el.textContent.includes('tick 2'), await panel.locator('pre.output').elementHandle(), { timeout: 20000 });
  const waiting = await output(panel);
  assert.match(waiting, /Your name\? /, waiting);
  assert.equal(await panel.getAttribute('data-state'), 'running');
  // The page is not blocked while the thread waits: frames keep coming.
  const frames = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const t0 = performance.now();
    const tick = () => (performance.now() - t0 < 500 ? (n++, requestAnimationFrame(tick)) : done(n));
    requestAnimationFrame(tick);
  }));
  assert.ok(frames >= 15, `only ${frames} frames in 500 ms while input() waited`);
  await page.keyboard.type('Ada');
  console.log(`screenshot: ${await viewShot(page, 'input-typing')}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((el) => el.dataset.state === 'done', await panel.elementHandle(), { timeout: 20000 });
  const text = await output(panel);
  // The worker's ticks may come between the prompt and the echo, as in a terminal.
  assert.match(text, /Your name\? (tick \d\n)*Ada\n/, text);
  assert.ok(text.endsWith('Hello, Ada!\n'), text);
  assert.deepEqual((text.match(/tick \d/g) ?? []).sort(), ['tick 0', 'tick 1', 'tick 2']);
  assert.equal(await panel.locator('pre.output .stdin').innerText(), 'Ada\n', 'the typed line is marked as input');
  assert.equal(await field.count(), 0, 'the input line goes when the program ends');
  assert.match(await panel.locator('.run-status').innerText(), /Finished/);
  console.log(`screenshot: ${await viewShot(page, 'input-answered')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Ctrl+D ends the input (EOFError); Stop while input() waits is KeyboardInterrupt', async () => {
  const page = await newPage(browser);
  let panel = await playground(page, 'lines = []\ntry:\n    while True:\n        lines.append(input("> "))\nexcept EOFError:\n    print("EOF after", lines)\n');
  const field = panel.getByRole('textbox', { name: /Input for the program/ });
  await field.waitFor({ state: 'visible', timeout: 20000 });
  await field.fill('one');
  await field.press('Enter');
  await page.waitForFunction((el) => el.textContent.includes('one\n> '), await panel.locator('pre.output').elementHandle(), { timeout: 10000 });
  await field.press('Control+d');
  await page.waitForFunction((el) => el.dataset.state === 'done', await panel.elementHandle(), { timeout: 20000 });
  assert.equal(await output(panel), "> one\n> EOF after ['one']\n");

  panel = await playground(page, 'print("asking")\nanswer = input("never answered: ")\nprint("not reached")\n');
  await panel.getByRole('textbox', { name: /Input for the program/ }).waitFor({ state: 'visible', timeout: 20000 });
  const t0 = Date.now();
  await panel.getByRole('button', { name: 'Stop' }).click();
  await page.waitForFunction((el) => el.dataset.state === 'done', await panel.elementHandle(), { timeout: 10000 });
  const stopMs = Date.now() - t0;
  const text = await output(panel);
  assert.match(text, /^asking\nnever answered: /, text);
  assert.match(text, /KeyboardInterrupt\n$/, text);
  assert.doesNotMatch(text, /not reached/);
  assert.match(await panel.locator('.run-status').innerText(), /Stopped/);
  console.log(`Stop while input() waited: done in ${stopMs} ms`);
  assert.ok(stopMs < 2000, `Stop took ${stopMs} ms`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('runPython feeds input() like a pipe: its lines, then EOFError', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}playground`);
  await waitReady(page);
  const r = await page.evaluate(() => self.threadlab.runPython(
    'a = input("first? ")\nb = input()\nprint(a + b)\ninput()\n', 'free', 0, undefined, undefined, 'x\ny\n'));
  assert.equal(r.stdout, 'first? xy\n');
  assert.match(r.stderr, /EOFError: EOF when reading a line\n$/);
  assert.equal(r.exitCode, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
