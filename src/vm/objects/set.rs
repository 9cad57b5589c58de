//! set and frozenset: their methods (one table) and constructor.

use super::{method, nargs, Args, Kw, Method};
use crate::vm::builtins::arg;
use crate::vm::dict::Dict;
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, Mutex};

pub static METHODS: &[Method] = &[
    method!("add", add),
    method!("remove", remove),
    method!("discard", discard),
    method!("pop", pop),
    method!("clear", clear),
    method!("copy", copy),
    method!("update", update),
    method!("intersection_update", update),
    method!("difference_update", update),
    method!("symmetric_difference_update", update),
    method!("union", union),
    method!("intersection", union),
    method!("difference", union),
    method!("symmetric_difference", union),
    method!("issubset", issubset),
    method!("issuperset", issubset),
    method!("isdisjoint", issubset),
    method!("__len__", super::generic::dunder_len),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
];

/// frozenset: the same entries less the mutating ones.
pub static FROZENSET_METHODS: &[Method] = &[
    method!("copy", copy),
    method!("union", union),
    method!("intersection", union),
    method!("difference", union),
    method!("symmetric_difference", union),
    method!("issubset", issubset),
    method!("issuperset", issubset),
    method!("isdisjoint", issubset),
    method!("__len__", super::generic::dunder_len),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
];

/// `set / frozenset(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    let mut d = Dict::new();
    if let Some(src) = a.first() {
        for x in vm.to_vec(src)? {
            let h = vm.hash(&x)?;
            d.insert(h, x, Value::None);
        }
    }
    if c.kind == Kind::Set {
        Ok(Value::Set(Arc::new(Mutex::new(d))))
    } else {
        Ok(Value::FrozenSet(Arc::new(d)))
    }
}

#[allow(unused_variables)]
fn add(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            nargs("add", &a, 1, 1)?;
            let s = mutable(o, name)?;
            let h = vm.hash(arg(&a, 0)?)?;
            let k = vm.canon_key(&s, h, arg(&a, 0)?.clone())?;
            lock(&s).insert(h, k, Value::None);
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn remove(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let s = mutable(o, name)?;
            let h = vm.hash(arg(&a, 0)?)?;
            let r = lock(&s).remove(h, arg(&a, 0)?);
            match r {
                Some(_) => Ok(Value::None),
                None => Err(ExcType::KeyError.with(vec![arg(&a, 0)?.clone()])),
            }
}
}

#[allow(unused_variables)]
fn discard(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let s = mutable(o, name)?;
            let h = vm.hash(arg(&a, 0)?)?;
            lock(&s).remove(h, arg(&a, 0)?);
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn pop(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let s = mutable(o, name)?;
            let first = crate::vm::iterate::set_order(&lock(&s)).into_iter().next();
            match first {
                Some(k) => {
                    let h = vm.hash(&k)?;
                    lock(&s).remove(h, &k);
                    Ok(k)
                }
                None => Err(ExcType::KeyError.msg("pop from an empty set")),
            }
}
}

#[allow(unused_variables)]
fn clear(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            mutable(o, name)?.lock().unwrap_or_else(|e| e.into_inner()).clear();
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn copy(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    Ok(mk(o, set_dict(o)))
}

#[allow(unused_variables)]
fn update(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let s = mutable(o, name)?;
            let mut cur = lock(&s).clone();
            for x in &a {
                let od = other_set(vm, x)?;
                let ov = Value::FrozenSet(Arc::new(od));
                let cv = Value::FrozenSet(Arc::new(cur));
                let op = match name {
                    "update" => crate::vm::code::BinOp::Or,
                    "intersection_update" => crate::vm::code::BinOp::And,
                    "difference_update" => crate::vm::code::BinOp::Sub,
                    _ => crate::vm::code::BinOp::Xor,
                };
                cur = set_dict(&binary_native(op, &cv, &ov).unwrap()?);
            }
            *lock(&s) = cur;
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn union(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let mut cur = set_dict(o);
            for x in &a {
                let od = other_set(vm, x)?;
                let op = match name {
                    "union" => crate::vm::code::BinOp::Or,
                    "intersection" => crate::vm::code::BinOp::And,
                    "difference" => crate::vm::code::BinOp::Sub,
                    _ => crate::vm::code::BinOp::Xor,
                };
                cur = set_dict(&binary_native(op, &Value::FrozenSet(Arc::new(cur)), &Value::FrozenSet(Arc::new(od))).unwrap()?);
            }
            Ok(mk(o, cur))
}
}

#[allow(unused_variables)]
fn issubset(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    {
            let me = set_dict(o);
            let od = other_set(vm, arg(&a, 0)?)?;
            Ok(Value::Bool(match name {
                "issubset" => me.iter().all(|e| od.contains(e.hash, &e.key)),
                "issuperset" => od.iter().all(|e| me.contains(e.hash, &e.key)),
                _ => me.iter().all(|e| !od.contains(e.hash, &e.key)),
            }))
}
}

fn mk(o: &Value, d: Dict) -> Value {
    if matches!(o, Value::FrozenSet(_)) {
        Value::FrozenSet(Arc::new(d))
    } else {
        Value::Set(Arc::new(Mutex::new(d)))
    }
}

fn other_set(vm: &mut Vm, v: &Value) -> PyResult<Dict> {
    match v {
        Value::Set(_) | Value::FrozenSet(_) => Ok(set_dict(v)),
        _ => {
            let mut d = Dict::new();
            for x in vm.to_vec(v)? {
                let h = vm.hash(&x)?;
                d.insert(h, x, Value::None);
            }
            Ok(d)
        }
    }
}

fn mutable(o: &Value, name: &str) -> PyResult<Arc<Mutex<Dict>>> {
    match o {
        Value::Set(s) => Ok(s.clone()),
        _ => Err(ExcType::AttributeError.msg(format!("'frozenset' object has no attribute '{}'", name))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::Set(Arc::new(Mutex::new(Dict::new()))));
        testing::check_table(FROZENSET_METHODS, Value::FrozenSet(Arc::new(Dict::new())));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["{1, 2}.union([3])", "frozenset([1]).add"]), ["{1, 2, 3}", "AttributeError: 'frozenset' object has no attribute 'add'"]);
    }
}
