//! The engine's only seam to the outside world.
//!
//! - [`Host`]: output, the clock, waiting, and the stop request (the browser's Stop
//!   button). The VM never reads the clock or sleeps by itself (`Instant::now()` panics
//!   on wasm), it always asks the host.
//! - [`Scheduler`]: consulted at CPython 3.11's eval-breaker check points (function
//!   entry, backward jumps) and at every point where an operation would block.
//!
//! [`NativeHost`] and [`SingleThread`] are the native single-threaded implementations
//! used by `threadlab run`. Issue 4 adds the GIL / free-threaded / stepped schedulers.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::gil::ThreadNo;
use super::lock::Lock;
use crate::vm::interp::Vm;
use crate::vm::value::Value;

/// Why a thread cannot continue right now.
#[derive(Clone, Debug)]
pub enum WaitReason {
    /// time.sleep: wake up at this host time (seconds, `Host::now`).
    Sleep { until: f64 },
    /// lock.acquire() found the lock taken: wait for it until `deadline` (host time;
    /// None = forever). The call's result is True if it got the lock, False on timeout.
    /// `count` > 1: an RLock re-taken at that depth (`_acquire_restore`).
    Lock { lock: Arc<Lock>, deadline: Option<f64>, count: u32 },
}

impl PartialEq for WaitReason {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (WaitReason::Sleep { until: a }, WaitReason::Sleep { until: b }) => a == b,
            (WaitReason::Lock { lock: a, deadline: x, .. }, WaitReason::Lock { lock: b, deadline: y, .. }) => {
                Arc::ptr_eq(a, b) && x == y
            }
            _ => false,
        }
    }
}

pub trait Host: Send + Sync {
    fn write_stdout(&self, s: &str);
    fn write_stderr(&self, s: &str);
    fn flush(&self) {}
    /// Seconds since some fixed origin (monotonic).
    fn now(&self) -> f64;
    /// Wall-clock seconds since the Unix epoch (time.time()).
    fn wall(&self) -> f64 {
        self.now()
    }
    /// Block the host thread until `now() >= t` (or a stop request).
    fn wait_until(&self, t: f64);
    /// True once a stop was requested: the VM raises KeyboardInterrupt.
    fn stop_requested(&self) -> bool {
        false
    }
    /// One line of standard input (without the newline), None at EOF / unavailable.
    fn read_line(&self) -> Option<String> {
        None
    }
}

/// What the scheduler wants at a check point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Continue,
    /// Give up the processor: `run_thread` returns `RunOutcome::Yielded`.
    Yield,
}

pub trait Scheduler: Send + Sync {
    /// Called at eval-breaker check points (function entry, backward jumps, after
    /// calls).
    fn check_point(&self) -> Decision {
        Decision::Continue
    }
    /// Called when an operation would block, before the thread returns `Blocked`.
    fn would_block(&self, _why: &WaitReason) {}
    /// Waits right here, on the host thread, for a wait that happened inside a
    /// builtin's callback (where the thread cannot be suspended). Returns the blocking
    /// call's result (None: keep the one it returned), or the exception to raise.
    fn wait_in_place(&self, me: ThreadNo, why: &WaitReason, host: &dyn Host) -> Result<Option<Value>, Value> {
        let _ = me;
        match why {
            WaitReason::Sleep { until } => {
                host.wait_until(*until);
                Ok(None)
            }
            WaitReason::Lock { .. } => Err(crate::vm::exc::ExcType::RuntimeError
                .msg("cannot wait for a lock here: no other thread could release it")),
        }
    }
    /// Starts a new Python thread running `vm`; returns its number. The default has
    /// no threads (CPython's message when a thread cannot be started).
    fn start_thread(&self, vm: Vm) -> Result<ThreadNo, String> {
        drop(vm);
        Err("can't start new thread".into())
    }
    /// A check point inside a builtin's callback asked for a switch: let other threads
    /// run, then go on. Returns the next step budget (stepped mode), or the exception
    /// that ends this thread.
    fn yield_in_place(&self, _me: ThreadNo) -> Result<u32, Value> {
        Ok(0)
    }
    /// Runs `f` (pure Rust work such as hashing a big buffer) with the GIL released.
    fn without_gil(&self, _me: ThreadNo, f: &mut dyn FnMut()) {
        f()
    }
    /// The thread's Python name changed (`_thread._set_name`).
    fn thread_named(&self, _me: ThreadNo, _name: &str) {}
    /// Live threads (`_thread._count()`).
    fn thread_count(&self) -> usize {
        0
    }
}

/// One thread, nothing to switch to.
pub struct SingleThread;
impl Scheduler for SingleThread {}

/// std-based host for the native CLI and tests.
pub struct NativeHost {
    start: std::time::Instant,
    out: Mutex<std::io::BufWriter<std::io::Stdout>>,
    pub stop: AtomicBool,
    /// When set, output is captured here instead of written to the process's streams.
    pub capture: Option<Mutex<(String, String)>>,
}

impl NativeHost {
    pub fn new() -> NativeHost {
        NativeHost {
            start: std::time::Instant::now(),
            out: Mutex::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout())),
            stop: AtomicBool::new(false),
            capture: None,
        }
    }
    pub fn capturing() -> NativeHost {
        let mut h = NativeHost::new();
        h.capture = Some(Mutex::new((String::new(), String::new())));
        h
    }
    pub fn captured(&self) -> (String, String) {
        match &self.capture {
            Some(c) => c.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            None => (String::new(), String::new()),
        }
    }
}

impl Default for NativeHost {
    fn default() -> Self {
        NativeHost::new()
    }
}

impl Host for NativeHost {
    fn write_stdout(&self, s: &str) {
        if let Some(c) = &self.capture {
            c.lock().unwrap_or_else(|e| e.into_inner()).0.push_str(s);
            return;
        }
        let _ = self.out.lock().unwrap_or_else(|e| e.into_inner()).write_all(s.as_bytes());
    }
    fn write_stderr(&self, s: &str) {
        if let Some(c) = &self.capture {
            c.lock().unwrap_or_else(|e| e.into_inner()).1.push_str(s);
            return;
        }
        self.flush();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }
    fn flush(&self) {
        let _ = self.out.lock().unwrap_or_else(|e| e.into_inner()).flush();
    }
    fn now(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    fn wall(&self) -> f64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
    fn wait_until(&self, t: f64) {
        self.flush();
        loop {
            let now = self.now();
            if now >= t || self.stop_requested() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_secs_f64((t - now).min(0.05)));
        }
    }
    fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
    fn read_line(&self) -> Option<String> {
        self.flush();
        let mut s = String::new();
        match std::io::stdin().read_line(&mut s) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if s.ends_with('\n') {
                    s.pop();
                    if s.ends_with('\r') {
                        s.pop();
                    }
                }
                Some(s)
            }
        }
    }
}
