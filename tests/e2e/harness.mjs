// Shared pieces of the end-to-end tests: start the real server on a free port, launch
// Debian's Chromium through playwright-core, collect page errors, take screenshots.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/** Starts target/debug/threadlab-serve on dist/ (or `root`) and resolves with its URL. */
export function startServer(env = {}, root = path.join(ROOT, 'dist')) {
  return new Promise((resolve, reject) => {
    const bin = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'threadlab-serve');
    const proc = spawn(bin, [root], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server printed no URL: ${out}`)), 15000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[0-9.]+:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => proc.kill() });
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page that records uncaught errors and console errors. */
export async function newPage(browser, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30000 });
}

/** A screenshot of the viewport only (full-page ones are too big to look at). */
export async function viewShot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** A program as the playground's `#code=` link carries it. */
export const b64 = (code) => Buffer.from(code, 'utf8').toString('base64url');

export async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Frame gaps in the page (requestAnimationFrame), for "the page stays responsive".
 * `start()` begins recording; `stop()` returns { gaps (sorted), max, p99 }. On a busy
 * machine even an idle page misses frames, so `idleControl(ms)` measures the page doing
 * nothing first: tests allow max(limit, 2 x the idle maximum) and say so.
 */
export function frameWatch(page) {
  const start = () => page.evaluate(() => {
    const w = (self.__frameWatch = { last: performance.now(), gaps: [], on: true });
    const tick = (t) => {
      w.gaps.push(t - w.last);
      w.last = t;
      if (w.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const stop = async () => {
    const gaps = await page.evaluate(() => { self.__frameWatch.on = false; return self.__frameWatch.gaps; });
    gaps.sort((a, b) => a - b);
    return { gaps, max: gaps.at(-1) ?? 0, p99: gaps[Math.floor(gaps.length * 0.99)] ?? 0, p50: gaps[gaps.length >> 1] ?? 0 };
  };
  const idleControl = async (ms = 3000) => {
    await start();
    await page.waitForTimeout(ms);
    return stop();
  };
  return { start, stop, idleControl };
}

/** The frame-gap limit a test applies: `limit`, or twice what an idle page showed. */
export function gapLimit(limit, idle) {
  const allowed = Math.max(limit, 2 * idle.max);
  if (allowed > limit) console.log(`note: the machine is busy (an idle page missed frames for ${idle.max.toFixed(0)} ms); allowing ${allowed.toFixed(0)} ms instead of ${limit} ms`);
  return allowed;
}
