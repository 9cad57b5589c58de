// axe-core (from npm, pinned in package.json) on every page of the course, in the light
// and the dark colour scheme: home, each lesson, the playground (also after a threaded
// run, with its timeline, an error mark and the find bar open) and the not-found page.
// Any violation fails, listed with the elements it concerns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer, launch, waitReady } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let browser;
let routes;
before(async () => {
  server = await startServer();
  browser = await launch();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await waitReady(page);
  const lessons = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(lessons.length >= 10, `the home page lists the lessons (${lessons.length})`);
  routes = ['', ...lessons, 'playground', 'no-such-page'];
  await context.close();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

/** axe's violations on the page as it is now, one line each. */
async function violations(page) {
  // Our CSP rightly refuses injected script tags; evaluating the source works.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return found;
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing on any page (${scheme})`, async () => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const problems = {};
    for (const route of routes) {
      await page.goto(new URL(route, server.url).href);
      await waitReady(page);
      await page.locator('main h1').first().waitFor();
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), scheme === 'dark');
      const found = await violations(page);
      if (found.length) problems[route || 'home'] = found;
    }

    // The playground with everything this issue added on screen.
    const code = 'import threading\n\ndef work():\n    print(undefined_name)\n\nt = threading.Thread(target=work)\nt.start()\nt.join()\n';
    await page.goto(new URL(`playground#code=${Buffer.from(code).toString('base64url')}`, server.url).href);
    await waitReady(page);
    const editor = page.getByRole('textbox', { name: 'Code editor' });
    await editor.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('.run-panel')?.dataset.state === 'done', null, { timeout: 60000 });
    await page.locator('.editor-error').waitFor();
    await page.getByText('Time per thread').click();
    await page.locator('.timeline-scroll').focus();
    await page.keyboard.press('+');
    await editor.press('Control+f');
    await page.keyboard.type('work');
    const found = await violations(page);
    if (found.length) problems['playground after a run'] = found;

    assert.deepEqual(problems, {}, `axe violations (${scheme}):\n${JSON.stringify(problems, null, 2)}`);
    assert.deepEqual(errors, []);
    console.log(`axe: ${routes.length + 1} page states clean in the ${scheme} scheme`);
    await context.close();
  });
}
