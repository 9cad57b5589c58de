//! One running program's shared state, whichever runner runs its threads: the
//! [`Program`] registry of who is alive and what each waits for (what deadlock reports
//! read), the [`ProgramHost`] every thread writes through, and the [`Runner`] trait the
//! two runners implement (`threads.rs`: GIL or free-threaded; `stepper.rs`: stepped).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::deadlock::{describe_wait, deadlock_text, WaitInfo};
use super::options::{Mode, Spawn};
use super::trace::{Recorder, ThreadTrace, What};
use crate::vm::host::{Host, Scheduler, ThreadNo, WaitReason};
use crate::vm::interp::{Interpreter, Vm};
use crate::vm::lock::Lock;
use crate::vm::exc::ExcType;
use crate::vm::value::Value;

/// A deadlock must look the same for this long before it is reported (a thread that
/// was just woken has not yet said so).
const DEADLOCK_GRACE: f64 = 0.25;

/// What a registered thread is doing, as far as deadlock detection cares.
#[derive(Clone)]
pub enum ThreadState {
    Running,
    Sleeping,
    Blocked { lock: Arc<Lock>, timed: bool, info: WaitInfo },
}

struct Entry {
    name: String,
    state: ThreadState,
    /// Counts waits, so a deadlock candidate can tell "still the same wait".
    generation: u64,
}

#[derive(Default)]
struct Registry {
    threads: BTreeMap<ThreadNo, Entry>,
    /// (snapshot of generations, first seen at) of a possible deadlock.
    candidate: Option<(Vec<(ThreadNo, u64)>, f64)>,
}

/// The host every thread of the program writes through: drops output once the
/// program is over (abandoned daemon threads stay silent) and, in stepped mode,
/// replaces the clock with a virtual one so a seed fully determines the run.
pub struct ProgramHost {
    inner: Arc<dyn Host>,
    closed: AtomicBool,
    killed: Arc<AtomicBool>,
    /// Stepped mode: virtual time in nanoseconds.
    virtual_ns: Option<AtomicU64>,
    wall0: f64,
    /// Armed by a test: `_testfault` may be imported ([`Program::allow_test_faults`]).
    test_faults: AtomicBool,
    /// What `open()` reads and writes, and where `import` looks first: the files given
    /// with the program ([`Program::give_files`]) and those it wrote, in memory.
    fs: crate::vm::files::Files,
    /// Lines given with the program ([`Program::give_stdin`]), read before EOF.
    stdin: std::sync::Mutex<Option<std::collections::VecDeque<String>>>,
}

impl ProgramHost {
    /// The run's file system: a child process's is its parent's (processes share the
    /// disk), a program's own otherwise.
    fn fs(&self) -> &crate::vm::files::Files {
        self.inner.files().unwrap_or(&self.fs)
    }
}

impl ProgramHost {
    pub fn advance(&self, ns: u64) {
        if let Some(v) = &self.virtual_ns {
            v.fetch_add(ns, Ordering::Relaxed);
        }
    }
    pub fn advance_to(&self, t: f64) {
        if let Some(v) = &self.virtual_ns {
            // One nanosecond past `t`, so `now() >= t` holds despite rounding.
            v.fetch_max((t * 1e9).ceil() as u64 + 1, Ordering::Relaxed);
        }
    }
    /// Stop pressed on the page (or SIGINT-like request), as opposed to `killed`.
    pub fn stop_pressed(&self) -> bool {
        self.inner.stop_requested()
    }
}

