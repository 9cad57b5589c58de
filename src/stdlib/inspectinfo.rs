//! `_inspect`: what `inspect` (py/inspect.py) needs to know about a function that the
//! engine does not expose as attributes (there is no `__code__`): its parameters, where
//! it was defined, whether it is a generator, and the program's source text.

use super::*;

type A = Vec<Value>;
type K = Vec<(Name, Value)>;

fn func_of(v: Option<&Value>) -> Option<Arc<crate::vm::value::Function>> {
    match v? {
        Value::Func(f) => Some(f.clone()),
        Value::Method(m) => match &m.1 {
            Value::Func(f) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `params(f)` -> [(name, kind, has_default, default)], kinds numbered like
/// inspect.Parameter's (0 positional-only ... 4 var-keyword); None if not a function.
fn params(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let Some(f) = func_of(a.first()) else { return Ok(Value::None) };
    let c = &f.code;
    let argc = c.argcount as usize;
    let kwonly = c.kwonly as usize;
    let mut out = vec![];
    let first_default = argc.saturating_sub(f.defaults.len());
    let p = |n: &Name, kind: i64, d: Option<Value>| Value::tuple(vec![Value::str(n), Value::Int(kind), Value::Bool(d.is_some()), d.unwrap_or(Value::None)]);
    for i in 0..argc {
        let kind = if i < c.posonly as usize { 0 } else { 1 };
        let d = if i >= first_default { f.defaults.get(i - first_default).cloned() } else { None };
        out.push(p(&c.varnames[i], kind, d));
    }
    let mut next = argc + kwonly;
    if c.varargs {
        out.push(p(&c.varnames[next], 2, None));
        next += 1;
    }
    for i in argc..argc + kwonly {
        let n = &c.varnames[i];
        let d = f.kwdefaults.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        out.push(p(n, 3, d));
    }
    if c.varkw {
        out.push(p(&c.varnames[next], 4, None));
    }
    Ok(Value::list(out))
}

/// `info(f)` -> (filename, first line, is generator, is coroutine, is async
/// generator) or None.
fn info(_vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let Some(f) = func_of(a.first()) else { return Ok(Value::None) };
    Ok(Value::tuple(vec![Value::str(&f.code.filename), Value::Int(f.code.firstline as i64), Value::Bool(f.code.is_gen && !f.code.is_coro), Value::Bool(f.code.is_coro && !f.code.is_asyncgen), Value::Bool(f.code.is_asyncgen)]))
}

/// `source(filename)` -> the text the engine compiled from that file, or None.
fn source(vm: &mut Vm, a: A, _k: K) -> PyResult<Value> {
    let name = a.first().and_then(|v| v.as_str()).unwrap_or("").to_string();
    Ok(lock(&vm.interp.sources).get(name.as_str()).map(|s| Value::str(s)).unwrap_or(Value::None))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "params", params);
    def(ns, "info", info);
    def(ns, "source", source);
    Ok(())
}
