//! `_mp`: what `multiprocessing` is built on (in Python, `src/stdlib/py/multiprocessing`).
//! Processes are whole programs of their own (`runtime/process.rs`), so nothing Python
//! crosses between them, only text the parent pickled. What they share lives here, in
//! Rust, reachable from every interpreter of the page or process:
//!
//! - channels of pickled items (`Queue`, `Pipe`, a pool's task and result queues);
//! - counting semaphores (`Lock`, `Semaphore`, `Event`'s waiters);
//! - cells holding one pickled value (`Value`, `Event`'s flag).
//!
//! Each is named by a number, so it can be pickled and opened again in a child
//! (`open`). Waits release the GIL and last at most the slice asked for: the Python side
//! loops, so Stop and timeouts are seen there. (One `Condvar::wait_timeout` per call,
//! never `wait_timeout_while`, which reads `Instant`: that panics on wasm.)

use super::*;
use crate::vm::host::ProcessLink;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Condvar, Mutex, Weak};
use std::time::Duration;

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

/// Pickled items in order.
#[derive(Default)]
struct Channel {
    items: Mutex<VecDeque<String>>,
    ready: Condvar,
}

/// A counting semaphore with an upper bound (a lock is one of 1, at most 1).
struct Sem {
    count: Mutex<u64>,
    max: u64,
    freed: Condvar,
}

/// One pickled value, and a version counter so waiters see a change.
#[derive(Default)]
struct Cell {
    text: Mutex<(String, u64)>,
    changed: Condvar,
}

#[derive(Clone)]
enum Shared {
    Channel(Arc<Channel>),
    Sem(Arc<Sem>),
    Cell(Arc<Cell>),
    Process(Arc<ProcessLink>),
}

enum WeakShared {
    Channel(Weak<Channel>),
    Sem(Weak<Sem>),
    Cell(Weak<Cell>),
}

/// A handle's payload: its number and what it names.
struct Handle {
    id: u64,
    what: Shared,
}

/// Every shared object still alive, by number (weakly: an object goes when the last
/// handle to it does, in whichever process).
static REGISTRY: Mutex<BTreeMap<u64, WeakShared>> = Mutex::new(BTreeMap::new());
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn handle_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    static T: NativeType = attrs_only(|_, _| None);
    C.get_or_init(|| native_class("handle", "_mp", &T)).clone()
}

fn wrap(id: u64, what: Shared) -> Value {
    Value::Native(Arc::new(Native { class: handle_class(), data: Mutex::new(NativeData::opaque(Handle { id, what })) }))
}

fn register(what: Shared) -> Value {
    let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let weak = match &what {
        Shared::Channel(c) => Some(WeakShared::Channel(Arc::downgrade(c))),
        Shared::Sem(s) => Some(WeakShared::Sem(Arc::downgrade(s))),
        Shared::Cell(c) => Some(WeakShared::Cell(Arc::downgrade(c))),
        Shared::Process(_) => None,
    };
    if let Some(w) = weak {
        let mut reg = lock(&REGISTRY);
        reg.retain(|_, w| match w {
            WeakShared::Channel(c) => c.strong_count() > 0,
            WeakShared::Sem(s) => s.strong_count() > 0,
            WeakShared::Cell(c) => c.strong_count() > 0,
        });
        reg.insert(id, w);
    }
    wrap(id, what)
}

fn shared(a: &[Value], i: usize) -> PyResult<(u64, Shared)> {
    if let Some(Value::Native(n)) = a.get(i) {
        if let Some(h) = lock(&n.data).downcast_ref::<Handle>() {
            return Ok((h.id, h.what.clone()));
        }
    }
    Err(type_error("expected a _mp handle"))
}

fn channel(a: &[Value]) -> PyResult<Arc<Channel>> {
    match shared(a, 0)?.1 {
        Shared::Channel(c) => Ok(c),
        _ => Err(type_error("expected a channel")),
    }
}
fn sem(a: &[Value]) -> PyResult<Arc<Sem>> {
    match shared(a, 0)?.1 {
        Shared::Sem(s) => Ok(s),
        _ => Err(type_error("expected a semaphore")),
    }
}
fn cell(a: &[Value]) -> PyResult<Arc<Cell>> {
    match shared(a, 0)?.1 {
        Shared::Cell(c) => Ok(c),
        _ => Err(type_error("expected a cell")),
    }
}
fn process(a: &[Value]) -> PyResult<Arc<ProcessLink>> {
    match shared(a, 0)?.1 {
        Shared::Process(p) => Ok(p),
        _ => Err(type_error("expected a process")),
    }
}

