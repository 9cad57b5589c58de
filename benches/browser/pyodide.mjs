// Speed in the browser (issue 10): the same programs in our page and in Pyodide, in one
// Chromium, plus CPython 3.11 natively for reference. Each program is timed inside its
// interpreter by benches/pyperf_shim/pyperf.py (time.perf_counter around the body; one
// warm-up run, then BENCH_RUNS timed runs, the median reported), so neither side's
// start-up, download or compile counts. CPython (its real binary, sys.executable) picks
// each benchmark's loop count; our engine and Pyodide are given the same counts, so all
// three do the same work.
//
// Programs: the pyperformance ones benches/engine.rs lists (read from that file, so the
// two benchmarks cannot drift; fetched by pip into target/pyperf-cache, never committed)
// and benches/py/*.py. Ours runs through threadlab.runPython on the real site (MODE, default
// gil); Pyodide (npm `pyodide`, installed here by npm ci on first use) runs on a page of
// its own served by a second threadlab-serve. Prints per-program seconds and the ratios
// ours/CPython and ours/Pyodide, and their geomeans. Not a test: it prints numbers.
//
//   scripts/build-site.sh && cargo build --bin threadlab-serve && node benches/browser/pyodide.mjs
//   BENCH_FILTER=richards,nbody BENCH_RUNS=3 node benches/browser/pyodide.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, startServer, launch, newPage, waitReady } from '../../tests/e2e/harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS || 5);
const MODE = process.env.MODE || 'gil';
const FILTER = (process.env.BENCH_FILTER || '').split(',').filter(Boolean);
const wanted = (name) => FILTER.length === 0 || FILTER.some((f) => name.includes(f));

