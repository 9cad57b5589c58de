//! Builtin functions (print, len, ... with the rest in introspection.rs, iteration.rs and
//! numeric.rs), `construct` (dispatch to each type's `new` in objects/), attribute access
//! and method calls on builtin values (through the type tables), native hooks.

use crate::vm::dict::Dict;
use crate::vm::interp::Vm;
use crate::vm::iter::{new_iter, IterKind};
use crate::vm::ops::*;
use crate::vm::types::*;
use crate::vm::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::sync::{Arc, Mutex};

use crate::vm::objects::{kwarg, nargs, Args, Kw};

pub(crate) mod introspection;
mod iteration;
mod numeric;
use introspection::*;
use iteration::*;
use numeric::*;
pub use introspection::isinstance;
pub use iteration::{next_complex, sort_values};
pub use numeric::{b_abs, b_round, round_half_even};

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
        Value::Inst(i) if matches!(i.base, Some(Value::Int(_) | Value::Big(_))) => to_int(i.base.as_ref().unwrap()),
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
    // CPython writes each argument, each separator and `end` as separate writes
    // (print in Python/bltinmodule.c), so lines printed by two threads can tangle: a
    // write may let another thread run between the text and its newline.
    let mut pieces: Vec<String> = Vec::with_capacity(a.len() * 2 + 1);
    for (i, x) in a.iter().enumerate() {
        if i > 0 {
            pieces.push(sep.clone());
        }
        match x {
            Value::Str(st) => pieces.push(st.s.to_string()),
            other => pieces.push(vm.str(other)?),
        }
    }
    pieces.push(end);
    // `sys.stdout = something`: print writes there, as CPython's does.
    if file_obj.is_none() && !to_err && !kw.iter().any(|(k, _)| &**k == "file") {
        file_obj = replaced_stream(vm, "stdout");
    }
    if let Some(f) = file_obj {
        let w = vm.getattr(&f, "write")?;
        for p in pieces {
            vm.call(&w, vec![Value::string(p)])?;
        }
        return Ok(Value::None);
    }
    let last = pieces.len() - 1;
    for (i, p) in pieces.iter().enumerate() {
        if to_err {
            vm.host().write_stderr(p);
        } else {
            vm.host().write_stdout(p);
        }
        // Between two writes: if another thread has been waiting for the GIL for the
        // switch interval, hand it over here, like a CPython write that releases the
        // GIL. (Without a GIL, free-threaded mode interleaves the writes by itself.)
        if i < last && !vm.stepping && vm.interp.scheduler.check_point() == crate::vm::host::Decision::Yield {
            vm.steps_left = vm.interp.scheduler.yield_in_place(vm.ident)?;
        }
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
    if let Some(m) = crate::vm::attr::meta_method(v, "__len__") {
        let r = vm.call(&m, vec![])?;
        return match r {
            Value::Int(i) if i >= 0 => Ok(i as usize),
            _ => Err(type_error("__len__() should return >= 0")),
        };
    }
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
        Value::Inst(i) if i.base.is_some() && i.class().lookup("__len__").is_none() => return len_of(vm, &i.base.clone().unwrap()),
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
    Ok(Value::string(crate::vm::repr::ascii_of(&vm.repr(crate::vm::builtins::arg(&a, 0)?)?)))
}
// ---------------- constructors ----------------

pub use crate::vm::objects::float::parse_float_str;

/// `cls(...)` for a builtin class: each type's own constructor.
pub fn construct(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    use crate::vm::objects::*;
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
    crate::vm::objects::find(crate::vm::objects::table(kind), name).is_some()
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
        if c.kind == Kind::Int && name == "from_bytes" {
            return crate::vm::objects::int::from_bytes_of(vm, a, kw);
        }
        if c.kind == Kind::Type {
            // type.__new__(M, ...), type.__call__(C, ...): the slot takes its class argument itself.
            if let Some(f) = crate::vm::objects::find(crate::vm::objects::typeobj::METHODS, &name) {
                return f(vm, &t[0], a, kw);
            }
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
    // list.append(safe_list, x): the builtin method on the subclass instance's list.
    let obj = crate::vm::subclass::unwrap(&obj).clone();
    call_method(vm, &obj, &name, a, kw)
}

/// object.__init__ / __setattr__ / ... reached through super() or the class.
pub fn object_slot(vm: &mut Vm, a: Args, kw: Kw) -> PyResult<Value> {
    let mut a = a;
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    let obj = t[0].clone();
    let name = t[1].as_str().unwrap_or("");
    match crate::vm::objects::find(crate::vm::objects::object::METHODS, name) {
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

// ---------------- methods of builtin values ----------------

/// `o.name(*a, **kw)`: builtin values call the entry of their type's table (then the
/// shared dunders); other objects look the attribute up and call it.
pub fn call_method(vm: &mut Vm, o: &Value, name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    use crate::vm::objects::{find, generic, has_generic_fallback, table, value_kind};
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
