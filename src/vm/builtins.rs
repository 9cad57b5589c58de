//! Builtin functions, constructors of builtin types and methods of builtin values.

use super::dict::Dict;
use super::interp::{bind, Vm};
use super::iter::{new_iter, IterKind};
use super::ops::*;
use super::types::*;
use super::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::sync::{Arc, Mutex};

type Args = Vec<Value>;
type Kw = Vec<(Name, Value)>;

pub fn bf(name: &'static str, f: fn(&mut Vm, Args, Kw) -> PyResult<Value>) -> Value {
    Value::Builtin(Arc::new(BuiltinFn { name, module: "builtins", f, bound: None }))
}

fn kwarg(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v.clone())
}

fn no_kw(name: &str, kw: &Kw) -> PyResult<()> {
    if let Some((k, _)) = kw.first() {
        return Err(type_error(format!("{name}() takes no keyword arguments").replace("() takes", &format!("() got an unexpected keyword argument '{k}'")).split(" takes").next().unwrap().to_string()));
    }
    Ok(())
}

fn nargs(name: &str, a: &Args, min: usize, max: usize) -> PyResult<()> {
    if a.len() < min || a.len() > max {
        if min == max {
            if min == 1 {
                return Err(type_error(format!("{name}() takes exactly one argument ({} given)", a.len())));
            }
            return Err(type_error(format!("{name} expected {min} arguments, got {}", a.len())));
        }
        if a.len() < min {
            return Err(type_error(format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())));
        }
        return Err(type_error(format!("{name} expected at most {max} arguments, got {}", a.len())));
    }
    Ok(())
}

/// The i-th positional argument, or a TypeError if missing.
pub fn arg(a: &[Value], i: usize) -> PyResult<&Value> {
    a.get(i).ok_or_else(|| type_error(format!("expected at least {} argument{}, got {}", i + 1, if i == 0 { "" } else { "s" }, a.len())))
}

pub fn to_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(ExcType::OverflowError.msg("Python int too large to convert to C ssize_t")),
        _ => Err(type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))),
    }
}

pub fn str_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    v.as_str().ok_or_else(|| type_error(format!("{what} must be str, not {}", type_name(v))))
}

pub fn install(ns: &Arc<Namespace>) {
    let t = types();
    for (n, c) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("float", &t.float),
        ("str", &t.str_),
        ("bool", &t.bool_),
        ("bytes", &t.bytes),
        ("tuple", &t.tuple),
        ("list", &t.list),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("staticmethod", &t.staticmethod),
        ("classmethod", &t.classmethod),
        ("super", &t.super_),
    ] {
        ns.set(intern(n), Value::Class(c.clone()));
    }
    for (e, c) in ExcType::ALL.iter().zip(t.exc.iter()) {
        ns.set(intern(e.name()), Value::Class(c.clone()));
    }
    ns.set(intern("EnvironmentError"), Value::Class(t.exc[ExcType::OSError as usize].clone()));
    ns.set(intern("IOError"), Value::Class(t.exc[ExcType::OSError as usize].clone()));
    ns.set(intern("NotImplemented"), Value::NotImplemented);
    ns.set(intern("Ellipsis"), Value::Ellipsis);
    ns.set(intern("__name__"), Value::str("builtins"));
    let fns: &[(&'static str, fn(&mut Vm, Args, Kw) -> PyResult<Value>)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("abs", b_abs),
        ("min", b_min),
        ("max", b_max),
        ("sum", b_sum),
        ("any", b_any),
        ("all", b_all),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("iter", b_iter),
        ("next", b_next),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("id", b_id),
        ("hash", b_hash),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("hasattr", b_hasattr),
        ("delattr", b_delattr),
        ("callable", b_callable),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("format", b_format),
        ("input", b_input),
        ("vars", b_vars),
        ("dir", b_dir),
        ("globals", b_globals),
        ("locals", b_globals),
        ("open", b_open),
        ("exit", b_exit),
        ("quit", b_exit),
        ("__import__", b_import),
    ];
    for (n, f) in fns {
        ns.set(intern(n), bf(n, *f));
    }
}

// ---------------- builtin functions ----------------

pub fn b_print(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut to_err = false;
    let mut file_obj = None;
    for (k, v) in &kw {
        match &**k {
            "sep" => {
                if !v.is_none() {
                    sep = v.as_str().ok_or_else(|| type_error(format!("sep must be None or a string, not {}", type_name(v))))?.to_string()
                }
            }
            "end" => {
                if !v.is_none() {
                    end = v.as_str().ok_or_else(|| type_error(format!("end must be None or a string, not {}", type_name(v))))?.to_string()
                }
            }
            "file" => match v {
                Value::Native(n) => {
                    if let NativeData::Stream(2) = &*lock(&n.data) {
                        to_err = true;
                    }
                }
                Value::None => {}
                other => file_obj = Some(other.clone()),
            },
            "flush" => {}
            _ => return Err(type_error(format!("'{}' is an invalid keyword argument for print()", k))),
        }
    }
    let mut s = String::new();
    for (i, x) in a.iter().enumerate() {
        if i > 0 {
            s.push_str(&sep);
        }
        match x {
            Value::Str(st) => s.push_str(&st.s),
            other => s.push_str(&vm.str(other)?),
        }
    }
    s.push_str(&end);
    // `sys.stdout = something`: print writes there, as CPython's does.
    if file_obj.is_none() && !to_err && !kw.iter().any(|(k, _)| &**k == "file") {
        file_obj = replaced_stream(vm, "stdout");
    }
    if let Some(f) = file_obj {
        let w = vm.getattr(&f, "write")?;
        vm.call(&w, vec![Value::string(s)])?;
        return Ok(Value::None);
    }
    if to_err {
        vm.host().write_stderr(&s);
    } else {
        vm.host().write_stdout(&s);
    }
    Ok(Value::None)
}

/// `sys.stdout` / `sys.stderr` when the program replaced it with its own object.
pub fn replaced_stream(vm: &Vm, name: &str) -> Option<Value> {
    let sys = lock(&vm.interp.modules).get("sys").cloned()?;
    let Value::Module(m) = sys else { return None };
    match m.ns.get(name)? {
        Value::Native(n) if matches!(&*lock(&n.data), NativeData::Stream(_)) => None,
        other => Some(other),
    }
}

pub fn len_of(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => lock(l).len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => lock(d).len(),
        Value::Set(d) => lock(d).len(),
        Value::FrozenSet(d) => d.len(),
        Value::Range(r) => range_len(r.0, r.1, r.2) as usize,
        Value::Native(n) => match &*lock(&n.data) {
            NativeData::Deque(d, _) => d.len(),
            NativeData::View(d, _) => lock(d).len(),
            _ => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
        },
        Value::Inst(_) => match vm.call_dunder(v, "__len__", vec![])? {
            Some(Value::Int(i)) => {
                if i < 0 {
                    return Err(value_error("__len__() should return >= 0"));
                }
                i as usize
            }
            Some(Value::Bool(b)) => b as usize,
            Some(r) => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&r)))),
            None => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
        },
        _ => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
    })
}

