//! The engine's two seams on the web: [`WebHost`] (output to the page, the common
//! clock, sleeping, Stop) and [`WorkerSpawn`] (Python threads on the warm worker pool).
//! Both are used on workers only: the page's main thread never runs Python.

use std::sync::Arc;
use std::time::Duration;

use super::clock::now_ms;
use super::sink::{Sink, Stream};
use super::spawn;
use crate::runtime::options::Spawn;
use crate::vm::host::Host;

/// Longest single sleep while waiting, so a Stop is noticed within this many seconds.
const SLICE: f64 = 0.01;

/// A program's host: writes to its [`Sink`], measures time on the clock every worker
/// shares (seconds since the program started), and sleeps in short slices so Stop
/// interrupts a long `time.sleep` promptly.
pub struct WebHost {
    sink: Arc<Sink>,
    /// `clock::now_ms()` when the program started.
    t0_ms: f64,
}

impl WebHost {
    pub fn new(sink: Arc<Sink>, t0_ms: f64) -> WebHost {
        WebHost { sink, t0_ms }
    }
}

impl Host for WebHost {
    fn write_stdout(&self, s: &str) {
        self.sink.write(Stream::Stdout, s);
    }
    fn write_stderr(&self, s: &str) {
        self.sink.write(Stream::Stderr, s);
    }
    fn now(&self) -> f64 {
        (now_ms() - self.t0_ms) / 1000.0
    }
    fn wall(&self) -> f64 {
        js_sys::Date::now() / 1000.0
    }
    fn wait_until(&self, t: f64) {
        loop {
            let now = self.now();
            if now >= t || self.stop_requested() {
                return;
            }
            std::thread::sleep(Duration::from_secs_f64((t - now).clamp(0.0, SLICE)));
        }
    }
    fn stop_requested(&self) -> bool {
        self.sink.stop_requested()
    }
    fn read_line(&self) -> Option<String> {
        self.sink.read_line()
    }
    fn crashed(&self, message: &str) {
        self.sink.crash(message);
    }
    fn kill_switch(&self) -> Option<Arc<std::sync::atomic::AtomicBool>> {
        Some(self.sink.kill_switch())
    }
    fn fetch(&self, req: &crate::vm::host::HttpRequest) -> Result<crate::vm::host::HttpResponse, crate::vm::host::NetError> {
        super::net::fetch(req)
    }
    fn origin(&self) -> Option<String> {
        super::net::origin()
    }
}

/// Python threads on the warm Web Worker pool.
pub struct WorkerSpawn;

impl Spawn for WorkerSpawn {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        spawn::spawn(f).map_err(|e| e.0)
    }
}
