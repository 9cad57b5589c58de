//! Attribute access: lookup through the instance, the class MRO and descriptors
//! (properties, static/class methods), setting and deleting, and binding methods.

use super::dict::Dict;
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::Arc;
use super::interp::*;

impl Vm {
    pub fn getattr(&mut self, o: &Value, name: &str) -> PyResult<Value> {
        self.getattr_with(o, name, None)
    }

    /// `getattr` for an interned name (the eval loop's names): class lookups go through
    /// this thread's cache.
    #[inline]
    pub fn getattr_name(&mut self, o: &Value, name: &Name) -> PyResult<Value> {
        self.getattr_with(o, name, Some(name))
    }

    /// `cls.lookup(name)`, through the cache when the name is interned.
    #[inline]
    pub(crate) fn class_lookup(&mut self, cls: &Arc<Class>, name: &str, interned: Option<&Name>) -> Option<Value> {
        match interned {
            Some(n) => self.caches.class_lookup(cls, n),
            None => cls.lookup(name),
        }
    }

    fn getattr_with(&mut self, o: &Value, name: &str, interned: Option<&Name>) -> PyResult<Value> {
        if let Value::Inst(inst) = o {
            let cls = inst.class();
            if cls.flags() & CLASS_HAS_GETATTRIBUTE != 0 {
                if let Some(f @ Value::Func(_)) = cls.lookup("__getattribute__") {
                    // A class's own __getattribute__ sees every lookup; its AttributeError
                    // falls back to __getattr__ as in CPython.
                    let m = bind(f, o, &cls);
                    return match self.call(&m, vec![Value::str(name)]) {
                        Err(e) if exc_matches(&e, ExcType::AttributeError) => match cls.lookup("__getattr__") {
                            Some(ga) => {
                                let g = bind(ga, o, &cls);
                                self.call(&g, vec![Value::str(name)])
                            }
                            None => Err(e),
                        },
                        r => r,
                    };
                }
            }
        }
        self.getattr_plain(o, name, interned)
    }

