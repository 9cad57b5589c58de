//! The builtin iterators (enumerate, zip, map, list_iterator...): their methods (one table).

use super::{method, Args, Kw, Method};
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;

pub static METHODS: &[Method] = &[
    method!("__next__", dunder_next),
    method!("__iter__", dunder_iter),
];

#[allow(unused_variables)]
fn dunder_next(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    match vm.next(o)? {
                Some(v) => Ok(v),
                None => Err(ExcType::StopIteration.bare()),
            }
}

#[allow(unused_variables)]
fn dunder_iter(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {

    Ok(o.clone())
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, crate::vm::iter::new_iter(crate::vm::iter::IterKind::Seq { items: std::sync::Arc::new(vec![]), i: 0, name: "list_iterator" }));
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["iter([1]).__next__()"]), ["1"]);
    }
}