fn b_len(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    no_kw("len", &kw)?;
    nargs("len", &a, 1, 1)?;
    Ok(Value::Int(len_of(vm, crate::vm::builtins::arg(&a, 0)?)? as i64))
}
fn b_repr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("repr", &a, 1, 1)?;
    Ok(Value::string(vm.repr(crate::vm::builtins::arg(&a, 0)?)?))
}
fn b_ascii(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("ascii", &a, 1, 1)?;
    Ok(Value::string(super::interp::ascii_of(&vm.repr(crate::vm::builtins::arg(&a, 0)?)?)))
}
fn b_abs(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("abs", &a, 1, 1)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Int(i) => Ok(i.checked_abs().map(Value::Int).unwrap_or_else(|| Value::big(BigInt::from(*i).abs()))),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Big(b) => Ok(Value::big(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v => match vm.call_dunder(v, "__abs__", vec![])? {
            Some(r) => Ok(r),
            None => Err(type_error(format!("bad operand type for abs(): '{}'", type_name(v)))),
        },
    }
}

fn minmax(vm: &mut Vm, a: Args, kw: Kw, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = kwarg(&kw, "key").filter(|k| !k.is_none());
    let default = kwarg(&kw, "default");
    let items = if a.len() == 1 {
        vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?
    } else if a.is_empty() {
        return Err(type_error(format!("{name} expected at least 1 argument, got 0")));
    } else {
        a
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0].clone();
    let mut bestk = match &key {
        Some(k) => vm.call(k, vec![best.clone()])?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let xk = match &key {
            Some(k) => vm.call(k, vec![x.clone()])?,
            None => x.clone(),
        };
        let better = if is_max { vm.lt(&bestk, &xk)? } else { vm.lt(&xk, &bestk)? };
        if better {
            best = x;
            bestk = xk;
        }
    }
    Ok(best)
}
fn b_min(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    minmax(vm, a, kw, false)
}
fn b_max(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    minmax(vm, a, kw, true)
}
fn b_sum(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("sum", &a, 1, 2)?;
    let mut acc = a.get(1).cloned().or_else(|| kwarg(&kw, "start")).unwrap_or(Value::Int(0));
    if let Value::Str(_) = acc {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary(super::code::BinOp::Add, &acc, &x, false)?;
    }
    Ok(acc)
}
fn b_any(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("any", &a, 1, 1)?;
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn b_all(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("all", &a, 1, 1)?;
    let it = vm.get_iter(crate::vm::builtins::arg(&a, 0)?)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub fn sort_values(vm: &mut Vm, items: &mut Vec<Value>, key: Option<Value>, reverse: bool) -> PyResult<()> {
    let keys: Vec<Value> = match &key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(vm.call(k, vec![x.clone()])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut error: Option<Value> = None;
    // Fast path: all natively comparable.
    let native = keys.windows(2).all(|w| cmp_native(&w[0], &w[1]).is_ok());
    if native {
        idx.sort_by(|&x, &y| {
            let o = cmp_native(&keys[x], &keys[y]).unwrap_or(std::cmp::Ordering::Equal);
            if reverse {
                o.reverse()
            } else {
                o
            }
        });
    } else {
        idx.sort_by(|&x, &y| {
            if error.is_some() {
                return std::cmp::Ordering::Equal;
            }
            let (p, q) = if reverse { (&keys[x], &keys[y]) } else { (&keys[y], &keys[x]) };
            // "y < x" means x is greater
            match vm.lt(p, q) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Less.then(std::cmp::Ordering::Equal).min(std::cmp::Ordering::Equal).max(match vm.lt(q, p) {
                    Ok(true) => std::cmp::Ordering::Less,
                    Ok(false) => std::cmp::Ordering::Equal,
                    Err(e) => {
                        error = Some(e);
                        std::cmp::Ordering::Equal
                    }
                }),
                Err(e) => {
                    error = Some(e);
                    std::cmp::Ordering::Equal
                }
            }
        });
    }
    if let Some(e) = error {
        return Err(e);
    }
    let sorted: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

fn b_sorted(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("sorted", &a, 1, 1)?;
    let mut items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
    let key = kwarg(&kw, "key").filter(|k| !k.is_none());
    let rev = match kwarg(&kw, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    sort_values(vm, &mut items, key, rev)?;
    Ok(Value::list(items))
}
fn b_reversed(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("reversed", &a, 1, 1)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) | Value::Str(_) => {
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            Ok(new_iter(IterKind::Reversed { items }))
        }
        Value::Dict(d) => Ok(new_iter(IterKind::Reversed { items: lock(d).keys() })),
        v @ Value::Inst(_) => {
            if let Some(r) = vm.call_dunder(v, "__reversed__", vec![])? {
                return Ok(r);
            }
            let n = len_of(vm, v)?;
            let mut items = vec![];
            for i in 0..n {
                items.push(vm.getitem(v, &Value::Int(i as i64))?);
            }
            Ok(new_iter(IterKind::Reversed { items }))
        }
        Value::Native(_) => {
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            Ok(new_iter(IterKind::Reversed { items }))
        }
        v => Err(type_error(format!("'{}' object is not reversible", type_name(v)))),
    }
}
fn b_enumerate(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let start = a.get(1).cloned().or_else(|| kwarg(&kw, "start")).unwrap_or(Value::Int(0));
    let src = a.first().cloned().or_else(|| kwarg(&kw, "iterable")).ok_or_else(|| type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let inner = vm.get_iter(&src)?;
    Ok(new_iter(IterKind::Enumerate { inner, n: start }))
}
fn b_zip(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let mut inners = vec![];
    for x in &a {
        inners.push(vm.get_iter(x)?);
    }
    let strict = match kwarg(&kw, "strict") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    Ok(new_iter(IterKind::Zip { inners, strict }))
}
fn b_map(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let mut inners = vec![];
    for x in &a[1..] {
        inners.push(vm.get_iter(x)?);
    }
    Ok(new_iter(IterKind::Map { f: crate::vm::builtins::arg(&a, 0)?.clone(), inners }))
}
fn b_filter(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("filter", &a, 2, 2)?;
    let inner = vm.get_iter(crate::vm::builtins::arg(&a, 1)?)?;
    Ok(new_iter(IterKind::Filter { f: crate::vm::builtins::arg(&a, 0)?.clone(), inner }))
}
fn b_iter(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("iter", &a, 1, 2)?;
    if a.len() == 2 {
        return Ok(new_iter(IterKind::CallIter { f: crate::vm::builtins::arg(&a, 0)?.clone(), sentinel: crate::vm::builtins::arg(&a, 1)?.clone() }));
    }
    vm.get_iter(crate::vm::builtins::arg(&a, 0)?)
}
fn b_next(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("next", &a, 1, 2)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Iter(_) | Value::Gen(_) | Value::Inst(_) => {}
        v => return Err(type_error(format!("'{}' object is not an iterator", type_name(v)))),
    }
    if let Value::Gen(g) = crate::vm::builtins::arg(&a, 0)? {
        // Preserve the StopIteration value of a generator's return.
        let g = g.clone();
        return match vm.gen_next_rust(&g, None)? {
            Some(v) => Ok(v),
            None => match a.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(ExcType::StopIteration.bare()),
            },
        };
    }
    match vm.next(crate::vm::builtins::arg(&a, 0)?)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(ExcType::StopIteration.bare()),
        },
    }
}

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
fn b_isinstance(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("isinstance", &a, 2, 2)?;
    Ok(Value::Bool(isinstance(crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?)?))
}
fn b_issubclass(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
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
    Ok(Value::Bool(chk(c, crate::vm::builtins::arg(&a, 1)?)?))
}
fn b_id(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("id", &a, 1, 1)?;
    Ok(Value::Int(crate::vm::builtins::arg(&a, 0)?.id()))
}
fn b_hash(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("hash", &a, 1, 1)?;
    Ok(Value::Int(vm.hash(crate::vm::builtins::arg(&a, 0)?)?))
}
fn b_getattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("getattr", &a, 2, 3)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    match vm.getattr(crate::vm::builtins::arg(&a, 0)?, &n) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && exc_matches(&e, ExcType::AttributeError) => Ok(crate::vm::builtins::arg(&a, 2)?.clone()),
        Err(e) => Err(e),
    }
}
fn b_setattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("setattr", &a, 3, 3)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    vm.setattr(crate::vm::builtins::arg(&a, 0)?, &intern(n), crate::vm::builtins::arg(&a, 2)?.clone())?;
    Ok(Value::None)
}
fn b_hasattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("hasattr", &a, 2, 2)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    match vm.getattr(crate::vm::builtins::arg(&a, 0)?, &n) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if exc_matches(&e, ExcType::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}
fn b_delattr(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("delattr", &a, 2, 2)?;
    let n = crate::vm::builtins::arg(&a, 1)?.as_str().ok_or_else(|| type_error("attribute name must be string"))?.to_string();
    vm.delattr(crate::vm::builtins::arg(&a, 0)?, &n)?;
    Ok(Value::None)
}
fn b_callable(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("callable", &a, 1, 1)?;
    Ok(Value::Bool(match crate::vm::builtins::arg(&a, 0)? {
        Value::Func(_) | Value::Builtin(_) | Value::BMethod(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Inst(i) => i.class().lookup("__call__").is_some(),
        _ => false,
    }))
}

pub fn round_half_even(x: f64, nd: i32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // Use decimal string rounding for correctness like CPython (round-half-even on the
    // exact binary value).
    let s = format!("{:.*}", nd.max(0) as usize, x);
    if nd >= 0 {
        return s.parse().unwrap_or(x);
    }
    let p = 10f64.powi(-nd);
    let y = x / p;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 { 2.0 * (y / 2.0).round() } else { r };
    r * p
}

fn b_round(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    nargs("round", &a, 1, 2)?;
    let nd = a.get(1).cloned().or_else(|| kwarg(&kw, "ndigits")).filter(|v| !v.is_none());
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Float(f) => match nd {
            None => {
                if !f.is_finite() {
                    return Err(if f.is_nan() { value_error("cannot convert float NaN to integer") } else { ExcType::OverflowError.msg("cannot convert float infinity to integer") });
                }
                let r = f.round();
                let r = if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r };
                Ok(if r.abs() < 9e18 { Value::Int(r as i64) } else { Value::big(BigInt::from(r as i128)) })
            }
            Some(n) => {
                let nd = to_int(&n)?;
                if nd > 330 {
                    return Ok(Value::Float(*f));
                }
                if nd < -330 {
                    return Ok(Value::Float(0.0 * f));
                }
                Ok(Value::Float(round_half_even(*f, nd as i32)))
            }
        },
        Value::Int(i) => match nd {
            None => Ok(Value::Int(*i)),
            Some(n) => {
                let n = to_int(&n)?;
                if n >= 0 {
                    return Ok(Value::Int(*i));
                }
                let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
                let q = i.div_euclid(p);
                let r = i.rem_euclid(p);
                let mut q2 = q;
                if r * 2 > p || (r * 2 == p && q % 2 != 0) {
                    q2 += 1;
                }
                Ok(Value::Int(q2 * p))
            }
        },
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Big(_) => Ok(crate::vm::builtins::arg(&a, 0)?.clone()),
        v => match vm.call_dunder(v, "__round__", a[1..].to_vec())? {
            Some(r) => Ok(r),
            None => Err(type_error(format!("type {} doesn't define __round__ method", type_name(v)))),
        },
    }
}
fn b_divmod(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("divmod", &a, 2, 2)?;
    let q = vm.binary(super::code::BinOp::FloorDiv, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)?;
    let r = vm.binary(super::code::BinOp::Mod, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)?;
    Ok(Value::tuple(vec![q, r]))
}
fn b_pow(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("pow", &a, 2, 3)?;
    if a.len() == 3 && !crate::vm::builtins::arg(&a, 2)?.is_none() {
        let (b, e, m) = (to_big(crate::vm::builtins::arg(&a, 0)?), to_big(crate::vm::builtins::arg(&a, 1)?), to_big(crate::vm::builtins::arg(&a, 2)?));
        if let (Some(b), Some(e), Some(m)) = (b, e, m) {
            if m.is_zero() {
                return Err(value_error("pow() 3rd argument cannot be 0"));
            }
            if e.is_negative() {
                return Err(value_error("base is not invertible for the given modulus"));
            }
            let r = b.modpow(&e, &m);
            let r = if r.is_negative() != m.is_negative() && !r.is_zero() { r + &m } else { r };
            return Ok(Value::big(r));
        }
        return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    vm.binary(super::code::BinOp::Pow, crate::vm::builtins::arg(&a, 0)?, crate::vm::builtins::arg(&a, 1)?, false)
}
fn b_chr(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("chr", &a, 1, 1)?;
    let i = to_int(crate::vm::builtins::arg(&a, 0)?)?;
    match char::from_u32(i as u32).filter(|_| (0..=0x10ffff).contains(&i)) {
        Some(c) => Ok(Value::string(c.to_string())),
        None => Err(value_error("chr() arg not in range(0x110000)")),
    }
}
fn b_ord(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("ord", &a, 1, 1)?;
    match crate::vm::builtins::arg(&a, 0)? {
        Value::Str(s) => {
            let n = s.char_len();
            if n != 1 {
                return Err(type_error(format!("ord() expected a character, but string of length {} found", n)));
            }
            Ok(Value::Int(s.s.chars().next().unwrap() as i64))
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        v => Err(type_error(format!("ord() expected string of length 1, but {} found", type_name(v)))),
    }
}
fn radix(a: &Args, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
    nargs(name, a, 1, 1)?;
    let b = to_big(crate::vm::builtins::arg(&a, 0)?).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&a[0]))))?;
    let s = b.abs().to_str_radix(r);
    Ok(Value::string(format!("{}{}{}", if b.is_negative() { "-" } else { "" }, prefix, s)))
}
fn b_hex(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "hex", 16, "0x")
}
fn b_oct(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "oct", 8, "0o")
}
fn b_bin(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    radix(&a, "bin", 2, "0b")
}
fn b_format(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    nargs("format", &a, 1, 2)?;
    let spec = a.get(1).and_then(|s| s.as_str().map(|x| x.to_string())).unwrap_or_default();
    Ok(Value::string(vm.format(crate::vm::builtins::arg(&a, 0)?, &spec)?))
}
fn b_input(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    if let Some(p) = a.first() {
        let s = vm.str(p)?;
        vm.host().write_stdout(&s);
    }
    vm.host().flush();
    match vm.host().read_line() {
        Some(l) => Ok(Value::string(l)),
        None => Err(ExcType::EOFError.msg("EOF when reading a line")),
    }
}
fn b_vars(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    match a.first() {
        Some(v) => vm.getattr(v, "__dict__"),
        None => b_globals(vm, a, vec![]),
    }
}
fn b_dir(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
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
fn b_globals(vm: &mut Vm, _a: Args, _kw: Kw) -> PyResult<Value> {
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
fn b_open(_vm: &mut Vm, _a: Args, _kw: Kw) -> PyResult<Value> {
    Err(ExcType::OSError.msg("open() is not available in Threadlab"))
}
fn b_exit(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    Err(ExcType::SystemExit.with(a))
}
fn b_import(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    let n = a.first().and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_default();
    vm.import(&n)
}

// ---------------- constructors ----------------

fn parse_int_str(s: &str, base: u32) -> Option<Value> {
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let mut digits = t;
    let low = t.to_ascii_lowercase();
    if base == 16 || base == 0 {
        if low.starts_with("0x") {
            digits = &t[2..];
            base = 16;
        }
    }
    if base == 8 || base == 0 {
        if low.starts_with("0o") {
            digits = &t[2..];
            base = 8;
        }
    }
    if base == 2 || base == 0 {
        if low.starts_with("0b") {
            digits = &t[2..];
            base = 2;
        }
    }
    if base == 0 {
        base = 10;
    }
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let b = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(Value::big(if neg { -b } else { b }))
}

pub fn parse_float_str(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.replace('_', "");
    match t.as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')) {
        return None;
    }
    t.parse().ok()
}

pub fn construct(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    match c.kind {
        Kind::Int => {
            if a.is_empty() {
                return Ok(Value::Int(0));
            }
            let base = a.get(1).cloned().or_else(|| kwarg(&kw, "base"));
            match (crate::vm::builtins::arg(&a, 0)?, base) {
                (Value::Str(s), b) => {
                    let base = match b {
                        Some(b) => {
                            let b = to_int(&b)?;
                            if b != 0 && !(2..=36).contains(&b) {
                                return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
                            }
                            b as u32
                        }
                        None => 10,
                    };
                    parse_int_str(&s.s, base).ok_or_else(|| value_error(format!("invalid literal for int() with base {}: {}", base, str_repr(&s.s))))
                }
                (v, None) => match v {
                    Value::Int(_) | Value::Big(_) => Ok(v.clone()),
                    Value::Bool(b) => Ok(Value::Int(*b as i64)),
                    Value::Float(f) => {
                        if f.is_nan() {
                            return Err(value_error("cannot convert float NaN to integer"));
                        }
                        if f.is_infinite() {
                            return Err(ExcType::OverflowError.msg("cannot convert float infinity to integer"));
                        }
                        let t = f.trunc();
                        if t.abs() < 9.2e18 {
                            Ok(Value::Int(t as i64))
                        } else {
                            Ok(Value::big(BigInt::parse_bytes(format!("{:.0}", t).as_bytes(), 10).unwrap_or_default()))
                        }
                    }
                    Value::Bytes(b) => {
                        let s = String::from_utf8_lossy(b).to_string();
                        parse_int_str(&s, 10).ok_or_else(|| value_error(format!("invalid literal for int() with base 10: {}", bytes_repr(b))))
                    }
                    Value::Inst(_) => match vm.call_dunder(v, "__int__", vec![])? {
                        Some(r) => Ok(r),
                        None => match vm.call_dunder(v, "__index__", vec![])? {
                            Some(r) => Ok(r),
                            None => Err(type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(v)))),
                        },
                    },
                    _ => Err(type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(v)))),
                },
                _ => Err(type_error("int() can't convert non-string with explicit base")),
            }
        }
        Kind::Float => {
            if a.is_empty() {
                return Ok(Value::Float(0.0));
            }
            match crate::vm::builtins::arg(&a, 0)? {
                Value::Str(s) => parse_float_str(&s.s).map(Value::Float).ok_or_else(|| value_error(format!("could not convert string to float: {}", str_repr(&s.s)))),
                v @ Value::Inst(_) => match vm.call_dunder(v, "__float__", vec![])? {
                    Some(r) => Ok(r),
                    None => Err(type_error(format!("float() argument must be a string or a real number, not '{}'", type_name(v)))),
                },
                v => to_f64(v).map(Value::Float).ok_or_else(|| type_error(format!("float() argument must be a string or a real number, not '{}'", type_name(v)))),
            }
        }
        Kind::Str => {
            if a.is_empty() {
                return Ok(Value::str(""));
            }
            if let (Value::Bytes(b), Some(_)) = (crate::vm::builtins::arg(&a, 0)?, a.get(1).or(kwarg(&kw, "encoding").as_ref())) {
                return String::from_utf8(b.to_vec()).map(Value::string).map_err(|_| ExcType::UnicodeDecodeError.msg("'utf-8' codec can't decode bytes"));
            }
            Ok(Value::string(vm.str(crate::vm::builtins::arg(&a, 0)?)?))
        }
        Kind::Bool => {
            if a.is_empty() {
                return Ok(Value::Bool(false));
            }
            Ok(Value::Bool(vm.truthy(crate::vm::builtins::arg(&a, 0)?)?))
        }
        Kind::List => {
            if a.is_empty() {
                return Ok(Value::list(vec![]));
            }
            Ok(Value::list(vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?))
        }
        Kind::Tuple => {
            if a.is_empty() {
                return Ok(Value::tuple(vec![]));
            }
            if let Value::Tuple(_) = crate::vm::builtins::arg(&a, 0)? {
                return Ok(crate::vm::builtins::arg(&a, 0)?.clone());
            }
            Ok(Value::tuple(vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?))
        }
        Kind::Dict => {
            let mut d = Dict::new();
            if let Some(src) = a.first() {
                dict_update(vm, &mut d, src)?;
            }
            for (k, v) in kw {
                let kv = Value::str(&k);
                d.insert(vm.hash(&kv)?, kv, v);
            }
            Ok(Value::dict(d))
        }
        Kind::Set | Kind::FrozenSet => {
            let mut d = Dict::new();
            if let Some(src) = a.first() {
                for x in vm.to_vec(src)? {
                    let h = vm.hash(&x)?;
                    d.insert(h, x, Value::None);
                }
            }
            if c.kind == Kind::Set {
                Ok(Value::Set(Arc::new(Mutex::new(d))))
            } else {
                Ok(Value::FrozenSet(Arc::new(d)))
            }
        }
        Kind::Range => {
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
        Kind::Bytes => {
            if a.is_empty() {
                return Ok(Value::Bytes(Arc::new(vec![])));
            }
            match crate::vm::builtins::arg(&a, 0)? {
                Value::Str(s) => Ok(Value::Bytes(Arc::new(s.s.as_bytes().to_vec()))),
                Value::Int(n) => {
                    if *n < 0 {
                        return Err(value_error("negative count"));
                    }
                    if *n as usize > MAX_SEQ * 4 {
                        return Err(memory_error());
                    }
                    Ok(Value::Bytes(Arc::new(vec![0; *n as usize])))
                }
                Value::Bytes(_) => Ok(crate::vm::builtins::arg(&a, 0)?.clone()),
                v => {
                    let items = vm.to_vec(v)?;
                    let mut out = vec![];
                    for x in items {
                        let i = to_int(&x)?;
                        if !(0..256).contains(&i) {
                            return Err(value_error("bytes must be in range(0, 256)"));
                        }
                        out.push(i as u8);
                    }
                    Ok(Value::Bytes(Arc::new(out)))
                }
            }
        }
        Kind::Slice => {
            let (s, e, st) = match a.len() {
                1 => (Value::None, crate::vm::builtins::arg(&a, 0)?.clone(), Value::None),
                2 => (crate::vm::builtins::arg(&a, 0)?.clone(), crate::vm::builtins::arg(&a, 1)?.clone(), Value::None),
                3 => (crate::vm::builtins::arg(&a, 0)?.clone(), crate::vm::builtins::arg(&a, 1)?.clone(), crate::vm::builtins::arg(&a, 2)?.clone()),
                _ => return Err(type_error("slice expected at least 1 argument, got 0")),
            };
            Ok(Value::Slice(Arc::new((s, e, st))))
        }
        Kind::Property => {
            let g = |i: usize, n: &str| a.get(i).cloned().or_else(|| kwarg(&kw, n)).unwrap_or(Value::None);
            Ok(Value::Wrap(Arc::new(Wrapper::Property { fget: g(0, "fget"), fset: g(1, "fset"), fdel: g(2, "fdel"), doc: g(3, "doc") })))
        }
        Kind::StaticMethod => {
            nargs("staticmethod", &a, 1, 1)?;
            Ok(Value::Wrap(Arc::new(Wrapper::Static(crate::vm::builtins::arg(&a, 0)?.clone()))))
        }
        Kind::ClassMethod => {
            nargs("classmethod", &a, 1, 1)?;
            Ok(Value::Wrap(Arc::new(Wrapper::ClassMethod(crate::vm::builtins::arg(&a, 0)?.clone()))))
        }
        Kind::Super => {
            if a.len() != 2 {
                return Err(ExcType::RuntimeError.msg("super(): no arguments"));
            }
            let Value::Class(cls) = crate::vm::builtins::arg(&a, 0)? else { return Err(type_error("super() argument 1 must be a type")) };
            Ok(Value::Wrap(Arc::new(Wrapper::Super(cls.clone(), crate::vm::builtins::arg(&a, 1)?.clone()))))
        }
        Kind::Type => {
            if a.len() == 1 {
                return Ok(Value::Class(type_of(crate::vm::builtins::arg(&a, 0)?)));
            }
            Err(type_error("type() with 3 arguments is not supported"))
        }
        Kind::Object => Ok(Value::Inst(Arc::new(Instance { class: Mutex::new(c.clone()), dict: Mutex::new(vec![]) }))),
        Kind::Native => crate::stdlib::construct_native(vm, c, a, kw),
        _ => Err(type_error(format!("cannot create '{}' instances", c.name))),
    }
}

