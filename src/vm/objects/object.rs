//! object (and exception) slots: `object.__init__`, `__setattr__`, ... reached through
//! super() or the class, in one table; the object and type constructors.

use super::{method, Args, Kw, Method};
use crate::vm::interp::Vm;
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::Arc;

pub static METHODS: &[Method] = &[
    method!("__init__", dunder_init),
    method!("__setattr__", dunder_setattr),
    method!("__delattr__", dunder_delattr),
    method!("__getattribute__", dunder_getattribute),
    method!("__str__", dunder_str),
    method!("__repr__", dunder_str),
    method!("__eq__", dunder_eq),
    method!("__ne__", dunder_ne),
    method!("__hash__", dunder_hash),
    method!("__new__", dunder_new),
    method!("__init_subclass__", dunder_init_subclass),
    method!("__format__", dunder_format),
];

/// `object(...)`
#[allow(unused_variables)]
pub fn new(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    Ok(Value::Inst(Arc::new(Instance::new(c.clone()))))
}

/// `type(...)`
#[allow(unused_variables)]
pub fn new_type(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    super::typeobj::call_metaclass(vm, c, a, kw)
}

#[allow(unused_variables)]
fn dunder_init(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            if let Value::Inst(i) = &obj {
                if i.class().kind == Kind::Exception {
                    i.set(intern("args"), Value::tuple(a));
                }
            }
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_setattr(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            if let (Value::Inst(i), Some(n)) = (&obj, a.first().and_then(|v| v.as_str())) {
                let n = intern(n);
                if let Some(Value::Wrap(w)) = i.class().lookup(&n) {
                    if let Wrapper::Property { fset, .. } = &*w {
                        vm.call(fset, vec![obj.clone(), a.get(1).cloned().unwrap_or(Value::None)])?;
                        return Ok(Value::None);
                    }
                }
                i.set(n, a.get(1).cloned().unwrap_or(Value::None));
            }
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_delattr(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            if let (Value::Inst(i), Some(n)) = (&obj, a.first().and_then(|v| v.as_str())) {
                i.del(n);
            }
            Ok(Value::None)
}
}

#[allow(unused_variables)]
fn dunder_getattribute(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            let n = a.first().and_then(|v| v.as_str()).unwrap_or("").to_string();
            if let Value::Inst(i) = &obj {
                if let Some(v) = i.get(&n) {
                    return Ok(v);
                }
            }
            vm.getattr_plain(&obj, &n, None)
}
}

#[allow(unused_variables)]
fn dunder_str(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            if let Value::Inst(i) = &obj {
                let cls = i.class();
                if cls.kind == Kind::Exception {
                    let args = i.get("args").unwrap_or(Value::tuple(vec![]));
                    return Ok(Value::string(match &args {
                        Value::Tuple(t) if t.is_empty() => String::new(),
                        Value::Tuple(t) if t.len() == 1 => vm.str(&t[0])?,
                        o => vm.repr(o)?,
                    }));
                }
            }
            Ok(Value::string(repr_simple(&obj)))
}
}

#[allow(unused_variables)]
fn dunder_eq(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    Ok(if a.first().map(|o| o.is(&obj)).unwrap_or(false) { Value::Bool(true) } else { Value::NotImplemented })
}

#[allow(unused_variables)]
fn dunder_ne(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    Ok(Value::Bool(!a.first().map(|o| o.is(&obj)).unwrap_or(false)))
}

#[allow(unused_variables)]
fn dunder_hash(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    Ok(Value::Int(obj.id() >> 4))
}

#[allow(unused_variables)]
fn dunder_new(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    {
            let cls = match a.first() {
                Some(Value::Class(c)) => c.clone(),
                _ => match &obj {
                    Value::Class(c) => c.clone(),
                    _ => types().object.clone(),
                },
            };
            if let Some(bb) = cls.builtin_base() {
                return crate::vm::subclass::new_instance(vm, &cls, &bb, vec![], vec![]);
            }
            let i = Instance::new(cls.clone());
            if cls.kind == Kind::Exception {
                i.set(intern("args"), Value::tuple(a.into_iter().skip(1).collect()));
            }
            Ok(Value::Inst(Arc::new(i)))
}
}

#[allow(unused_variables)]
fn dunder_init_subclass(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    Ok(Value::None)
}

#[allow(unused_variables)]
fn dunder_format(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let obj = o.clone();
    Ok(Value::string(vm.str(&obj)?))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn table_names_unique_and_reachable() {
        testing::check_table(METHODS, crate::vm::builtins::construct(&mut testing::vm(), &types().object, vec![], vec![]).unwrap());
    }

    #[test]
    fn behaves_like_cpython() {
        assert_eq!(testing::reprs(&["object.__eq__(1, 1)"]), ["True"]);
    }
}
