// Running Python on the real site: every lesson's examples run, every exercise's own
// solution passes Check, progress and edits survive a reload; the playground shows a
// SyntaxError with its caret, and Stop ends a program that never would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitReady, shot } from './harness.mjs';

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

/** Waits until the run panel inside `scope` has finished; returns its status and output. */
async function finished(scope, timeout = 60000) {
  const panel = scope.locator('.run-panel').first();
  await panel.locator('xpath=.').evaluate(
    (el, ms) => new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`still ${el.dataset.state} after ${ms} ms`)), ms);
      const check = () => {
        if (el.dataset.state === 'done' || el.dataset.state === 'failed') { clearTimeout(t); resolve(); }
        else setTimeout(check, 50);
      };
      check();
    }),
    timeout,
  );
  const status = (await panel.locator('.run-status').innerText()).trim();
  const output = await panel.getByRole('region', { name: 'Output' }).innerText().catch(() => '');
  return { status, output };
}

async function playground(page, code) {
  const b64 = Buffer.from(code, 'utf8').toString('base64url');
  await page.goto(new URL(`playground#code=${b64}`, server.url).href);
  await waitReady(page);
}

test('playground: a syntax error shows SyntaxError with its caret, in the error colour', async () => {
  const page = await newPage(browser);
  await playground(page, 'print("ok")\nif x = 1:\n    pass\n');
  await page.getByRole('textbox', { name: 'Code editor' }).press('Control+Enter');
  const { status, output } = await finished(page);
  assert.match(status, /Exited with code 1/);
  assert.match(output, /File "main.py", line 2/);
  assert.match(output, /\n\s*\^+/, `no caret in ${JSON.stringify(output)}`);
  assert.match(output, /SyntaxError: /);
  assert.doesNotMatch(output, /^ok$/m, 'nothing runs when the program does not compile');
  const colour = await page.locator('.output .stderr').first().evaluate((el) => getComputedStyle(el).color);
  const plain = await page.locator('.output').evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(colour, plain, 'stderr has its own colour');
  console.log(`screenshot: ${await shot(page, 'playground-syntax-error')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('playground: importing a module we do not have says which modules exist', async () => {
  const page = await newPage(browser);
  await playground(page, 'import threading\nimport numpy as np\n');
  await page.getByRole('textbox', { name: 'Code editor' }).press('Control+Enter');
  const { output } = await finished(page);
  assert.match(output, /ModuleNotFoundError: No module named 'numpy'/);
  const hint = await page.locator('.run-panel .module-hint').innerText();
  assert.match(hint, /no module 'numpy'/);
  assert.match(hint, /C extensions/);
  // The list is the engine's own: modules that import, and no private helpers.
  for (const m of ['threading', 'asyncio', 'concurrent', 'dataclasses', 'urllib']) assert.match(hint, new RegExp(`\\b${m}\\b`));
  assert.doesNotMatch(hint, /_fs|_agen|_testfault/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  // A program that runs has no hint.
  const page2 = await newPage(browser);
  await playground(page2, 'import uuid\nprint(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))\n');
  await page2.getByRole('textbox', { name: 'Code editor' }).press('Control+Enter');
  const again = await finished(page2);
  assert.match(again.output, /886313e1-3b8a-5372-9b90-0c9aee199e5d/);
  assert.equal(await page2.locator('.run-panel .module-hint').count(), 0);
  assert.deepEqual(page2.errors, []);
  await page2.context().close();
});

test('playground: Stop ends `while True: pass`, also with spinning threads, in every mode', async () => {
  const page = await newPage(browser);
  await playground(page, 'print("spinning")\nwhile True:\n    pass\n');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  const stop = page.getByRole('button', { name: 'Stop' });
  // From the keyboard: Enter on Run starts it and moves focus to Stop, Enter there
  // stops it and focus comes back to Run.
  await run.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Output' }).getByText('spinning').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.run-panel').getAttribute('data-state'), 'running');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Stop');
  await page.keyboard.press('Enter');
  const t0 = Date.now();
  const { status, output } = await finished(page, 10000);
  console.log(`Stop ended the loop in ${Date.now() - t0} ms`);
  assert.match(status, /Stopped/);
  assert.match(output, /KeyboardInterrupt/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Run');

  const threads = 'import threading\n\ndef spin():\n    while True:\n        pass\n\n' +
    'for _ in range(4):\n    threading.Thread(target=spin).start()\nprint("started")\nwhile True:\n    pass\n';
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  for (const mode of ['GIL', 'Free-threaded', 'Stepped']) {
    await page.getByRole('radio', { name: mode }).check();
    await editor.fill(threads);
    await run.click();
    await page.getByRole('region', { name: 'Output' }).getByText('started').waitFor({ timeout: 20000 });
    await page.waitForTimeout(300);
    await stop.click();
    const t1 = Date.now();
    const r = await finished(page, 15000);
    console.log(`${mode}: Stop ended 5 spinning threads in ${Date.now() - t1} ms`);
    assert.match(r.status, /Stopped/, mode);
    assert.match(r.output, /KeyboardInterrupt/, mode);
  }
  console.log(`screenshot: ${await shot(page, 'playground-stopped')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every lesson: examples run, solutions pass Check, edits and progress survive a reload', async () => {
  const page = await newPage(browser);
  page.on('dialog', (d) => d.accept());
  await page.goto(server.url);
  await waitReady(page);
  const links = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 1);
  let examples = 0;
  let exercises = 0;
  let firstEdit = null;
  let raced = false;
  for (const href of links) {
    await page.goto(new URL(href, server.url).href);
    await waitReady(page);
    const title = (await page.locator('h1').first().innerText()).trim();
    const blocks = page.locator('section.example');
    const count = await blocks.count();
    for (let i = 0; i < count; i++) {
      const block = blocks.nth(i);
      const fails = (await block.getAttribute('data-fails')) === 'true';
      const isExercise = (await block.getAttribute('aria-label')).startsWith('Exercise');
      if (isExercise) continue;
      await block.getByRole('button', { name: 'Run', exact: true }).click();
      const { status, output } = await finished(block, 90000);
      const where = `${title}, block ${await block.getAttribute('data-block')}`;
      assert.ok(output.trim().length > 0, `${where}: no output`);
      if (!fails) {
        assert.doesNotMatch(output, /Traceback/, `${where}: ${output}`);
        assert.match(status, /Finished/, `${where}: ${status}\n${output}`);
      }
      examples++;
      if (!raced && await block.locator('section.race').count()) {
        // The first racy example: its histogram fills as stepped runs finish.
        raced = true;
        const race = block.locator('section.race');
        await race.getByRole('button', { name: 'Run 200 times' }).click();
        await race.locator('svg.histogram rect').first().waitFor({ timeout: 120000 });
        await page.waitForFunction((el) => Number(el.dataset.done) >= 20 || el.dataset.running === 'false',
          await race.elementHandle(), { timeout: 300000 });
        const summary = await race.locator('.race-summary p').innerText();
        assert.match(summary, /different outcome/, summary);
        console.log(`race histogram after ${await race.getAttribute('data-done')} runs: ${summary}`);
        if ((await race.getAttribute('data-running')) === 'true') await race.getByRole('button', { name: 'Cancel' }).click();
      }
    }
    const exerciseBlocks = page.locator('section.exercise');
    const nEx = await exerciseBlocks.count();
    for (let i = 0; i < nEx; i++) {
      const ex = exerciseBlocks.nth(i);
      await ex.getByText('Show the solution').click();
      const solution = await ex.locator('details.solution pre').innerText();
      const editor = ex.getByRole('textbox', { name: /^Code editor/ });
      await editor.fill(solution);
      await ex.getByRole('button', { name: 'Check' }).click();
      await ex.locator('.check-status.pass, .check-status.fail').first().waitFor({ timeout: 180000 });
      const verdict = await ex.locator('.check-status').first().innerText();
      assert.match(verdict, /Correct/, `${title}, exercise ${i + 1}: ${verdict}`);
      await ex.locator('.done-mark').waitFor();
      exercises++;
    }
    if (!firstEdit) {
      // Edit the first example: the edit must survive the reload below.
      const editor = page.getByRole('textbox', { name: /^Code editor, example 1$/ });
      await editor.fill((await editor.inputValue()) + '# edited by the e2e test\n');
      firstEdit = { href, code: await editor.inputValue() };
    }
    console.log(`screenshot: ${await shot(page, `lesson-${href.split('/').pop()}`)}`);
  }
  console.log(`${links.length} lessons, ${examples} examples run, ${exercises} exercises checked`);

  await page.goto(server.url);
  await waitReady(page);
  const progress = await page.locator('.course-progress').innerText();
  assert.match(progress, new RegExp(`${links.length} of ${links.length} lessons done`), progress);
  assert.equal(await page.locator('.lesson-card.done').count(), links.length);
  await page.reload();
  await waitReady(page);
  assert.match(await page.locator('.course-progress').innerText(), new RegExp(`${links.length} of ${links.length}`));
  console.log(`screenshot: ${await shot(page, 'home-progress')}`);
  await page.goto(new URL(firstEdit.href, server.url).href);
  await waitReady(page);
  assert.equal(await page.getByRole('textbox', { name: /^Code editor, example 1$/ }).inputValue(), firstEdit.code);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a threaded program draws the timeline with one lane per Python thread', async () => {
  const page = await newPage(browser);
  await playground(page, 'import threading, time\n\ndef work(n):\n    time.sleep(0.05)\n    print("worker", n)\n\n' +
    'ts = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(3)]\n' +
    'for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint("done")\n');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const { output } = await finished(page);
  assert.match(output, /done/);
  const timeline = page.locator('figure.timeline');
  await timeline.waitFor();
  const states = await timeline.locator('.thread-states li').allInnerTexts();
  assert.deepEqual(states.map((s) => s.split(':')[0]).sort(), ['MainThread', 'worker-0', 'worker-1', 'worker-2']);
  // Each lane draws each state as one path: a sleeping bar in three lanes at least.
  assert.ok(await timeline.locator('path.st-sleeping').count() >= 3, 'the sleeps show');
  // Replay: the scrubber at the start puts every thread before its end.
  await timeline.getByRole('slider', { name: /Replay/ }).fill('0');
  const early = await timeline.locator('.thread-states li').allInnerTexts();
  assert.ok(early.every((s) => !s.includes('finished')), early.join('\n'));
  console.log(`screenshot: ${await shot(page, 'timeline')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