impl Host for ProgramHost {
    fn write_stdout(&self, s: &str) {
        if !self.closed.load(Ordering::Relaxed) {
            self.inner.write_stdout(s)
        }
    }
    fn write_stderr(&self, s: &str) {
        if !self.closed.load(Ordering::Relaxed) {
            self.inner.write_stderr(s)
        }
    }
    fn flush(&self) {
        self.inner.flush()
    }
    fn now(&self) -> f64 {
        match &self.virtual_ns {
            Some(v) => v.load(Ordering::Relaxed) as f64 / 1e9,
            None => self.inner.now(),
        }
    }
    fn wall(&self) -> f64 {
        match &self.virtual_ns {
            Some(_) => self.wall0 + self.now(),
            None => self.inner.wall(),
        }
    }
    fn wait_until(&self, t: f64) {
        match &self.virtual_ns {
            Some(_) => self.advance_to(t),
            None => self.inner.wait_until(t),
        }
    }
    fn stop_requested(&self) -> bool {
        self.inner.stop_requested() || self.killed.load(Ordering::Relaxed)
    }
    fn read_line(&self) -> Option<String> {
        match &mut *self.stdin.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(lines) => lines.pop_front(),
            None => self.inner.read_line(),
        }
    }
    fn local_module(&self, name: &str) -> Option<crate::vm::host::LocalModule> {
        let path = name.replace('.', "/");
        for (file, package) in [(format!("{path}.py"), false), (format!("{path}/__init__.py"), true)] {
            // The run's own files only: the host's folder is the host's `local_module`.
            if let Ok(bytes) = self.fs().read(&file, &crate::vm::files::NoDisk) {
                let source = String::from_utf8_lossy(&bytes).into_owned();
                return Some(crate::vm::host::LocalModule { filename: file, source, package });
            }
        }
        self.inner.local_module(name)
    }
    fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        self.inner.read_file(path)
    }
    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        self.inner.list_dir(path)
    }
    fn files(&self) -> Option<&crate::vm::files::Files> {
        Some(self.fs())
    }
    fn crashed(&self, message: &str) {
        self.inner.crashed(message)
    }
    fn test_faults(&self) -> bool {
        self.test_faults.load(Ordering::Relaxed)
    }
    fn fetch(&self, req: &crate::vm::host::HttpRequest) -> Result<crate::vm::host::HttpResponse, crate::vm::host::NetError> {
        self.inner.fetch(req)
    }
    fn origin(&self) -> Option<String> {
        self.inner.origin()
    }
    fn process_ids(&self) -> (u32, u32) {
        self.inner.process_ids()
    }
}

/// A lock for a dying thread: it may have died holding this very lock (in the browser a
/// panic's hook runs before anything is released), so it never waits for long. Another
/// thread holding it briefly is waited for (up to 50 ms); a lock poisoned by the panic
/// is taken anyway.
fn lock_soon<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    for _ in 0..50 {
        match m.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => std::thread::sleep(std::time::Duration::from_millis(1)),
        }
    }
    None
}

/// How a thread's run ended.
pub enum Ended {
    Finished(Result<Value, Value>),
    /// The program was stopped or is over: the thread was abandoned where it was.
    Killed,
    /// Finished, and the runner already ended it ([`Program::end_thread`]) before giving
    /// up its turn: the stepped runner does, so the next thread to run sees it gone.
    Over,
}

/// The shared state of one program run.
pub struct Program {
    pub mode: Mode,
    pub host: Arc<ProgramHost>,
    pub(super) spawn: Arc<dyn Spawn>,
    /// The source and options it was run with, for a `multiprocessing` child to run
    /// again (`process.rs`); None where no process may start (the explorer).
    pub(super) launch: Mutex<Option<(Arc<str>, super::options::Options)>>,
    trace: Option<Arc<Recorder>>,
    pub filename: String,
    next_no: AtomicU64,
    killed: Arc<AtomicBool>,
    /// Set when the run ends early (deadlock): the exit code to report.
    pub forced_exit: AtomicI32,
    registry: Mutex<Registry>,
    /// The program's interpreter from the end of `run` until its last thread is gone;
    /// then it is finalized (its reference cycles broken, see `vm/finalize.rs`).
    ending: Mutex<Option<Arc<Interpreter>>>,
}

impl Program {
    pub fn new(mode: Mode, inner: Arc<dyn Host>, spawn: Arc<dyn Spawn>, trace: Option<Arc<Recorder>>, filename: &str) -> Arc<Program> {
        // The host's kill switch, if it has one, is the program's: a host that saw a
        // worker die (and nobody report it) can abandon every thread at once.
        let killed = inner.kill_switch().unwrap_or_else(|| Arc::new(AtomicBool::new(false)));
        let wall0 = inner.wall();
        let host = Arc::new(ProgramHost {
            inner,
            closed: AtomicBool::new(false),
            killed: killed.clone(),
            virtual_ns: (mode == Mode::Step).then(|| AtomicU64::new(0)),
            wall0,
            test_faults: AtomicBool::new(false),
            fs: Default::default(),
            stdin: Default::default(),
        });
        Arc::new(Program {
            mode,
            host,
            spawn,
            trace,
            filename: filename.into(),
            next_no: AtomicU64::new(2),
            killed,
            forced_exit: AtomicI32::new(-1),
            registry: Mutex::new(Registry::default()),
            ending: Mutex::new(None),
            launch: Mutex::new(None),
        })
    }

