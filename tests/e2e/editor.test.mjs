// The code editor by keyboard, as a learner types: auto-indent after ':' (undone by one
// Ctrl+Z), Backspace and Shift+Tab dedent, Tab indents a selection, brackets and quotes
// pair and are typed over, Ctrl+/ toggles comments, Ctrl+F finds (Enter = next, Esc
// closes onto the match), Esc leaves the editor, and the line of a SyntaxError or an
// uncaught exception (in any thread) is marked with its message until the next edit.
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


/** The playground with `code` in the editor (focused, cursor at the end). */
async function playground(code = '') {
  const page = await newPage(browser);
  await page.goto(new URL(`playground#code=${b64(code)}`, server.url).href);
  await waitReady(page);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.click();
  await page.keyboard.press('Control+End');
  return { page, editor };
}

const selection = (editor) => editor.evaluate((el) => [el.selectionStart, el.selectionEnd]);

test('Enter keeps and adds indentation; Ctrl+Z undoes the auto-indent in one step', async () => {
  const { page, editor } = await playground('');
  await page.keyboard.type('def work():\n');
  assert.equal(await editor.inputValue(), 'def work():\n    ');
  await page.keyboard.type('for i in range(3):\nprint(\n');
  // The ( got its ); Enter between them opens an indented line, the ) on its own line.
  assert.equal(await editor.inputValue(), 'def work():\n    for i in range(3):\n        print(\n            \n        )');
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), 'def work():\n    for i in range(3):\n        print()');
  await page.keyboard.press('End');
  await page.keyboard.type('\nreturn 1\nx = 2');
  assert.equal(await editor.inputValue(), 'def work():\n    for i in range(3):\n        print()\n        return 1\n    x = 2',
    'a line after return goes back one level');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Backspace removes one indent level, Shift+Tab dedents, Tab indents a selection', async () => {
  const { page, editor } = await playground('if x:\n');
  await page.keyboard.type('        ');
  await page.keyboard.press('Backspace');
  assert.equal(await editor.inputValue(), 'if x:\n    ', 'Backspace in leading spaces removes four');
  await page.keyboard.type('  y = 1');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await editor.inputValue(), 'if x:\n  y = 1', 'Shift+Tab dedents (up to four spaces)');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Tab');
  assert.equal(await editor.inputValue(), '    if x:\n      y = 1', 'Tab indents every selected line');
  assert.deepEqual(await selection(editor), [0, '    if x:\n      y = 1'.length], 'the block stays selected');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await editor.inputValue(), 'if x:\n  y = 1');
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), '    if x:\n      y = 1', 'a dedent is undoable');
  assert.equal(await editor.evaluate((el) => el === document.activeElement), true, 'Shift+Tab keeps focus in the editor');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('brackets and quotes pair, and typing the closer steps over it', async () => {
  const { page, editor } = await playground('');
  await page.keyboard.type('print(');
  assert.equal(await editor.inputValue(), 'print()');
  assert.deepEqual(await selection(editor), [6, 6]);
  await page.keyboard.type('"hi", [1, {');
  assert.equal(await editor.inputValue(), 'print("hi", [1, {}])');
  await page.keyboard.type('}])');
  assert.equal(await editor.inputValue(), 'print("hi", [1, {}])', 'closers are typed over, not doubled');
  assert.deepEqual(await selection(editor), [20, 20]);
  await page.keyboard.type("\ndon't");
  assert.equal(await editor.inputValue(), 'print("hi", [1, {}])\ndon\'t', 'an apostrophe in a word does not pair');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('(');
  await page.keyboard.press('Backspace');
  assert.equal(await editor.inputValue(), 'print("hi", [1, {}])\ndon', 'Backspace in an empty pair removes both');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Ctrl+/ comments and uncomments the selected lines', async () => {
  const code = 'def f():\n    a = 1\n    b = 2\n';
  const { page, editor } = await playground(code);
  await editor.evaluate((el) => el.setSelectionRange(13, 25)); // inside "a = 1" to inside "b = 2"
  await page.keyboard.press('Control+/');
  assert.equal(await editor.inputValue(), 'def f():\n    # a = 1\n    # b = 2\n');
  await page.keyboard.press('Control+/');
  assert.equal(await editor.inputValue(), code);
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), 'def f():\n    # a = 1\n    # b = 2\n', 'undo brings the comments back');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Ctrl+F finds: Enter goes to the next match, Esc closes onto it; Esc leaves the editor', async () => {
  const code = 'import threading\nlock = threading.Lock()\nwith lock:\n    pass\n';
  const { page, editor } = await playground(code);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find' });
  assert.equal(await find.evaluate((el) => el === document.activeElement), true, 'the find field has focus');
  await page.keyboard.type('lock');
  const count = page.locator('.find-count');
  assert.equal(await count.innerText(), '1 of 3');
  await page.locator('.find-match').waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await count.innerText(), '2 of 3');
  console.log(`screenshot: ${await viewShot(page, 'editor-find')}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.equal(await count.innerText(), '1 of 3', 'Enter wraps around');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await count.innerText(), '3 of 3', 'Shift+Enter goes back');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.find-bar').count(), 0, 'Esc closes the find bar');
  assert.equal(await editor.evaluate((el) => el === document.activeElement), true, 'focus is back in the editor');
  const at = code.indexOf('lock:');
  assert.deepEqual(await selection(editor), [at, at + 4], 'the match is selected');
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Tab'); // to Next: the bar stays open
  await editor.focus();
  await page.keyboard.press('Control+f');
  assert.equal(await find.evaluate((el) => el === document.activeElement), true, 'Ctrl+F again goes back to the open find field');
  assert.equal(await find.inputValue(), 'lock', 'with the selected text');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await editor.evaluate((el) => el === document.activeElement), false, 'Esc leaves the editor');
  await page.keyboard.press('Control+f'); // outside the editor: the browser's own find, not ours
  assert.equal(await page.locator('.find-bar').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Runs the playground's program with Ctrl+Enter and waits until it ended. */
async function run(page, editor) {
  await editor.press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('.run-panel')?.dataset.state === 'done', null, { timeout: 60000 });
}

test('the line of an uncaught exception or SyntaxError is marked with its message, until the next edit', async () => {
  const { page, editor } = await playground('total = 0\nfor i in range(3):\n    total += i\nprint(totl)\n');
  await run(page, editor);
  const message = page.locator('.editor-error');
  assert.equal(await message.innerText(), "Line 4: NameError: name 'totl' is not defined");
  assert.equal(await page.locator('.gutter-error').innerText(), '4');
  // The band is drawn a frame after the message (null box seen once on a loaded run).
  await page.locator('.line-error').waitFor({ state: 'visible' });
  const band = await page.locator('.line-error').boundingBox();
  const area = await editor.boundingBox();
  const lineTop = area.y + (await editor.evaluate((el) => parseFloat(getComputedStyle(el).paddingTop))) + 3 * 21;
  assert.ok(Math.abs(band.y - lineTop) < 2, `the band sits on line 4 (band at ${band.y}, line at ${lineTop})`);
  assert.equal(await editor.getAttribute('aria-describedby'), await message.getAttribute('id'), 'screen readers hear the error with the editor');
  await editor.scrollIntoViewIfNeeded();
  console.log(`screenshot: ${await viewShot(page, 'editor-error-marked')}`);
  await editor.press('End');
  await page.keyboard.type(' ');
  // The editor hands its text to the page once per frame, so the mark goes a frame later.
  await page.locator('.line-error').waitFor({ state: 'detached', timeout: 2000 })
    .catch(() => assert.fail('an edit clears the mark (still there 2 s after the edit)'));
  assert.equal(await message.count(), 0);

  // A SyntaxError marks its line; so does an exception in a thread (the program ends 0).
  await page.keyboard.press('Control+a');
  await page.keyboard.type('x = 1\nif x = 1:\npass\n');
  await run(page, editor);
  assert.match(await page.locator('.editor-error').innerText(), /^Line 2: SyntaxError: /);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('import threading\n\ndef work():\n1 / 0\n');
  await page.keyboard.press('Backspace'); // back to column 0 after the auto-indent
  await page.keyboard.type('\nt = threading.Thread(target=work)\nt.start()\nt.join()\nprint("main goes on")\n');
  await run(page, editor);
  assert.match(await page.locator('.run-status').innerText(), /Finished/);
  assert.equal(await page.locator('.editor-error').innerText(), 'Line 4: ZeroDivisionError: division by zero');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
