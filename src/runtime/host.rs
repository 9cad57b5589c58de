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
use std::sync::Mutex;

/// Why a thread cannot continue right now.
#[derive(Clone, Debug, PartialEq)]
pub enum WaitReason {
    /// time.sleep: wake up at this host time (seconds, `Host::now`).
    Sleep { until: f64 },
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
    /// Called at eval-breaker check points (function entry, backward jumps).
    fn check_point(&self) -> Decision {
        Decision::Continue
    }
    /// Called when an operation would block. The single-threaded scheduler just lets
    /// the runner wait on the host.
    fn would_block(&self, _why: &WaitReason) {}
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