fn text(a: &[Value], i: usize) -> PyResult<String> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(s.s.clone()),
        Some(v) => Err(type_error(format!("expected str, not {}", type_name(v)))),
        None => Err(type_error("missing a str argument")),
    }
}

fn int(a: &[Value], i: usize) -> PyResult<i64> {
    match a.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(v) => Err(type_error(format!("expected int, not {}", type_name(v)))),
        None => Err(type_error("missing an int argument")),
    }
}

/// A wait's length in seconds (at most one second: the Python side loops).
fn slice(a: &[Value], i: usize) -> PyResult<Duration> {
    let t = a.get(i).and_then(crate::vm::ops::to_f64).ok_or_else(|| type_error("expected a timeout in seconds"))?;
    Ok(Duration::from_secs_f64(t.clamp(0.0, 1.0)))
}

/// Runs `f` with the GIL released (it may wait); then Stop, if pressed meanwhile, is
/// the main thread's KeyboardInterrupt (once), as after `time.sleep`.
fn unlocked<T>(vm: &mut Vm, f: impl FnOnce() -> T) -> PyResult<T> {
    let mut f = Some(f);
    let mut out = None;
    vm.interp.scheduler.without_gil(vm.ident, &mut || out = f.take().map(|f| f()));
    if vm.is_main && !vm.interrupted && vm.host().stop_requested() {
        vm.interrupted = true;
        return Err(ExcType::KeyboardInterrupt.bare());
    }
    Ok(out.expect("without_gil runs its closure"))
}

/// stopping() -> True once this process is being ended (terminate(), Stop, or its
/// parent's end): then it dies silently, as of a signal.
fn mp_stopping(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Bool(vm.host().stop_requested()))
}

fn mp_getpid(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(vm.host().process_ids().0 as i64))
}
fn mp_getppid(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(vm.host().process_ids().1 as i64))
}

/// start(payload) -> process: a child runs the pickled Process (OSError if it cannot).
fn mp_start(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let payload = text(&a, 0)?;
    let link = vm.interp.scheduler.start_process(payload).map_err(|why| ExcType::OSError.msg(why))?;
    Ok(wrap(0, Shared::Process(link)))
}

/// wait(process, seconds) -> its exit code, or None if it is still running.
fn mp_wait(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let p = process(&a)?;
    let d = slice(&a, 1)?;
    let code = if d.is_zero() { p.exit_code() } else { unlocked(vm, || p.wait(d))? };
    Ok(code.map(|c| Value::Int(c as i64)).unwrap_or(Value::None))
}

fn mp_pid(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(process(&a)?.pid as i64))
}

/// kill(process): abandons the child's program where it is (terminate/kill).
fn mp_kill(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let p = process(&a)?;
    p.terminated.store(true, std::sync::atomic::Ordering::Relaxed);
    p.kill.store(true, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

fn mp_channel(_vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(register(Shared::Channel(Arc::default())))
}

fn mp_put(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let c = channel(&a)?;
    lock(&c.items).push_back(text(&a, 1)?);
    c.ready.notify_one();
    Ok(Value::None)
}

/// get(channel, seconds) -> the first item, or None if none came within the time.
fn mp_get(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let c = channel(&a)?;
    let d = slice(&a, 1)?;
    let got = unlocked(vm, || {
        let mut g = lock(&c.items);
        if g.is_empty() {
            g = c.ready.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner()).0;
        }
        g.pop_front()
    })?;
    Ok(got.map(Value::string).unwrap_or(Value::None))
}

fn mp_size(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(lock(&channel(&a)?.items).len() as i64))
}

