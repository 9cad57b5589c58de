//! Dunder methods every builtin value answers the same way (`x.__len__()` is `len(x)`...),
//! shared by the type tables and the fallback of `call_method`.

use super::{method, Args, Kw, Method};
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use crate::vm::builtins::len_of;
use crate::vm::code::{BinOp, CmpOp};

pub static METHODS: &[Method] = &[
    method!("__len__", dunder_len),
    method!("__getitem__", dunder_getitem),
    method!("__contains__", dunder_contains),
    method!("__iter__", dunder_iter),
    method!("__eq__", dunder_eq),
    method!("__lt__", dunder_lt),
    method!("__add__", dunder_add),
    method!("__sub__", dunder_sub),
    method!("__mul__", dunder_mul),
    method!("__hash__", dunder_hash),
    method!("__str__", dunder_str),
    method!("__repr__", dunder_repr),
    method!("__int__", dunder_int),
    method!("__index__", dunder_index),
    method!("__float__", dunder_float),
    method!("__abs__", dunder_abs),
    method!("__neg__", dunder_neg),
    method!("__round__", dunder_round),
];

#[allow(unused_variables)]
pub fn dunder_len(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Int(len_of(vm, o)? as i64))
}

#[allow(unused_variables)]
pub fn dunder_getitem(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    vm.getitem(o, &other)
}

#[allow(unused_variables)]
pub fn dunder_contains(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(vm.contains(o, &other)?))
}

#[allow(unused_variables)]
pub fn dunder_iter(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    vm.get_iter(o)
}

#[allow(unused_variables)]
pub fn dunder_eq(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    vm.compare(CmpOp::Eq, o, &other)
}

#[allow(unused_variables)]
pub fn dunder_lt(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    vm.compare(CmpOp::Lt, o, &other)
}

#[allow(unused_variables)]
pub fn dunder_add(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(binary_native(BinOp::Add, o, &other).unwrap_or(Ok(Value::NotImplemented))?)
}

#[allow(unused_variables)]
pub fn dunder_sub(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(binary_native(BinOp::Sub, o, &other).unwrap_or(Ok(Value::NotImplemented))?)
}

#[allow(unused_variables)]
pub fn dunder_mul(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(binary_native(BinOp::Mul, o, &other).unwrap_or(Ok(Value::NotImplemented))?)
}

#[allow(unused_variables)]
pub fn dunder_hash(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Int(vm.hash(o)?))
}

#[allow(unused_variables)]
pub fn dunder_str(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::string(vm.str(o)?))
}

#[allow(unused_variables)]
pub fn dunder_repr(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::string(vm.repr(o)?))
}

#[allow(unused_variables)]
pub fn dunder_int(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    crate::vm::builtins::construct(vm, &types().int, vec![o.clone()], vec![])
}

/// `x.__index__()`: only ints are integers here (`int(2.5)` truncates; an index does not).
#[allow(unused_variables)]
pub fn dunder_index(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    match o {
        Value::Int(_) | Value::Big(_) => Ok(o.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => Err(type_error(format!("'{}' object cannot be interpreted as an integer", type_name(o)))),
    }
}

#[allow(unused_variables)]
pub fn dunder_float(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    crate::vm::builtins::construct(vm, &types().float, vec![o.clone()], vec![])
}

#[allow(unused_variables)]
pub fn dunder_abs(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    crate::vm::builtins::b_abs(vm, vec![o.clone()], vec![])
}

#[allow(unused_variables)]
pub fn dunder_neg(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    vm.unary(crate::vm::code::UnOp::Neg, o)
}

#[allow(unused_variables)]
pub fn dunder_round(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let other = a.first().cloned().unwrap_or(Value::None);
    crate::vm::builtins::b_round(vm, vec![o.clone()], vec![])
}