    fn reg(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn killed(&self) -> bool {
        self.killed.load(Ordering::Relaxed)
    }

    /// The flag [`Program::kill`] sets (the GIL watches it while a thread waits).
    pub fn kill_flag(&self) -> Arc<AtomicBool> {
        self.killed.clone()
    }

    /// Files (path -> text) the program can open and import (see [`Options::files`]).
    pub fn give_files(&self, files: Arc<std::collections::BTreeMap<String, String>>) {
        self.host.fs().seed(&files);
    }

    /// What `input()` reads instead of the host's stdin (see [`Options::stdin`]): its
    /// lines, then EOF. A last line without a newline is a line too, as when piped.
    pub fn give_stdin(&self, text: &str) {
        let lines = text.lines().map(str::to_string).collect();
        *self.host.stdin.lock().unwrap_or_else(|e| e.into_inner()) = Some(lines);
    }

    /// Lets this run import `_testfault` (fault-injection tests only).
    pub fn allow_test_faults(&self) {
        self.host.test_faults.store(true, Ordering::Relaxed);
    }

    /// Thread `no` died inside the engine of `what` (see `fault.rs`): the run ends with
    /// a message naming it (exit code 1), every other thread is abandoned, and the dead
    /// thread leaves the registry so the program is still finalized. Called on the dying
    /// thread, which may hold any lock: it only `try_lock`s.
    pub fn crashed(&self, no: ThreadNo, what: &str) {
        let name = lock_soon(&self.registry)
            .and_then(|reg| reg.threads.get(&no).map(|e| e.name.clone()))
            .unwrap_or_else(|| if no == 1 { "MainThread".into() } else { format!("Thread {no}") });
        // Only the first death is reported (a deadlock report, too, comes first).
        let first = self.forced_exit.compare_exchange(-1, 1, Ordering::AcqRel, Ordering::Relaxed).is_ok();
        self.kill();
        if first {
            self.host.crashed(&super::fault::crash_message(&name, what));
        }
        // Left registered, the dead thread would keep the program from ever being
        // finalized (its objects and host would live on).
        if let Some(mut reg) = lock_soon(&self.registry) {
            reg.threads.remove(&no);
        }
        self.finalize_if_idle_try();
    }

    /// [`Program::finalize_if_idle`] that gives up instead of waiting for a lock.
    fn finalize_if_idle_try(&self) {
        let interp = {
            let Some(reg) = lock_soon(&self.registry) else { return };
            if !reg.threads.is_empty() {
                return;
            }
            let Some(mut ending) = lock_soon(&self.ending) else { return };
            ending.take()
        };
        if let Some(interp) = interp {
            interp.finalize();
        }
    }

    /// Abandons every thread (Stop, deadlock, or the end of the program with daemon
    /// threads still running). A runner whose threads sleep on something of its own
    /// wakes them too ([`Runner::close`]).
    pub fn kill(&self) {
        self.killed.store(true, Ordering::Relaxed);
    }

    /// The program is over: later output from abandoned threads is dropped.
    pub fn close(&self) {
        self.kill();
        self.host.flush();
        self.host.closed.store(true, Ordering::Relaxed);
    }

    pub fn now_ms(&self) -> f64 {
        self.host.now() * 1000.0
    }

    pub fn record(&self, vm: &Vm, what: What) {
        if let Some(t) = vm.trace().and_then(|t| t.as_any().downcast_ref::<ThreadTrace>()) {
            t.push(self.now_ms(), what);
        }
    }

    /// A number for a new thread (runners that start threads themselves).
    pub fn next_thread_no(&self) -> ThreadNo {
        self.next_no.fetch_add(1, Ordering::Relaxed)
    }

    /// Registers a thread and gives it its trace buffer.
    pub fn register(&self, vm: &mut Vm, no: ThreadNo, name: &str) {
        vm.ident = no;
        self.reg().threads.insert(no, Entry { name: name.into(), state: ThreadState::Running, generation: 0 });
        if let Some(r) = &self.trace {
            let t: Arc<ThreadTrace> = r.thread(no, name);
            vm.set_trace(Some(t));
        }
    }

    /// A started thread's code finished: its uncaught exception (if any) is printed, as
    /// CPython's `_thread` does, and the thread leaves the registry (`_thread._count()`,
    /// `threading.enumerate()` and deadlock reports stop counting it).
    pub fn end_thread(&self, vm: &mut Vm, uncaught: Option<&Value>) {
        if let Some(e) = uncaught {
            if !self.killed() {
                let text = vm.format_exception(e);
                self.host.write_stderr(&text);
            }
        }
        self.unregister(vm);
    }

    pub fn unregister(&self, vm: &Vm) {
        self.reg().threads.remove(&vm.ident);
        self.record(vm, What::Finished);
        self.finalize_if_idle();
    }

    /// The program is over (`run` is returning): its interpreter is finalized once no
    /// thread of it is left, now or when the last abandoned one ends.
    pub fn finish(&self, interp: Arc<Interpreter>) {
        *self.ending.lock().unwrap_or_else(|e| e.into_inner()) = Some(interp);
        self.finalize_if_idle();
    }

    fn finalize_if_idle(&self) {
        let interp = {
            let reg = self.reg();
            if !reg.threads.is_empty() {
                return;
            }
            self.ending.lock().unwrap_or_else(|e| e.into_inner()).take()
        };
        if let Some(interp) = interp {
            interp.finalize();
        }
    }

    /// A blocked thread's name and what it waits for (deadlock reports).
    pub fn waiting_info(&self, no: ThreadNo) -> Option<(String, WaitInfo)> {
        let reg = self.reg();
        let e = reg.threads.get(&no)?;
        match &e.state {
            ThreadState::Blocked { info, .. } => Some((e.name.clone(), info.clone())),
            _ => None,
        }
    }

    pub fn name_of(&self, no: ThreadNo) -> String {
        self.reg().threads.get(&no).map(|e| e.name.clone()).unwrap_or_else(|| format!("Thread {no}"))
    }

    /// What `vm` is waiting in (see [`describe_wait`]).
    pub fn describe_wait(&self, vm: &Vm, lock: Option<&Lock>) -> WaitInfo {
        describe_wait(vm, &self.filename, lock)
    }

    pub fn set_state(&self, no: ThreadNo, state: ThreadState) {
        let mut reg = self.reg();
        if let Some(e) = reg.threads.get_mut(&no) {
            if matches!(state, ThreadState::Blocked { .. }) {
                e.generation += 1;
            }
            e.state = state;
        }
    }

    /// Preemptive modes: is every live thread blocked for good? A candidate must stay
    /// unchanged for `DEADLOCK_GRACE` seconds before it counts. Returns the report.
    pub fn check_deadlock(&self) -> Option<String> {
        let now = self.host.now();
        let mut reg = self.reg();
        let stuck = !reg.threads.is_empty()
            && reg.threads.values().all(|e| matches!(&e.state, ThreadState::Blocked { lock, timed: false, .. } if lock.locked()));
        if !stuck {
            reg.candidate = None;
            return None;
        }
        let snapshot: Vec<(ThreadNo, u64)> = reg.threads.iter().map(|(n, e)| (*n, e.generation)).collect();
        match &reg.candidate {
            Some((s, since)) if *s == snapshot => (now - since >= DEADLOCK_GRACE).then(|| self.deadlock_report(&reg)),
            _ => {
                reg.candidate = Some((snapshot, now));
                None
            }
        }
    }

    fn deadlock_report(&self, reg: &Registry) -> String {
        deadlock_text(reg.threads.iter().filter_map(|(no, e)| match &e.state {
            ThreadState::Blocked { lock, info, .. } => {
                let holder = lock
                    .blocker_of(*no, info.kind)
                    .map(|h| reg.threads.get(&h).map(|e| e.name.clone()).unwrap_or_else(|| format!("Thread {h}")));
                Some((e.name.clone(), info.clone(), holder))
            }
            _ => None,
        }))
    }

    /// Ends the program because of a deadlock: prints the report, exit code 1.
    pub fn deadlocked(&self, report: &str) {
        if self.forced_exit.compare_exchange(-1, 1, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            self.host.write_stderr(report);
        }
        self.kill();
    }

    /// `vm` is about to wait on `w`: the trace event and the registry state (what a
    /// deadlock report reads), from one description of the wait.
    pub fn note_wait(&self, vm: &Vm, w: &WaitReason) {
        match w {
            WaitReason::Sleep { until } => {
                self.set_state(vm.ident, ThreadState::Sleeping);
                self.record(vm, What::Sleeping((until - self.host.now()).max(0.0)));
            }
            WaitReason::Lock { lock, deadline, .. } => {
                let info = self.describe_wait(vm, Some(lock));
                self.record(vm, What::Waiting(info.kind, info.text.clone()));
                self.set_state(vm.ident, ThreadState::Blocked { lock: lock.clone(), timed: deadline.is_some(), info });
            }
        }
    }

    /// The thread's Python name changed (`Scheduler::thread_named`).
    pub fn thread_named(&self, me: ThreadNo, name: &str) {
        if let Some(e) = self.reg().threads.get_mut(&me) {
            e.name = name.to_string();
        }
        if let Some(r) = &self.trace {
            r.rename(me, name);
        }
    }

    /// Live threads (`Scheduler::thread_count`).
    pub fn thread_count(&self) -> usize {
        self.reg().threads.len()
    }
}

/// A way of running the program's threads: the [`Scheduler`] the VM consults, plus
/// what the entry point (`run.rs`) and [`start_thread`] need.
pub trait Runner: Scheduler {
    fn program(&self) -> &Arc<Program>;
    /// Runs `vm` on the calling host thread until it finishes or is abandoned.
    fn drive(&self, vm: &mut Vm) -> Ended;
    /// Thread `no` was just registered (by its starter, or the main thread before
    /// anything runs).
    fn joined(&self, _no: ThreadNo) {}
    /// The program is over: abandons every thread, drops later output.
    fn close(&self) {
        self.program().close()
    }
    /// Thread `no` died on this host thread (natively, after its panic was caught):
    /// give back what it held (the GIL), so nobody waits for it.
    fn crashed(&self, _no: ThreadNo) {}
}

/// `Scheduler::start_thread` for a runner that keeps a weak reference to itself: no new
/// threads once the program was killed or the runner is gone.
pub fn start_thread_from<R: Runner + 'static>(me: &std::sync::Weak<R>, vm: Vm) -> Result<ThreadNo, String> {
    match me.upgrade() {
        Some(r) if !r.program().killed() => start_thread(r, vm),
        _ => Err("can't start new thread".into()),
    }
}

