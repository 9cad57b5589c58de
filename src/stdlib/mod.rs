//! The modules learners import.
//!
//! The registry (`find`) maps a module name to either a native initialiser (Rust) or
//! Python source embedded in the binary. Issue 4 adds `_thread` (native) and
//! `threading` / `queue` (Python source over `_thread`, as CPython does) here.

pub mod collections;
pub mod hashlib;
pub mod math;
pub mod random;
pub mod sys;
pub mod thread;
pub mod time;

use crate::vm::builtins::bf;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, OnceLock};

pub use crate::vm::import::ModuleSource;

/// The library: every module a program can import (`vm::import::Library`).
pub fn find(name: &str) -> Option<ModuleSource> {
    Some(match name {
        "sys" => ModuleSource::Native(sys::init),
        "time" => ModuleSource::Native(time::init),
        "math" => ModuleSource::Native(math::init),
        "random" => ModuleSource::Native(random::init),
        "hashlib" => ModuleSource::Native(hashlib::init),
        "_collections" => ModuleSource::Native(collections::init),
        "_itertools" => ModuleSource::Native(collections::init_itertools),
        "collections" => ModuleSource::Python(include_str!("py/collections.py")),
        "itertools" => ModuleSource::Python(include_str!("py/itertools.py")),
        "functools" => ModuleSource::Python(include_str!("py/functools.py")),
        "_thread" => ModuleSource::Native(thread::init),
        "threading" => ModuleSource::Python(include_str!("py/threading.py")),
        "queue" => ModuleSource::Python(include_str!("py/queue.py")),
        "heapq" => ModuleSource::Python(include_str!("py/heapq.py")),
        "io" => ModuleSource::Python(include_str!("py/io.py")),
        "concurrent" => ModuleSource::Python(include_str!("py/concurrent/__init__.py")),
        "concurrent.futures" => ModuleSource::Python(include_str!("py/concurrent/futures/__init__.py")),
        "concurrent.futures._base" => ModuleSource::Python(include_str!("py/concurrent/futures/_base.py")),
        "concurrent.futures.thread" => ModuleSource::Python(include_str!("py/concurrent/futures/thread.py")),
        _ => return None,
    })
}

/// Register a native function in a module namespace.
pub fn def(ns: &Arc<Namespace>, name: &'static str, f: fn(&mut Vm, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>) {
    ns.set(intern(name), bf(name, f));
}

pub fn native_class(name: &'static str, module: &'static str) -> Arc<Class> {
    new_class(name, module, vec![types().object.clone()], Kind::Native)
}

pub fn view_class(k: u8) -> Arc<Class> {
    static C: OnceLock<[Arc<Class>; 3]> = OnceLock::new();
    C.get_or_init(|| [native_class("dict_keys", "builtins"), native_class("dict_values", "builtins"), native_class("dict_items", "builtins")])[k as usize].clone()
}

pub fn construct_native(vm: &mut Vm, c: &Arc<Class>, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    match &*c.name {
        "deque" => collections::new_deque(vm, a, kw),
        "Random" => random::new_random(vm, a),
        _ => Err(type_error(format!("cannot create '{}' instances", c.name))),
    }
}

pub fn native_getattr(vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    let Value::Native(n) = o else { return Err(ExcType::AttributeError.msg(name.to_string())) };
    let kind = match &*lock(&n.data) {
        NativeData::Deque(..) => 0,
        NativeData::Random(_) => 1,
        NativeData::Hash(_) => 2,
        NativeData::View(..) => 3,
        NativeData::Stream(_) => 4,
        NativeData::Other(_) => 5,
        NativeData::Lock(_) => 6,
    };
    let r = match kind {
        0 => collections::deque_attr(o, name),
        1 => random::random_attr(o, name),
        2 => hashlib::hash_attr(o, name),
        4 => sys::stream_attr(o, name),
        6 => thread::lock_attr(o, name),
        _ => None,
    };
    match r {
        Some(v) => Ok(v),
        None => {
            if name == "__class__" {
                return Ok(Value::Class(n.class.clone()));
            }
            let _ = vm;
            Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", n.class.name, name)))
        }
    }
}

pub fn native_repr(vm: &mut Vm, o: &Value) -> PyResult<String> {
    let Value::Native(n) = o else { return Ok(String::new()) };
    if matches!(&*lock(&n.data), NativeData::Lock(_)) {
        return Ok(thread::lock_repr(o));
    }
    let items = match &*lock(&n.data) {
        NativeData::Deque(d, m) => Some((d.iter().cloned().collect::<Vec<_>>(), *m)),
        _ => None,
    };
    if let Some((items, maxlen)) = items {
        let r = vm.repr(&Value::list(items))?;
        return Ok(match maxlen {
            Some(m) => format!("deque({r}, maxlen={m})"),
            None => format!("deque({r})"),
        });
    }
    Ok(format!("<{}.{} object at 0x{:012x}>", n.class.module, n.class.name, o.id()))
}

pub fn native_getitem(_vm: &mut Vm, o: &Value, _k: &Value) -> PyResult<Value> {
    Err(type_error(format!("'{}' object is not subscriptable", type_name(o))))
}

/// A builtin function bound to a receiver (methods of native objects).
pub fn bound(name: &'static str, recv: &Value, f: fn(&mut Vm, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value>) -> Value {
    Value::Builtin(Arc::new(BuiltinFn { name, module: "", f, bound: Some(recv.clone()) }))
}
