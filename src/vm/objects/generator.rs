//! generator: its methods (one table) and attributes.

use super::{method, Args, Kw, Method};
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

fn me(o: &Value) -> PyResult<&Arc<Generator>> {
    match o {
        Value::Gen(x) => Ok(x),
        _ => Err(super::wrong_self("generator", o)),
    }
}

pub static METHODS: &[Method] = &[
    method!("send", send),
    method!("__next__", send),
    method!("close", close),
    method!("throw", throw),
    method!("__iter__", dunder_iter),
];

#[allow(unused_variables)]
fn send(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let g = me(o)?;
    {
                let g = g.clone();
                match vm.gen_next_rust(&g, a.into_iter().next())? {
                    Some(v) => Ok(v),
                    None => Err(ExcType::StopIteration.bare()),
                }
}
}

#[allow(unused_variables)]
fn close(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let g = me(o)?;
    {
                let g = g.clone();
                vm.gen_close(&g)?;
                Ok(Value::None)
}
}

#[allow(unused_variables)]
fn throw(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let g = me(o)?;
    {
                let e = a.into_iter().next().unwrap_or(Value::None);
                let e = match e {
                    Value::Class(c) => vm.call(&Value::Class(c), vec![])?,
                    e => e,
                };
                let g = g.clone();
                match vm.gen_throw(&g, e)? {
                    Some(v) => Ok(v),
                    None => Err(ExcType::StopIteration.bare()),
                }
}
}

#[allow(unused_variables)]
fn dunder_iter(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let g = me(o)?;
    Ok(o.clone())
}
