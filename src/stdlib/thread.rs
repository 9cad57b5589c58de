//! `_thread`: the primitives threading.py, queue.py and concurrent.futures are built on
//! (start a thread, a lock, an RLock, idents). Blocking never happens here: an acquire
//! that would wait sets `vm.pending` and the thread's runner (the scheduler) waits.

use super::*;
use crate::vm::host::WaitReason;
use crate::vm::lock::{Lock, Wait, TIMEOUT_MAX};

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

static LOCK: NativeType = NativeType { repr: Some(repr), ..attrs_only(lock_attr) };

fn repr(_vm: &mut Vm, o: &Value) -> PyResult<String> {
    Ok(lock_repr(o))
}

fn lock_class(reentrant: bool) -> Arc<Class> {
    static C: OnceLock<[Arc<Class>; 2]> = OnceLock::new();
    C.get_or_init(|| [native_class("lock", "_thread", &LOCK), native_class("RLock", "_thread", &LOCK)])[reentrant as usize].clone()
}

/// The number Python sees from `get_ident()` for our thread number (CPython's are
/// large pthread addresses; any stable, distinct number will do).
pub fn ident_value(no: u64) -> i64 {
    139_780_000_000_000 + no as i64 * 8_392_704
}

pub fn new_lock(reentrant: bool) -> Value {
    let l = Arc::new(if reentrant { Lock::new_reentrant() } else { Lock::new() });
    Value::Native(Arc::new(Native { class: lock_class(reentrant), data: std::sync::Mutex::new(NativeData::opaque(l)) }))
}

pub fn the_lock(o: &Value) -> PyResult<Arc<Lock>> {
    if let Value::Native(n) = o {
        if let Some(l) = lock(&n.data).downcast_ref::<Arc<Lock>>() {
            return Ok(l.clone());
        }
    }
    Err(type_error("descriptor requires a '_thread.lock' object"))
}

fn kw<'a>(k: &'a K, name: &str) -> Option<&'a Value> {
    k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v)
}

fn l_acquire(vm: &mut Vm, a: A, k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    let blocking = match a.get(1).or_else(|| kw(&k, "blocking")) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match a.get(2).or_else(|| kw(&k, "timeout")) {
        Some(v) => crate::vm::ops::to_f64(v).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))?,
        None => -1.0,
    };
    let wait = Wait::from_args(blocking, timeout).map_err(|e| e.kind.msg(e.message))?;
    acquire(vm, l, wait, 1)
}

/// Takes `l` now if free; otherwise asks the runner to wait (the call's result, True
/// or False, is filled in when the wait ends). `count`: RLock depth to restore.
fn acquire(vm: &mut Vm, l: Arc<Lock>, wait: Wait, count: u32) -> PyResult<Value> {
    if l.try_acquire_at(vm.ident, count) {
        return Ok(Value::Bool(true));
    }
    let deadline = match wait {
        Wait::No => return Ok(Value::Bool(false)),
        Wait::Forever => None,
        Wait::For(d) => Some(vm.host().now() + d.as_secs_f64()),
    };
    vm.pending = Some(WaitReason::Lock { lock: l, deadline, count });
    Ok(Value::Bool(false))
}

fn l_enter(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    acquire(vm, l, Wait::Forever, 1)
}

fn l_release(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    l.release(vm.ident).map_err(|e| e.kind.msg(e.message))?;
    Ok(Value::None)
}

fn l_locked(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Bool(the_lock(crate::vm::builtins::arg(&a, 0)?)?.locked()))
}

fn r_is_owned(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Bool(the_lock(crate::vm::builtins::arg(&a, 0)?)?.is_owned_by(vm.ident)))
}

/// How many times the calling thread holds the lock (0 when another thread, or none, does).
fn r_recursion_count(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    let n = if l.is_owned_by(vm.ident) { l.owner_and_count().1 } else { 0 };
    Ok(Value::Int(n as i64))
}

fn r_release_save(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    let n = l.release_all(vm.ident).map_err(|e| e.kind.msg(e.message))?;
    Ok(Value::tuple(vec![Value::Int(n as i64), Value::Int(ident_value(vm.ident))]))
}

fn r_acquire_restore(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let l = the_lock(crate::vm::builtins::arg(&a, 0)?)?;
    let count = match a.get(1) {
        Some(Value::Tuple(t)) => match t.first() {
            Some(Value::Int(n)) if *n > 0 => *n as u32,
            _ => 1,
        },
        _ => 1,
    };
    acquire(vm, l, Wait::Forever, count)?;
    Ok(Value::None)
}

