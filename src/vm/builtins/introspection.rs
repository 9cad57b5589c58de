//! Builtins about objects and names: isinstance, issubclass, id, hash, getattr & co,
//! callable, format, input, vars, dir, globals, open, exit, __import__.

use super::*;

pub fn isinstance(v: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Class(c) => {
            let vc = type_of(v);
            if vc.is_subclass(c) {
                return Ok(true);
            }
            Ok(false)
        }
        Value::Tuple(ts) => {
            for x in ts.iter() {
                if isinstance(v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}
pub(super) fn b_isinstance(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("isinstance", &a, 2, 2)?;
    Ok(Value::Bool(isinstance_hooked(vm, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, "__instancecheck__")?))
}

/// isinstance/issubclass that ask a metaclass's __instancecheck__/__subclasscheck__
/// (abc.ABCMeta: registered and structural subclasses) when the MRO says no.
pub(crate) fn isinstance_hooked(vm: &mut Vm, v: &Value, t: &Value, hook: &str) -> PyResult<bool> {
    if let Value::Tuple(ts) = t {
        for x in ts.iter() {
            if isinstance_hooked(vm, v, x, hook)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let plain = if hook == "__instancecheck__" {
        isinstance(v, t)?
    } else {
        match (v, t) {
            (Value::Class(a), Value::Class(b)) => a.is_subclass(b),
            _ => false,
        }
    };
    if plain {
        return Ok(true);
    }
    if let Some(m) = crate::vm::attr::meta_method(t, hook) {
        if matches!(&m, Value::Method(_)) {
            let r = vm.call(&m, vec![v.clone()])?;
            return vm.truthy(&r);
        }
    }
    Ok(false)
}
pub(super) fn b_issubclass(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("issubclass", &a, 2, 2)?;
    let Value::Class(c) = crate::vm::builtins::arg(&a, 0)? else { return Err(type_error("issubclass() arg 1 must be a class")) };
    fn chk(c: &Arc<Class>, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(t) => Ok(c.is_subclass(t)),
            Value::Tuple(ts) => {
                for x in ts.iter() {
                    if chk(c, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
        }
    }
    if chk(c, crate::vm::builtins::arg(&a, 1)?)? {
        return Ok(Value::Bool(true));
    }
    Ok(Value::Bool(isinstance_hooked(_vm, &a[0], &a[1], "__subclasscheck__")?))
}
pub(super) fn b_id(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("id", &a, 1, 1)?;
    Ok(Value::Int(crate::vm::builtins::arg(&a, 0)?.id()))
}
pub(super) fn b_hash(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("hash", &a, 1, 1)?;
    Ok(Value::Int(vm.hash(crate::vm::builtins::arg(&a, 0)?)?))
}
pub(super) fn b_getattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("getattr", &a, 2, 3)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    match vm.getattr(crate::vm::builtins::arg(&a, 0)?, &n) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && exc_matches(&e, ExcType::AttributeError) => Ok(crate::vm::builtins::arg(&a, 2)?.clone()),
        Err(e) => Err(e),
    }
}
pub(super) fn b_setattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("setattr", &a, 3, 3)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    vm.setattr(crate::vm::builtins::arg(&a, 0)?, &intern(n), crate::vm::builtins::arg(&a, 2)?.clone())?;
    Ok(Value::None)
}
pub(super) fn b_hasattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("hasattr", &a, 2, 2)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    match vm.getattr(crate::vm::builtins::arg(&a, 0)?, &n) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if exc_matches(&e, ExcType::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}
pub(super) fn b_delattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("delattr", &a, 2, 2)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    vm.delattr(crate::vm::builtins::arg(&a, 0)?, &n)?;
    Ok(Value::None)
}
pub(super) fn b_callable(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("callable", &a, 1, 1)?;
    Ok(Value::Bool(match crate::vm::builtins::arg(&a, 0)? {
        Value::Func(_) | Value::Builtin(_) | Value::BMethod(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Inst(i) => i.class().lookup("__call__").is_some(),
        _ => false,
    }))
}

pub(super) fn b_format(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("format", &a, 1, 2)?;
    let spec = a.get(1).and_then(|s| s.as_str().map(|x| x.to_string())).unwrap_or_default();
    Ok(Value::string(vm.format(crate::vm::builtins::arg(&a, 0)?, &spec)?))
}
pub(super) fn b_input(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("input", &a, 0, 1)?;
    if let Some(p) = a.first() {
        let s = vm.str(p)?;
        vm.host().write_stdout(&s);
    }
    vm.host().flush();
    // Other threads run while this one waits for a line, as in CPython.
    let mut line = None;
    vm.interp.scheduler.without_gil(vm.ident, &mut || line = vm.host().read_line());
    match line {
        Some(l) => Ok(Value::string(l)),
        // Stop while waiting: Ctrl+C in a terminal.
        None if vm.is_main && !vm.interrupted && vm.host().stop_requested() => {
            vm.interrupted = true;
            Err(ExcType::KeyboardInterrupt.bare())
        }
        None => Err(ExcType::EOFError.msg("EOF when reading a line")),
    }
}
pub(super) fn b_vars(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    match a.first() {
        Some(v) => vm.getattr(v, "__dict__"),
        None => b_globals(vm, a, vec![]),
    }
}
pub(super) fn b_dir(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    let mut names: Vec<String> = vec![];
    match a.first() {
        Some(Value::Inst(i)) => {
            for (k, _) in lock(&i.dict).iter() {
                names.push(k.to_string());
            }
            for c in i.class().mro() {
                for k in lock(&c.dict).keys() {
                    names.push(k.to_string());
                }
            }
        }
        Some(Value::Class(c)) => {
            for c in c.mro() {
                for k in lock(&c.dict).keys() {
                    names.push(k.to_string());
                }
            }
        }
        Some(Value::Module(m)) => {
            for k in lock(&m.ns.map).keys() {
                names.push(k.to_string());
            }
        }
        None => {
            if let Some(f) = vm.frames.last() {
                for k in lock(&f.globals.map).keys() {
                    names.push(k.to_string());
                }
            }
        }
        _ => {}
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}
pub(super) fn b_globals(vm: &mut Vm, _a: Args, _kw: Kw) -> PyResult<Value> {
    let mut d = Dict::new();
    if let Some(f) = vm.frames.last() {
        let mut items: Vec<(Name, Value)> = lock(&f.globals.map).iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in items {
            let kv = Value::str(&k);
            d.insert(hash_native(&kv).ok().flatten().unwrap_or(0), kv, v);
        }
    }
    Ok(Value::dict(d))
}
/// `open()` is `io.open` (Python over the run's file system, `stdlib/fs.rs`).
pub(super) fn b_open(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let io = vm.import("io")?;
    let open = vm.getattr(&io, "open")?;
    vm.call_kw(&open, a, kw)
}
pub(super) fn b_exit(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    Err(ExcType::SystemExit.with(a))
}
/// `__import__(name, globals, locals, fromlist)`: imports `name`, and returns its top
/// package unless a fromlist is given (then the module itself), as CPython's does.
pub(super) fn b_import(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let n = a.first().and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
    let m = vm.import(&n)?;
    let fromlist = a.get(3).or_else(|| kw.iter().find(|(k, _)| &**k == "fromlist").map(|(_, v)| v)).cloned();
    let wants_leaf = match fromlist {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    match n.split_once('.') {
        Some((top, _)) if !wants_leaf => vm.import(top),
        _ => Ok(m),
    }
}
