//! tuple: its methods (one table) and constructor.

use super::{method, nargs, Args, Kw, Method};
use crate::vm::builtins::arg;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

fn me(o: &Value) -> PyResult<&Arc<Vec<Value>>> {
    match o {
        Value::Tuple(x) => Ok(x),
        _ => Err(super::wrong_self("tuple", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("index", index),
    method!("count", count),
    method!("__len__", super::generic::dunder_len),
    method!("__getitem__", super::generic::dunder_getitem),
    method!("__contains__", super::generic::dunder_contains),
    method!("__iter__", super::generic::dunder_iter),
    method!("__eq__", super::generic::dunder_eq),
    method!("__add__", super::generic::dunder_add),
];

/// `tuple(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::tuple(vec![]));
    }
    if let Value::Tuple(_) = arg(&a, 0)? {
        return Ok(arg(&a, 0)?.clone());
    }
    Ok(Value::tuple(vm.to_vec(arg(&a, 0)?)?))
}

#[allow(unused_variables)]
fn index(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let t = me(o)?;
    {
                nargs("index", &a, 1, 3)?;
                for (i, x) in t.iter().enumerate() {
                    if vm.eq(x, arg(&a, 0)?)? {
                        return Ok(Value::Int(i as i64));
                    }
                }
                Err(value_error("tuple.index(x): x not in tuple"))
}
}

#[allow(unused_variables)]
fn count(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let t = me(o)?;
    {
                let mut n = 0;
                for x in t.iter() {
                    if vm.eq(x, arg(&a, 0)?)? {
                        n += 1;
                    }
                }
                Ok(Value::Int(n))
}
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::tuple(vec![Value::Int(1)]));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["(1, 2, 1).count(1)", "(1, 2).index(5)"]), ["2", "ValueError: tuple.index(x): x not in tuple"]);
    }
}