pub fn dict_update(vm: &mut Vm, d: &mut Dict, src: &Value) -> PyResult<()> {
    match src {
        Value::Dict(o) => {
            let items = lock(o).clone();
            for e in items.iter() {
                d.insert(e.hash, e.key.clone(), e.value.clone());
            }
        }
        other => {
            if let Value::Inst(_) = other {
                if let Ok(keys) = vm.getattr(other, "keys") {
                    let ks = vm.call(&keys, vec![])?;
                    for k in vm.to_vec(&ks)? {
                        let v = vm.getitem(other, &k)?;
                        let h = vm.hash(&k)?;
                        d.insert(h, k, v);
                    }
                    return Ok(());
                }
            }
            let items = vm.to_vec(other)?;
            for (i, it) in items.into_iter().enumerate() {
                let kv = vm.to_vec(&it).map_err(|_| type_error(format!("cannot convert dictionary update sequence element #{} to a sequence", i)))?;
                if kv.len() != 2 {
                    return Err(value_error(format!("dictionary update sequence element #{} has length {}; 2 is required", i, kv.len())));
                }
                let h = vm.hash(&kv[0])?;
                d.insert(h, kv[0].clone(), kv[1].clone());
            }
        }
    }
    Ok(())
}

// ---------------- attribute access on builtin values ----------------

