//! One running program's threads: the registry of who is alive and what each waits
//! for, the [`Scheduler`] the VM consults, the host wrapper every thread writes
//! through, and the preemptive runner (GIL or free-threaded: one host thread per
//! Python thread). The stepped runner lives in `stepper.rs` and shares all of this.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use super::gil::Gil;
use super::program::{Mode, Spawn};
use super::stepper::{Baton, StepOptions, TurnEnd, NS_PER_STEP};
use super::trace::{Recorder, ThreadTrace, What};
use crate::vm::host::{Decision, Host, Scheduler, ThreadNo, WaitReason};
use crate::vm::interp::{run_thread, RunOutcome, Vm};
use crate::vm::exc::ExcType;
use crate::vm::lock::{Lock, Wait};
use crate::vm::value::Value;

/// How long a blocked thread waits before looking at stop / kill / deadlock again.
const SLICE: f64 = 0.05;
/// A deadlock must look the same for this long before it is reported (a thread that
/// was just woken has not yet said so).
const DEADLOCK_GRACE: f64 = 0.25;

/// What a blocked thread waits for, described for people.
#[derive(Clone, Debug)]
pub struct WaitInfo {
    /// "lock", "rlock", "join", "event", "queue", "condition", "semaphore", ...
    pub kind: &'static str,
    /// The API the program called, e.g. `Thread.join` or `Lock.acquire`.
    pub api: String,
    /// The program's line that waits, and its source text.
    pub line: u32,
    pub text: String,
}

#[derive(Clone)]
enum State {
    Running,
    Sleeping,
    Blocked { lock: Arc<Lock>, timed: bool, info: WaitInfo },
}

struct Entry {
    name: String,
    state: State,
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
        self.inner.read_line()
    }
}

/// How a thread's run ended.
pub enum Ended {
    Finished(Result<Value, Value>),
    /// The program was stopped or is over: the thread was abandoned where it was.
    Killed,
}

/// The shared state of one program run.
pub struct Program {
    pub mode: Mode,
    pub host: Arc<ProgramHost>,
    spawn: Arc<dyn Spawn>,
    gil: Option<Gil>,
    trace: Option<Arc<Recorder>>,
    pub filename: String,
    next_no: AtomicU64,
    killed: Arc<AtomicBool>,
    /// Set when the run ends early (deadlock): the exit code to report.
    pub forced_exit: AtomicI32,
    registry: Mutex<Registry>,
    /// Stepped mode: who may run next.
    baton: Option<Baton>,
    me: Weak<Program>,
}

impl Program {
    pub fn new(mode: Mode, seed: u64, step: StepOptions, inner: Arc<dyn Host>, spawn: Arc<dyn Spawn>, trace: Option<Arc<Recorder>>, filename: &str) -> Arc<Program> {
        let killed = Arc::new(AtomicBool::new(false));
        let wall0 = inner.wall();
        let host = Arc::new(ProgramHost {
            inner,
            closed: AtomicBool::new(false),
            killed: killed.clone(),
            virtual_ns: (mode == Mode::Step).then(|| AtomicU64::new(0)),
            wall0,
        });
        Arc::new_cyclic(|me| Program {
            mode,
            host,
            spawn,
            gil: (mode == Mode::Gil).then(Gil::new),
            trace,
            filename: filename.into(),
            next_no: AtomicU64::new(2),
            killed,
            forced_exit: AtomicI32::new(-1),
            registry: Mutex::new(Registry::default()),
            baton: (mode == Mode::Step).then(|| Baton::new(seed, step)),
            me: me.clone(),
        })
    }

    fn reg(&self) -> MutexGuard<'_, Registry> {
        self.registry.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn killed(&self) -> bool {
        self.killed.load(Ordering::Relaxed)
    }

