//! Long-lived threads on Web Workers that share the wasm memory.
//!
//! `std::thread::spawn` does not work on wasm32, and wasm_thread never frees a finished
//! thread's stack and TLS. This spawner keeps a pool of warm workers: a worker that
//! finishes its job waits (in Rust, with atomics) for the next one, up to `MAX_IDLE`
//! workers for the idle timeout; a worker beyond that returns to JS, which calls
//! `__wbindgen_thread_destroy` so its stack and TLS go back to the allocator.
//!
//! Only the *spawning host* creates `Worker` objects: the page's main thread (or the
//! worker a test runs in). It must never block, so it only `try_lock`s the pool. A pool
//! worker that needs a new worker posts `threadlab_spawn_request` to the host, whose
//! event loop is free; nested workers would not start while their parent blocks.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Warm workers kept waiting for work; more than this retire right away.
pub const MAX_IDLE: usize = 128;
/// How long a warm worker waits for a job before it retires (milliseconds; 20 s unless
/// changed with `set_idle_timeout`).
static IDLE_TIMEOUT_MS: AtomicU64 = AtomicU64::new(20_000);

/// Changes how long warm workers wait for work before freeing themselves.
pub fn set_idle_timeout(timeout: Duration) {
    IDLE_TIMEOUT_MS.store(timeout.as_millis() as u64, Ordering::Relaxed);
    // Waiting workers start their wait again under the new timeout.
    WORK.notify_all();
}

#[derive(Default)]
struct Pool {
    jobs: VecDeque<Job>,
    /// Workers blocked in `next_job`, able to take a queued job.
    idle: usize,
    /// Workers requested from the host that have not yet reached the pool.
    starting: usize,
}

static POOL: Mutex<Pool> = Mutex::new(Pool { jobs: VecDeque::new(), idle: 0, starting: 0 });
static WORK: Condvar = Condvar::new();
/// Workers whose job just ended and that are on their way into `next_job` (counted
/// before they take the pool's lock, which many may want at once). They check the
/// queue before anything else, so a job queued for them is picked up promptly.
static RETURNING: AtomicUsize = AtomicUsize::new(0);

impl Pool {
    /// Workers that will look at the queue soon without anyone creating a new one.
    fn capacity(&self) -> usize {
        self.idle + self.starting + RETURNING.load(Ordering::Acquire)
    }
}

/// Counters for the benchmark and tests (monotonic since page load).
pub static WORKERS_CREATED: AtomicUsize = AtomicUsize::new(0);
pub static WORKERS_RETIRED: AtomicUsize = AtomicUsize::new(0);
pub static JOBS_STARTED: AtomicUsize = AtomicUsize::new(0);
pub static WORKERS_ALIVE: AtomicUsize = AtomicUsize::new(0);
/// Worker panics and traps reported to the host so far (a running program whose
/// worker died will never finish; the page stops waiting for it).
pub static WORKER_FAILURES: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// True on pool workers (they may block); false on the spawning host.
    static IN_POOL: Cell<bool> = const { Cell::new(false) };
    /// Live workers' handles and message handlers, by worker number, kept on the host
    /// (Firefox collects unrooted workers). Exited ones are dropped at the next start,
    /// not inside their own handler.
    static WORKERS: RefCell<HashMap<usize, (web_sys::Worker, Closure<dyn Fn(JsValue)>)>> =
        RefCell::new(HashMap::new());
    static EXITED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    /// Workers pool workers asked the host for, not created yet (see CREATE_PER_TURN).
    static WANTED: Cell<usize> = const { Cell::new(0) };
    static CREATING: Cell<bool> = const { Cell::new(false) };
    /// Called on the host with the message of a worker that panicked or trapped.
    static ON_ERROR: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

#[wasm_bindgen(module = "/src/web/worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = startWorker, catch)]
    fn start_worker(
        module: JsValue,
        memory: JsValue,
        main_js: JsString,
        job: usize,
        name: &str,
        on_message: &js_sys::Function,
    ) -> Result<web_sys::Worker, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// URL of the wasm-bindgen glue module, which each worker imports.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static MAIN_JS: JsString;
}

/// Why a thread could not be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpawnError(pub String);

impl std::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "can't start new thread: {}", self.0)
    }
}

/// Runs `f` on a worker thread. Never blocks the host; a pool worker calling this may
/// wait briefly for the pool's lock.
pub fn spawn(f: impl FnOnce() + Send + 'static) -> Result<(), SpawnError> {
    let job: Job = Box::new(f);
    if IN_POOL.with(Cell::get) {
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        pool.jobs.push_back(job);
        if pool.capacity() >= pool.jobs.len() {
            drop(pool);
            WORK.notify_one();
            return Ok(());
        }
        pool.starting += 1;
        drop(pool);
        request_worker_from_host()
    } else {
        // On the host: hand the job to a warm worker if one waits, otherwise start a
        // worker that runs this job first. The host may not wait for the lock, but it
        // is only ever held for a few instructions, so a short bounded spin finds it.
        if let Some(mut pool) = try_lock_spinning() {
            if pool.capacity() > pool.jobs.len() {
                pool.jobs.push_back(job);
                drop(pool);
                WORK.notify_one();
                return Ok(());
            }
        }
        let ptr = Box::into_raw(Box::new(job)) as usize;
        create_worker(ptr).inspect_err(|_| {
            // Take the job back so it is dropped, not leaked.
            drop(unsafe { Box::from_raw(ptr as *mut Job) });
        })
    }
}

