// Every exercise's Check, in the page, rejects the answers a learner could hand in
// without solving it: the starter as given, a program that only prints the expected
// output (`wrong printed` in the lesson file) and a racy attempt (`wrong racy`). The
// wrong answers are read from lessons/*.md, the same files the site is built from;
// tests/lessons.rs proves the same natively, this proves it where the learner is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, startServer, launch, newPage, waitReady } from './harness.mjs';

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

/** The exercises of one lesson file, in page order: { starter, printed, racy }. */
function exercisesOf(markdown) {
  const out = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.+)$/.exec(lines[i]);
    if (!open) continue;
    const info = open[1].trim();
    const body = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    const code = body.join('\n') + '\n';
    if (info === 'python exercise') out.push({ starter: code });
    else if (info === 'python wrong printed') out.at(-1).printed = code;
    else if (info === 'python wrong racy') out.at(-1).racy = code;
  }
  return out;
}

/** Puts `code` in the exercise's editor, presses Check and returns the verdict's text. */
async function verdictFor(ex, code) {
  const editor = ex.getByRole('textbox', { name: /^Code editor/ });
  await editor.fill(code);
  await ex.getByRole('button', { name: 'Check' }).click();
  await ex.locator('.check-status.pass, .check-status.fail').first().waitFor({ timeout: 180000 });
  return (await ex.locator('.check-status').first().innerText()).trim();
}

test('every exercise: Check rejects the starter, a printed answer and a racy answer', async () => {
  const page = await newPage(browser);
  page.on('dialog', (d) => d.accept());
  await page.goto(server.url);
  await waitReady(page);
  const links = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const files = fs.readdirSync(path.join(ROOT, 'lessons')).filter((f) => f.endsWith('.md')).sort();
  assert.equal(links.length, files.length, `${links.length} lessons on the page, ${files.length} files`);
  let rejected = 0;
  const witnesses = [];
  const t0 = Date.now();
  for (const [n, href] of links.entries()) {
    const wanted = exercisesOf(fs.readFileSync(path.join(ROOT, 'lessons', files[n]), 'utf8'));
    await page.goto(new URL(href, server.url).href);
    await waitReady(page);
    const title = (await page.locator('h1').first().innerText()).trim();
    const blocks = page.locator('section.exercise');
    assert.equal(await blocks.count(), wanted.length, `${title} (${files[n]}): exercises on the page vs in the file`);
    for (const [i, ex] of wanted.entries()) {
      const block = blocks.nth(i);
      // The editor starts with the starter: the page shows what the file says.
      const shown = await block.getByRole('textbox', { name: /^Code editor/ }).inputValue();
      assert.equal(shown.trim(), ex.starter.trim(), `${title}, exercise ${i + 1}: the starter shown`);
      for (const [kind, code] of [['starter', ex.starter], ['printed answer', ex.printed], ['racy answer', ex.racy]]) {
        assert.ok(code, `${title}, exercise ${i + 1}: the lesson file has no ${kind}`);
        const verdict = await verdictFor(block, code);
        // A failed run ("Not yet"), never "the check could not run" nor Correct.
        assert.match(verdict, /^✗ Not yet/, `${title}, exercise ${i + 1}, ${kind}: ${verdict}`);
        rejected++;
        if (/one interleaving fails/.test(verdict)) {
          // Rejected by the check's search of every interleaving: it links to the witness.
          const link = block.getByRole('link', { name: 'Open that interleaving in the step explorer' });
          witnesses.push({ where: `${title}, exercise ${i + 1}, ${kind}`, href: await link.getAttribute('href') });
          const file = path.join(SHOTS, 'lesson-search-rejects-racy.png');
          await block.locator('.check-panel').screenshot({ path: file });
          console.log(`screenshot: ${file}`);
        }
      }
      if (n === 4 && i === 0) {
        const file = path.join(SHOTS, 'lesson-wrong-answer-rejected.png');
        await block.screenshot({ path: file });
        console.log(`screenshot: ${file}`);
      }
      assert.equal(await block.locator('.done-mark').count(), 0, `${title}, exercise ${i + 1} marked done`);
    }
  }
  console.log(`${rejected} wrong answers rejected by Check in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
    `${witnesses.length} by the search of every interleaving (${witnesses.map((w) => w.where).join('; ')})`);
  assert.ok(rejected >= 36 * 3, `${rejected} rejections`);
  // The lock lesson's exercise 4: its racy answer passes every seeded run and only the
  // search finds the failing interleaving; the witness opens in the step explorer and
  // runs to the failed assertion.
  assert.ok(witnesses.some((w) => w.where.startsWith('Lock, exercise 4, racy')), JSON.stringify(witnesses));
  await page.goto(new URL(witnesses[0].href, server.url).href);
  await waitReady(page);
  await page.waitForURL(/playground#/);
  await page.locator('.step-explorer').waitFor();
  await page.waitForFunction(() => /AssertionError: deposits of 10 and 5 left the balance at (10|5), not 15/.test(document.body.innerText),
    null, { timeout: 30000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
