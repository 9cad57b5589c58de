//! type, the class of classes: `type(name, bases, dict)`, the slots a user metaclass
//! reaches through super() (`type.__new__`, `__init__`, `__call__`), and the steps of
//! class creation CPython's type.__new__ takes (metaclass winner, `__set_name__`,
//! `__init_subclass__`). The class statement ends here too (`Vm::make_class`).

use super::{method, Args, Kw, Method};
use crate::vm::attr::bind;
use crate::vm::interp::Vm;
use crate::vm::types::*;
use crate::vm::value::*;
use std::sync::{Arc, Mutex};

pub static METHODS: &[Method] = &[
    method!("__new__", dunder_new),
    method!("__init__", dunder_init),
    method!("__call__", dunder_call),
    method!("__prepare__", dunder_prepare),
    method!("mro", mro),
];

/// A slot of `type` bound to `obj`, as found by super() or `type.__name__`.
pub fn slot_of(obj: &Value, name: &str) -> Option<Value> {
    super::find(METHODS, name)?;
    Some(Value::Builtin(Arc::new(BuiltinFn { name: "type_slot", module: "", f: slot, bound: Some(Value::tuple(vec![obj.clone(), Value::str(name)])) })))
}

fn slot(vm: &mut Vm, mut a: Args, kw: Kw) -> PyResult<Value> {
    let Value::Tuple(t) = a.remove(0) else { return Ok(Value::None) };
    match super::find(METHODS, t[1].as_str().unwrap_or("")) {
        Some(f) => f(vm, &t[0], a, kw),
        None => Ok(Value::None),
    }
}

/// `type.__new__(mcls, name, bases, dict, **kw)` (also `type(x)` when given one argument).
fn dunder_new(vm: &mut Vm, o: &Value, _name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let mut a = a;
    let mcls = match a.first() {
        Some(Value::Class(c)) if c.is_subclass(&types().type_) => {
            let c = c.clone();
            a.remove(0);
            c
        }
        Some(other) => return Err(type_error(format!("type.__new__(X): X is not a type object ({})", type_name(other)))),
        None => match o {
            Value::Class(c) => c.clone(),
            _ => return Err(type_error("type.__new__(): not enough arguments")),
        },
    };
    if a.len() == 1 && kw.is_empty() {
        return Ok(Value::Class(type_of(&a[0])));
    }
    let (name, bases, ns) = three_args(a)?;
    create(vm, &mcls, &name, bases, ns, kw)
}

