//! Stepped-mode trials on a wasm-bindgen-rayon pool. A stepped run needs only ONE host
//! thread (`runtime::solo`: the VM is stackless, so every Python thread of the run takes
//! turns on it), so a rayon task is one whole run and "Run 200 times" takes
//! `hardwareConcurrency` workers instead of (threads per program) x 3 from the spawner.
//!
//! - The pool starts lazily, on the first batch ([`ensure_pool`]), so the page's first
//!   load does not pay for its workers. It is started from the spawning host (the
//!   page's main thread, or the worker a test runs in), which only awaits a promise.
//! - A batch is queued with `rayon::spawn`, one task per seed. rayon's `web_spin_lock`
//!   (which wasm-bindgen-rayon turns on) makes rayon's own locks spin rather than
//!   `Atomics.wait`, so queueing from the page never traps; the tasks themselves run on
//!   the pool's workers.
//! - Results go into the batch's buffer; the page polls it with `try_lock` only.
//! - Stop: every running task's `Limits::stop` is set (its run is cut at its next turn,
//!   within a burst of at most 200 instructions) and tasks not yet started return at
//!   once.
//!
//! GIL and free-threaded trials keep real threads (one worker per Python thread, the
//! spawner in `spawn.rs`): their outcomes depend on real parallel timing, which one host
//! thread cannot give.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::clock::now_ms;
use super::timer::sleep_ms;
use crate::runtime::explore::{self, ExploreOptions, RunResult};
use crate::runtime::trial::{self, solo_trial_with};

/// How long the pool's workers may take to start before we give up on it (the callers
/// then use the spawner's workers, as before the pool existed).
const START_TIMEOUT_MS: f64 = 15_000.0;

/// Pool threads once started (0: not started).
static THREADS: AtomicUsize = AtomicUsize::new(0);
/// Panics on pool threads so far (a panicking task never finishes; see `note_panic`).
static FAILURES: AtomicUsize = AtomicUsize::new(0);
static LAST_FAILURE: Mutex<String> = Mutex::new(String::new());

#[derive(Clone)]
enum Start {
    NotStarted,
    Starting,
    Ready,
    Failed(String),
}

thread_local! {
    /// Only the spawning host starts the pool, so its state lives there.
    static START: RefCell<Start> = const { RefCell::new(Start::NotStarted) };
}

/// The pool's size: `navigator.hardwareConcurrency`, at least 2, at most 16.
fn wanted_threads() -> usize {
    Reflect::get(&js_sys::global(), &"navigator".into())
        .ok()
        .and_then(|n| Reflect::get(&n, &"hardwareConcurrency".into()).ok())
        .and_then(|v| v.as_f64())
        .map(|n| n as usize)
        .unwrap_or(2)
        .clamp(2, 16)
}

/// Pool threads, if the pool is up.
pub fn pool_threads() -> Option<usize> {
    match THREADS.load(Ordering::Acquire) {
        0 => None,
        n => Some(n),
    }
}

/// Starts the pool if it is not started (call on the spawning host; never blocks).
/// Resolves with its size, or why it could not start (then it is never tried again).
pub async fn ensure_pool() -> Result<usize, String> {
    loop {
        match START.with(|s| s.borrow().clone()) {
            Start::Ready => return Ok(THREADS.load(Ordering::Acquire)),
            Start::Failed(e) => return Err(e),
            Start::Starting => sleep_ms(5).await,
            Start::NotStarted => {
                START.with(|s| *s.borrow_mut() = Start::Starting);
                // Panics on pool threads must be noticed (see `note_panic`). A thread
                // that panicked before (wasm aborts, so its panic count stays up) may
                // not set a hook: std would panic again.
                if !std::thread::panicking() {
                    super::panic::install_worker_hook();
                }
                let n = wanted_threads();
                let started = Arc::new(AtomicBool::new(false));
                let failed: Arc<Mutex<Option<String>>> = Arc::default();
                {
                    let (started, failed) = (started.clone(), failed.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match JsFuture::from(wasm_bindgen_rayon::init_thread_pool(n)).await {
                            Ok(_) => started.store(true, Ordering::Release),
                            Err(e) => *failed.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{e:?}")),
                        }
                    });
                }
                // The crate's promise never settles if a worker cannot load: time it out.
                let deadline = now_ms() + START_TIMEOUT_MS;
                let outcome = loop {
                    if started.load(Ordering::Acquire) {
                        break Ok(n);
                    }
                    if let Some(e) = failed.try_lock().ok().and_then(|f| f.clone()) {
                        break Err(format!("the trial pool could not start: {e}"));
                    }
                    if now_ms() > deadline {
                        break Err("the trial pool's workers did not start within 15 s".to_string());
                    }
                    sleep_ms(5).await;
                };
                START.with(|s| {
                    *s.borrow_mut() = match &outcome {
                        Ok(_) => Start::Ready,
                        Err(e) => Start::Failed(e.clone()),
                    }
                });
                if let Ok(n) = outcome {
                    THREADS.store(n, Ordering::Release);
                } else if let Err(e) = &outcome {
                    web_sys::console::warn_1(&format!("Threadlab: {e}; trials use one worker per thread instead").into());
                }
                return outcome;
            }
        }
    }
}

/// Called by the panic hook: on a pool thread, the task that panicked will never end
/// (wasm aborts on panic), so the batch waiting for it must be told.
pub fn note_panic(message: &str) {
    if rayon::current_thread_index().is_some() {
        *LAST_FAILURE.lock().unwrap_or_else(|e| e.into_inner()) = message.to_string();
        FAILURES.fetch_add(1, Ordering::AcqRel);
    }
}