/// sem(value, maxvalue): a counting semaphore.
fn mp_sem(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let (value, max) = (int(&a, 0)?, int(&a, 1)?);
    if value < 0 || max < value {
        return Err(value_error("semaphore initial value out of range"));
    }
    Ok(register(Shared::Sem(Arc::new(Sem { count: Mutex::new(value as u64), max: max as u64, freed: Condvar::new() }))))
}

/// acquire(sem, seconds) -> True if it was taken within the time.
fn mp_acquire(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let s = sem(&a)?;
    let d = slice(&a, 1)?;
    let take = |s: &Sem, d: Duration| {
        let mut g = lock(&s.count);
        if *g == 0 && !d.is_zero() {
            g = s.freed.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner()).0;
        }
        let got = *g > 0;
        if got {
            *g -= 1;
        }
        got
    };
    let got = if d.is_zero() { take(&s, d) } else { unlocked(vm, || take(&s, d))? };
    Ok(Value::Bool(got))
}

fn mp_release(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let s = sem(&a)?;
    let mut g = lock(&s.count);
    if *g >= s.max {
        return Err(value_error("semaphore or lock released too many times"));
    }
    *g += 1;
    s.freed.notify_one();
    Ok(Value::None)
}

fn mp_sem_value(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(*lock(&sem(&a)?.count) as i64))
}

fn mp_cell(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(register(Shared::Cell(Arc::new(Cell { text: Mutex::new((text(&a, 0)?, 0)), changed: Condvar::new() }))))
}

/// cell_get(cell) -> (pickled value, version).
fn mp_cell_get(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let c = cell(&a)?;
    let g = lock(&c.text);
    Ok(Value::tuple(vec![Value::str(&g.0), Value::Int(g.1 as i64)]))
}

fn mp_cell_set(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let c = cell(&a)?;
    let t = text(&a, 1)?;
    let mut g = lock(&c.text);
    *g = (t, g.1 + 1);
    c.changed.notify_all();
    Ok(Value::None)
}

/// cell_wait(cell, version, seconds): returns once the cell's version is not `version`
/// (or the time is up).
fn mp_cell_wait(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let c = cell(&a)?;
    let version = int(&a, 1)? as u64;
    let d = slice(&a, 2)?;
    unlocked(vm, || {
        let g = lock(&c.text);
        if g.1 == version {
            drop(c.changed.wait_timeout(g, d));
        }
    })?;
    Ok(Value::None)
}

/// id(handle) -> the number that names it in every process (pickling).
fn mp_id(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(shared(&a, 0)?.0 as i64))
}

/// open(id) -> the handle of a shared object still alive somewhere (unpickling).
fn mp_open(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let id = int(&a, 0)? as u64;
    let what = match lock(&REGISTRY).get(&id) {
        Some(WeakShared::Channel(c)) => c.upgrade().map(Shared::Channel),
        Some(WeakShared::Sem(s)) => s.upgrade().map(Shared::Sem),
        Some(WeakShared::Cell(c)) => c.upgrade().map(Shared::Cell),
        None => None,
    };
    what.map(|w| wrap(id, w)).ok_or_else(|| ExcType::FileNotFoundError.msg(format!("the shared object {id} is gone (no process holds it any more)")))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    ns.set(intern("MAIN_PID"), Value::Int(crate::vm::host::MAIN_PID as i64));
    def(ns, "getpid", mp_getpid);
    def(ns, "stopping", mp_stopping);
    def(ns, "getppid", mp_getppid);
    def(ns, "start", mp_start);
    def(ns, "wait", mp_wait);
    def(ns, "pid", mp_pid);
    def(ns, "kill", mp_kill);
    def(ns, "channel", mp_channel);
    def(ns, "put", mp_put);
    def(ns, "get", mp_get);
    def(ns, "size", mp_size);
    def(ns, "sem", mp_sem);
    def(ns, "acquire", mp_acquire);
    def(ns, "release", mp_release);
    def(ns, "sem_value", mp_sem_value);
    def(ns, "cell", mp_cell);
    def(ns, "cell_get", mp_cell_get);
    def(ns, "cell_set", mp_cell_set);
    def(ns, "cell_wait", mp_cell_wait);
    def(ns, "id", mp_id);
    def(ns, "open", mp_open);
    Ok(())
}