const STR_METHODS: &[&str] = &[
    "join", "split", "rsplit", "strip", "lstrip", "rstrip", "upper", "lower", "title", "capitalize", "swapcase", "replace", "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "format", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "isidentifier", "isnumeric", "isdecimal", "istitle", "center", "ljust", "rjust", "zfill", "splitlines", "partition", "rpartition", "encode", "removeprefix", "removesuffix", "casefold", "expandtabs", "format_map", "__len__", "__contains__", "__add__", "__mul__", "__eq__", "__lt__", "__getitem__", "__hash__", "__str__", "__repr__",
];
const LIST_METHODS: &[&str] = &["append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "copy", "clear", "__len__", "__getitem__", "__setitem__", "__contains__", "__iter__", "__eq__", "__add__"];
const DICT_METHODS: &[&str] = &["get", "keys", "values", "items", "pop", "popitem", "setdefault", "update", "copy", "clear", "fromkeys", "__len__", "__getitem__", "__setitem__", "__contains__", "__iter__", "__eq__", "__delitem__"];
const SET_METHODS: &[&str] = &[
    "add", "remove", "discard", "pop", "clear", "copy", "update", "union", "intersection", "difference", "symmetric_difference", "issubset", "issuperset", "isdisjoint", "intersection_update", "difference_update", "symmetric_difference_update", "__len__", "__contains__", "__iter__",
];
const TUPLE_METHODS: &[&str] = &["index", "count", "__len__", "__getitem__", "__contains__", "__iter__", "__eq__", "__add__"];
const INT_METHODS: &[&str] = &["bit_length", "conjugate", "to_bytes", "bit_count", "__add__", "__sub__", "__mul__", "__eq__", "__lt__", "__hash__", "__index__", "__int__", "__float__", "__str__", "__repr__", "__abs__", "__neg__"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate", "as_integer_ratio", "hex", "__add__", "__sub__", "__mul__", "__eq__", "__lt__", "__int__", "__float__", "__str__", "__repr__", "__abs__", "__neg__", "__round__"];
const BYTES_METHODS: &[&str] = &["decode", "hex", "join", "split", "strip", "startswith", "endswith", "upper", "lower", "replace", "find", "count", "__len__", "__getitem__"];
const GEN_METHODS: &[&str] = &["send", "close", "throw", "__next__", "__iter__"];
const ITER_METHODS: &[&str] = &["__next__", "__iter__"];
const OBJ_METHODS: &[&str] = &["__init__", "__str__", "__repr__", "__eq__", "__ne__", "__hash__", "__setattr__", "__getattribute__", "__delattr__", "__new__", "__init_subclass__", "__format__"];

pub fn has_method(kind: Kind, name: &str) -> bool {
    let l: &[&str] = match kind {
        Kind::Str => STR_METHODS,
        Kind::List => LIST_METHODS,
        Kind::Dict => DICT_METHODS,
        Kind::Set | Kind::FrozenSet => SET_METHODS,
        Kind::Tuple => TUPLE_METHODS,
        Kind::Int | Kind::Bool => INT_METHODS,
        Kind::Float => FLOAT_METHODS,
        Kind::Bytes => BYTES_METHODS,
        Kind::Generator => GEN_METHODS,
        Kind::Iterator => ITER_METHODS,
        Kind::Object | Kind::Exception | Kind::User => OBJ_METHODS,
        _ => &[],
    };
    l.contains(&name)
}

pub fn builtin_getattr(_vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    let cls = type_of(o);
    if has_method(cls.kind, name) {
        return Ok(Value::BMethod(Arc::new((o.clone(), intern(name)))));
    }
    match (o, name) {
        (_, "__class__") => return Ok(Value::Class(cls)),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "real" | "numerator") => return Ok(o.clone()),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "imag") => return Ok(Value::Int(0)),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "denominator") => return Ok(Value::Int(1)),
        (Value::Float(_), "real") => return Ok(o.clone()),
        (Value::Float(_), "imag") => return Ok(Value::Float(0.0)),
        (Value::Range(r), "start") => return Ok(Value::Int(r.0)),
        (Value::Range(r), "stop") => return Ok(Value::Int(r.1)),
        (Value::Range(r), "step") => return Ok(Value::Int(r.2)),
        (Value::Slice(s), "start") => return Ok(s.0.clone()),
        (Value::Slice(s), "stop") => return Ok(s.1.clone()),
        (Value::Slice(s), "step") => return Ok(s.2.clone()),
        (Value::Gen(g), "__name__") => return Ok(Value::str(&g.name)),
        (Value::Gen(g), "__qualname__") => return Ok(Value::str(&g.qualname)),
        (Value::BMethod(m), "__self__") => return Ok(m.0.clone()),
        (Value::BMethod(m), "__name__") => return Ok(Value::str(&m.1)),
        _ => {}
    }
    Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name)))
}

