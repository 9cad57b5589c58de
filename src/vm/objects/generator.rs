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

/// The StopIteration a finished generator raises: it carries the returned value.
fn stop_iteration(vm: &mut Vm) -> Value {
    match std::mem::replace(&mut vm.gen_return, Value::None) {
        Value::None => ExcType::StopIteration.bare(),
        v => ExcType::StopIteration.with(vec![v]),
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
                vm.gen_return = Value::None;
                match vm.gen_next_rust(&g, a.into_iter().next())? {
                    Some(v) => Ok(v),
                    None => Err(stop_iteration(vm)),
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
                vm.gen_return = Value::None;
                match vm.gen_throw(&g, e)? {
                    Some(v) => Ok(v),
                    None => Err(stop_iteration(vm)),
                }
}
}

#[allow(unused_variables)]
fn dunder_iter(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let g = me(o)?;
    Ok(o.clone())
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        let names: Vec<&str> = METHODS.iter().map(|m| m.name).collect();
        let mut seen = std::collections::HashSet::new();
        assert!(names.iter().all(|n| seen.insert(*n)), "duplicate entry");
        let src = format!("def g():\n    yield 1\nprint(all(hasattr(g(), n) for n in {:?}))\n", names);
        assert_eq!(testing::run(&src).0, "True\n");
    }

    #[test]
    fn behaves_like_cpython() {
        let (out, _) = testing::run("def g():\n    x = yield 1\n    yield x\nit = g()\nprint(it.__next__(), it.send(5))\nit.close()\n");
        assert_eq!(out, "1 5\n");
    }
}