/// The `(name, bases, dict)` of `type(...)` with CPython's argument errors.
fn three_args(a: Args) -> PyResult<(String, Vec<Value>, Vec<(Name, Value)>)> {
    if a.len() != 3 {
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    let name = match &a[0] {
        Value::Str(s) => s.s.clone(),
        o => return Err(type_error(format!("type.__new__() argument 1 must be str, not {}", type_name(o)))),
    };
    let bases = match &a[1] {
        Value::Tuple(t) => (**t).clone(),
        o => return Err(type_error(format!("type.__new__() argument 2 must be tuple, not {}", type_name(o)))),
    };
    let ns = match &a[2] {
        Value::Dict(d) => {
            let mut v = vec![];
            for (k, val) in lock(d).items() {
                match k.as_str() {
                    Some(s) => v.push((intern(s), val)),
                    None => return Err(type_error("type.__new__(): dict keys must be strings")),
                }
            }
            v
        }
        o => return Err(type_error(format!("type.__new__() argument 3 must be dict, not {}", type_name(o)))),
    };
    Ok((name, bases, ns))
}

fn dunder_init(_vm: &mut Vm, _o: &Value, _name: &str, a: Args, _kw: Kw) -> PyResult<Value> {
    // type.__init__(cls, ...) checks its argument count only.
    if a.len() != 1 && a.len() != 3 {
        return Err(type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Value::None)
}

/// `type.__call__(cls, *args)`: make an instance the ordinary way (__new__, __init__).
fn dunder_call(vm: &mut Vm, o: &Value, _name: &str, a: Args, kw: Kw) -> PyResult<Value> {
    let (cls, a) = match o {
        Value::Class(c) => (c.clone(), a),
        _ => {
            let mut a = a;
            match (a.is_empty(), a.first().cloned()) {
                (false, Some(Value::Class(c))) => {
                    a.remove(0);
                    (c, a)
                }
                _ => return Err(type_error("descriptor '__call__' requires a 'type' object")),
            }
        }
    };
    vm.instantiate_plain(&cls, a, kw)
}

fn dunder_prepare(_vm: &mut Vm, _o: &Value, _name: &str, _a: Args, _kw: Kw) -> PyResult<Value> {
    Ok(Value::dict(crate::vm::dict::Dict::new()))
}

fn mro(_vm: &mut Vm, o: &Value, _name: &str, _a: Args, _kw: Kw) -> PyResult<Value> {
    match o {
        Value::Class(c) => Ok(Value::list(c.mro().into_iter().map(Value::Class).collect())),
        _ => Err(type_error("descriptor 'mro' of 'type' object needs an argument")),
    }
}

/// The most derived of the metaclass asked for and those of the bases.
fn winner(meta: &Arc<Class>, bases: &[Arc<Class>]) -> PyResult<Arc<Class>> {
    let mut w = meta.clone();
    for b in bases {
        let bm = type_of(&Value::Class(b.clone()));
        if w.is_subclass(&bm) {
            continue;
        }
        if bm.is_subclass(&w) {
            w = bm;
            continue;
        }
        return Err(type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"));
    }
    Ok(w)
}

/// The metaclass a class statement uses: `metaclass=` if given, else the most derived
/// metaclass of its bases.
pub fn metaclass_for(explicit: Option<Value>, bases: &[Value]) -> PyResult<Value> {
    if let Some(m) = explicit {
        if let Value::Class(c) = &m {
            if c.is_subclass(&types().type_) {
                let bcls: Vec<Arc<Class>> = bases.iter().filter_map(|b| if let Value::Class(c) = b { Some(c.clone()) } else { None }).collect();
                return winner(c, &bcls).map(Value::Class);
            }
        }
        return Ok(m);
    }
    let bcls: Vec<Arc<Class>> = bases.iter().filter_map(|b| if let Value::Class(c) = b { Some(c.clone()) } else { None }).collect();
    winner(&types().type_, &bcls).map(Value::Class)
}

/// Make a class whose metaclass is (at least) `meta`: what `type.__new__` does.
/// `ns` is in definition order, which `__set_name__` calls follow.
pub fn create(vm: &mut Vm, meta: &Arc<Class>, name: &str, bases: Vec<Value>, ns: Vec<(Name, Value)>, kw: Kw) -> PyResult<Value> {
    let mut bcls = vec![];
    for b in &bases {
        match b {
            Value::Class(c) => bcls.push(c.clone()),
            _ => return Err(type_error("bases must be types")),
        }
    }
    if bcls.is_empty() {
        bcls.push(types().object.clone());
    }
    let meta = winner(meta, &bcls)?;
    let kind = if bcls.iter().any(|b| b.kind == Kind::Exception) {
        Kind::Exception
    } else if bcls.iter().any(|b| b.kind == Kind::Type) {
        Kind::Type
    } else {
        Kind::User
    };
    let mut layout: Option<Arc<Class>> = None;
    for b in &bcls {
        if !matches!(b.kind, Kind::User | Kind::Exception | Kind::Object | Kind::Type) && !subclassable_kind(b.kind) {
            return Err(type_error(format!("type '{}' is not an acceptable base type", b.name)));
        }
        // Two different builtin layouts (list and dict) cannot be combined.
        let bb = if subclassable_kind(b.kind) { Some(b.clone()) } else { b.builtin_base() };
        if let Some(bb) = bb {
            match &layout {
                Some(l) if !Arc::ptr_eq(l, &bb) => return Err(type_error("multiple bases have instance lay-out conflict")),
                _ => layout = Some(bb),
            }
        }
    }
    if layout.is_some() && kind == Kind::Exception {
        return Err(type_error("multiple bases have instance lay-out conflict"));
    }
    let mut dict: FxMap<Name, Value> = FxMap::default();
    for (k, v) in &ns {
        // __init_subclass__ and __class_getitem__ are implicit classmethods.
        let v = match (&**k, v) {
            ("__init_subclass__" | "__class_getitem__", Value::Func(_)) => Value::Wrap(Arc::new(Wrapper::ClassMethod(v.clone()))),
            _ => v.clone(),
        };
        dict.insert(k.clone(), v);
    }
    let module = dict.get("__module__").and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| "__main__".into());
    let qualname = dict.get("__qualname__").and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| name.to_string());
    if !dict.contains_key("__module__") {
        dict.insert(intern("__module__"), Value::str(&module));
    }
    let cls = Arc::new(Class {
        name: intern(name),
        qualname: intern(&qualname),
        module: intern(&module),
        bases: bcls.clone(),
        mro: Mutex::new(vec![]),
        dict: Mutex::new(dict),
        kind,
        id: 0,
        flags: Default::default(),
        native: None,
        meta: if Arc::ptr_eq(&meta, &types().type_) { None } else { Some(meta) },
    });
    let mro = compute_mro(&cls, &bcls).map_err(type_error)?;
    *lock(&cls.mro) = mro;
    cls.compute_flags();
    let cv = Value::Class(cls.clone());
    // __set_name__ on every attribute that has one, in definition order.
    for (k, v) in &ns {
        if let Value::Inst(i) = v {
            let vc = i.class();
            if let Some(f) = vc.lookup("__set_name__") {
                let m = bind(f, v, &vc);
                vm.call(&m, vec![cv.clone(), Value::str(k)])?;
            }
        }
    }
    // super(cls, cls).__init_subclass__(**kw)
    let mut hook = None;
    for c in cls.mro().iter().skip(1) {
        if let Some(f) = lock(&c.dict).get("__init_subclass__").cloned() {
            hook = Some(f);
            break;
        }
    }
    match hook {
        Some(f) => {
            let f = match f {
                Value::Wrap(w) => match &*w {
                    Wrapper::ClassMethod(f) => Value::Method(Arc::new((cv.clone(), f.clone()))),
                    Wrapper::Static(f) => f.clone(),
                    _ => Value::Wrap(w.clone()),
                },
                f @ Value::Func(_) => Value::Method(Arc::new((cv.clone(), f))),
                f => f,
            };
            vm.call_kw(&f, vec![], kw)?;
        }
        None => {
            if !kw.is_empty() {
                return Err(type_error(format!("{}.__init_subclass__() takes no keyword arguments", name)));
            }
        }
    }
    Ok(cv)
}

/// `type(...)` called directly or through a metaclass `M(...)`: M.__new__ then M.__init__.
pub fn call_metaclass(vm: &mut Vm, c: &Arc<Class>, a: Args, kw: Kw) -> PyResult<Value> {
    if Arc::ptr_eq(c, &types().type_) && a.len() == 1 && kw.is_empty() {
        return Ok(Value::Class(type_of(&a[0])));
    }
    // type(name, bases, ns) with a base whose metaclass is more derived: that one's.
    if Arc::ptr_eq(c, &types().type_) && a.len() == 3 {
        if let Value::Tuple(b) = &a[1] {
            let bcls: Vec<Arc<Class>> = b.iter().filter_map(|b| if let Value::Class(c) = b { Some(c.clone()) } else { None }).collect();
            let w = winner(c, &bcls)?;
            if !Arc::ptr_eq(&w, c) {
                return call_metaclass(vm, &w, a, kw);
            }
        }
    }
    let cv = Value::Class(c.clone());
    let obj = match c.lookup("__new__") {
        Some(newf @ (Value::Func(_) | Value::Wrap(_))) => {
            let f = match &newf {
                Value::Wrap(w) => match &**w {
                    Wrapper::Static(f) => f.clone(),
                    _ => newf.clone(),
                },
                f => f.clone(),
            };
            let mut args = vec![cv.clone()];
            args.extend(a.iter().cloned());
            vm.call_kw(&f, args, kw.clone())?
        }
        _ => {
            let (name, bases, ns) = three_args(a.clone())?;
            create(vm, c, &name, bases, ns, kw.clone())?
        }
    };
    if let Value::Class(made) = &obj {
        if type_of(&Value::Class(made.clone())).is_subclass(c) {
            if let Some(init @ Value::Func(_)) = c.lookup("__init__") {
                let mut args = vec![obj.clone()];
                args.extend(a);
                let r = vm.call_kw(&init, args, kw)?;
                if !r.is_none() {
                    return Err(type_error(format!("__init__() should return None, not '{}'", type_name(&r))));
                }
            }
        }
    }
    Ok(obj)
}
