// Starts the app. On hosts that cannot send the cross-origin isolation headers, first
// installs coi-sw.js (a service worker from our own origin that adds them) and reloads
// once; without isolation there is no SharedArrayBuffer and so no threads.
import init, { run_app, bench_spawner, run_python, memory_stats } from './threadlab.js';

const RELOAD_FLAG = 'threadlab:coi-reload';

async function isolate() {
  if (self.crossOriginIsolated || !('serviceWorker' in navigator) || !self.isSecureContext) return false;
  try {
    const base = document.baseURI;
    const registration = await navigator.serviceWorker.register(new URL('coi-sw.js', base), { scope: new URL('./', base).pathname });
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
    console.warn('Threadlab: could not install the isolation service worker:', err);
    return false;
  }
}

async function main() {
  if (await isolate()) return; // the page is reloading under the service worker
  sessionStorage.removeItem(RELOAD_FLAG);
  await init();
  document.getElementById('loading')?.remove();
  run_app();
  // For the end-to-end benchmark and curious learners' consoles.
  self.threadlab = { benchSpawner: bench_spawner, runPython: run_python, memoryStats: memory_stats, readyMs: performance.now() };
  document.documentElement.dataset.ready = 'true';
}

main().catch((err) => {
  const box = document.getElementById('loading') || document.body.appendChild(document.createElement('div'));
  box.setAttribute('role', 'alert');
  box.className = 'notice error';
  box.textContent = `Threadlab could not start: ${err && err.message ? err.message : err}`;
  console.error(err);
});
