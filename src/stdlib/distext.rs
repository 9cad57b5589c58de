//! `_dis`: the disassembly text of a function's code (our bytecode, in the layout of
//! CPython's `dis.dis`; see `vm/dis.rs`), for the `dis` module in `py/dis.py`.

use super::*;

/// `text(f)` -> the disassembly of function/method `f` and its nested code.
fn text(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let f = match a.first() {
        Some(Value::Method(m)) => m.1.clone(),
        Some(v) => v.clone(),
        None => Value::None,
    };
    match &f {
        Value::Func(func) => Ok(Value::string(func.code.disassemble())),
        other => Err(crate::vm::types::type_error(format!("don't know how to disassemble {} objects", crate::vm::types::type_name(other)))),
    }
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "text", text);
    Ok(())
}
