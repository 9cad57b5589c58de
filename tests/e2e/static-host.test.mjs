// A static host that cannot send headers: the service worker from our own origin must
// make the page cross-origin isolated after one reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitReady, shot } from './harness.mjs';

test('without isolation headers, sw.js isolates the page after one reload', async () => {
  const server = await startServer({ THREADLAB_PLAIN_HOST: '1' });
  const browser = await launch();
  try {
    const page = await newPage(browser);
    const res = await page.goto(server.url);
    assert.equal(res.headers()['cross-origin-opener-policy'], undefined);
    await waitReady(page);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);
    assert.equal(await page.locator('#isolation-notice').count(), 0);
    console.log(`screenshot: ${await shot(page, 'static-host')}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    server.stop();
  }
});
