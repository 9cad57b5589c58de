//! slice: attributes and constructor.

use super::{Args, Kw, Method};
use crate::vm::builtins::arg;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

pub static METHODS: &[Method] = &[];

/// `slice(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    let (s, e, st) = match a.len() {
        1 => (Value::None, arg(&a, 0)?.clone(), Value::None),
        2 => (arg(&a, 0)?.clone(), arg(&a, 1)?.clone(), Value::None),
        3 => (arg(&a, 0)?.clone(), arg(&a, 1)?.clone(), arg(&a, 2)?.clone()),
        _ => return Err(type_error("slice expected at least 1 argument, got 0")),
    };
    Ok(Value::Slice(Arc::new((s, e, st))))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::Slice(std::sync::Arc::new((Value::None, Value::Int(2), Value::None))));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["[1, 2, 3][slice(2)]"]), ["[1, 2]"]);
    }
}
