// Worker start-up for Threadlab's thread spawner (see spawn.rs).
//
// This one file is both the module the wasm glue imports (for `startWorker`) and the
// script every spawned Web Worker runs: inside a worker it waits for one
// `threadlab_worker_init` message, instantiates the wasm module on the shared memory,
// runs the thread's Rust entry point, then frees the thread's stack and TLS
// (`__wbindgen_thread_destroy`) before the worker closes.

const INIT = 'threadlab_worker_init';

/// Called on the spawning thread (the page's main thread, or the test's worker).
/// `onMessage` receives every message the worker posts back.
export function startWorker(module, memory, mainJS, job, name, onMessage) {
  const worker = new Worker(new URL(import.meta.url), { type: 'module', name });
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({ type: 'threadlab_worker_error', message: String(event.message || 'worker failed to start') });
  };
  worker.postMessage({ type: INIT, module, memory, mainJS, job });
  return worker;
}

const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
if (inWorker) {
  self.addEventListener('message', async function onInit({ data }) {
    if (data == null || data.type !== INIT) return;
    self.removeEventListener('message', onInit);
    let exports;
    try {
      const glue = await import(data.mainJS);
      exports = await glue.default({ module_or_path: data.module, memory: data.memory });
      // Runs the first job (if any), then serves the pool until retired.
      glue.threadlab_worker_main(data.job);
      exports.__wbindgen_thread_destroy();
      self.postMessage({ type: 'threadlab_worker_exit' });
    } catch (err) {
      // A Rust panic already posted its message through the panic hook; this reports
      // traps and start-up failures, so nothing dies silently. A trap in a program's
      // thread ends that program with a message naming the thread (Rust is called back
      // on this worker, whose thread-locals say which thread it ran); then the worker's
      // stack and TLS go back to the allocator as after a normal exit.
      let attributed = false;
      if (exports) {
        try {
          const glue = await import(data.mainJS);
          attributed = glue.threadlab_worker_trapped(String((err && err.stack) || err)) === true;
          if (attributed) exports.__wbindgen_thread_destroy();
        } catch (again) {
          console.error('threadlab: could not report a trapped worker:', again);
        }
      }
      self.postMessage({ type: 'threadlab_worker_error', message: String((err && err.stack) || err), attributed });
    }
    self.close();
  });
}
