//! Subclasses of builtin types (`class SafeList(list)`, `class Counter(dict)`,
//! `class Celsius(float)`): each instance carries the builtin value it is
//! ([`Instance::base`]); builtin operations and methods the class does not override act
//! on that value, the way CPython's subclass instances share the builtin's layout.

use super::builtins::construct;
use super::interp::Vm;
use super::types::*;
use super::value::*;
use std::sync::Arc;

/// Types whose builtin `__init__` fills the object (the others are made by `__new__`).
fn mutable(k: Kind) -> bool {
    matches!(k, Kind::List | Kind::Dict | Kind::Set)
}

/// A new instance of `cls`, a subclass of the builtin `bb`: list/dict/set start empty
/// (their `__init__` fills them); int, str, tuple... are made from the arguments.
pub fn new_instance(vm: &mut Vm, cls: &Arc<Class>, bb: &Arc<Class>, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let base = if mutable(bb.kind) { construct(vm, bb, vec![], vec![])? } else { construct(vm, bb, a, kw)? };
    Ok(Value::Inst(Arc::new(Instance::with_base(cls.clone(), Some(base)))))
}

/// Whether instantiating a builtin-based class runs the builtin's `__init__` with the
/// call's arguments (it does for list/dict/set when the class has no `__init__`).
pub fn init_fills(bb: &Arc<Class>) -> bool {
    mutable(bb.kind)
}

/// list/dict/set's `__init__`: refill the base from the arguments, as `list(...)` would
/// build it. Other builtins' `__init__` accept anything and do nothing.
pub fn base_init(vm: &mut Vm, obj: &Value, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<()> {
    let Some(base) = obj.base_value().cloned() else { return Ok(()) };
    let t = types();
    match &base {
        Value::List(l) => {
            if let Value::List(f) = construct(vm, &t.list, a, kw)? {
                let items = std::mem::take(&mut *lock(&f));
                *lock(l) = items;
            }
        }
        Value::Dict(d) => {
            if let Value::Dict(f) = construct(vm, &t.dict, a, kw)? {
                let items = lock(&f).clone();
                *lock(d) = items;
            }
        }
        Value::Set(s) => {
            if let Value::Set(f) = construct(vm, &t.set, a, kw)? {
                let items = lock(&f).clone();
                *lock(s) = items;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `list.__new__(cls, ...)`, `int.__new__(cls, 5)`: the first argument is the class.
fn builtin_new(vm: &mut Vm, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut a = a;
    // bound = the builtin class whose __new__ this is
    let Value::Class(owner) = a.remove(0) else { return Err(type_error("__new__ needs its class")) };
    let cls = match a.first() {
        Some(Value::Class(c)) => c.clone(),
        Some(other) => return Err(type_error(format!("{}.__new__(X): X is not a type object ({})", owner.name, type_name(other)))),
        None => return Err(type_error(format!("{}.__new__(): not enough arguments", owner.name))),
    };
    a.remove(0);
    if Arc::ptr_eq(&cls, &owner) {
        return construct(vm, &owner, a, kw);
    }
    if !cls.is_subclass(&owner) {
        return Err(type_error(format!("{}.__new__({}): {} is not a subtype of {}", owner.name, cls.name, cls.name, owner.name)));
    }
    new_instance(vm, &cls, &owner, a, kw)
}

/// `list.__init__(self, ...)` reached through super() or the class.
fn builtin_init(vm: &mut Vm, a: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult<Value> {
    let mut a = a;
    if a.is_empty() {
        return Err(type_error("descriptor '__init__' needs an argument"));
    }
    let obj = a.remove(0);
    match &obj {
        Value::Inst(_) => base_init(vm, &obj, a, kw)?,
        Value::List(l) => {
            if let Value::List(f) = construct(vm, &types().list, a, kw)? {
                let items = std::mem::take(&mut *lock(&f));
                *lock(l) = items;
            }
        }
        _ => {}
    }
    Ok(Value::None)
}

/// `__new__`/`__init__` of a builtin class looked up on the class (`int.__new__`,
/// `dict.__init__`); None for other names.
pub fn class_slot(c: &Arc<Class>, name: &str) -> Option<Value> {
    if !subclassable_kind(c.kind) {
        return None;
    }
    match name {
        "__new__" => Some(Value::Builtin(Arc::new(BuiltinFn { name: "__new__", module: "", f: builtin_new, bound: Some(Value::Class(c.clone())) }))),
        "__init__" => Some(Value::Builtin(Arc::new(BuiltinFn { name: "__init__", module: "", f: builtin_init, bound: None }))),
        _ => None,
    }
}

/// A method of the builtin value inside `obj`, bound to that value.
pub fn base_method(obj: &Value, name: &str) -> Option<Value> {
    use super::objects::{find, generic, has_generic_fallback, table, value_kind};
    let base = obj.base_value()?;
    let kind = value_kind(base)?;
    if find(table(kind), name).is_some() || (has_generic_fallback(kind) && find(generic::METHODS, name).is_some()) {
        return Some(Value::BMethod(Arc::new((base.clone(), intern(name)))));
    }
    None
}

/// What `super().name` finds at the builtin class `c` of `obj`'s MRO.
pub fn super_attr(vm: &mut Vm, c: &Arc<Class>, obj: &Value, name: &str) -> Option<PyResult<Value>> {
    match name {
        "__new__" => class_slot(c, name).map(Ok),
        "__init__" => Some(Ok(Value::Builtin(Arc::new(BuiltinFn { name: "__init__", module: "", f: builtin_init, bound: Some(obj.clone()) })))),
        _ => {
            if let Some(m) = base_method(obj, name) {
                return Some(Ok(m));
            }
            let base = obj.base_value()?.clone();
            match super::builtins::builtin_getattr(vm, &base, name) {
                Ok(v) => Some(Ok(v)),
                Err(_) => None,
            }
        }
    }
}

/// The value builtin code should see: the base of a builtin subclass's instance, else
/// the value itself.
pub fn unwrap(v: &Value) -> &Value {
    v.base_value().unwrap_or(v)
}

/// The base of a builtin subclass's instance whose class does not define `dunder`
/// (`round(Celsius(1.5))` rounds the float), else None.
pub fn base_unless(v: &Value, dunder: &str) -> Option<Value> {
    let Value::Inst(i) = v else { return None };
    let b = i.base.as_ref()?;
    if i.class().lookup(dunder).is_some() {
        return None;
    }
    Some(b.clone())
}