/// Most threads one program may have alive at once; more raise CPython's "can't start
/// new thread". In the browser each is a Web Worker with its own stack: a thread bomb
/// must end in an exception, not take the page's memory.
#[cfg(target_arch = "wasm32")]
pub const MAX_THREADS: usize = 128;
#[cfg(not(target_arch = "wasm32"))]
pub const MAX_THREADS: usize = 4096;

/// Starts `vm` as a new Python thread on its own host thread, driven by `runner`.
pub fn start_thread(runner: Arc<dyn Runner>, mut vm: Vm) -> Result<ThreadNo, String> {
    let prog = runner.program().clone();
    if prog.thread_count() >= MAX_THREADS {
        return Err("can't start new thread".into());
    }
    let no = prog.next_no.fetch_add(1, Ordering::Relaxed);
    prog.register(&mut vm, no, &format!("Thread {no}"));
    runner.joined(no);
    let started = {
        let prog = prog.clone();
        prog.spawn.clone().spawn(Box::new(move || {
            let mut vm = vm;
            let _current = super::fault::Current::enter(&prog, no);
            // Started when a host thread really runs it (a cold worker takes a while).
            prog.record(&vm, What::Started);
            // Natively a panic unwinds to here (in the browser it aborts the worker and
            // the worker's panic hook reports it): the run ends with a crash message.
            let ended = super::fault::catching(|| runner.drive(&mut vm));
            match ended {
                Ok(Ended::Over) => {}
                Ok(Ended::Finished(r)) => prog.end_thread(&mut vm, r.err().as_ref()),
                Ok(Ended::Killed) => prog.unregister(&vm),
                Err(payload) => {
                    super::fault::report(&super::fault::panic_text(&*payload));
                    runner.crashed(no);
                    prog.unregister(&vm);
                }
            }
        }))
    };
    if let Err(e) = started {
        prog.reg().threads.remove(&no);
        return Err(format!("can't start new thread ({e})"));
    }
    Ok(no)
}

/// Ends an abandoned thread that cannot be dropped where it is (inside a builtin's
/// callback): SystemExit, which threading's excepthook ignores.
pub fn abandoned() -> Value {
    ExcType::SystemExit.bare()
}
