//! `_agen`: tells the values an async generator yields from what its awaits pass up
//! (the engine wraps the first, ASYNC_GEN_WRAP); `_asyncgen` (Python) builds the async
//! generator's protocol on it.

use super::*;

/// `unwrap(x)` -> `(True, value)` for a yielded value, `(False, x)` for anything else.
fn unwrap(_vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let (wrapped, v) = crate::vm::iterate::async_gen_unwrap(a.first().unwrap_or(&Value::None));
    Ok(Value::tuple(vec![Value::Bool(wrapped), v]))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "unwrap", unwrap);
    Ok(())
}
