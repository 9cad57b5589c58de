//! _weakref: weak handles to objects, so `weakref.ref(obj)()` gives None once the last
//! strong reference is gone (objects are freed by reference counting). The Python
//! `weakref` module builds ref, WeakValueDictionary, WeakSet and finalize on these.

use super::*;
use std::sync::{Mutex, Weak};

/// What a handle points at: the object kinds that can be weakly referenced.
enum Target {
    Inst(Weak<Instance>),
    Class(Weak<Class>),
    Func(Weak<Function>),
    Method(Weak<(Value, Value)>),
    Native(Weak<Native>),
    Gen(Weak<Generator>),
}

fn handle_class() -> Arc<Class> {
    static C: OnceLock<Arc<Class>> = OnceLock::new();
    static T: NativeType = attrs_only(|_, _| None);
    C.get_or_init(|| native_class("weakhandle", "_weakref", &T)).clone()
}

fn target_of(v: &Value) -> PyResult<Target> {
    Ok(match v {
        Value::Inst(i) => Target::Inst(Arc::downgrade(i)),
        Value::Class(c) => Target::Class(Arc::downgrade(c)),
        Value::Func(f) => Target::Func(Arc::downgrade(f)),
        Value::Method(m) => Target::Method(Arc::downgrade(m)),
        Value::Native(n) => Target::Native(Arc::downgrade(n)),
        Value::Gen(g) => Target::Gen(Arc::downgrade(g)),
        other => return Err(type_error(format!("cannot create weak reference to '{}' object", type_name(other)))),
    })
}

/// `_weakref.handle(obj)`: a weak handle (TypeError for ints, strs, lists, ...).
fn w_handle(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let t = target_of(crate::vm::builtins::arg(&a, 0)?)?;
    Ok(Value::Native(Arc::new(Native { class: handle_class(), data: Mutex::new(NativeData::opaque(t)) })))
}

/// `_weakref.get(handle)`: the object, or None once it has been freed.
fn w_get(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let Value::Native(n) = crate::vm::builtins::arg(&a, 0)? else { return Err(type_error("_weakref.get() needs a handle")) };
    let g = lock(&n.data);
    let Some(t) = g.downcast_ref::<Target>() else { return Err(type_error("_weakref.get() needs a handle")) };
    Ok(match t {
        Target::Inst(w) => w.upgrade().map(Value::Inst),
        Target::Class(w) => w.upgrade().map(Value::Class),
        Target::Func(w) => w.upgrade().map(Value::Func),
        Target::Method(w) => w.upgrade().map(Value::Method),
        Target::Native(w) => w.upgrade().map(Value::Native),
        Target::Gen(w) => w.upgrade().map(Value::Gen),
    }
    .unwrap_or(Value::None))
}

/// `_weakref.getweakrefcount(obj)`: how many handles point at obj.
fn w_count(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Int(match crate::vm::builtins::arg(&a, 0)? {
        Value::Inst(i) => Arc::weak_count(i),
        Value::Class(c) => Arc::weak_count(c),
        Value::Func(f) => Arc::weak_count(f),
        Value::Native(n) => Arc::weak_count(n),
        _ => 0,
    } as i64))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "handle", w_handle);
    def(ns, "get", w_get);
    def(ns, "getweakrefcount", w_count);
    Ok(())
}
