//! Builtin functions, constructors of builtin types and methods of builtin values.

use super::dict::Dict;
use super::interp::Vm;
use super::iter::{new_iter, IterKind};
use super::ops::*;
use super::types::*;
use super::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::sync::{Arc, Mutex};

use super::objects::{kwarg, nargs, Args, Kw};

pub fn bf(name: &'static str, f: fn(&mut Vm, Args, Kw) -> PyResult<Value>) -> Value {
    Value::Builtin(Arc::new(BuiltinFn { name, module: "builtins", f, bound: None }))
}

fn no_kw(name: &str, kw: &Kw) -> PyResult<()> {
    if let Some((k, _)) = kw.first() {
        return Err(type_error(format!("{name}() takes no keyword arguments").replace("() takes", &format!("() got an unexpected keyword argument '{k}'")).split(" takes").next().unwrap().to_string()));
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
        Value::Native(n) => match n.class.native.and_then(|t| t.len) {
            Some(f) => f(v),
            None => return Err(type_error(format!("object of type '{}' has no len()", type_name(v)))),
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
pub fn b_abs(vm: &mut Vm, a: Args, _kw: Kw) -> PyResult<Value> {
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

pub fn b_round(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
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

pub use super::objects::float::parse_float_str;

/// `cls(...)` for a builtin class: each type's own constructor.
pub fn construct(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    use super::objects::*;
    let new = match c.kind {
        Kind::Int => int::new,
        Kind::Bool => int::new_bool,
        Kind::Float => float::new,
        Kind::Str => str::new,
        Kind::Bytes => bytes::new,
        Kind::List => list::new,
        Kind::Tuple => tuple::new,
        Kind::Dict => dict::new,
        Kind::Set | Kind::FrozenSet => set::new,
        Kind::Range => range::new,
        Kind::Slice => slice::new,
        Kind::Property => descr::new_property,
        Kind::StaticMethod => descr::new_staticmethod,
        Kind::ClassMethod => descr::new_classmethod,
        Kind::Super => descr::new_super,
        Kind::Type => object::new_type,
        Kind::Object => object::new,
        Kind::Native => match c.native.and_then(|t| t.construct) {
            Some(f) => f,
            None => return Err(type_error(format!("cannot create '{}' instances", c.name))),
        },
        _ => return Err(type_error(format!("cannot create '{}' instances", c.name))),
    };
    new(vm, c, a, kw)
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

/// Whether the builtin type `kind` has a method `name` (its table has the entry).
pub fn has_method(kind: Kind, name: &str) -> bool {
    super::objects::find(super::objects::table(kind), name).is_some()
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

/// Attribute of a native object, through its class's [`NativeType`] hook.
pub fn native_getattr(_vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    let Value::Native(n) = o else { return Err(ExcType::AttributeError.msg(name.to_string())) };
    if let Some(v) = n.class.native.and_then(|t| (t.getattr)(o, name)) {
        return Ok(v);
    }
    if name == "__class__" {
        return Ok(Value::Class(n.class.clone()));
    }
    Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", n.class.name, name)))
}

/// repr() of a native object, through its class's hook.
pub fn native_repr(vm: &mut Vm, o: &Value) -> PyResult<String> {
    let Value::Native(n) = o else { return Ok(repr_simple(o)) };
    match n.class.native.and_then(|t| t.repr) {
        Some(f) => f(vm, o),
        None => Ok(format!("<{}.{} object at 0x{:012x}>", n.class.module, n.class.name, o.id())),
    }
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
pub fn object_slot(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let mut a = a;
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    let obj = t[0].clone();
    let name = t[1].as_str().unwrap_or("");
    match super::objects::find(super::objects::object::METHODS, name) {
        Some(f) => f(vm, &obj, a, kw),
        None => Ok(Value::None),
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
        Value::Native(n) => match n.class.native.and_then(|t| t.getitem) {
            Some(f) => f(vm, o, k),
            None => Err(type_error(format!("'{}' object is not subscriptable", type_name(o)))),
        },
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

/// `o.name(*a, **kw)`: builtin values call the entry of their type's table (then the
/// shared dunders); other objects look the attribute up and call it.
pub fn call_method(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    use super::objects::{find, generic, has_generic_fallback, table, value_kind};
    let Some(kind) = value_kind(o) else {
        let m = match o {
            Value::Native(_) => native_getattr(vm, o, name)?,
            _ => vm.getattr(o, name)?,
        };
        return vm.call_kw(&m, a, kw);
    };
    if let Some(f) = find(table(kind), name) {
        return f(vm, o, a, kw);
    }
    if has_generic_fallback(kind) {
        if let Some(f) = find(generic::METHODS, name) {
            return f(vm, o, a, kw);
        }
    }
    Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name)))
}