/// One trial: the run's stdout, stderr and exit code, and why it was cut short, if it
/// was (Stop, the instruction limit, a wait inside a builtin's callback).
#[derive(Clone, Debug)]
pub struct PoolTrial {
    /// The job's index in the batch.
    pub index: usize,
    pub seed: u64,
    pub result: RunResult,
    pub cut: Option<String>,
}

impl PoolTrial {
    /// True when the run could not go on on one host thread (see `runtime::solo`): it
    /// must be run again with a host thread per Python thread.
    pub fn needs_host_threads(&self) -> bool {
        trial::needs_host_threads(self.cut.as_deref())
    }
}

struct Shared {
    ended: Mutex<Vec<PoolTrial>>,
    /// Tasks not yet over (run or skipped).
    left: AtomicUsize,
    /// Start no more trials.
    skip: AtomicBool,
    /// Cut the running trials.
    stop: Arc<AtomicBool>,
    failures_before: usize,
}

/// A batch of trials on the pool, seen from the page.
pub struct Batch(Arc<Shared>);

impl Batch {
    /// Queues one task per `(index, seed)`; `input()` reads `stdin`. The pool must be
    /// up ([`ensure_pool`]).
    pub fn start(code: &str, stdin: Option<Arc<str>>, jobs: Vec<(usize, u64)>) -> Batch {
        let shared = Arc::new(Shared {
            ended: Mutex::new(Vec::new()),
            left: AtomicUsize::new(jobs.len()),
            skip: AtomicBool::new(false),
            stop: Arc::new(AtomicBool::new(false)),
            failures_before: FAILURES.load(Ordering::Acquire),
        });
        let code: Arc<str> = code.into();
        for (index, seed) in jobs {
            let (shared, code, stdin) = (shared.clone(), code.clone(), stdin.clone());
            rayon::spawn(move || {
                if !shared.skip.load(Ordering::Acquire) {
                    let (result, cut) = solo_trial_with(&code, stdin, seed, Some(shared.stop.clone()));
                    shared.ended.lock().unwrap_or_else(|e| e.into_inner()).push(PoolTrial { index, seed, result, cut });
                }
                shared.left.fetch_sub(1, Ordering::AcqRel);
            });
        }
        Batch(shared)
    }

    /// Trials that ended since the last call; None when the buffer is busy this instant
    /// (never waits).
    pub fn take_ended(&self) -> Option<Vec<PoolTrial>> {
        match self.0.ended.try_lock() {
            Ok(mut v) => Some(std::mem::take(&mut *v)),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(std::mem::take(&mut *e.into_inner())),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// Every task is over (read this before the last `take_ended`).
    pub fn is_over(&self) -> bool {
        self.0.left.load(Ordering::Acquire) == 0
    }

    /// A pool thread panicked since the batch started: some task will never end.
    pub fn failure(&self) -> Option<String> {
        (FAILURES.load(Ordering::Acquire) > self.0.failures_before)
            .then(|| LAST_FAILURE.try_lock().map(|m| m.clone()).unwrap_or_else(|_| "a trial pool worker failed".into()))
    }

    /// Starts no more trials; those running finish.
    pub fn stop_starting(&self) {
        self.0.skip.store(true, Ordering::Release);
    }

    /// Starts no more trials and cuts the running ones.
    pub fn cancel(&self) {
        self.0.skip.store(true, Ordering::Release);
        self.0.stop.store(true, Ordering::Release);
    }
}

/// `threadlab.explorePool(code, maxRuns)`: the explorer (`runtime::explore`) run as one
/// task on the pool, for the browser benchmark (benches/browser/trials.mjs). Resolves
/// with `{ complete, runs, outcomes: [{stdout, stderr, exitCode, runs}], millis,
/// totalMillis }`: millis inside the task, totalMillis as the page saw it.
#[wasm_bindgen(js_name = explorePool)]
pub async fn explore_pool(code: String, max_runs: u32) -> Result<JsValue, JsValue> {
    let t0 = now_ms();
    ensure_pool().await.map_err(JsValue::from)?;
    let slot: Arc<Mutex<Option<(explore::Exploration, f64)>>> = Arc::default();
    let failures_before = FAILURES.load(Ordering::Acquire);
    {
        let slot = slot.clone();
        rayon::spawn(move || {
            let start = now_ms();
            let opts = ExploreOptions { max_runs: max_runs as usize, ..ExploreOptions::default() };
            let e = explore::explore(&code, "main.py", &opts);
            let ms = now_ms() - start;
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some((e, ms));
        });
    }
    let (e, ms) = loop {
        if let Ok(mut s) = slot.try_lock() {
            if let Some(r) = s.take() {
                break r;
            }
        }
        if FAILURES.load(Ordering::Acquire) > failures_before {
            return Err("a trial pool worker failed during the exploration".into());
        }
        sleep_ms(1).await;
    };
    let o = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: JsValue| Reflect::set(o, &k.into(), &v).map(|_| ());
    set(&o, "complete", e.complete.into())?;
    set(&o, "runs", (e.runs as u32).into())?;
    let outs = js_sys::Array::new();
    for oc in &e.outcomes {
        let x = js_sys::Object::new();
        set(&x, "stdout", oc.stdout.clone().into())?;
        set(&x, "stderr", oc.stderr.clone().into())?;
        set(&x, "exitCode", oc.exit_code.into())?;
        set(&x, "runs", (oc.runs as u32).into())?;
        outs.push(&x);
    }
    set(&o, "outcomes", outs.into())?;
    set(&o, "millis", ms.into())?;
    set(&o, "totalMillis", (now_ms() - t0).into())?;
    Ok(o.into())
}

/// `threadlab.poolThreads()`: the trial pool's size, or undefined before its first use.
#[wasm_bindgen(js_name = poolThreads)]
pub fn pool_threads_js() -> Option<u32> {
    pool_threads().map(|n| n as u32)
}