pub fn lock_attr(o: &Value, name: &str) -> Option<Value> {
    let reentrant = the_lock(o).map(|l| l.is_reentrant()).unwrap_or(false);
    Some(match name {
        "acquire" | "acquire_lock" => bound("acquire", o, l_acquire),
        "__enter__" => bound("__enter__", o, l_enter),
        "release" | "release_lock" | "__exit__" => bound("release", o, l_release),
        "locked" | "locked_lock" if !reentrant => bound("locked", o, l_locked),
        "_is_owned" if reentrant => bound("_is_owned", o, r_is_owned),
        "_recursion_count" if reentrant => bound("_recursion_count", o, r_recursion_count),
        "_release_save" if reentrant => bound("_release_save", o, r_release_save),
        "_acquire_restore" if reentrant => bound("_acquire_restore", o, r_acquire_restore),
        _ => return None,
    })
}

pub fn lock_repr(o: &Value) -> String {
    let Ok(l) = the_lock(o) else { return String::new() };
    let state = if l.locked() { "locked" } else { "unlocked" };
    if l.is_reentrant() {
        let (owner, count) = l.owner_and_count();
        let owner = owner.map(ident_value).unwrap_or(0);
        format!("<{state} _thread.RLock object owner={owner} count={count} at 0x{:012x}>", o.id())
    } else {
        format!("<{state} _thread.lock object at 0x{:012x}>", o.id())
    }
}

fn start_new_thread(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 3 {
        return Err(type_error(format!("start_new_thread expected at least 2 arguments, got {}", a.len())));
    }
    let func = a[0].clone();
    let Value::Tuple(args) = &a[1] else { return Err(type_error("2nd arg must be a tuple")) };
    let mut kwargs = vec![];
    match a.get(2) {
        None | Some(Value::None) => {}
        Some(Value::Dict(d)) => {
            for e in lock(d).iter() {
                kwargs.push((intern(e.key.as_str().unwrap_or("")), e.value.clone()));
            }
        }
        Some(_) => return Err(type_error("optional 3rd arg must be a dictionary")),
    }
    let interp = vm.interp.clone();
    let thread = interp.call_thread_kw(func, (**args).clone(), kwargs)?;
    let no = interp.scheduler.start_thread(thread).map_err(|m| ExcType::RuntimeError.msg(m))?;
    Ok(Value::Int(ident_value(no)))
}

fn allocate_lock(_vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(new_lock(false))
}
fn rlock(_vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(new_lock(true))
}
fn get_ident(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(ident_value(vm.ident)))
}
fn get_native_id(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(4_200 + vm.ident as i64))
}
fn set_name(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    // _set_name(name): the calling thread's Python name, for traces and reports.
    if let Some(Value::Str(s)) = a.first() {
        vm.interp.scheduler.thread_named(vm.ident, &s.s);
    }
    Ok(Value::None)
}
fn excepthook_print(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    // (exc_type, exc_value, exc_tb, thread_name)
    let name = match a.get(3) {
        Some(v) => vm.str(v)?,
        None => "?".into(),
    };
    let mut text = format!("Exception in thread {name}:\n");
    if let Some(e) = a.get(1) {
        text.push_str(&vm.format_exception(e));
    }
    vm.host().write_stderr(&text);
    Ok(Value::None)
}
fn format_exception(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    // _format_exception(exc_value) -> the traceback text, for writing to sys.stderr.
    Ok(Value::string(match a.first() {
        Some(e) => vm.format_exception(e),
        None => String::new(),
    }))
}
fn traceback_print(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    if let Some(e) = a.get(1) {
        let text = vm.format_exception(e);
        vm.host().write_stderr(&text);
    }
    Ok(Value::None)
}
/// Threads alive, leaving out the main thread, as CPython's `_thread._count()` does.
fn count(vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(vm.interp.scheduler.thread_count().saturating_sub(1) as i64))
}
fn stack_size(_vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(0))
}
fn cpu_count(_vm: &mut Vm, _a: A, _k: K) -> PyResult<Value> {
    Ok(Value::Int(std::thread::available_parallelism().map(|n| n.get() as i64).unwrap_or(4)))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "start_new_thread", start_new_thread);
    def(ns, "start_new", start_new_thread);
    def(ns, "allocate_lock", allocate_lock);
    def(ns, "allocate", allocate_lock);
    def(ns, "RLock", rlock);
    def(ns, "get_ident", get_ident);
    def(ns, "get_native_id", get_native_id);
    def(ns, "_set_name", set_name);
    def(ns, "_excepthook_print", excepthook_print);
    def(ns, "_traceback_print", traceback_print);
    def(ns, "_format_exception", format_exception);
    def(ns, "_count", count);
    def(ns, "stack_size", stack_size);
    def(ns, "_cpu_count", cpu_count);
    ns.set(intern("LockType"), Value::Class(lock_class(false)));
    ns.set(intern("TIMEOUT_MAX"), Value::Float(TIMEOUT_MAX));
    ns.set(intern("error"), Value::Class(exc_class(ExcType::RuntimeError)));
    Ok(())
}
