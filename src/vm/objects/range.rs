//! range: attributes and constructor (no methods of its own).

use super::{nargs, Args, Kw, Method};
use crate::vm::builtins::to_int;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

pub static METHODS: &[Method] = &[];

/// `range(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("range", &a, 1, 3)?;
    let ints: Vec<i64> = a.iter().map(to_int).collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.len() {
        1 => (0, ints[0], 1),
        2 => (ints[0], ints[1], 1),
        _ => (ints[0], ints[1], ints[2]),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new((start, stop, step))))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, Value::Range(std::sync::Arc::new((0, 3, 1))));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["range(1, 10, 2)[2]"]), ["5"]);
    }
}
