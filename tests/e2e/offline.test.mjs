// Offline: after one visit the service worker has the whole course; with the server
// stopped, a reload still shows the home page, a lesson and the playground, isolated,
// and a threaded program still runs. When the server is back with a new build, the
// next visit installs it and drops the old cache. And Chromium finds it installable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, SHOTS, launch, newPage, startServer, waitReady, viewShot } from './harness.mjs';

/** threadlab-serve on `dir` at a fixed port (the same origin across restarts). */
function serve(dir, port) {
  return new Promise((resolve, reject) => {
    const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'threadlab-serve');
    const proc = spawn(bin, [dir], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server printed no URL: ${out}`)), 15000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[0-9.]+:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => new Promise((r) => { if (proc.exitCode !== null || proc.signalCode) r(); else { proc.once('exit', r); proc.kill(); } }) });
      }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}


const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('threadlab-')));

async function runs(page) {
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('import threading\nout = []\nts = [threading.Thread(target=out.append, args=(i,)) for i in range(4)]\n'
    + 'for t in ts: t.start()\nfor t in ts: t.join()\nprint("offline", sorted(out))\n');
  await editor.press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('.run-panel')?.dataset.state === 'done', null, { timeout: 60000 });
  return page.getByRole('region', { name: 'Output' }).innerText();
}

test('after one visit the course works with the server gone, and a new build replaces the old cache', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'threadlab-offline-'));
  cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
  const version = readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/^const VERSION = '([^']+)';/m)?.[1];
  assert.ok(version && version !== 'unbuilt', 'scripts/build-site.sh stamped the build into sw.js');
  const port = 8110 + Math.floor(Math.random() * 10);
  let server = await serve(dir, port);
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(server.url);
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.querySelector('link[rel=manifest]')?.getAttribute('href')), 'manifest.webmanifest');
    const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
    assert.equal(manifest.short_name, 'Threadlab');
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'an icon big enough to install');
    // The worker is in charge once it has activated (it claims the open page).
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
    assert.deepEqual(await cacheNames(page), [`threadlab-${version}`]);

    await server.stop();
    for (const [route, check] of [
      ['', async () => page.locator('.lesson-list a').first().waitFor()],
      ['lesson/race-conditions', async () => page.getByRole('heading', { level: 1, name: 'Race conditions' }).waitFor()],
      ['playground', async () => page.getByRole('textbox', { name: 'Code editor' }).waitFor()],
    ]) {
      await page.goto(new URL(route, server.url).href);
      await waitReady(page);
      await check();
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, `${route || 'home'}: isolated from the cache`);
    }
    await page.reload();
    await waitReady(page);
    assert.match(await runs(page), /offline \[0, 1, 2, 3\]/, 'a threaded program runs offline');
    console.log(`screenshot: ${await viewShot(page, 'offline-playground')}`);
    assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e)), []);

    // A new build on the server: the next online visit installs it, the old cache goes.
    const sw = path.join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(`const VERSION = '${version}';`, "const VERSION = 'next-build';"));
    server = await serve(dir, port);
    await page.goto(server.url);
    await waitReady(page);
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      return keys.includes('threadlab-next-build') && keys.length === 1;
    }, null, { timeout: 30000, polling: 200 });
    await page.context().close();
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Chromium finds the site installable (manifest, icons, service worker)', async () => {
  const server = await startServer();
  // A profile of its own: incognito contexts are never installable.
  const dir = mkdtempSync(path.join(tmpdir(), 'threadlab-install-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await waitReady(page);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const { errors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, [], 'the manifest parses cleanly');
  } finally {
    await context.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
