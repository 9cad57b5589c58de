//! The engine's only seam to the outside world.
//!
//! - [`Host`]: output, the clock, waiting, and the stop request (the browser's Stop
//!   button). The VM never reads the clock or sleeps by itself (`Instant::now()` panics
//!   on wasm), it always asks the host.
//! - [`Scheduler`]: consulted at CPython 3.11's eval-breaker check points (function
//!   entry, backward jumps) and at every point where an operation would block.
//!
//! The VM defines this interface and consumes it; the runtime implements it
//! (`runtime::threads::Preemptive` and `runtime::stepper::Stepped` are the schedulers,
//! `runtime::native_host::NativeHost` the std host, `web::host::WebHost` the browser's).
//! [`SingleThread`] is the scheduler with no threads at all.

use std::sync::Arc;

use super::interp::Vm;
use super::lock::Lock;
/// Defined next to the lock (its owners and waiters are thread numbers) so that
/// `lock.rs` needs nothing from this file; part of this interface.
pub use super::lock::ThreadNo;
use super::value::Value;

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
    /// A thread of the program died in the engine (a Rust panic, a trap, memory
    /// exhausted): `message` says which and how. The run is over; the host shows it.
    fn crashed(&self, message: &str) {
        self.write_stderr(message)
    }
    /// A flag the host may set to abandon every thread of the program at once (the page
    /// sets it when a worker died without being able to say so itself). The runtime
    /// uses it as the program's own kill flag, so watching it costs nothing more.
    fn kill_switch(&self) -> Option<Arc<std::sync::atomic::AtomicBool>> {
        None
    }
    /// True only for runs that tests armed for fault injection: then, and only then, the
    /// `_testfault` module can be imported (`stdlib/testfault.rs`).
    fn test_faults(&self) -> bool {
        false
    }
    /// A module of the learner's own beside the program (CPython's `sys.path[0]`, the
    /// script's folder): `import helpers` finds `helpers.py` or `helpers/__init__.py`.
    /// Hosts without files have none.
    fn local_module(&self, _name: &str) -> Option<LocalModule> {
        None
    }
    /// A file beside the program (a `/`-separated path inside its folder), read when the
    /// run's own file system (`vm::files`) does not hold it. Hosts without files have none.
    fn read_file(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }
    /// The names in such a folder (None: not a folder there).
    fn list_dir(&self, _path: &str) -> Option<Vec<String>> {
        None
    }
    /// The run's file system (`open()`, `os.listdir`); a program's host keeps one.
    fn files(&self) -> Option<&super::files::Files> {
        None
    }
    /// One HTTP exchange (`urllib.request`, `requests`), made on the calling host thread
    /// while the GIL is released. Hosts without a network refuse it.
    fn fetch(&self, _req: &HttpRequest) -> Result<HttpResponse, NetError> {
        Err(NetError::Other("this host has no network".into()))
    }
    /// What a URL that starts with `/` is relative to: the site's origin in the page
    /// (`http://127.0.0.1:8000`), so a lesson can fetch its own data files wherever the
    /// site is served. None natively, where such a URL is CPython's ValueError.
    fn origin(&self) -> Option<String> {
        None
    }
    /// This process's `os.getpid()` and `os.getppid()`: a program's own process, or a
    /// `multiprocessing` child's (`runtime/process.rs` numbers them).
    fn process_ids(&self) -> (u32, u32) {
        (MAIN_PID, MAIN_PID - 1)
    }
}

/// The pid of a program's first process (any plausible number will do; CPython's is the
/// OS's).
pub const MAIN_PID: u32 = 4242;

/// A `multiprocessing` child as its parent sees it: its pid, and its exit code once it
/// has ended. The child is a whole program of its own (its interpreter, its GIL, its
/// threads) that the runtime started (`Scheduler::start_process`).
pub struct ProcessLink {
    pub pid: u32,
    exit: std::sync::Mutex<Option<i32>>,
    ended: std::sync::Condvar,
    /// The child's program's kill switch (set when it ends, too).
    pub kill: Arc<std::sync::atomic::AtomicBool>,
    /// Set by `terminate()`, with `kill`: the child is abandoned where it is.
    pub terminated: std::sync::atomic::AtomicBool,
}

impl ProcessLink {
    pub fn new(pid: u32) -> ProcessLink {
        ProcessLink { pid, exit: Default::default(), ended: Default::default(), kill: Default::default(), terminated: Default::default() }
    }
    /// The child's program ended with `code` (its exit code).
    pub fn finish(&self, code: i32) {
        *self.exit.lock().unwrap_or_else(|e| e.into_inner()) = Some(code);
        self.ended.notify_all();
    }
    pub fn exit_code(&self) -> Option<i32> {
        *self.exit.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Waits up to `d` for the child to end; its exit code, if it has.
    pub fn wait(&self, d: std::time::Duration) -> Option<i32> {
        // One wait, not `wait_timeout_while`: that reads `Instant`, which panics on wasm.
        // A wake-up too early is a None the caller's loop waits again after.
        let mut g = self.exit.lock().unwrap_or_else(|e| e.into_inner());
        if g.is_none() {
            g = self.ended.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner()).0;
        }
        *g
    }
}

/// An HTTP request as `_net.fetch` hands it to the host.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: String,
    /// Absolute: `http://host:port/path?query`.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// Seconds to wait for the whole answer (None: the host's own limit).
    pub timeout: Option<f64>,
}

/// The answer, after redirects.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Where the answer came from (differs from the request's after a redirect).
    pub url: String,
}

/// Why no answer came: raised as CPython's OSError subclasses, which `urllib` wraps in
/// URLError and `requests` in its ConnectionError / Timeout.
#[derive(Clone, Debug, PartialEq)]
pub enum NetError {
    /// Nothing listens there (ECONNREFUSED).
    Refused,
    /// No answer within the timeout.
    TimedOut,
    /// The name does not resolve (`socket.gaierror`).
    UnknownHost(String),
    /// Anything else, said in words (a browser's "network error", a bad answer).
    Other(String),
}

/// A module's source read from the program's folder (see [`Host::local_module`]).
pub struct LocalModule {
    /// Its path, as tracebacks and `__file__` show it.
    pub filename: String,
    pub source: String,
    /// A folder with an `__init__.py`: its submodules can be imported.
    pub package: bool,
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
    /// Starts a `multiprocessing` child: the program's main file run again as
    /// `__mp_main__` in a new interpreter on a host thread of its own, which then runs
    /// `multiprocessing.process._child_main` on `payload` (what the parent pickled). The
    /// default: this runner cannot (the explorer runs one process).
    fn start_process(&self, payload: String) -> Result<Arc<ProcessLink>, String> {
        drop(payload);
        Err("this runner cannot start processes".into())
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

/// Where a thread records the lines it reaches, for the timeline (the runtime's trace
/// buffer implements it). `as_any` lets the runtime get its own buffer type back.
pub trait LineTrace: Send + Sync {
    fn line(&self, at_ms: f64, line: u32);
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A host's files as the run's file system sees them (`vm::files::Disk`).
pub struct HostDisk<'a>(pub &'a dyn Host);

impl super::files::Disk for HostDisk<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.read_file(path)
    }
    fn list(&self, path: &str) -> Option<Vec<String>> {
        self.0.list_dir(path)
    }
}