    /// Abandons every thread (Stop, deadlock, or the end of the program with daemon
    /// threads still running).
    pub fn kill(&self) {
        self.killed.store(true, Ordering::Relaxed);
        if let Some(b) = &self.baton {
            b.wake_all();
        }
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

    /// Registers a thread and gives it its trace buffer.
    pub fn register(&self, vm: &mut Vm, no: ThreadNo, name: &str) {
        vm.ident = no;
        self.reg().threads.insert(no, Entry { name: name.into(), state: State::Running, generation: 0 });
        if let Some(b) = &self.baton {
            b.add(no);
        }
        if let Some(r) = &self.trace {
            let t: Arc<ThreadTrace> = r.thread(no, name);
            vm.set_trace(Some(t));
        }
    }

    pub fn unregister(&self, vm: &Vm) {
        self.reg().threads.remove(&vm.ident);
        self.record(vm, What::Finished);
    }

    /// A blocked thread's name and what it waits for (deadlock reports).
    pub fn waiting_info(&self, no: ThreadNo) -> Option<(String, WaitInfo)> {
        let reg = self.reg();
        let e = reg.threads.get(&no)?;
        match &e.state {
            State::Blocked { info, .. } => Some((e.name.clone(), info.clone())),
            _ => None,
        }
    }

    pub fn name_of(&self, no: ThreadNo) -> String {
        self.reg().threads.get(&no).map(|e| e.name.clone()).unwrap_or_else(|| format!("Thread {no}"))
    }

    /// The source text of line `line` of the program.
    fn source_line(&self, vm: &Vm, line: u32) -> String {
        let sources = vm.interp.sources.lock().unwrap_or_else(|e| e.into_inner());
        sources
            .get(self.filename.as_str())
            .and_then(|s| s.lines().nth(line.saturating_sub(1) as usize))
            .map(|l| l.trim().to_string())
            .unwrap_or_default()
    }

    /// What `vm` is waiting in, from its frames: the library function the program
    /// called (`Thread.join`, `Queue.get`...), or a bare lock.
    pub fn describe_wait(&self, vm: &Vm, lock: Option<&Lock>) -> WaitInfo {
        let mut api: Option<String> = None;
        for f in vm.frames.iter().rev() {
            if *f.code.filename == *self.filename {
                break;
            }
            api = Some(f.code.qualname.to_string());
        }
        let (line, _) = vm.user_line(&self.filename).unwrap_or((0, "".into()));
        let text = self.source_line(vm, line);
        let class = api.as_deref().and_then(|a| a.split('.').next()).unwrap_or("");
        let method = api.as_deref().and_then(|a| a.rsplit('.').next()).unwrap_or("");
        let kind = match class {
            // Thread.start waits (on an Event) until the new thread is running.
            "Thread" | "Timer" | "_MainThread" if method == "start" => "event",
            "Thread" | "Timer" | "_MainThread" => "join",
            "Event" => "event",
            "Queue" | "LifoQueue" | "PriorityQueue" | "SimpleQueue" | "_PySimpleQueue" => "queue",
            "Condition" => "condition",
            "Semaphore" | "BoundedSemaphore" => "semaphore",
            "Barrier" => "barrier",
            "Future" | "as_completed" | "wait" => "future",
            "ThreadPoolExecutor" | "Executor" | "_shutdown" => "join",
            _ if lock.map(|l| l.is_reentrant()).unwrap_or(false) => "rlock",
            _ => "lock",
        };
        let api = api.unwrap_or_else(|| if kind == "rlock" { "RLock.acquire".into() } else { "Lock.acquire".into() });
        WaitInfo { kind, api, line, text }
    }

    fn set_state(&self, no: ThreadNo, state: State) {
        let mut reg = self.reg();
        if let Some(e) = reg.threads.get_mut(&no) {
            if matches!(state, State::Blocked { .. }) {
                e.generation += 1;
            }
            e.state = state;
        }
    }

    /// Preemptive modes: is every live thread blocked for good? A candidate must stay
    /// unchanged for `DEADLOCK_GRACE` seconds before it counts. Returns the report.
    fn check_deadlock(&self) -> Option<String> {
        let now = self.host.now();
        let mut reg = self.reg();
        let stuck = !reg.threads.is_empty()
            && reg.threads.values().all(|e| matches!(&e.state, State::Blocked { lock, timed: false, .. } if lock.locked()));
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
            State::Blocked { lock, info, .. } => {
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

    // ------------------------------------------------ the preemptive runner

    /// Runs `vm` on the calling host thread until it finishes or is abandoned.
    pub fn drive(&self, vm: &mut Vm) -> Ended {
        crate::vm::stack::mark_base();
        if let Some(b) = &self.baton {
            return self.drive_stepped(b, vm);
        }
        let me = vm.ident;
        self.take_gil(vm);
        let ended = loop {
            if self.killed() {
                break Ended::Killed;
            }
            match run_thread(vm, i64::MAX as u64) {
                RunOutcome::Yielded => {
                    if self.killed() {
                        break Ended::Killed;
                    }
                    if let Some(g) = &self.gil {
                        self.record(vm, What::GilDropped);
                        g.release(me);
                        self.take_gil(vm);
                    }
                }
                RunOutcome::Blocked(w) => {
                    // The line it blocks on (check points alone may have missed it).
                    vm.trace_line();
                    if let Some(g) = &self.gil {
                        self.record(vm, What::GilDropped);
                        g.release_for_blocking(me);
                    }
                    let r = self.wait(vm, &w);
                    self.take_gil(vm);
                    match r {
                        Waited::Done(Some(v)) => vm.finish_wait(v),
                        Waited::Done(None) => {}
                        Waited::Raise(e) => {
                            if let Err(e) = vm.fail_wait(e) {
                                break Ended::Finished(Err(e));
                            }
                        }
                        Waited::Killed => break Ended::Killed,
                    }
                }
                RunOutcome::Finished(r) => break Ended::Finished(r),
            }
        };
        if let Some(g) = &self.gil {
            if g.holder() == Some(me) {
                self.record(vm, What::GilDropped);
                g.release_for_blocking(me);
            }
        }
        ended
    }

    /// Stepped mode: run only while holding the baton, a burst at a time.
    fn drive_stepped(&self, b: &Baton, vm: &mut Vm) -> Ended {
        let me = vm.ident;
        vm.set_stepping(true);
        match b.wait_turn(self, me) {
            TurnEnd::Killed => return Ended::Killed,
            TurnEnd::Go(burst, _) => vm.steps_left = burst,
        }
        // The turn is recorded like the GIL: taken when a turn starts, dropped when
        // it ends (the timeline shows who ran when).
        self.record(vm, What::GilTaken);
        loop {
            let before = vm.steps_left;
            let out = run_thread(vm, i64::MAX as u64);
            self.host.advance(before.saturating_sub(vm.steps_left).max(1) as u64 * NS_PER_STEP);
            if self.killed() {
                return Ended::Killed;
            }
            if !matches!(out, RunOutcome::Finished(_)) {
                self.record(vm, What::GilDropped);
            }
            let turn = match out {
                RunOutcome::Yielded => b.yield_turn(self, me),
                RunOutcome::Blocked(w) => {
                    vm.trace_line();
                    self.note_wait(vm, &w);
                    let t = b.block(self, me, &w);
                    self.set_state(me, State::Running);
                    if let TurnEnd::Go(_, Some(v)) = &t {
                        self.record(vm, What::Woke(matches!(v, Value::Bool(true))));
                        vm.finish_wait(v.clone());
                    }
                    t
                }
                RunOutcome::Finished(r) => {
                    // The main thread keeps the baton: its shutdown call comes next.
                    if !vm.is_main {
                        b.pass(self, me, None);
                    }
                    return Ended::Finished(r);
                }
            };
            match turn {
                TurnEnd::Killed => return Ended::Killed,
                TurnEnd::Go(burst, _) => vm.steps_left = burst,
            }
            self.record(vm, What::GilTaken);
        }
    }

    /// `vm` is about to wait on `w`: the trace event and the registry state (what a
    /// deadlock report reads), from one description of the wait.
    fn note_wait(&self, vm: &Vm, w: &WaitReason) {
        match w {
            WaitReason::Sleep { until } => {
                self.set_state(vm.ident, State::Sleeping);
                self.record(vm, What::Sleeping((until - self.host.now()).max(0.0)));
            }
            WaitReason::Lock { lock, deadline, .. } => {
                let info = self.describe_wait(vm, Some(lock));
                self.record(vm, What::Waiting(info.kind, info.text.clone()));
                self.set_state(vm.ident, State::Blocked { lock: lock.clone(), timed: deadline.is_some(), info });
            }
        }
    }

    fn take_gil(&self, vm: &Vm) {
        if let Some(g) = &self.gil {
            let interval = *vm.interp.switch_interval.lock().unwrap_or_else(|e| e.into_inner());
            if (interval - g.switch_interval()).abs() > 1e-9 {
                g.set_switch_interval(interval);
            }
            g.take(vm.ident);
            self.record(vm, What::GilTaken);
        }
    }

    /// Waits on the host thread for `w` (the GIL is not held).
    fn wait(&self, vm: &Vm, w: &WaitReason) -> Waited {
        let me = vm.ident;
        let interrupt = || vm.is_main && self.host.stop_pressed();
        self.note_wait(vm, w);
        let r = match w {
            WaitReason::Sleep { until } => {
                self.host.wait_until(*until);
                if self.killed() {
                    Waited::Killed
                } else if interrupt() {
                    Waited::Raise(keyboard_interrupt())
                } else {
                    Waited::Done(None)
                }
            }
            WaitReason::Lock { lock, deadline, count } => {
                let now = || self.host.now();
                loop {
                    let slice = match deadline {
                        Some(d) => (d - now()).clamp(0.0, SLICE),
                        None => SLICE,
                    };
                    if lock.acquire_at(me, Wait::For(Duration::from_secs_f64(slice)), &now, *count) {
                        self.record(vm, What::Woke(true));
                        break Waited::Done(Some(Value::Bool(true)));
                    }
                    if deadline.map(|d| now() >= d).unwrap_or(false) {
                        self.record(vm, What::Woke(false));
                        break Waited::Done(Some(Value::Bool(false)));
                    }
                    if self.killed() {
                        break Waited::Killed;
                    }
                    if interrupt() {
                        break Waited::Raise(keyboard_interrupt());
                    }
                    if let Some(report) = self.check_deadlock() {
                        self.deadlocked(&report);
                        break Waited::Killed;
                    }
                }
            }
        };
        self.set_state(me, State::Running);
        r
    }

    /// Starts `vm` as a new thread on its own host thread.
    fn start_preemptive(&self, mut vm: Vm) -> Result<ThreadNo, String> {
        let no = self.next_no.fetch_add(1, Ordering::Relaxed);
        self.register(&mut vm, no, &format!("Thread {no}"));
        let Some(prog) = self.me.upgrade() else { return Err("can't start new thread".into()) };
        let started = self.spawn.spawn(Box::new(move || {
            let mut vm = vm;
            // Started when a host thread really runs it (a cold worker takes a while).
            prog.record(&vm, What::Started);
            if let Ended::Finished(Err(e)) = prog.drive(&mut vm) {
                if !prog.killed() {
                    let text = vm.format_exception(&e);
                    prog.host.write_stderr(&text);
                }
            }
            prog.unregister(&vm);
        }));
        if let Err(e) = started {
            self.reg().threads.remove(&no);
            return Err(format!("can't start new thread ({e})"));
        }
        Ok(no)
    }
}

pub enum Waited {
    /// The wait is over; the blocking call returns this (None: what it returned).
    Done(Option<Value>),
    Raise(Value),
    Killed,
}

/// Ends an abandoned thread that cannot be dropped where it is (inside a builtin's
/// callback): SystemExit, which threading's excepthook ignores.
fn abandoned() -> Value {
    ExcType::SystemExit.bare()
}

pub fn keyboard_interrupt() -> Value {
    ExcType::KeyboardInterrupt.bare()
}

/// The deadlock report: one line per blocked thread, then a Python-style error line.
pub fn deadlock_text(blocked: impl Iterator<Item = (String, WaitInfo, Option<String>)>) -> String {
    let mut out = String::from("Deadlock: every thread is waiting and none of them can go on.\n");
    let mut n = 0;
    for (name, info, holder) in blocked {
        n += 1;
        let what = match (&holder, info.kind) {
            (Some(h), "lock" | "rlock") => format!("waits for a lock held by {h}"),
            (None, "lock" | "rlock") => "waits for a lock nobody will release".to_string(),
            _ => format!("waits in {}()", info.api),
        };
        out.push_str(&format!("  {name} {what}, line {}: {}\n", info.line, info.text));
    }
    out.push_str(&format!("RuntimeError: deadlock: all {n} threads are blocked forever\n"));
    out
}

impl Scheduler for Program {
    fn check_point(&self) -> Decision {
        if self.killed() || self.gil.as_ref().map(|g| g.drop_requested()).unwrap_or(false) {
            Decision::Yield
        } else {
            Decision::Continue
        }
    }

    fn wait_in_place(&self, me: ThreadNo, why: &WaitReason, host: &dyn Host) -> Result<Option<Value>, Value> {
        if let Some(b) = &self.baton {
            if let WaitReason::Lock { lock, deadline, .. } = why {
                let info = WaitInfo { kind: "lock", api: "acquire".into(), line: 0, text: String::new() };
                self.set_state(me, State::Blocked { lock: lock.clone(), timed: deadline.is_some(), info });
            }
            let t = b.block(self, me, why);
            self.set_state(me, State::Running);
            return match t {
                TurnEnd::Go(_, r) => Ok(r),
                TurnEnd::Killed => Err(abandoned()),
            };
        }
        let g = self.gil.as_ref();
        if let Some(g) = g {
            g.release_for_blocking(me);
        }
        let r = match why {
            WaitReason::Sleep { until } => {
                host.wait_until(*until);
                Ok(None)
            }
            WaitReason::Lock { lock, deadline, count } => {
                let now = || self.host.now();
                let wait = match deadline {
                    None => Wait::Forever,
                    Some(d) => Wait::For(Duration::from_secs_f64((d - now()).max(0.0))),
                };
                Ok(Some(Value::Bool(lock.acquire_at(me, wait, &now, *count))))
            }
        };
        if let Some(g) = g {
            g.take(me);
        }
        r
    }

    fn start_thread(&self, vm: Vm) -> Result<ThreadNo, String> {
        if self.killed() {
            return Err("can't start new thread".into());
        }
        self.start_preemptive(vm)
    }

    fn yield_in_place(&self, me: ThreadNo) -> Result<u32, Value> {
        if self.killed() {
            return Err(abandoned());
        }
        if let Some(b) = &self.baton {
            return match b.yield_turn(self, me) {
                TurnEnd::Go(burst, _) => Ok(burst),
                TurnEnd::Killed => Err(abandoned()),
            };
        }
        if let Some(g) = &self.gil {
            g.release(me);
            g.take(me);
        }
        Ok(0)
    }

    fn without_gil(&self, me: ThreadNo, f: &mut dyn FnMut()) {
        match &self.gil {
            Some(g) => {
                g.release_for_blocking(me);
                f();
                g.take(me);
            }
            None => f(),
        }
    }

    fn thread_named(&self, me: ThreadNo, name: &str) {
        if let Some(e) = self.reg().threads.get_mut(&me) {
            e.name = name.to_string();
        }
        if let Some(r) = &self.trace {
            r.rename(me, name);
        }
    }

    fn thread_count(&self) -> usize {
        self.reg().threads.len()
    }
}
