// Links that always work and the learner's comfort: a second #code= link opened on the
// playground loads (hashchange) and the learner's edit stays restorable; #example-N
// scrolls to that example; previous/next lesson by link and by key; "Continue where
// you left off"; progress exported to a file and imported in a fresh browser; every
// reset asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, newPage, waitReady, shot, b64 } from './harness.mjs';

let server;
let browser;
let lessons; // hrefs of the lessons, in course order
before(async () => {
  server = await startServer();
  browser = await launch();
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  lessons = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await page.context().close();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const at = (href) => new URL(href, server.url).href;
const editorOf = (page, n) => page.getByRole('textbox', { name: `Code editor, example ${n}`, exact: true });

async function waitValue(locator, want, timeout = 10000) {
  const t0 = Date.now();
  let got;
  while (Date.now() - t0 < timeout) {
    got = await locator.inputValue();
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(got, want);
}

test('playground: a second #code= link loads while on the page; the edit it replaced can be restored', async () => {
  const page = await newPage(browser);
  const first = 'print("first link")\n';
  await page.goto(at(`playground#code=${b64(first)}`));
  await waitReady(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  assert.equal(await editor.inputValue(), first);
  assert.equal(new URL(page.url()).hash, '', 'the loaded link leaves the address');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('print("my own line")\n');
  const mine = await editor.inputValue();

  // Another link, opened while here: only the fragment changes (hashchange).
  const second = 'import threading\nprint("second link")\n';
  await page.evaluate((h) => { location.hash = h; }, `mode=free&code=${b64(second)}`);
  await waitValue(editor, second);
  assert.equal(await page.getByRole('radio', { name: 'Free-threaded' }).isChecked(), true, 'the link carries the mode');
  const note = page.locator('.link-note');
  assert.match(await note.innerText(), /Loaded the program from the link \(mode: Free-threaded\)/);
  console.log(`screenshot: ${await shot(page, 'playground-second-link')}`);
  await page.getByRole('button', { name: 'Restore my previous code' }).click();
  await waitValue(editor, mine);

  // The same link again is still a change the page sees; the restored edit is kept again.
  await page.evaluate((h) => { location.hash = h; }, `code=${b64(second)}`);
  await waitValue(editor, second);
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getByRole('textbox', { name: 'Code editor' }).inputValue(), second, 'a reload keeps the latest code');
  await page.getByText(/Your earlier code/).click();
  await page.getByRole('button', { name: 'Restore earlier version 1' }).click();
  await waitValue(page.getByRole('textbox', { name: 'Code editor' }), mine);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a lesson link with #example-N scrolls to that example and focuses it', async () => {
  const page = await newPage(browser, { width: 1000, height: 700 });
  const href = lessons[Math.min(3, lessons.length - 1)];
  await page.goto(at(`${href}#example-2`));
  await waitReady(page);
  await page.waitForFunction(() => document.activeElement?.id === 'example-2', null, { timeout: 10000 });
  const box = await page.evaluate(() => {
    const r = document.getElementById('example-2').getBoundingClientRect();
    return { top: r.top, scrollY: window.scrollY, inner: window.innerHeight };
  });
  assert.ok(box.scrollY > 0, `the page scrolled (${JSON.stringify(box)})`);
  assert.ok(box.top >= -5 && box.top < box.inner / 2, `example 2 is at the top of the view (${JSON.stringify(box)})`);
  console.log(`screenshot: ${await shot(page, 'deep-link-example-2')}`);
  // Each block links to itself; following block 1's link goes there on the same page.
  await page.getByRole('link', { name: 'Link to example 1' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'example-1');
  assert.match(page.url(), /#example-1$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('previous / next lesson: links and Alt+Shift+arrow keys, not while typing', async () => {
  assert.ok(lessons.length >= 3, 'needs three lessons');
  const page = await newPage(browser);
  await page.goto(at(lessons[0]));
  await waitReady(page);
  assert.equal(await page.getByRole('link', { name: /Previous lesson/ }).count(), 0, 'the first lesson has no previous');
  await page.getByRole('link', { name: /Next lesson/ }).click();
  await page.waitForURL(at(lessons[1]));
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.waitForURL(at(lessons[2]));
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'a new lesson starts at its top');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.waitForURL(at(lessons[1]));
  // In the editor the keys belong to the text.
  await editorOf(page, 1).focus();
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.waitForTimeout(300);
  assert.equal(page.url(), at(lessons[1]));
  await page.locator('.lesson-nav').scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await shot(page, 'lesson-nav')}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('home: continue where you left off goes back to the lesson and the example last edited', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await waitReady(page);
  assert.equal(await page.locator('section.continue').count(), 0, 'nothing to continue in a fresh browser');
  const href = lessons[2];
  await page.goto(at(href));
  await waitReady(page);
  const title = (await page.locator('h1').first().innerText()).trim();
  const editor = editorOf(page, 2);
  await editor.fill((await editor.inputValue()) + '# where I was\n');
  await page.getByRole('link', { name: 'Lessons', exact: true }).first().click();
  await page.waitForURL(server.url);
  const link = page.getByRole('link', { name: /^Continue: / });
  assert.match(await link.innerText(), new RegExp(`Lesson 3: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, example 2`));
  console.log(`screenshot: ${await shot(page, 'home-continue')}`);
  await link.click();
  await page.waitForURL(at(`${href}#example-2`));
  await page.waitForFunction(() => document.activeElement?.id === 'example-2', null, { timeout: 10000 });
  assert.match(await editorOf(page, 2).inputValue(), /# where I was\n$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('progress: export to a file, import it in a fresh browser; code it replaces is kept', async () => {
  const a = await newPage(browser);
  a.on('dialog', (d) => d.accept());
  await a.goto(at(lessons[0]));
  await waitReady(a);
  const editor = editorOf(a, 1);
  const edited = (await editor.inputValue()) + '# exported edit ✓\n';
  await editor.fill(edited);
  // A passed exercise, as Check would record it.
  const slug = lessons[1].split('/').pop();
  await a.evaluate((s) => localStorage.setItem(`threadlab:done:${s}:1`, '1'), slug);
  await a.goto(server.url);
  await waitReady(a);
  const progressA = await a.locator('.course-progress').innerText();
  const [download] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^threadlab-progress-\d{4}-\d\d-\d\d\.json$/);
  const file = path.join(tmpdir(), `threadlab-export-${process.pid}.json`);
  await download.saveAs(file);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(doc.format, 'threadlab-progress');
  const firstSlug = lessons[0].split('/').pop();
  assert.equal(doc.items[`code:${firstSlug}:1`], edited);
  assert.equal(doc.items[`done:${slug}:1`], '1');
  assert.match(await a.getByRole('status').filter({ hasText: 'Exported' }).innerText(), /Exported/);
  await a.context().close();

  const b = await newPage(browser);
  const dialogs = [];
  b.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await b.goto(at(lessons[0]));
  await waitReady(b);
  const mine = (await editorOf(b, 1).inputValue()) + '# typed in the second browser\n';
  await editorOf(b, 1).fill(mine);
  await b.goto(server.url);
  await waitReady(b);
  // A file that is not an export is refused.
  const bad = path.join(tmpdir(), `threadlab-bad-${process.pid}.json`);
  writeFileSync(bad, '{"hello": 1}');
  await b.getByLabel('Import progress…').setInputFiles(bad);
  await b.locator('.progress-message', { hasText: 'Nothing imported' }).waitFor();
  await b.getByLabel('Import progress…').setInputFiles(file);
  await b.locator('.progress-message', { hasText: /^Imported/ }).waitFor();
  assert.ok(dialogs.some((m) => /^Import \d+ saved items? from this file\?/.test(m)), dialogs.join('\n'));
  assert.match(await b.locator('.progress-message').innerText(), /1 of your own versions? kept/);
  assert.equal(await b.locator('.course-progress').innerText(), progressA);
  assert.equal(await b.locator('section.continue').count(), 1, 'where A left off came along');
  console.log(`screenshot: ${await shot(b, 'home-imported')}`);
  await b.goto(at(lessons[0]));
  await waitReady(b);
  assert.equal(await editorOf(b, 1).inputValue(), edited);
  // The second browser's own edit was not lost: it is an earlier version.
  const block = b.locator('#example-1');
  await block.getByText(/Your earlier code/).click();
  await block.getByRole('button', { name: 'Restore earlier version 1' }).click();
  await waitValue(editorOf(b, 1), mine);
  assert.deepEqual(b.errors, []);
  await b.context().close();
});

test('every reset asks first: Reset progress on home, Reset and Forget on an example', async () => {
  const page = await newPage(browser);
  await page.goto(at(lessons[0]));
  await waitReady(page);
  const original = await editorOf(page, 1).inputValue();
  const edited = original + '# to be reset\n';
  await editorOf(page, 1).fill(edited);
  const block = page.locator('#example-1');

  let asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await block.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(asked.length, 1);
  assert.equal(await editorOf(page, 1).inputValue(), edited, 'dismissed: nothing changes');
  page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await block.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(asked.length, 2);
  await waitValue(editorOf(page, 1), original);
  // The reset edit is an earlier version; forgetting it asks too.
  await block.getByText(/Your earlier code/).click();
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await block.getByRole('button', { name: 'Forget earlier version 1' }).click();
  assert.equal(asked.length, 3);
  await block.getByRole('button', { name: 'Restore earlier version 1' }).click();
  await waitValue(editorOf(page, 1), edited);

  const slug = lessons[0].split('/').pop();
  await page.evaluate((s) => localStorage.setItem(`threadlab:done:${s}:1`, '1'), slug);
  await page.goto(server.url);
  await waitReady(page);
  const before = await page.locator('.course-progress').innerText();
  const stored = () => page.evaluate((s) => [localStorage.getItem(`threadlab:visited:${s}`), localStorage.getItem(`threadlab:done:${s}:1`)], slug);
  assert.deepEqual(await stored(), ['1', '1']);
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.getByRole('button', { name: 'Reset progress' }).click();
  assert.equal(asked.length, 4);
  assert.equal(await page.locator('.course-progress').innerText(), before, 'dismissed: progress stays');
  assert.deepEqual(await stored(), ['1', '1']);
  page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await page.getByRole('button', { name: 'Reset progress' }).click();
  assert.equal(asked.length, 5);
  await page.locator('.progress-message', { hasText: 'Progress reset' }).waitFor();
  assert.match(await page.locator('.course-progress').innerText(), /: 0 of/);
  assert.deepEqual(await stored(), [null, null]);
  assert.equal(await page.locator('section.continue').count(), 0);
  console.log(`dialogs: ${asked.map((m) => JSON.stringify(m)).join(', ')}`);
  console.log(`screenshot: ${await shot(page, 'home-after-reset')}`);
  // Code survives a progress reset.
  await page.goto(at(lessons[0]));
  await waitReady(page);
  assert.equal(await editorOf(page, 1).inputValue(), edited);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
