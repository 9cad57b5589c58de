//! property, staticmethod, classmethod and super: constructors and property.setter & co.

use super::{kwarg, nargs, Args, Kw};
use crate::vm::builtins::arg;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

/// `property(...)`
#[allow(unused_variables)]
pub fn new_property(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    let g = |i: usize, n: &str| a.get(i).cloned().or_else(|| kwarg(&kw, n)).unwrap_or(Value::None);
    Ok(Value::Wrap(Arc::new(Wrapper::Property { fget: g(0, "fget"), fset: g(1, "fset"), fdel: g(2, "fdel"), doc: g(3, "doc") })))
}

/// `staticmethod(...)`
#[allow(unused_variables)]
pub fn new_staticmethod(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("staticmethod", &a, 1, 1)?;
    Ok(Value::Wrap(Arc::new(Wrapper::Static(arg(&a, 0)?.clone()))))
}

/// `classmethod(...)`
#[allow(unused_variables)]
pub fn new_classmethod(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("classmethod", &a, 1, 1)?;
    Ok(Value::Wrap(Arc::new(Wrapper::ClassMethod(arg(&a, 0)?.clone()))))
}

/// `super(...)`
#[allow(unused_variables)]
pub fn new_super(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(ExcType::RuntimeError.msg("super(): no arguments"));
    }
    let Value::Class(cls) = arg(&a, 0)? else { return Err(type_error("super() argument 1 must be a type")) };
    Ok(Value::Wrap(Arc::new(Wrapper::Super(cls.clone(), arg(&a, 1)?.clone()))))
}
