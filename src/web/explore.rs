//! The explorer on the page: every outcome of a program (`threadlab.explore`, the
//! "All outcomes" button) and the step explorer's replays. Each runs on a pool
//! worker (an exploration can take seconds; the page's main thread never blocks),
//! hands its result back through a slot the page only `try_lock`s, and stops at its
//! next instruction when the page sets its cancel flag (Stop).
//!
//! [`on_worker`] is the one place that decides where the work runs: swap it for a
//! rayon pool without touching the callers.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use wasm_bindgen::prelude::*;

use super::spawn;
use super::timer::sleep_ms;
use crate::runtime::explore::{self, Exploration, ExploreOptions, Paused, Schedule};
use crate::runtime::solo::Move;

/// Most instructions one step-explorer replay may take (the whole schedule and its move).
pub const REPLAY_BUDGET: u64 = 20_000_000;

/// Work running on a worker: its result once there, and its cancel flag.
pub struct Job<T> {
    slot: Arc<Mutex<Option<T>>>,
    stop: Arc<AtomicBool>,
    /// Worker failures seen before it started (a failure since: it may never finish).
    failures_before: usize,
}

impl<T> Clone for Job<T> {
    fn clone(&self) -> Self {
        Job { slot: self.slot.clone(), stop: self.stop.clone(), failures_before: self.failures_before }
    }
}

impl<T> PartialEq for Job<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.slot, &other.slot)
    }
}

impl<T: Send + 'static> Job<T> {
    /// The result, if it is there (never waits: a busy slot means "not yet").
    pub fn poll(&self) -> Option<T> {
        self.slot.try_lock().ok().and_then(|mut s| s.take())
    }

    /// Asks the work to end at its next instruction (it still hands back a result).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// True when a worker panicked or trapped since this started (shown on the page
    /// already): the result may never come.
    pub fn crashed(&self) -> bool {
        spawn::WORKER_FAILURES.load(Ordering::Relaxed) > self.failures_before
    }

    /// Waits for the result by polling (the page's event loop stays free); `None` when
    /// a worker failed meanwhile and no result came within a second after.
    pub async fn wait(&self) -> Option<T> {
        let mut grace = 0;
        loop {
            if let Some(r) = self.poll() {
                return Some(r);
            }
            if self.crashed() {
                grace += 1;
                if grace > 250 {
                    return None;
                }
            }
            sleep_ms(4).await;
        }
    }
}

/// Runs `work` on a worker with a fresh cancel flag (the one entry point: see the
/// module comment).
pub fn on_worker<T: Send + 'static>(work: impl FnOnce(Arc<AtomicBool>) -> T + Send + 'static) -> Result<Job<T>, String> {
    let failures_before = spawn::WORKER_FAILURES.load(Ordering::Relaxed);
    let job = Job { slot: Arc::new(Mutex::new(None)), stop: Arc::new(AtomicBool::new(false)), failures_before };
    let (slot, stop) = (job.slot.clone(), job.stop.clone());
    spawn::spawn(move || {
        let r = work(stop);
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
    })
    .map_err(|e| e.to_string())?;
    Ok(job)
}

/// Every outcome of `code` (reading `stdin`, if given), on a worker.
pub fn explore_on_worker(code: &str, stdin: Option<Arc<str>>, max_runs: usize) -> Result<Job<Exploration>, String> {
    let code = code.to_string();
    on_worker(move |stop| {
        let opts = ExploreOptions { max_runs, stop: Some(stop), stdin, ..ExploreOptions::default() };
        explore::explore(&code, "main.py", &opts)
    })
}

/// The step explorer's state after `schedule` and `then`, on a worker.
pub fn pause_on_worker(code: &str, schedule: Schedule, then: Option<(u64, Move)>) -> Result<Job<Paused>, String> {
    let code = code.to_string();
    on_worker(move |stop| explore::pause(&code, "main.py", &schedule, then, REPLAY_BUDGET, Some(stop)))
}

/// `threadlab.explore(code, { maxRuns, signal })`: resolves to `{ complete, runs,
/// outcomes: [{ stdout, stderr, exitCode, runs, schedule }], pending, maxSteps, note,
/// ms }`; aborting `signal` (an AbortSignal) stops the search at once.
#[wasm_bindgen]
pub async fn explore(code: String, opts: JsValue) -> Result<JsValue, JsValue> {
    let get = |k: &str| js_sys::Reflect::get(&opts, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
    let max_runs = match get("maxRuns") {
        Some(v) => v.as_f64().filter(|n| *n >= 1.0).ok_or_else(|| JsValue::from("maxRuns must be a number >= 1"))? as usize,
        None => ExploreOptions::default().max_runs,
    };
    let signal = get("signal");
    let t0 = super::clock::now_ms();
    let job = explore_on_worker(&code, None, max_runs).map_err(JsValue::from)?;
    let mut grace = 0;
    let result = loop {
        if let Some(r) = job.poll() {
            break r;
        }
        if job.crashed() {
            grace += 1;
            if grace > 250 {
                return Err(JsValue::from("the exploration's worker failed (see the error on the page)"));
            }
        }
        let aborted = signal.as_ref().and_then(|s| js_sys::Reflect::get(s, &"aborted".into()).ok()).and_then(|v| v.as_bool()).unwrap_or(false);
        if aborted {
            job.stop();
        }
        sleep_ms(4).await;
    };
    let ms = super::clock::now_ms() - t0;
    let v = js_sys::JSON::parse(&result.to_json())?;
    js_sys::Reflect::set(&v, &"ms".into(), &ms.into())?;
    Ok(v)
}