    /// Attribute lookup without a class's own `__getattribute__` (what
    /// `object.__getattribute__` does).
    pub fn getattr_plain(&mut self, o: &Value, name: &str, interned: Option<&Name>) -> PyResult<Value> {
        match o {
            Value::Inst(inst) => {
                let cls = inst.class();
                if cls.flags() & CLASS_HAS_PROPERTY == 0 {
                    if let Some(v) = inst.get(name) {
                        return Ok(v);
                    }
                }
                let cattr = self.class_lookup(&cls, name, interned);
                if let Some(Value::Wrap(w)) = &cattr {
                    if let Wrapper::Property { fget, .. } = &**w {
                        if fget.is_none() {
                            return Err(ExcType::AttributeError.msg(format!("property '{name}' of '{}' object has no getter", cls.name)));
                        }
                        return self.call(fget, vec![o.clone()]);
                    }
                }
                if let Some(v) = inst.get(name) {
                    return Ok(v);
                }
                if let Some(v) = cattr {
                    return Ok(bind(v, o, &cls));
                }
                if name == "__class__" {
                    return Ok(Value::Class(cls));
                }
                if name == "__dict__" {
                    let mut d = Dict::new();
                    for (k, v) in lock(&inst.dict).iter() {
                        let kv = Value::str(k);
                        d.insert(hash_native(&kv).ok().flatten().unwrap_or(0), kv, v.clone());
                    }
                    return Ok(Value::dict(d));
                }
                if cls.kind == Kind::Exception {
                    match name {
                        "__cause__" | "__context__" | "__traceback__" => return Ok(Value::None),
                        "__suppress_context__" => return Ok(Value::Bool(false)),
                        _ => {}
                    }
                }
                if inst.base.is_some() {
                    if let Some(m) = super::subclass::base_method(o, name) {
                        return Ok(m);
                    }
                    if let Ok(v) = super::builtins::builtin_getattr(self, inst.base.as_ref().unwrap(), name) {
                        return Ok(v);
                    }
                }
                if let Some(ga) = cls.lookup("__getattr__") {
                    let f = bind(ga, o, &cls);
                    return self.call(&f, vec![Value::str(name)]);
                }
                Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", cls.name, name)))
            }
            Value::Class(c) => {
                if let Some(v) = self.class_lookup(c, name, interned) {
                    return Ok(match v {
                        Value::Wrap(w) => match &*w {
                            Wrapper::Static(f) => f.clone(),
                            Wrapper::ClassMethod(f) => Value::Method(Arc::new((o.clone(), f.clone()))),
                            _ => Value::Wrap(w.clone()),
                        },
                        v => v,
                    });
                }
                match name {
                    "__name__" => Ok(Value::str(&c.name)),
                    "__qualname__" => Ok(Value::str(&c.qualname)),
                    "__module__" => Ok(Value::str(&c.module)),
                    "__mro__" => Ok(Value::tuple(c.mro().into_iter().map(Value::Class).collect())),
                    "__bases__" => Ok(Value::tuple(c.bases.iter().cloned().map(Value::Class).collect())),
                    "__base__" => Ok(c.bases.first().cloned().map(Value::Class).unwrap_or(Value::None)),
                    "__doc__" => Ok(Value::None),
                    "__class__" => Ok(Value::Class(type_of(o))),
                    "__dict__" => {
                        let mut d = Dict::new();
                        for (k, v) in lock(&c.dict).iter() {
                            let kv = Value::str(k);
                            d.insert(hash_native(&kv).ok().flatten().unwrap_or(0), kv, v.clone());
                        }
                        Ok(Value::dict(d))
                    }
                    _ => {
                        // Attributes of the metaclass (methods come back bound to the class).
                        if let Some(m) = &c.meta {
                            if let Some(v) = m.lookup(name) {
                                if let Value::Wrap(w) = &v {
                                    if let Wrapper::Property { fget, .. } = &**w {
                                        return self.call(fget, vec![o.clone()]);
                                    }
                                }
                                return Ok(bind(v, o, m));
                            }
                        }
                        // list.__init__, int.__new__, and the same reached through a subclass
                        // that does not define them (MyInt.__new__).
                        let owner = c.builtin_base().unwrap_or_else(|| c.clone());
                        if let Some(v) = super::subclass::class_slot(&owner, name) {
                            return Ok(v);
                        }
                        if super::builtins::has_method(c.kind, name) {
                            return Ok(Value::Builtin(Arc::new(BuiltinFn { name: "unbound", module: "", f: super::builtins::unbound_method, bound: Some(Value::tuple(vec![o.clone(), Value::str(name)])) })));
                        }
                        Err(ExcType::AttributeError.msg(format!("type object '{}' has no attribute '{}'", c.name, name)))
                    }
                }
            }
            Value::Module(m) => match m.ns.get(name) {
                Some(v) => Ok(v),
                None => {
                    if name == "__name__" {
                        return Ok(Value::str(&m.name));
                    }
                    if name == "__dict__" {
                        // A snapshot of the namespace (CPython's is the live dict).
                        let mut d = Dict::new();
                        for (k, v) in lock(&m.ns.map).iter() {
                            let kv = Value::str(k);
                            d.insert(hash_native(&kv).ok().flatten().unwrap_or(0), kv, v.clone());
                        }
                        return Ok(Value::dict(d));
                    }
                    // A module's own `__getattr__` (PEP 562) answers for the names it lacks.
                    if let Some(hook) = m.ns.get("__getattr__") {
                        return self.call(&hook, vec![Value::str(name)]);
                    }
                    Err(ExcType::AttributeError.msg(format!("module '{}' has no attribute '{}'", m.name, name)))
                }
            },
            Value::Wrap(w) => {
                if let Wrapper::Super(start, obj) = &**w {
                    // super(T, cls) in a classmethod walks cls's MRO; in a metaclass
                    // method (cls an instance of T) it walks the metaclass's.
                    let as_class = matches!(obj, Value::Class(c) if c.is_subclass(start));
                    let cls = match obj {
                        Value::Class(c) if as_class => c.clone(),
                        other => type_of(other),
                    };
                    let mro = cls.mro();
                    let pos = mro.iter().position(|c| Arc::ptr_eq(c, start)).map(|p| p + 1).unwrap_or(mro.len());
                    for c in &mro[pos..] {
                        let v = lock(&c.dict).get(name).cloned();
                        if let Some(v) = v {
                            if let Value::Wrap(pw) = &v {
                                if let Wrapper::Property { fget, .. } = &**pw {
                                    return self.call(fget, vec![obj.clone()]);
                                }
                            }
                            if as_class {
                                return Ok(match v {
                                    Value::Wrap(w2) => match &*w2 {
                                        Wrapper::ClassMethod(f) => Value::Method(Arc::new((obj.clone(), f.clone()))),
                                        Wrapper::Static(f) => f.clone(),
                                        _ => Value::Wrap(w2.clone()),
                                    },
                                    v => v,
                                });
                            }
                            return Ok(bind(v, obj, &cls));
                        }
                        if subclassable_kind(c.kind) {
                            if let Some(r) = super::subclass::super_attr(self, c, obj, name) {
                                return r;
                            }
                        }
                        if Arc::ptr_eq(c, &types().type_) {
                            if let Some(v) = super::objects::typeobj::slot_of(obj, name) {
                                return Ok(v);
                            }
                        }
                        if c.kind == Kind::Object || c.kind == Kind::Exception {
                            if super::objects::find(super::objects::object::METHODS, name).is_some() {
                                return Ok(Value::Builtin(Arc::new(BuiltinFn { name: "object_slot", module: "", f: super::builtins::object_slot, bound: Some(Value::tuple(vec![obj.clone(), Value::str(name)])) })));
                            }
                        }
                    }
                    return Err(ExcType::AttributeError.msg(format!("'super' object has no attribute '{}'", name)));
                }
                if let Wrapper::Property { fget, fset, fdel, doc } = &**w {
                    let me = o.clone();
                    let mk = |n: &'static str| Value::Builtin(Arc::new(BuiltinFn { name: n, module: "", f: super::builtins::property_with, bound: Some(Value::tuple(vec![me.clone(), Value::str(n)])) }));
                    return match name {
                        "fget" => Ok(fget.clone()),
                        "fset" => Ok(fset.clone()),
                        "fdel" => Ok(fdel.clone()),
                        "__doc__" => Ok(doc.clone()),
                        "setter" => Ok(mk("setter")),
                        "getter" => Ok(mk("getter")),
                        "deleter" => Ok(mk("deleter")),
                        _ => Err(ExcType::AttributeError.msg(format!("'property' object has no attribute '{}'", name))),
                    };
                }
                if let Wrapper::Static(f) | Wrapper::ClassMethod(f) = &**w {
                    if name == "__func__" {
                        return Ok(f.clone());
                    }
                }
                Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name)))
            }
            Value::Func(f) => match name {
                "__name__" => Ok(Value::str(&lock(&f.name))),
                // A __qualname__ assigned later (functools.wraps, dataclasses) sits in the dict.
                "__qualname__" => Ok(lock(&f.dict).iter().find(|(k, _)| &**k == "__qualname__").map(|(_, v)| v.clone()).unwrap_or_else(|| Value::str(&f.qualname))),
                "__module__" => Ok(f.globals.get("__name__").unwrap_or(Value::None)),
                // A docstring is a body that starts with a string constant it drops.
                "__doc__" => {
                    let mut ops = f.code.ops.iter().filter(|o| !matches!(o, crate::vm::code::Op::Nop));
                    let starts = matches!((ops.next(), ops.next()), (Some(crate::vm::code::Op::LoadConst(0)), Some(crate::vm::code::Op::Pop)));
                    Ok(f.code.consts.first().filter(|v| starts && matches!(v, Value::Str(_))).cloned().unwrap_or(Value::None))
                }
                "__defaults__" => Ok(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) }),
                "__dict__" => Ok(Value::dict(Dict::new())),
                _ => {
                    for (k, v) in lock(&f.dict).iter() {
                        if &**k == name {
                            return Ok(v.clone());
                        }
                    }
                    Err(ExcType::AttributeError.msg(format!("'function' object has no attribute '{}'", name)))
                }
            },
            Value::Method(m) => match name {
                "__self__" => Ok(m.0.clone()),
                "__func__" => Ok(m.1.clone()),
                "__name__" => self.getattr(&m.1.clone(), name),
                _ => {
                    let f = m.1.clone();
                    self.getattr(&f, name)
                }
            },
            Value::Builtin(b) => match name {
                "__name__" => Ok(Value::str(b.name)),
                "__qualname__" => Ok(Value::str(b.name)),
                "__self__" => Ok(b.bound.clone().unwrap_or(Value::None)),
                _ => Err(ExcType::AttributeError.msg(format!("'builtin_function_or_method' object has no attribute '{}'", name))),
            },
            Value::Native(_) => super::builtins::native_getattr(self, o, name),
            _ => super::builtins::builtin_getattr(self, o, name),
        }
    }

    pub fn setattr(&mut self, o: &Value, name: &Name, v: Value) -> PyResult<()> {
        match o {
            Value::Inst(inst) => {
                let cls = inst.class();
                if cls.flags() & (CLASS_HAS_PROPERTY | CLASS_HAS_SETATTR) == 0 {
                    inst.set(name.clone(), v);
                    return Ok(());
                }
                if let Some(sa) = cls.lookup("__setattr__") {
                    if let Value::Func(_) = sa {
                        let f = bind(sa, o, &cls);
                        self.call(&f, vec![Value::str(name), v])?;
                        return Ok(());
                    }
                }
                if let Some(Value::Wrap(w)) = cls.lookup(name) {
                    if let Wrapper::Property { fset, .. } = &*w {
                        if fset.is_none() {
                            return Err(ExcType::AttributeError.msg(format!("property '{}' of '{}' object has no setter", name, cls.name)));
                        }
                        self.call(fset, vec![o.clone(), v])?;
                        return Ok(());
                    }
                }
                inst.set(name.clone(), v);
                Ok(())
            }
            Value::Class(c) => {
                lock(&c.dict).insert(name.clone(), v);
                super::cache::classes_changed();
                c.compute_flags();
                Ok(())
            }
            Value::Module(m) => {
                m.ns.set(name.clone(), v);
                Ok(())
            }
            Value::Func(f) => {
                if &**name == "__name__" {
                    if let Some(s) = v.as_str() {
                        *lock(&f.name) = intern(s);
                    }
                    return Ok(());
                }
                let mut d = lock(&f.dict);
                if let Some(slot) = d.iter_mut().find(|(k, _)| k == name) {
                    slot.1 = v;
                } else {
                    d.push((name.clone(), v));
                }
                Ok(())
            }
            _ => Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name))),
        }
    }

    pub fn delattr(&mut self, o: &Value, name: &str) -> PyResult<()> {
        match o {
            Value::Inst(inst) => {
                if let Some(Value::Wrap(w)) = inst.class().lookup(name) {
                    if let Wrapper::Property { fdel, .. } = &*w {
                        if !fdel.is_none() {
                            self.call(fdel, vec![o.clone()])?;
                            return Ok(());
                        }
                    }
                }
                if inst.del(name) {
                    Ok(())
                } else {
                    Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", inst.class().name, name)))
                }
            }
            Value::Class(c) => {
                if lock(&c.dict).remove(name).is_some() {
                    super::cache::classes_changed();
                    c.compute_flags();
                    Ok(())
                } else {
                    Err(ExcType::AttributeError.msg(format!("type object '{}' has no attribute '{}'", c.name, name)))
                }
            }
            Value::Module(m) => {
                m.ns.remove(name);
                Ok(())
            }
            _ => Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", type_name(o), name))),
        }
    }

    /// Look up a dunder on an instance's class and call it. None if not defined.
    pub fn call_dunder(&mut self, o: &Value, name: &str, args: Vec<Value>) -> PyResult<Option<Value>> {
        if let Value::Inst(inst) = o {
            let cls = inst.class();
            if let Some(f) = cls.lookup(name) {
                let m = bind(f, o, &cls);
                return Ok(Some(self.call(&m, args)?));
            }
        }
        Ok(None)
    }

    // ---------------- operators ----------------
}

pub(crate) fn attr_ctx(ctx: &Value, _n: &str) -> Value {
    type_error(format!("'{}' object does not support the context manager protocol", type_name(ctx)))
}

/// A dunder a class gets from its metaclass (`iter(Color)`, `len(Color)`, `Color[k]`
/// for enums), bound to the class; None for classes whose metaclass is `type`.
pub fn meta_method(v: &Value, name: &str) -> Option<Value> {
    let Value::Class(c) = v else { return None };
    let m = c.meta.as_ref()?;
    let f = m.lookup(name)?;
    Some(bind(f, v, m))
}

/// Bind a class attribute found for an instance.
pub fn bind(v: Value, obj: &Value, cls: &Arc<Class>) -> Value {
    match v {
        Value::Func(_) => Value::Method(Arc::new((obj.clone(), v))),
        Value::Builtin(ref b) if b.bound.is_none() && b.module == "method" => Value::Method(Arc::new((obj.clone(), v))),
        Value::Wrap(w) => match &*w {
            Wrapper::Static(f) => f.clone(),
            Wrapper::ClassMethod(f) => Value::Method(Arc::new((Value::Class(cls.clone()), f.clone()))),
            _ => Value::Wrap(w.clone()),
        },
        v => v,
    }
}