/// The pool's lock without ever waiting in `Atomics.wait` (not allowed on the page).
fn try_lock_spinning() -> Option<std::sync::MutexGuard<'static, Pool>> {
    for _ in 0..2_000 {
        match POOL.try_lock() {
            Ok(pool) => return Some(pool),
            Err(std::sync::TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => std::hint::spin_loop(),
        }
    }
    None
}

/// Starts workers ahead of need so a program's first threads do not wait 20-40 ms
/// each for a new worker: tops the pool up to `n` idle workers (best effort, on the host).
pub fn prewarm(n: usize) {
    let missing = match try_lock_spinning() {
        Some(pool) => n.saturating_sub(pool.capacity()),
        None => return,
    };
    for _ in 0..missing {
        // Counted as starting before it exists; the worker uncounts itself on arrival.
        match try_lock_spinning() {
            Some(mut pool) => pool.starting += 1,
            None => return,
        }
        if create_worker(0).is_err() {
            if let Some(mut pool) = try_lock_spinning() {
                pool.starting = pool.starting.saturating_sub(1);
            }
            return;
        }
    }
}

/// Warm workers waiting for a job right now (`None` if the pool is busy this instant).
pub fn idle_workers() -> Option<usize> {
    try_lock_spinning().map(|pool| pool.idle)
}

/// Registers the host's handler for worker failures (a panic message or a trap).
/// The app shows it; tests fail on it.
pub fn on_worker_error(f: js_sys::Function) {
    ON_ERROR.with(|slot| *slot.borrow_mut() = Some(f));
}

fn request_worker_from_host() -> Result<(), SpawnError> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"type".into(), &"threadlab_spawn_request".into());
    scope.post_message(&msg).map_err(|e| {
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        pool.starting -= 1;
        SpawnError(format!("{e:?}"))
    })
}

/// Creates a worker on the host. `job` is a `*mut Job` or 0 for "serve the pool".
fn create_worker(job: usize) -> Result<(), SpawnError> {
    let exited = EXITED.with(|e| std::mem::take(&mut *e.borrow_mut()));
    WORKERS.with(|w| {
        let mut w = w.borrow_mut();
        for id in exited {
            w.remove(&id);
        }
    });
    let n = WORKERS_CREATED.fetch_add(1, Ordering::Relaxed) + 1;
    let on_message = Closure::<dyn Fn(JsValue)>::new(move |data| handle_worker_message(n, data));
    let worker = MAIN_JS.with(|main_js| {
        start_worker(
            wasm_bindgen::module(),
            wasm_bindgen::memory(),
            main_js.clone(),
            job,
            &format!("threadlab-{n}"),
            on_message.as_ref().unchecked_ref(),
        )
    });
    match worker {
        Ok(worker) => {
            WORKERS_ALIVE.fetch_add(1, Ordering::Relaxed);
            WORKERS.with(|w| w.borrow_mut().insert(n, (worker, on_message)));
            Ok(())
        }
        Err(e) => Err(SpawnError(format!("{e:?}"))),
    }
}

/// Workers the host creates per turn of its event loop: creating one costs the page a
/// little time (new Worker, the module and memory posted), and a thread bomb asks for
/// hundreds at once; a few per turn keep the page drawing frames.
const CREATE_PER_TURN: usize = 2;

/// Creates the workers pool workers asked for, a few per turn. One no longer needed
/// (its job was taken by a worker that came back, or its program was stopped and its
/// jobs ran out) is not created.
async fn create_wanted_workers() {
    loop {
        for _ in 0..CREATE_PER_TURN {
            if WANTED.with(|w| w.get()) == 0 {
                break;
            }
            WANTED.with(|w| w.set(w.get() - 1));
            let needed = match try_lock_spinning() {
                // `starting` counts this request: needed if the queue outgrows the rest.
                Some(pool) => pool.jobs.len() + 1 > pool.capacity(),
                None => true,
            };
            if !needed {
                if let Some(mut pool) = try_lock_spinning() {
                    pool.starting = pool.starting.saturating_sub(1);
                }
                continue;
            }
            if let Err(e) = create_worker(0) {
                report_error(&e.to_string());
                if let Some(mut pool) = try_lock_spinning() {
                    pool.starting = pool.starting.saturating_sub(1);
                }
            }
        }
        if WANTED.with(|w| w.get()) == 0 {
            CREATING.with(|c| c.set(false));
            return;
        }
        super::timer::sleep_ms(10).await;
    }
}