// The peer, installed from benches/browser/package-lock.json when missing.
if (!existsSync(path.join(HERE, 'node_modules/pyodide/pyodide.mjs'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
}
const PYODIDE_VERSION = JSON.parse(readFileSync(path.join(HERE, 'node_modules/pyodide/package.json'), 'utf8')).version;

// CPython 3.11's real binary, not the pyenv shim.
const PYTHON = execFileSync('python3', ['-c', 'import sys; assert sys.version_info[:2] == (3, 11), sys.version; print(sys.executable)'], { encoding: 'utf8' }).trim();

// pyperformance, as benches/engine.rs fetches it (same version, same cache).
const engineRs = readFileSync(path.join(ROOT, 'benches/engine.rs'), 'utf8');
const VERSION = engineRs.match(/const PYPERFORMANCE: &str = "([^"]+)";/)[1];
const NAMES = [...engineRs.match(/const PYPERFORMANCE_PROGRAMS: &\[&str\] = &\[([\s\S]*?)\];/)[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
const cache = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'pyperf-cache');
const benchDir = path.join(cache, 'x/pyperformance/data-files/benchmarks');
if (!existsSync(benchDir)) {
  mkdirSync(cache, { recursive: true });
  execFileSync(PYTHON, ['-m', 'pip', 'download', '--no-deps', `pyperformance==${VERSION}`, '-d', cache], { stdio: 'inherit' });
  execFileSync(PYTHON, ['-c', `import zipfile; zipfile.ZipFile('pyperformance-${VERSION}-py3-none-any.whl').extractall('x')`], { cwd: cache, stdio: 'inherit' });
}
const programs = NAMES.map((n) => [n, path.join(benchDir, `bm_${n}/run_benchmark.py`)]);
for (const f of readdirSync(path.join(ROOT, 'benches/py')).filter((f) => f.endsWith('.py')).sort()) {
  programs.push([`own/${f.slice(0, -3)}`, path.join(ROOT, 'benches/py', f)]);
}
const SHIM_DIR = path.join(ROOT, 'benches/pyperf_shim');
const SHIM = readFileSync(path.join(SHIM_DIR, 'pyperf.py'), 'utf8');

/** `BENCH name loops median min runs` lines, and the rest of the output. */
function parse(stdout) {
  const timings = new Map();
  let rest = '';
  for (const line of stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 6 && f[0] === 'BENCH' && !Number.isNaN(Number(f[3]))) {
      timings.set(f[1], { loops: Number(f[2]), median: Number(f[3]) });
    } else if (line) {
      rest += `${line}\n`;
    }
  }
  return { timings, rest };
}

const lastLine = (s) => s.trim().split('\n').pop() || '(no message)';

function runCpython(file) {
  try {
    const out = execFileSync(PYTHON, [file, `--runs=${RUNS}`], { env: { ...process.env, PYTHONPATH: SHIM_DIR }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return parse(out);
  } catch (e) {
    return { error: lastLine(String(e.stderr || e.message)) };
  }
}

/** The program with sys.argv set as pyperf.py reads it, before pyperf is imported but
 * after any `from __future__` import (which must come first). */
function withArgv(source, loopsOf) {
  const set = `import sys\nsys.argv = ["run_benchmark.py", "--runs=${RUNS}", "--loops-of=${loopsOf}"]\n`;
  const futures = [...source.matchAll(/^from __future__ import[^\n]*\n/gm)];
  const at = futures.length ? futures.at(-1).index + futures.at(-1)[0].length : 0;
  return source.slice(0, at) + set + source.slice(at);
}

async function runOurs(page, code) {
  const r = await page.evaluate(({ code, mode, shim }) => self.threadlab.runPython(code, mode, 0, null, { 'pyperf.py': shim }), { code, mode: MODE, shim: SHIM });
  if (r.exitCode !== 0) return { error: r.crash || lastLine(r.stderr) };
  return parse(r.stdout);
}

async function runPyodide(page, code) {
  const r = await page.evaluate(async ({ code, shim }) => {
    const py = await self.peer;
    let stdout = '';
    py.setStdout({ batched: (s) => { stdout += `${s}\n`; } });
    py.setStderr({ batched: () => {} });
    py.FS.mkdirTree('/bench');
    py.FS.writeFile('/bench/pyperf.py', shim);
    py.runPython("import sys\nif '/bench' not in sys.path: sys.path.insert(0, '/bench')\nsys.modules.pop('pyperf', None)");
    const globals = py.toPy({ __name__: '__main__' });
    try {
      py.runPython(code, { globals });
      return { stdout };
    } catch (e) {
      return { error: String(e.message || e) };
    } finally {
      globals.destroy();
    }
  }, { code, shim: SHIM });
  return r.error ? { error: lastLine(r.error) } : parse(r.stdout);
}

const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const col = (x, w = 10) => (typeof x === 'number' ? x.toFixed(4) : String(x)).padStart(w);

// Pyodide's page: a folder of its own holding it, its script (the site's CSP allows no
// inline script) and the npm package, served by a second threadlab-serve with the same
// headers as the site, so both pages are cross-origin isolated alike.
const peerRoot = mkdtempSync(path.join(tmpdir(), 'threadlab-pyodide-'));
writeFileSync(path.join(peerRoot, 'index.html'), '<!doctype html>\n<meta charset="utf-8">\n<title>Pyodide peer</title>\n<link rel="icon" href="data:,">\n<script type="module" src="peer.mjs"></script>\n');
writeFileSync(path.join(peerRoot, 'peer.mjs'), "import { loadPyodide } from './node_modules/pyodide/pyodide.mjs';\nself.peer = loadPyodide({ indexURL: new URL('./node_modules/pyodide/', location.href).href });\n");
symlinkSync(path.join(HERE, 'node_modules'), path.join(peerRoot, 'node_modules'));

const site = await startServer();
const peerServer = await startServer({}, peerRoot);
const browser = await launch();
try {
  const ours = await newPage(browser);
  await ours.goto(`${site.url}playground`);
  await waitReady(ours);
  const peer = await newPage(browser);
  await peer.goto(peerServer.url);
  await peer.evaluate(async () => { await self.peer; });
  const version = await ours.evaluate(() => navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0]);
  console.log(`CPython ${PYTHON} natively; in ${version}: ours (${MODE} mode) and Pyodide ${PYODIDE_VERSION}; median of ${RUNS} in-process runs each (time.perf_counter)`);
  console.log(`${'program'.padEnd(32)} ${'loops'.padStart(7)} ${'cpython s'.padStart(10)} ${'ours s'.padStart(10)} ${'pyodide s'.padStart(10)} ${'ours/cpy'.padStart(9)} ${'ours/pyo'.padStart(9)}`);
  const vsCpython = [];
  const vsPyodide = [];
  const failed = [];
  for (const [name, file] of programs.filter(([n]) => wanted(n))) {
    const cp = runCpython(file);
    if (cp.error) { failed.push(`${name}: CPython failed: ${cp.error}`); continue; }
    // Each benchmark of the program with the loop count CPython calibrated for it.
    const loopsOf = [...cp.timings].map(([bench, t]) => `${bench}:${t.loops}`).join(',');
    const code = withArgv(readFileSync(file, 'utf8'), loopsOf);
    const us = await runOurs(ours, code);
    const them = await runPyodide(peer, code);
    if (us.error) failed.push(`${name}: ours: ${us.error}`);
    if (them.error) failed.push(`${name}: Pyodide: ${them.error}`);
    for (const [bench, t] of cp.timings) {
      const label = name.endsWith(bench) ? name : `${name}:${bench}`;
      // Only the same work is compared: a side that ran other loop counts is left out.
      const same = (x, who) => {
        if (x && x.loops !== t.loops) { failed.push(`${label}: ${who} ran ${x.loops} loops, CPython ${t.loops}`); return undefined; }
        return x;
      };
      const u = same(us.timings?.get(bench), 'ours');
      const p = same(them.timings?.get(bench), 'Pyodide');
      const differs = us.rest !== undefined && us.rest !== cp.rest ? '  (our output differs from CPython\'s)' : '';
      const rc = u ? u.median / t.median : null;
      const rp = u && p ? u.median / p.median : null;
      if (rc) vsCpython.push(rc);
      if (rp) vsPyodide.push(rp);
      console.log(`${label.padEnd(32)} ${String(t.loops).padStart(7)} ${col(t.median)} ${col(u ? u.median : '-')} ${col(p ? p.median : '-')} ${col(rc ? rc.toFixed(2) : '-', 9)} ${col(rp ? rp.toFixed(2) : '-', 9)}${differs}`);
    }
  }
  if (vsCpython.length) {
    console.log(`${'geomean'.padEnd(32)} ${''.padStart(7)} ${''.padStart(10)} ${''.padStart(10)} ${''.padStart(10)} ${col(geomean(vsCpython).toFixed(2), 9)} ${col(vsPyodide.length ? geomean(vsPyodide).toFixed(2) : '-', 9)}   (${vsCpython.length} / ${vsPyodide.length} programs; goal: ours/pyodide <= 1.00)`);
  }
  if (failed.length) {
    console.log(`\nnot run (${failed.length}):`);
    for (const f of failed) console.log(`  ${f}`);
  }
  const errors = [...ours.errors, ...peer.errors];
  if (errors.length) throw new Error(`page errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  site.stop();
  peerServer.stop();
  rmSync(peerRoot, { recursive: true, force: true });
}