pub fn native_getattr(vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    crate::stdlib::native_getattr(vm, o, name)
}
pub fn native_repr(vm: &mut Vm, o: &Value) -> PyResult<String> {
    let Value::Native(n) = o else { return Ok(repr_simple(o)) };
    let view = match &*lock(&n.data) {
        NativeData::View(d, k) => Some((d.clone(), *k)),
        _ => None,
    };
    if let Some((d, k)) = view {
        let (name, items) = match k {
            0 => ("dict_keys", lock(&d).keys()),
            1 => ("dict_values", lock(&d).values()),
            _ => ("dict_items", lock(&d).items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect()),
        };
        let r = vm.repr(&Value::list(items))?;
        return Ok(format!("{name}({r})"));
    }
    crate::stdlib::native_repr(vm, o)
}

pub fn unbound_method(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    // bound = (class, name), then the real arguments
    let mut a = a;
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    let name = t[1].as_str().unwrap_or("").to_string();
    if let Value::Class(c) = &t[0] {
        if c.kind == Kind::Dict && name == "fromkeys" {
            let mut d = Dict::new();
            let v = a.get(1).cloned().unwrap_or(Value::None);
            for k in vm.to_vec(a.first().unwrap_or(&Value::None))? {
                let h = vm.hash(&k)?;
                d.insert(h, k, v.clone());
            }
            return Ok(Value::dict(d));
        }
        if matches!(c.kind, Kind::Object | Kind::Exception | Kind::User) {
            let mut b = vec![Value::tuple(vec![a.first().cloned().unwrap_or(Value::None), Value::str(&name)])];
            b.extend(a.into_iter().skip(1));
            return object_slot(vm, b, kw);
        }
    }
    if a.is_empty() {
        return Err(type_error(format!("unbound method {}() needs an argument", name)));
    }
    let obj = a.remove(0);
    call_method(vm, &obj, &name, a, kw)
}

