//! list: its methods (one table) and constructor.

use super::{kwarg, method, nargs, Args, Kw, Method};
use crate::vm::builtins::{arg, to_int};
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, Mutex};

fn me(o: &Value) -> PyResult<&Arc<Mutex<Vec<Value>>>> {
    match o {
        Value::List(x) => Ok(x),
        _ => Err(super::wrong_self("list", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("append", append),
    method!("extend", extend),
    method!("insert", insert),
    method!("pop", pop),
    method!("remove", remove),
    method!("index", index),
    method!("count", count),
    method!("sort", sort),
    method!("reverse", reverse),
    method!("copy", copy),
    method!("clear", clear),
    method!("__setitem__", dunder_setitem),
    method!("__len__", super::generic::dunder_len),
    method!("__getitem__", super::generic::dunder_getitem),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
    method!("__eq__", super::generic::dunder_eq),
    method!("__add__", super::generic::dunder_add),
];

/// `list(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::list(vec![]));
    }
    Ok(Value::list(vm.to_vec(arg(&a, 0)?)?))
}

#[allow(unused_variables)]
fn append(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("list.append", &a, 1, 1).map_err(|_| type_error(format!("list.append() takes exactly one argument ({} given)", a.len())))?;
            let mut g = lock(l);
            if g.len() >= MAX_SEQ {
                return Err(memory_error());
            }
            g.push(a.into_iter().next().unwrap());
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn extend(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("extend", &a, 1, 1)?;
            let items = vm.to_vec(arg(&a, 0)?)?;
            let mut g = lock(l);
            if g.len() + items.len() > MAX_SEQ {
                return Err(memory_error());
            }
            g.extend(items);
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn insert(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("insert", &a, 2, 2)?;
            let i = to_int(arg(&a, 0)?)?;
            let mut g = lock(l);
            let n = g.len() as i64;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            g.insert(i as usize, arg(&a, 1)?.clone());
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn pop(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            let mut g = lock(l);
            if g.is_empty() {
                return Err(ExcType::IndexError.msg("pop from empty list"));
            }
            let i = match a.first() {
                Some(v) => to_int(v)?,
                None => -1,
            };
            match norm_index(i, g.len()) {
                Some(ix) => Ok(g.remove(ix)),
                None => Err(ExcType::IndexError.msg("pop index out of range")),
            }
}
}

#[allow(unused_variables)]
fn remove(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("remove", &a, 1, 1)?;
            let items = lock(l).clone();
            for (i, x) in items.iter().enumerate() {
                if vm.eq(x, arg(&a, 0)?)? {
                    let mut g = lock(l);
                    if i < g.len() {
                        g.remove(i);
                    }
                    return Ok(Value::None);
                }
            }
            Err(value_error("list.remove(x): x not in list"))
}
}

#[allow(unused_variables)]
fn index(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("index", &a, 1, 3)?;
            let items = lock(l).clone();
            let start = match a.get(1) {
                Some(v) => to_int(v)?.max(0) as usize,
                None => 0,
            };
            for (i, x) in items.iter().enumerate().skip(start) {
                if vm.eq(x, arg(&a, 0)?)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(value_error(format!("{} is not in list", vm.repr(arg(&a, 0)?)?)))
}
}

#[allow(unused_variables)]
fn count(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            nargs("count", &a, 1, 1)?;
            let items = lock(l).clone();
            let mut n = 0;
            for x in items.iter() {
                if vm.eq(x, arg(&a, 0)?)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
}
}

#[allow(unused_variables)]
fn sort(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            if !a.is_empty() {
                return Err(type_error("sort() takes no positional arguments"));
            }
            let key = kwarg(&kw, "key").filter(|k| !k.is_none());
            let rev = match kwarg(&kw, "reverse") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let mut items = std::mem::take(&mut *lock(l));
            let r = crate::vm::builtins::sort_values(vm, &mut items, key, rev);
            *lock(l) = items;
            r?;
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn reverse(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            lock(l).reverse();
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn copy(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    Ok(Value::list(lock(l).clone()))
}

#[allow(unused_variables)]
fn clear(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            lock(l).clear();
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_setitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let l = me(o)?;
    {
            vm.setitem(o, arg(&a, 0)?.clone(), arg(&a, 1)?.clone())?;
            Ok(Value::None)
}
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::list(vec![Value::Int(1)]));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["[3, 1, 2].index(2)", "[1].__len__()"]), ["2", "1"]);
    }
}
