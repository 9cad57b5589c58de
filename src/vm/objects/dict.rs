//! dict: its methods (one table), constructor and the dict views.

use super::{method, nargs, Args, Kw, Method};
use crate::vm::builtins::arg;
use crate::vm::dict::Dict;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, Mutex};

fn me(o: &Value) -> PyResult<&Arc<Mutex<Dict>>> {
    match o {
        Value::Dict(x) => Ok(x),
        _ => Err(super::wrong_self("dict", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("get", get),
    method!("keys", keys),
    method!("values", values),
    method!("items", items),
    method!("pop", pop),
    method!("popitem", popitem),
    method!("setdefault", setdefault),
    method!("update", update),
    method!("copy", copy),
    method!("clear", clear),
    method!("__setitem__", dunder_setitem),
    method!("__delitem__", dunder_delitem),
    method!("fromkeys", fromkeys),
    method!("__len__", super::generic::dunder_len),
    method!("__getitem__", super::generic::dunder_getitem),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
    method!("__eq__", super::generic::dunder_eq),
];

/// `dict(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    let mut d = Dict::new();
    if let Some(src) = a.first() {
        crate::vm::builtins::dict_update(vm, &mut d, src)?;
    }
    for (k, v) in kw {
        let kv = Value::str(&k);
        d.insert(vm.hash(&kv)?, kv, v);
    }
    Ok(Value::dict(d))
}

#[allow(unused_variables)]
fn get(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            nargs("get", &a, 1, 2)?;
            let h = vm.hash(arg(&a, 0)?)?;
            let a = { let mut a = a; let k0 = vm.canon_key(d, h, a[0].clone())?; a[0] = k0; a };
            Ok(lock(d).get(h, arg(&a, 0)?).cloned().unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None)))
}
}

#[allow(unused_variables)]
fn keys(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    Ok(view(d, 0))
}

#[allow(unused_variables)]
fn values(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    Ok(view(d, 1))
}

#[allow(unused_variables)]
fn items(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    Ok(view(d, 2))
}

#[allow(unused_variables)]
fn pop(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            nargs("pop", &a, 1, 2)?;
            let h = vm.hash(arg(&a, 0)?)?;
            match lock(d).remove(h, arg(&a, 0)?) {
                Some(e) => Ok(e.value),
                None => match a.get(1) {
                    Some(v) => Ok(v.clone()),
                    None => Err(ExcType::KeyError.with(vec![arg(&a, 0)?.clone()])),
                },
            }
}
}

#[allow(unused_variables)]
fn popitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    match lock(d).pop_last() {
            Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
            None => Err(ExcType::KeyError.msg("popitem(): dictionary is empty")),
        }
}

#[allow(unused_variables)]
fn setdefault(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            nargs("setdefault", &a, 1, 2)?;
            let h = vm.hash(arg(&a, 0)?)?;
            let mut g = lock(d);
            if let Some(v) = g.get(h, arg(&a, 0)?) {
                return Ok(v.clone());
            }
            let v = a.get(1).cloned().unwrap_or(Value::None);
            g.insert(h, arg(&a, 0)?.clone(), v.clone());
            Ok(v)
}
}

#[allow(unused_variables)]
fn update(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            let mut tmp = lock(d).clone();
            if let Some(src) = a.first() {
                crate::vm::builtins::dict_update(vm, &mut tmp, src)?;
            }
            for (k, v) in kw {
                let kv = Value::str(&k);
                tmp.insert(vm.hash(&kv)?, kv, v);
            }
            *lock(d) = tmp;
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn copy(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    Ok(Value::dict(lock(d).clone()))
}

#[allow(unused_variables)]
fn clear(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            lock(d).clear();
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_setitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            vm.setitem(o, arg(&a, 0)?.clone(), arg(&a, 1)?.clone())?;
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_delitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    {
            vm.delitem(o, arg(&a, 0)?)?;
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn fromkeys(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let d = me(o)?;
    crate::vm::builtins::unbound_method(vm, { let mut v = vec![Value::tuple(vec![Value::Class(types().dict.clone()), Value::str("fromkeys")])]; v.extend(a); v }, kw)
}

/// A dict view (0 keys, 1 values, 2 items): native objects of the VM's own classes.
pub fn view(d: &Arc<Mutex<Dict>>, k: u8) -> Value {
    Value::Native(Arc::new(Native { class: view_class(k), data: Mutex::new(NativeData::View(d.clone(), k)) }))
}

pub fn view_class(k: u8) -> Arc<Class> {
    static C: std::sync::OnceLock<[Arc<Class>; 3]> = std::sync::OnceLock::new();
    C.get_or_init(|| ["dict_keys", "dict_values", "dict_items"].map(|n| new_native_class(n, "builtins", &VIEW)))[k as usize].clone()
}

static VIEW: NativeType = NativeType { construct: None, getattr: |_, _| None, repr: Some(view_repr), getitem: None, len: Some(view_len), setitem: None, iter: None, take_values: None };

fn view_of(o: &Value) -> Option<(Arc<Mutex<Dict>>, u8)> {
    match o {
        Value::Native(n) => match &*lock(&n.data) {
            NativeData::View(d, k) => Some((d.clone(), *k)),
            _ => None,
        },
        _ => None,
    }
}

fn view_len(o: &Value) -> usize {
    view_of(o).map(|(d, _)| lock(&d).len()).unwrap_or(0)
}

fn view_repr(vm: &mut Vm, o: &Value) -> PyResult<String> {
    let Some((d, k)) = view_of(o) else { return Ok(String::new()) };
    let (name, items) = match k {
        0 => ("dict_keys", lock(&d).keys()),
        1 => ("dict_values", lock(&d).values()),
        _ => ("dict_items", lock(&d).items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect()),
    };
    let r = vm.repr(&Value::list(items))?;
    Ok(format!("{name}({r})"))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::dict(crate::vm::dict::Dict::new()));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["{1: 2}.get(1)", "dict.fromkeys([1], 0)", "{1: 2}.items()", "len({1: 2}.keys())"]), ["2", "{1: 0}", "dict_items([(1, 2)])", "1"]);
    }
}