/// Host side: what a worker tells us.
fn handle_worker_message(worker: usize, data: JsValue) {
    let kind = Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
    match kind.as_deref() {
        Some("threadlab_spawn_request") => {
            WANTED.with(|w| w.set(w.get() + 1));
            if !CREATING.with(|c| c.replace(true)) {
                wasm_bindgen_futures::spawn_local(create_wanted_workers());
            }
        }
        Some("threadlab_worker_exit") => {
            WORKERS_ALIVE.fetch_sub(1, Ordering::Relaxed);
            EXITED.with(|e| e.borrow_mut().push(worker));
        }
        Some("threadlab_worker_error") => {
            // The worker trapped (after a panic) or failed to start; it has closed.
            WORKERS_ALIVE.fetch_sub(1, Ordering::Relaxed);
            EXITED.with(|e| e.borrow_mut().push(worker));
            if attributed(&data) {
                // Its program already ended with a message naming the thread.
                web_sys::console::error_1(&message_of(&data).into());
            } else {
                report_error(&message_of(&data));
            }
        }
        Some("threadlab_panic") if attributed(&data) => web_sys::console::error_1(&message_of(&data).into()),
        Some("threadlab_panic") => report_error(&message_of(&data)),
        _ => {}
    }
}

/// True when the failure was a program's thread and that program was told (`fault.rs`).
fn attributed(data: &JsValue) -> bool {
    Reflect::get(data, &"attributed".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Called by worker.js on a worker whose job just trapped (`error` is the JS error):
/// ends the program whose thread it ran, saying what happened, and returns true; false
/// when it ran no program's thread. A panic before the trap has already said so.
#[wasm_bindgen]
pub fn threadlab_worker_trapped(error: String) -> bool {
    let what = match crate::vm::memory::take_refused() {
        Some(n) => format!("it ran out of memory (an allocation of {:.1} MiB failed)", n as f64 / 1048576.0),
        None => {
            let first = error.lines().next().unwrap_or("").trim();
            format!("a WebAssembly trap ({})", if first.is_empty() { "no message" } else { first })
        }
    };
    crate::runtime::fault::report(&what)
}

fn message_of(data: &JsValue) -> String {
    Reflect::get(data, &"message".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "a worker failed".into())
}

fn report_error(message: &str) {
    WORKER_FAILURES.fetch_add(1, Ordering::Relaxed);
    web_sys::console::error_1(&message.into());
    ON_ERROR.with(|f| {
        if let Some(f) = f.borrow().as_ref() {
            let _ = f.call1(&JsValue::NULL, &message.into());
        }
    });
}

/// Entry point of every worker, called by worker.js after instantiation. Runs the
/// first job, then serves the pool; returns when the worker should retire.
#[wasm_bindgen]
pub fn threadlab_worker_main(first_job: usize) {
    IN_POOL.with(|p| p.set(true));
    super::panic::install_worker_hook();
    super::library::install();
    if first_job != 0 {
        let job = unsafe { Box::from_raw(first_job as *mut Job) };
        run(*job);
    } else {
        let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
        pool.starting = pool.starting.saturating_sub(1);
        pool.idle += 1;
    }
    let mut counted_idle = first_job == 0;
    loop {
        if !counted_idle {
            RETURNING.fetch_add(1, Ordering::AcqRel);
        }
        let Some(job) = next_job(counted_idle) else { break };
        run(job);
        counted_idle = false;
    }
}

fn run(job: Job) {
    JOBS_STARTED.fetch_add(1, Ordering::Relaxed);
    job();
}

/// Waits for the next job. `counted_idle` is true when this worker already counted
/// itself idle (it arrived through a spawn request, for which a job is queued);
/// otherwise it counted itself in `RETURNING`.
fn next_job(mut counted_idle: bool) -> Option<Job> {
    let mut pool = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if !counted_idle {
        RETURNING.fetch_sub(1, Ordering::AcqRel);
    }
    loop {
        if let Some(job) = pool.jobs.pop_front() {
            if counted_idle {
                pool.idle -= 1;
            }
            return Some(job);
        }
        if !counted_idle {
            if pool.idle >= MAX_IDLE {
                WORKERS_RETIRED.fetch_add(1, Ordering::Relaxed);
                return None;
            }
            pool.idle += 1;
            counted_idle = true;
        }
        let (guard, timeout) =
            WORK.wait_timeout(pool, Duration::from_millis(IDLE_TIMEOUT_MS.load(Ordering::Relaxed)))
                .unwrap_or_else(|e| e.into_inner());
        pool = guard;
        if timeout.timed_out() && pool.jobs.is_empty() {
            pool.idle -= 1;
            WORKERS_RETIRED.fetch_add(1, Ordering::Relaxed);
            return None;
        }
    }
}

/// Bytes of wasm memory in use by the module right now (it only grows).
pub fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer = memory.buffer();
    Reflect::get(&buffer, &"byteLength".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}