/// object.__init__ / __setattr__ / ... reached through super() or the class.
pub fn object_slot(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    let mut a = a;
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    let obj = t[0].clone();
    let name = t[1].as_str().unwrap_or("").to_string();
    match name.as_str() {
        "__init__" => {
            if let Value::Inst(i) = &obj {
                if i.class().kind == Kind::Exception {
                    i.set(intern("args"), Value::tuple(a));
                }
            }
            Ok(Value::None)
        }
        "__setattr__" => {
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
        "__delattr__" => {
            if let (Value::Inst(i), Some(n)) = (&obj, a.first().and_then(|v| v.as_str())) {
                i.del(n);
            }
            Ok(Value::None)
        }
        "__getattribute__" => {
            let n = a.first().and_then(|v| v.as_str()).unwrap_or("").to_string();
            if let Value::Inst(i) = &obj {
                if let Some(v) = i.get(&n) {
                    return Ok(v);
                }
            }
            vm.getattr(&obj, &n)
        }
        "__str__" | "__repr__" => {
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
        "__eq__" => Ok(if a.first().map(|o| o.is(&obj)).unwrap_or(false) { Value::Bool(true) } else { Value::NotImplemented }),
        "__ne__" => Ok(Value::Bool(!a.first().map(|o| o.is(&obj)).unwrap_or(false))),
        "__hash__" => Ok(Value::Int(obj.id() >> 4)),
        "__new__" => {
            let cls = match a.first() {
                Some(Value::Class(c)) => c.clone(),
                _ => match &obj {
                    Value::Class(c) => c.clone(),
                    _ => types().object.clone(),
                },
            };
            let i = Instance { class: Mutex::new(cls.clone()), dict: Mutex::new(vec![]) };
            if cls.kind == Kind::Exception {
                i.set(intern("args"), Value::tuple(a.into_iter().skip(1).collect()));
            }
            Ok(Value::Inst(Arc::new(i)))
        }
        "__init_subclass__" => Ok(Value::None),
        "__format__" => Ok(Value::string(vm.str(&obj)?)),
        _ => Ok(Value::None),
    }
}

pub fn property_with(_vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
    let mut a = a;
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    let Value::Wrap(w) = &t[0] else { return Ok(Value::None) };
    let Wrapper::Property { fget, fset, fdel, doc } = &**w else { return Ok(Value::None) };
    let f = a.first().cloned().unwrap_or(Value::None);
    let (g, s, d) = match t[1].as_str().unwrap_or("") {
        "setter" => (fget.clone(), f, fdel.clone()),
        "getter" => (f, fset.clone(), fdel.clone()),
        _ => (fget.clone(), fset.clone(), f),
    };
    Ok(Value::Wrap(Arc::new(Wrapper::Property { fget: g, fset: s, fdel: d, doc: doc.clone() })))
}

// ---------------- subscripts ----------------

pub fn getitem_builtin(vm: &mut Vm, o: &Value, k: &Value) -> PyResult<Value> {
    let idx = |k: &Value| -> Option<i64> {
        match k {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    };
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = k {
                let g = lock(l);
                return Ok(Value::list(slice_vec(&g, s)?));
            }
            let i = idx(k).ok_or_else(|| type_error(format!("list indices must be integers or slices, not {}", type_name(k))))?;
            let g = lock(l);
            norm_index(i, g.len()).map(|i| g[i].clone()).ok_or_else(|| ExcType::IndexError.msg("list index out of range"))
        }
        Value::Tuple(t) => {
            if let Value::Slice(s) = k {
                return Ok(Value::tuple(slice_vec(t, s)?));
            }
            let i = idx(k).ok_or_else(|| type_error(format!("tuple indices must be integers or slices, not {}", type_name(k))))?;
            norm_index(i, t.len()).map(|i| t[i].clone()).ok_or_else(|| ExcType::IndexError.msg("tuple index out of range"))
        }
        Value::Str(s) => {
            if let Value::Slice(sl) = k {
                if s.ascii {
                    let b = s.s.as_bytes();
                    let v = slice_vec(b, sl)?;
                    return Ok(Value::string(String::from_utf8(v).unwrap_or_default()));
                }
                let chars: Vec<char> = s.s.chars().collect();
                return Ok(Value::string(slice_vec(&chars, sl)?.into_iter().collect()));
            }
            let i = idx(k).ok_or_else(|| type_error(format!("string indices must be integers, not '{}'", type_name(k))))?;
            if s.ascii {
                return norm_index(i, s.s.len()).map(|i| Value::str(&s.s[i..i + 1])).ok_or_else(|| ExcType::IndexError.msg("string index out of range"));
            }
            let n = s.char_len();
            norm_index(i, n).and_then(|i| s.s.chars().nth(i)).map(|c| Value::string(c.to_string())).ok_or_else(|| ExcType::IndexError.msg("string index out of range"))
        }
        Value::Bytes(b) => {
            if let Value::Slice(sl) = k {
                return Ok(Value::Bytes(Arc::new(slice_vec(b, sl)?)));
            }
            let i = idx(k).ok_or_else(|| type_error(format!("byte indices must be integers or slices, not {}", type_name(k))))?;
            norm_index(i, b.len()).map(|i| Value::Int(b[i] as i64)).ok_or_else(|| ExcType::IndexError.msg("index out of range"))
        }
        Value::Range(r) => {
            let n = range_len(r.0, r.1, r.2) as usize;
            if let Value::Slice(sl) = k {
                let (start, stop, step, _) = slice_indices(sl, n)?;
                let _ = stop;
                let cnt = range_len(start, stop, step);
                let nstart = r.0 + start * r.2;
                let nstep = r.2 * step;
                return Ok(Value::Range(Arc::new((nstart, nstart + cnt * nstep, nstep))));
            }
            let i = idx(k).ok_or_else(|| type_error(format!("range indices must be integers or slices, not {}", type_name(k))))?;
            norm_index(i, n).map(|i| Value::Int(r.0 + i as i64 * r.2)).ok_or_else(|| ExcType::IndexError.msg("range object index out of range"))
        }
        Value::Native(n) => {
            let g = lock(&n.data);
            if let NativeData::Deque(d, _) = &*g {
                let i = idx(k).ok_or_else(|| type_error(format!("sequence index must be integer, not '{}'", type_name(k))))?;
                return norm_index(i, d.len()).map(|i| d[i].clone()).ok_or_else(|| ExcType::IndexError.msg("deque index out of range"));
            }
            drop(g);
            crate::stdlib::native_getitem(vm, o, k)
        }
        _ => Err(type_error(format!("'{}' object is not subscriptable", type_name(o)))),
    }
}

// ---------------- iterators needing the VM ----------------

pub fn next_complex(vm: &mut Vm, it: &Mutex<IterKind>) -> PyResult<Option<Value>> {
    // Take what we need out of the lock, release it, then call into the VM.
    enum Step {
        Enum(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Count(Value, Value),
        Cycle,
        Chain(Vec<Value>, usize),
        Islice(Value, i64, Option<i64>, i64, i64),
        TakeWhile(Value, Value, bool),
        DropWhile(Value, Value, bool),
        CallIter(Value, Value),
        DictIter,
        Done,
    }
    let step = {
        let g = lock(it);
        match &*g {
            IterKind::Enumerate { inner, n } => Step::Enum(inner.clone(), n.clone()),
            IterKind::Zip { inners, strict } => Step::Zip(inners.clone(), *strict),
            IterKind::Map { f, inners } => Step::Map(f.clone(), inners.clone()),
            IterKind::Filter { f, inner } => Step::Filter(f.clone(), inner.clone()),
            IterKind::Count { cur, step } => Step::Count(cur.clone(), step.clone()),
            IterKind::Cycle { .. } => Step::Cycle,
            IterKind::Chain { iters, i } => Step::Chain(iters.clone(), *i),
            IterKind::Islice { inner, next, stop, step, pos } => Step::Islice(inner.clone(), *next, *stop, *step, *pos),
            IterKind::TakeWhile { f, inner, done } => Step::TakeWhile(f.clone(), inner.clone(), *done),
            IterKind::DropWhile { f, inner, dropping } => Step::DropWhile(f.clone(), inner.clone(), *dropping),
            IterKind::CallIter { f, sentinel } => Step::CallIter(f.clone(), sentinel.clone()),
            IterKind::DictIter { .. } => Step::DictIter,
            _ => Step::Done,
        }
    };
    match step {
        Step::Enum(inner, n) => match vm.next(&inner)? {
            Some(v) => {
                let n2 = vm.binary(super::code::BinOp::Add, &n, &Value::Int(1), false)?;
                if let IterKind::Enumerate { n: slot, .. } = &mut *lock(it) {
                    *slot = n2;
                }
                Ok(Some(Value::tuple(vec![n, v])))
            }
            None => Ok(None),
        },
        Step::Zip(inners, strict) => {
            if inners.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(inners.len());
            for (i, x) in inners.iter().enumerate() {
                match vm.next(x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict && i > 0 {
                            return Err(value_error(format!("zip() argument {} is shorter than argument 1", i + 1)));
                        }
                        if strict && i == 0 {
                            for (j, y) in inners.iter().enumerate().skip(1) {
                                if vm.next(y)?.is_some() {
                                    return Err(value_error(format!("zip() argument {} is longer than argument 1", j + 1)));
                                }
                            }
                        }
                        *lock(it) = IterKind::Done;
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        Step::Map(f, inners) => {
            let mut args = Vec::with_capacity(inners.len());
            for x in &inners {
                match vm.next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(vm.call(&f, args)?))
        }
        Step::Filter(f, inner) => loop {
            match vm.next(&inner)? {
                Some(v) => {
                    let keep = if f.is_none() { vm.truthy(&v)? } else {
                        let r = vm.call(&f, vec![v.clone()])?;
                        vm.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                None => return Ok(None),
            }
        },
        Step::Count(cur, step) => {
            let n = vm.binary(super::code::BinOp::Add, &cur, &step, false)?;
            if let IterKind::Count { cur: c, .. } = &mut *lock(it) {
                *c = n;
            }
            Ok(Some(cur))
        }
        Step::Cycle => {
            let inner = {
                let g = lock(it);
                if let IterKind::Cycle { inner, .. } = &*g { inner.clone() } else { None }
            };
            if let Some(inner) = inner {
                match vm.next(&inner)? {
                    Some(v) => {
                        if let IterKind::Cycle { saved, .. } = &mut *lock(it) {
                            saved.push(v.clone());
                        }
                        return Ok(Some(v));
                    }
                    None => {
                        if let IterKind::Cycle { inner, .. } = &mut *lock(it) {
                            *inner = None;
                        }
                    }
                }
            }
            let mut g = lock(it);
            if let IterKind::Cycle { saved, i, .. } = &mut *g {
                if saved.is_empty() {
                    return Ok(None);
                }
                let v = saved[*i % saved.len()].clone();
                *i += 1;
                return Ok(Some(v));
            }
            Ok(None)
        }
        Step::Chain(iters, mut i) => {
            while i < iters.len() {
                let cur = vm.get_iter(&iters[i])?;
                if let IterKind::Chain { iters: its, .. } = &mut *lock(it) {
                    its[i] = cur.clone();
                }
                match vm.next(&cur)? {
                    Some(v) => return Ok(Some(v)),
                    None => {
                        i += 1;
                        if let IterKind::Chain { i: slot, .. } = &mut *lock(it) {
                            *slot = i;
                        }
                    }
                }
            }
            Ok(None)
        }
        Step::Islice(inner, next, stop, step, mut pos) => {
            if let Some(s) = stop {
                if next >= s {
                    return Ok(None);
                }
            }
            loop {
                let v = vm.next(&inner)?;
                let Some(v) = v else { return Ok(None) };
                pos += 1;
                if pos - 1 == next {
                    if let IterKind::Islice { next: n, pos: p, .. } = &mut *lock(it) {
                        *n = next + step;
                        *p = pos;
                    }
                    return Ok(Some(v));
                }
            }
        }
        Step::TakeWhile(f, inner, done) => {
            if done {
                return Ok(None);
            }
            match vm.next(&inner)? {
                Some(v) => {
                    let r = vm.call(&f, vec![v.clone()])?;
                    if vm.truthy(&r)? {
                        Ok(Some(v))
                    } else {
                        if let IterKind::TakeWhile { done, .. } = &mut *lock(it) {
                            *done = true;
                        }
                        Ok(None)
                    }
                }
                None => Ok(None),
            }
        }
        Step::DropWhile(f, inner, dropping) => loop {
            match vm.next(&inner)? {
                Some(v) => {
                    if dropping {
                        let r = vm.call(&f, vec![v.clone()])?;
                        if vm.truthy(&r)? {
                            continue;
                        }
                        if let IterKind::DropWhile { dropping, .. } = &mut *lock(it) {
                            *dropping = false;
                        }
                    }
                    return Ok(Some(v));
                }
                None => return Ok(None),
            }
        },
        Step::CallIter(f, sentinel) => {
            let v = vm.call(&f, vec![])?;
            if vm.eq(&v, &sentinel)? {
                *lock(it) = IterKind::Done;
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
        Step::DictIter => {
            let mut g = lock(it);
            let IterKind::DictIter { d, pos, len, kind } = &mut *g else { return Ok(None) };
            let dg = lock(d);
            if dg.len() != *len {
                *len = usize::MAX;
                return Err(ExcType::RuntimeError.msg(if *kind == 3 { "Set changed size during iteration" } else { "dictionary changed size during iteration" }));
            }
            while *pos < dg.entries.len() {
                let p = *pos;
                *pos += 1;
                if let Some(e) = &dg.entries[p] {
                    return Ok(Some(match kind {
                        0 | 3 => e.key.clone(),
                        1 => e.value.clone(),
                        _ => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    }));
                }
            }
            Ok(None)
        }
        Step::Done => Ok(None),
    }
}

// ---------------- methods of builtin values ----------------

pub fn call_method(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    match o {
        Value::Str(s) => super::strmethods::str_method(vm, s, name, a, kw),
        Value::List(l) => list_method(vm, o, l, name, a, kw),
        Value::Dict(d) => dict_method(vm, o, d, name, a, kw),
        Value::Set(_) | Value::FrozenSet(_) => set_method(vm, o, name, a, kw),
        Value::Tuple(t) => match name {
            "index" => {
                nargs("index", &a, 1, 3)?;
                for (i, x) in t.iter().enumerate() {
                    if vm.eq(x, crate::vm::builtins::arg(&a, 0)?)? {
                        return Ok(Value::Int(i as i64));
                    }
                }
                Err(value_error("tuple.index(x): x not in tuple"))
            }
            "count" => {
                let mut n = 0;
                for x in t.iter() {
                    if vm.eq(x, crate::vm::builtins::arg(&a, 0)?)? {
                        n += 1;
                    }
                }
                Ok(Value::Int(n))
            }
            _ => generic_dunder(vm, o, name, a),
        },
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => match name {
            "bit_length" => Ok(Value::Int(to_big(o).map(|b| b.bits() as i64).unwrap_or(0))),
            "bit_count" => Ok(Value::Int(to_big(o).map(|b| b.abs().to_str_radix(2).matches('1').count() as i64).unwrap_or(0))),
            "conjugate" => Ok(o.clone()),
            "to_bytes" => {
                let len = to_int(a.first().unwrap_or(&Value::Int(1)))?;
                if len < 0 {
                    return Err(value_error("length argument must be non-negative"));
                }
                if len as usize > MAX_SEQ {
                    return Err(memory_error());
                }
                let len = len as usize;
                let order = a.get(1).cloned().or_else(|| kwarg(&kw, "byteorder")).and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| "big".into());
                let b = to_big(o).unwrap();
                let (_, mut bytes) = b.to_bytes_le();
                if bytes.len() > len {
                    return Err(ExcType::OverflowError.msg("int too big to convert"));
                }
                bytes.resize(len, 0);
                if order == "big" {
                    bytes.reverse();
                }
                Ok(Value::Bytes(Arc::new(bytes)))
            }
            _ => generic_dunder(vm, o, name, a),
        },
        Value::Float(f) => match name {
            "is_integer" => Ok(Value::Bool(f.fract() == 0.0 && f.is_finite())),
            "conjugate" => Ok(o.clone()),
            "as_integer_ratio" => {
                let mut n = *f;
                let mut d: u64 = 1;
                while n.fract() != 0.0 && d < (1u64 << 62) {
                    n *= 2.0;
                    d *= 2;
                }
                Ok(Value::tuple(vec![Value::Int(n as i64), Value::Int(d as i64)]))
            }
            _ => generic_dunder(vm, o, name, a),
        },
        Value::Bytes(b) => match name {
            "decode" => String::from_utf8(b.to_vec()).map(Value::string).map_err(|_| ExcType::UnicodeDecodeError.msg("'utf-8' codec can't decode bytes")),
            "hex" => Ok(Value::string(b.iter().map(|x| format!("{:02x}", x)).collect())),
            _ => {
                let s = Value::string(String::from_utf8_lossy(b).to_string());
                let r = call_method(vm, &s, name, a, kw)?;
                Ok(match r {
                    Value::Str(x) => Value::Bytes(Arc::new(x.s.as_bytes().to_vec())),
                    other => other,
                })
            }
        },
        Value::Gen(g) => match name {
            "send" | "__next__" => {
                let g = g.clone();
                match vm.gen_next_rust(&g, a.into_iter().next())? {
                    Some(v) => Ok(v),
                    None => Err(ExcType::StopIteration.bare()),
                }
            }
            "close" => {
                let g = g.clone();
                vm.gen_close(&g)?;
                Ok(Value::None)
            }
            "throw" => {
                let e = a.into_iter().next().unwrap_or(Value::None);
                let e = match e {
                    Value::Class(c) => vm.call(&Value::Class(c), vec![])?,
                    e => e,
                };
                let g = g.clone();
                match vm.gen_throw(&g, e)? {
                    Some(v) => Ok(v),
                    None => Err(ExcType::StopIteration.bare()),
                }
            }
            "__iter__" => Ok(o.clone()),
            _ => Err(ExcType::AttributeError.msg(format!("'generator' object has no attribute '{}'", name))),
        },
        Value::Iter(_) => match name {
            "__next__" => match vm.next(o)? {
                Some(v) => Ok(v),
                None => Err(ExcType::StopIteration.bare()),
            },
            "__iter__" => Ok(o.clone()),
            _ => Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name))),
        },
        Value::Native(_) => {
            let m = crate::stdlib::native_getattr(vm, o, name)?;
            vm.call_kw(&m, a, kw)
        }
        Value::Inst(_) => {
            let m = vm.getattr(o, name)?;
            vm.call_kw(&m, a, kw)
        }
        _ => {
            let m = vm.getattr(o, name)?;
            vm.call_kw(&m, a, kw)
        }
    }
}

fn generic_dunder(vm: &mut Vm, o: &Value, name: &str, a: Args) -> PyResult<Value> {
    use super::code::{BinOp, CmpOp};
    let other = a.first().cloned().unwrap_or(Value::None);
    match name {
        "__len__" => Ok(Value::Int(len_of(vm, o)? as i64)),
        "__getitem__" => vm.getitem(o, &other),
        "__contains__" => Ok(Value::Bool(vm.contains(o, &other)?)),
        "__iter__" => vm.get_iter(o),
        "__eq__" => vm.compare(CmpOp::Eq, o, &other),
        "__lt__" => vm.compare(CmpOp::Lt, o, &other),
        "__add__" => Ok(binary_native(BinOp::Add, o, &other).unwrap_or(Ok(Value::NotImplemented))?),
        "__sub__" => Ok(binary_native(BinOp::Sub, o, &other).unwrap_or(Ok(Value::NotImplemented))?),
        "__mul__" => Ok(binary_native(BinOp::Mul, o, &other).unwrap_or(Ok(Value::NotImplemented))?),
        "__hash__" => Ok(Value::Int(vm.hash(o)?)),
        "__str__" => Ok(Value::string(vm.str(o)?)),
        "__repr__" => Ok(Value::string(vm.repr(o)?)),
        "__int__" | "__index__" => construct(vm, &types().int, vec![o.clone()], vec![]),
        "__float__" => construct(vm, &types().float, vec![o.clone()], vec![]),
        "__abs__" => b_abs(vm, vec![o.clone()], vec![]),
        "__neg__" => vm.unary(super::code::UnOp::Neg, o),
        "__round__" => b_round(vm, vec![o.clone()], vec![]),
        _ => Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name))),
    }
}

fn list_method(vm: &mut Vm, o: &Value, l: &Arc<Mutex<Vec<Value>>>, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    match name {
        "append" => {
            nargs("list.append", &a, 1, 1).map_err(|_| type_error(format!("list.append() takes exactly one argument ({} given)", a.len())))?;
            let mut g = lock(l);
            if g.len() >= MAX_SEQ {
                return Err(memory_error());
            }
            g.push(a.into_iter().next().unwrap());
            Ok(Value::None)
        }
        "extend" => {
            nargs("extend", &a, 1, 1)?;
            let items = vm.to_vec(crate::vm::builtins::arg(&a, 0)?)?;
            let mut g = lock(l);
            if g.len() + items.len() > MAX_SEQ {
                return Err(memory_error());
            }
            g.extend(items);
            Ok(Value::None)
        }
        "insert" => {
            nargs("insert", &a, 2, 2)?;
            let i = to_int(crate::vm::builtins::arg(&a, 0)?)?;
            let mut g = lock(l);
            let n = g.len() as i64;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            g.insert(i as usize, crate::vm::builtins::arg(&a, 1)?.clone());
            Ok(Value::None)
        }
        "pop" => {
            let mut g = lock(l);
            if g.is_empty() {
                return Err(ExcType::IndexError.msg("pop from empty list"));
            }
            let i = match a.first() {
                Some(v) => to_int(v)?,
                None => -1,
            };
            match norm_index(i, g.len()) {
                Some(ix) => Ok(g.remove(ix)),
                None => Err(ExcType::IndexError.msg("pop index out of range")),
            }
        }
        "remove" => {
            nargs("remove", &a, 1, 1)?;
            let items = lock(l).clone();
            for (i, x) in items.iter().enumerate() {
                if vm.eq(x, crate::vm::builtins::arg(&a, 0)?)? {
                    let mut g = lock(l);
                    if i < g.len() {
                        g.remove(i);
                    }
                    return Ok(Value::None);
                }
            }
            Err(value_error("list.remove(x): x not in list"))
        }
        "index" => {
            nargs("index", &a, 1, 3)?;
            let items = lock(l).clone();
            let start = match a.get(1) {
                Some(v) => to_int(v)?.max(0) as usize,
                None => 0,
            };
            for (i, x) in items.iter().enumerate().skip(start) {
                if vm.eq(x, crate::vm::builtins::arg(&a, 0)?)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(value_error(format!("{} is not in list", vm.repr(crate::vm::builtins::arg(&a, 0)?)?)))
        }
        "count" => {
            nargs("count", &a, 1, 1)?;
            let items = lock(l).clone();
            let mut n = 0;
            for x in items.iter() {
                if vm.eq(x, crate::vm::builtins::arg(&a, 0)?)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        "sort" => {
            if !a.is_empty() {
                return Err(type_error("sort() takes no positional arguments"));
            }
            let key = kwarg(&kw, "key").filter(|k| !k.is_none());
            let rev = match kwarg(&kw, "reverse") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let mut items = std::mem::take(&mut *lock(l));
            let r = sort_values(vm, &mut items, key, rev);
            *lock(l) = items;
            r?;
            Ok(Value::None)
        }
        "reverse" => {
            lock(l).reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(lock(l).clone())),
        "clear" => {
            lock(l).clear();
            Ok(Value::None)
        }
        "__setitem__" => {
            vm.setitem(o, crate::vm::builtins::arg(&a, 0)?.clone(), crate::vm::builtins::arg(&a, 1)?.clone())?;
            Ok(Value::None)
        }
        _ => generic_dunder(vm, o, name, a),
    }
}

fn dict_method(vm: &mut Vm, o: &Value, d: &Arc<Mutex<Dict>>, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    match name {
        "get" => {
            nargs("get", &a, 1, 2)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            let a = { let mut a = a; let k0 = vm.canon_key(d, h, a[0].clone())?; a[0] = k0; a };
            Ok(lock(d).get(h, crate::vm::builtins::arg(&a, 0)?).cloned().unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" => Ok(view(d, 0)),
        "values" => Ok(view(d, 1)),
        "items" => Ok(view(d, 2)),
        "pop" => {
            nargs("pop", &a, 1, 2)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            match lock(d).remove(h, crate::vm::builtins::arg(&a, 0)?) {
                Some(e) => Ok(e.value),
                None => match a.get(1) {
                    Some(v) => Ok(v.clone()),
                    None => Err(ExcType::KeyError.with(vec![crate::vm::builtins::arg(&a, 0)?.clone()])),
                },
            }
        }
        "popitem" => match lock(d).pop_last() {
            Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
            None => Err(ExcType::KeyError.msg("popitem(): dictionary is empty")),
        },
        "setdefault" => {
            nargs("setdefault", &a, 1, 2)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            let mut g = lock(d);
            if let Some(v) = g.get(h, crate::vm::builtins::arg(&a, 0)?) {
                return Ok(v.clone());
            }
            let v = a.get(1).cloned().unwrap_or(Value::None);
            g.insert(h, crate::vm::builtins::arg(&a, 0)?.clone(), v.clone());
            Ok(v)
        }
        "update" => {
            let mut tmp = lock(d).clone();
            if let Some(src) = a.first() {
                dict_update(vm, &mut tmp, src)?;
            }
            for (k, v) in kw {
                let kv = Value::str(&k);
                tmp.insert(vm.hash(&kv)?, kv, v);
            }
            *lock(d) = tmp;
            Ok(Value::None)
        }
        "copy" => Ok(Value::dict(lock(d).clone())),
        "clear" => {
            lock(d).clear();
            Ok(Value::None)
        }
        "__setitem__" => {
            vm.setitem(o, crate::vm::builtins::arg(&a, 0)?.clone(), crate::vm::builtins::arg(&a, 1)?.clone())?;
            Ok(Value::None)
        }
        "__delitem__" => {
            vm.delitem(o, crate::vm::builtins::arg(&a, 0)?)?;
            Ok(Value::None)
        }
        "fromkeys" => unbound_method(vm, { let mut v = vec![Value::tuple(vec![Value::Class(types().dict.clone()), Value::str("fromkeys")])]; v.extend(a); v }, kw),
        _ => generic_dunder(vm, o, name, a),
    }
}

fn view(d: &Arc<Mutex<Dict>>, k: u8) -> Value {
    Value::Native(Arc::new(Native { class: crate::stdlib::view_class(k), data: Mutex::new(NativeData::View(d.clone(), k)) }))
}

fn set_method(vm: &mut Vm, o: &Value, name: &str, a: Args, _kw: Kw) -> PyResult<Value> {
    let frozen = matches!(o, Value::FrozenSet(_));
    let mk = |d: Dict| if frozen { Value::FrozenSet(Arc::new(d)) } else { Value::Set(Arc::new(Mutex::new(d))) };
    let other_set = |vm: &mut Vm, v: &Value| -> PyResult<Dict> {
        match v {
            Value::Set(_) | Value::FrozenSet(_) => Ok(set_dict(v)),
            _ => {
                let mut d = Dict::new();
                for x in vm.to_vec(v)? {
                    let h = vm.hash(&x)?;
                    d.insert(h, x, Value::None);
                }
                Ok(d)
            }
        }
    };
    let mutable = |name: &str| -> PyResult<Arc<Mutex<Dict>>> {
        match o {
            Value::Set(s) => Ok(s.clone()),
            _ => Err(ExcType::AttributeError.msg(format!("'frozenset' object has no attribute '{}'", name))),
        }
    };
    match name {
        "add" => {
            nargs("add", &a, 1, 1)?;
            let s = mutable(name)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            let k = vm.canon_key(&s, h, crate::vm::builtins::arg(&a, 0)?.clone())?;
            lock(&s).insert(h, k, Value::None);
            Ok(Value::None)
        }
        "remove" => {
            let s = mutable(name)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            let r = lock(&s).remove(h, crate::vm::builtins::arg(&a, 0)?);
            match r {
                Some(_) => Ok(Value::None),
                None => Err(ExcType::KeyError.with(vec![crate::vm::builtins::arg(&a, 0)?.clone()])),
            }
        }
        "discard" => {
            let s = mutable(name)?;
            let h = vm.hash(crate::vm::builtins::arg(&a, 0)?)?;
            lock(&s).remove(h, crate::vm::builtins::arg(&a, 0)?);
            Ok(Value::None)
        }
        "pop" => {
            let s = mutable(name)?;
            let first = super::interp::set_order(&lock(&s)).into_iter().next();
            match first {
                Some(k) => {
                    let h = vm.hash(&k)?;
                    lock(&s).remove(h, &k);
                    Ok(k)
                }
                None => Err(ExcType::KeyError.msg("pop from an empty set")),
            }
        }
        "clear" => {
            mutable(name)?.lock().unwrap_or_else(|e| e.into_inner()).clear();
            Ok(Value::None)
        }
        "copy" => Ok(mk(set_dict(o))),
        "update" | "intersection_update" | "difference_update" | "symmetric_difference_update" => {
            let s = mutable(name)?;
            let mut cur = lock(&s).clone();
            for x in &a {
                let od = other_set(vm, x)?;
                let ov = Value::FrozenSet(Arc::new(od));
                let cv = Value::FrozenSet(Arc::new(cur));
                let op = match name {
                    "update" => super::code::BinOp::Or,
                    "intersection_update" => super::code::BinOp::And,
                    "difference_update" => super::code::BinOp::Sub,
                    _ => super::code::BinOp::Xor,
                };
                cur = set_dict(&binary_native(op, &cv, &ov).unwrap()?);
            }
            *lock(&s) = cur;
            Ok(Value::None)
        }
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            let mut cur = set_dict(o);
            for x in &a {
                let od = other_set(vm, x)?;
                let op = match name {
                    "union" => super::code::BinOp::Or,
                    "intersection" => super::code::BinOp::And,
                    "difference" => super::code::BinOp::Sub,
                    _ => super::code::BinOp::Xor,
                };
                cur = set_dict(&binary_native(op, &Value::FrozenSet(Arc::new(cur)), &Value::FrozenSet(Arc::new(od))).unwrap()?);
            }
            Ok(mk(cur))
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let me = set_dict(o);
            let od = other_set(vm, crate::vm::builtins::arg(&a, 0)?)?;
            Ok(Value::Bool(match name {
                "issubset" => me.iter().all(|e| od.contains(e.hash, &e.key)),
                "issuperset" => od.iter().all(|e| me.contains(e.hash, &e.key)),
                _ => me.iter().all(|e| !od.contains(e.hash, &e.key)),
            }))
        }
        _ => generic_dunder(vm, o, name, a),
    }
}

#[allow(dead_code)]
fn _b(v: &Value, cls: &Arc<Class>) -> Value {
    bind(v.clone(), v, cls)
}
