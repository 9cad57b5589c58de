//! float: its methods (one table), attributes and constructor.

use super::{method, Args, Kw, Method};
use crate::vm::builtins::arg;
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

fn me(o: &Value) -> PyResult<&f64> {
    match o {
        Value::Float(x) => Ok(x),
        _ => Err(super::wrong_self("float", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("is_integer", is_integer),
    method!("conjugate", conjugate),
    method!("as_integer_ratio", as_integer_ratio),
    method!("__add__", super::generic::dunder_add),
    method!("__sub__", super::generic::dunder_sub),
    method!("__mul__", super::generic::dunder_mul),
    method!("__eq__", super::generic::dunder_eq),
    method!("__lt__", super::generic::dunder_lt),
    method!("__int__", super::generic::dunder_int),
    method!("__float__", super::generic::dunder_float),
    method!("__str__", super::generic::dunder_str),
    method!("__repr__", super::generic::dunder_repr),
    method!("__abs__", super::generic::dunder_abs),
    method!("__neg__", super::generic::dunder_neg),
    method!("__round__", super::generic::dunder_round),
];

/// `float(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Ok(Value::Float(0.0));
    }
    let mut a = a;
    if let Value::Inst(i) = &a[0] {
        if i.base.is_some() && i.class().lookup("__float__").is_none() {
            a[0] = i.base.clone().unwrap();
        }
    }
    match arg(&a, 0)? {
        Value::Str(s) => parse_float_str(&s.s).map(Value::Float).ok_or_else(|| value_error(format!("could not convert string to float: {}", str_repr(&s.s)))),
        v @ Value::Inst(_) => match vm.call_dunder(v, "__float__", vec![])? {
            Some(r) => Ok(r),
            None => Err(type_error(format!("float() argument must be a string or a real number, not '{}'", type_name(v)))),
        },
        v => to_f64(v).map(Value::Float).ok_or_else(|| type_error(format!("float() argument must be a string or a real number, not '{}'", type_name(v)))),
    }
}

#[allow(unused_variables)]
fn is_integer(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let f = me(o)?;
    Ok(Value::Bool(f.fract() == 0.0 && f.is_finite()))
}

#[allow(unused_variables)]
fn conjugate(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let f = me(o)?;
    Ok(o.clone())
}

#[allow(unused_variables)]
fn as_integer_ratio(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let f = me(o)?;
    {
                let mut n = *f;
                let mut d: u64 = 1;
                while n.fract() != 0.0 && d < (1u64 << 62) {
                    n *= 2.0;
                    d *= 2;
                }
                Ok(Value::tuple(vec![Value::Int(n as i64), Value::Int(d as i64)]))
}
}

pub fn parse_float_str(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.replace('_', "");
    match t.as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')) {
        return None;
    }
    t.parse().ok()
}


#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::Float(1.5));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["(1.5).as_integer_ratio()", "(2.0).is_integer()"]), ["(3, 2)", "True"]);
    }
}
