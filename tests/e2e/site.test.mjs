// The real site, served by the real server, in headless Chromium: what a learner sees.
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

test('the server sends isolation headers, CSP and the wasm MIME type', async () => {
  const page = await newPage(browser);
  const res = await page.goto(server.url);
  const h = res.headers();
  assert.equal(h['cross-origin-opener-policy'], 'same-origin');
  assert.equal(h['cross-origin-embedder-policy'], 'require-corp');
  assert.match(h['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  const wasm = await page.request.get(new URL('threadlab_bg.wasm', server.url).href);
  assert.equal(wasm.headers()['content-type'], 'application/wasm');
  const deep = await page.request.get(new URL('lesson/some-lesson', server.url).href);
  assert.match(deep.headers()['content-type'], /text\/html/);
  await page.context().close();
});

test('home page: isolated, lists the lessons, reports its ready time', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
  assert.equal(await page.locator('#isolation-notice').count(), 0);
  const lessons = await page.locator('.lesson-list li').count();
  assert.ok(lessons >= 1, 'no lessons listed');
  const readyMs = await page.evaluate(() => self.threadlab.readyMs);
  console.log(`page ready (navigation start to app mounted): ${readyMs.toFixed(0)} ms`);
  console.log(`screenshot: ${await shot(page, 'home')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a lesson: navigate, edit, reload keeps the edit, Reset asks and restores', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  const first = page.locator('.lesson-list a').first();
  const title = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL(/\/lesson\/[a-z0-9-]+$/);
  assert.equal((await page.locator('h1').innerText()).trim(), title);
  const editor = page.getByRole('textbox', { name: /^Code editor, example 1$/ });
  const original = await editor.inputValue();
  assert.ok(original.length > 0, 'the first example is empty');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint("edited by the e2e test")');
  await page.keyboard.press('Tab'); // indents, stays in the editor
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Code editor, example 1');
  await page.keyboard.press('Escape'); // leaves the editor
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
  const edited = await editor.inputValue();
  assert.ok(edited.endsWith('print("edited by the e2e test")    '), JSON.stringify(edited.slice(-60)));
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getByRole('textbox', { name: /^Code editor, example 1$/ }).inputValue(), edited);
  console.log(`screenshot: ${await shot(page, 'lesson')}`);
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Reset' }).first().click();
  assert.equal(await page.getByRole('textbox', { name: /^Code editor, example 1$/ }).inputValue(), edited);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Reset' }).first().click();
  assert.equal(await page.getByRole('textbox', { name: /^Code editor, example 1$/ }).inputValue(), original);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('deep links and unknown pages', async () => {
  const page = await newPage(browser);
  await page.goto(new URL('lesson/no-such-lesson', server.url).href);
  await waitReady(page);
  assert.match(await page.locator('h1').innerText(), /No such lesson/);
  await page.goto(new URL('this/is/not/a/page', server.url).href);
  await waitReady(page);
  assert.match(await page.locator('h1').innerText(), /Page not found/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('playground: code from a #code= link, Share makes a link that carries the edit', async () => {
  const page = await newPage(browser, { width: 390, height: 844 }); // a phone
  const code = 'print("héllo from a link")\n';
  const b64 = Buffer.from(code, 'utf8').toString('base64url');
  await page.goto(new URL(`playground#code=${b64}`, server.url).href);
  await waitReady(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  assert.equal(await editor.inputValue(), code);
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x = 1\n');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  // The link carries the mode too: #mode=gil&code=...
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  assert.equal(params.get('mode'), 'gil');
  const shared = Buffer.from(params.get('code'), 'base64url').toString('utf8');
  assert.equal(shared, code + 'x = 1\n');
  console.log(`screenshot: ${await shot(page, 'playground-phone')}`);
  const broken = await newPage(browser);
  await broken.goto(new URL('playground#code=%%%', server.url).href);
  await waitReady(broken);
  assert.match(await broken.getByRole('alert').innerText(), /damaged/);
  await broken.context().close();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('spawner benchmark on the page: 8 batches of 100 threads', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  const report = await page.evaluate(() => self.threadlab.benchSpawner(8, 100));
  console.log(report);
  const mem = [...report.matchAll(/memory +([0-9.]+) MiB/g)].map((m) => Number(m[1]));
  assert.equal(mem.length, 8, report);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
