// Starts the app. Installs sw.js, the site's service worker: it keeps the course for
// offline use and, on hosts that cannot send the cross-origin isolation headers, adds
// them. On such a host the page reloads once under the worker; without isolation there
// is no SharedArrayBuffer and so no threads.
import init, { run_app, bench_spawner, run_python, memory_stats, explore, benchTrials, explorePool, poolThreads, arm_test_faults } from './threadlab.js';

const RELOAD_FLAG = 'threadlab:coi-reload';

function register() {
  const base = document.baseURI;
  return navigator.serviceWorker.register(new URL('sw.js', base), { scope: new URL('./', base).pathname });
}

async function isolate() {
  if (!('serviceWorker' in navigator) || !self.isSecureContext) return false;
  if (self.crossOriginIsolated) return false; // the server sends the headers
  try {
    const registration = await register();
    if (navigator.serviceWorker.controller) {
      // Controlled and still not isolated: the worker cannot help; the app says so.
      return false;
    }
    if (sessionStorage.getItem(RELOAD_FLAG)) return false; // reloaded once already
    await navigator.serviceWorker.ready;
    sessionStorage.setItem(RELOAD_FLAG, '1');
    if (!registration.active) return false;
    location.reload();
    return true;
  } catch (err) {
    console.warn('Threadlab: could not install the service worker:', err);
    return false;
  }
}

async function main() {
  if (await isolate()) return; // the page is reloading under the service worker
  sessionStorage.removeItem(RELOAD_FLAG);
  await init();
  document.getElementById('loading')?.remove();
  run_app();
  // For the end-to-end benchmarks and curious learners' consoles. The trial pool
  // (benchTrials, explorePool, "Run 200 times") starts on first use, not here.
  self.threadlab = {
    benchSpawner: bench_spawner, runPython: run_python, memoryStats: memory_stats,
    explore, benchTrials, explorePool, poolThreads,
    // Lets the next program started import `_testfault` (fault tests only).
    armTestFaults: arm_test_faults, readyMs: performance.now(),
  };
  document.documentElement.dataset.ready = 'true';
  // Isolated by the server's headers: the worker is wanted for offline use only, so it
  // installs (and fetches the files it keeps) after the start, not during it.
  if (self.crossOriginIsolated && 'serviceWorker' in navigator && self.isSecureContext) {
    register().catch((err) => console.warn('Threadlab: no offline copy (service worker):', err));
  }
}

main().catch((err) => {
  const box = document.getElementById('loading') || document.body.appendChild(document.createElement('div'));
  box.setAttribute('role', 'alert');
  box.className = 'notice error';
  box.textContent = `Threadlab could not start: ${err && err.message ? err.message : err}`;
  console.error(err);
});
