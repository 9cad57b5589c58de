//! Calls: argument binding (with CPython's messages for wrong counts), calling any
//! value, instantiation, class creation, and re-entering the loop from Rust (`call`).

use super::code::Code;
use super::dict::Dict;
use super::frame::*;
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::atomic::Ordering as AO;
use std::sync::{Arc, Mutex};
use super::interp::*;
use super::eval::Exit;

impl Vm {
    /// Bind arguments and push a frame for a Python function.
    pub fn call_function(&mut self, func: &Arc<Function>, mut args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Option<Value>> {
        let code = &func.code;
        let mut fr = self.new_frame(code, &func.globals);
        let argcount = code.argcount as usize;
        if kwargs.is_empty() && !code.varargs && !code.varkw && code.kwonly == 0 && args.len() == argcount {
            fr.locals.extend(args.into_iter().map(Some));
        } else if let Err(e) = self.bind_slow(func, &mut args, kwargs, &mut fr.locals) {
            self.recycle_frame(fr);
            return Err(e);
        }
        self.enter_function(func, fr)
    }

    /// A frame for `code`, from this thread's pool of finished frames when it has one
    /// (their locals, stack and cell vectors keep their capacity: no allocation).
    #[inline]
    pub(crate) fn new_frame(&mut self, code: &Arc<Code>, globals: &Arc<Namespace>) -> Box<Frame> {
        match self.free_frames.pop() {
            Some(mut fr) => {
                fr.code = code.clone();
                fr.globals = globals.clone();
                fr.ip = 0;
                fr.on_return = OnReturn::Push;
                fr.resume = Resume::Next;
                fr.started = false;
                fr.in_yield_from = false;
                fr
            }
            None => Box::new(Frame::new(code.clone(), globals.clone(), Vec::new(), Vec::new())),
        }
    }

    /// Gives a finished frame back to the pool, emptied (its values dropped now).
    #[inline]
    pub(crate) fn recycle_frame(&mut self, mut fr: Box<Frame>) {
        if self.free_frames.len() < 64 && fr.gen.is_none() {
            fr.locals.clear();
            fr.stack.clear();
            fr.cells.clear();
            fr.blocks.clear();
            fr.handling.clear();
            fr.names = None;
            self.free_frames.push(fr);
        }
    }

    /// The rest of a call once the arguments are bound into `fr.locals`: cells, then a
    /// generator object or the pushed frame.
    #[inline]
    fn enter_function(&mut self, func: &Arc<Function>, mut fr: Box<Frame>) -> PyResult<Option<Value>> {
        let code = &func.code;
        fr.locals.resize(code.varnames.len(), None);
        if !code.cellvars.is_empty() || !func.closure.is_empty() {
            for _ in 0..code.cellvars.len() {
                fr.cells.push(Arc::new(Mutex::new(None)));
            }
            for (ci, li) in &code.cell_params {
                *lock(&fr.cells[*ci as usize]) = fr.locals[*li as usize].clone();
            }
            fr.cells.extend(func.closure.iter().cloned());
        }
        if code.is_gen {
            let g = Arc::new(Generator { frame: Mutex::new(None), name: code.name.clone(), qualname: func.qualname.clone(), running: Default::default(), coro: code.is_coro });
            fr.gen = Some(g.clone());
            fr.on_return = OnReturn::Gen;
            *lock(&g.frame) = Some(fr);
            if code.is_asyncgen {
                // The generator runs the body; `_asyncgen` gives it the async
                // iterator protocol (__anext__, asend, athrow, aclose).
                let m = self.import("_asyncgen")?;
                let cls = self.getattr(&m, "async_generator")?;
                return self.call(&cls, vec![Value::Gen(g)]).map(Some);
            }
            return Ok(Some(Value::Gen(g)));
        }
        self.frames.push(fr);
        Ok(None)
    }

    /// The eval loop's call of a Python function whose arguments are the top `argc`
    /// values of `stack` (after `self_arg`, for a method): positional only, at most the
    /// parameters, no *args/**kwargs/keyword-only. They move straight into the new
    /// frame's locals, with no argument vector. None: not such a call (nothing popped).
    #[inline]
    pub(crate) fn call_from_stack(&mut self, func: &Arc<Function>, stack: &mut Vec<Value>, argc: usize, self_arg: Option<Value>) -> Option<PyResult<Option<Value>>> {
        let code = &func.code;
        let given = argc + self_arg.is_some() as usize;
        let argcount = code.argcount as usize;
        if code.varargs || code.varkw || code.kwonly != 0 || given > argcount || given + func.defaults.len() < argcount {
            return None;
        }
        let mut fr = self.new_frame(code, &func.globals);
        if let Some(s) = self_arg {
            fr.locals.push(Some(s));
        }
        let n = stack.len() - argc;
        fr.locals.extend(stack.drain(n..).map(Some));
        if given < argcount {
            let d = &func.defaults;
            fr.locals.extend(d[d.len() - (argcount - given)..].iter().cloned().map(Some));
        }
        Some(self.enter_function(func, fr))
    }

    pub(crate) fn bind_slow(&mut self, func: &Arc<Function>, args: &mut Vec<Value>, kwargs: Vec<(Name, Value)>, locals: &mut Vec<Option<Value>>) -> PyResult<()> {
        let code = &func.code;
        let fname = &func.qualname;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonly as usize;
        let total = argcount + kwonly;
        locals.resize(total + code.varargs as usize + code.varkw as usize, None);
        let npos = args.len().min(argcount);
        let extra: Vec<Value> = if args.len() > argcount { args.split_off(argcount) } else { vec![] };
        for (i, a) in args.drain(..).enumerate() {
            locals[i] = Some(a);
        }
        if !extra.is_empty() && !code.varargs {
            let ndef = func.defaults.len();
            let given = npos + extra.len();
            let takes = if ndef > 0 { format!("from {} to {}", argcount - ndef, argcount) } else { argcount.to_string() };
            return Err(type_error(format!(
                "{}() takes {} positional argument{} but {} {} given",
                fname,
                takes,
                if argcount == 1 && ndef == 0 { "" } else { "s" },
                given,
                if given == 1 { "was" } else { "were" }
            )));
        }
        let mut varkw = Dict::new();
        for (k, v) in kwargs {
            match code.varnames[..total].iter().position(|n| **n == *k) {
                Some(i) if i >= code.posonly as usize => {
                    if locals[i].is_some() {
                        return Err(type_error(format!("{}() got multiple values for argument '{}'", fname, k)));
                    }
                    locals[i] = Some(v);
                }
                _ => {
                    if code.varkw {
                        let kv = Value::str(&k);
                        let h = hash_native(&kv).ok().flatten().unwrap_or(0);
                        varkw.insert(h, kv, v);
                    } else {
                        return Err(type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k)));
                    }
                }
            }
        }
        // Defaults.
        let ndef = func.defaults.len();
        let mut missing = vec![];
        for i in 0..argcount {
            if locals[i].is_none() {
                if i + ndef >= argcount {
                    locals[i] = Some(func.defaults[i + ndef - argcount].clone());
                } else {
                    missing.push(format!("'{}'", code.varnames[i]));
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                fname,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut kwmissing = vec![];
        for i in argcount..total {
            if locals[i].is_none() {
                let n = &code.varnames[i];
                match func.kwdefaults.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => locals[i] = Some(v.clone()),
                    None => kwmissing.push(format!("'{}'", n)),
                }
            }
        }
        if !kwmissing.is_empty() {
            return Err(type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                fname,
                kwmissing.len(),
                if kwmissing.len() == 1 { "" } else { "s" },
                join_names(&kwmissing)
            )));
        }
        let mut idx = total;
        if code.varargs {
            locals[idx] = Some(Value::tuple(extra));
            idx += 1;
        }
        if code.varkw {
            locals[idx] = Some(Value::dict(varkw));
        }
        Ok(())
    }

    /// Start a call. Python functions push a frame (Called::Frame); everything else runs
    /// to completion here.
    pub fn call_value(&mut self, func: Value, mut args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Called> {
        match &func {
            Value::Func(f) => Ok(match self.call_function(f, args, kwargs)? {
                Some(v) => Called::Value(v),
                None => Called::Frame,
            }),
            Value::Method(m) => {
                args.insert(0, m.0.clone());
                let f = m.1.clone();
                self.call_value(f, args, kwargs)
            }
            Value::Builtin(b) => {
                if let Some(s) = &b.bound {
                    args.insert(0, s.clone());
                }
                Ok(Called::Value((b.f)(self, args, kwargs)?))
            }
            Value::BMethod(m) => Ok(Called::Value(super::builtins::call_method(self, &m.0, &m.1, args, kwargs)?)),
            Value::Class(c) => self.instantiate(c, args, kwargs),
            Value::Inst(_) => {
                let m = self.getattr(&func, "__call__").map_err(|_| type_error(format!("'{}' object is not callable", type_name(&func))))?;
                self.call_value(m, args, kwargs)
            }
            Value::Wrap(w) => match &**w {
                Wrapper::Static(f) => self.call_value(f.clone(), args, kwargs),
                _ => Err(type_error(format!("'{}' object is not callable", type_name(&func)))),
            },
            _ => Err(type_error(format!("'{}' object is not callable", type_name(&func)))),
        }
    }

    /// Call from Rust and wait for the result (bounded re-entry of the eval loop, used by
    /// builtins that call Python code: key functions, implicit dunders...).
    pub fn call(&mut self, func: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call_kw(func, args, vec![])
    }

    pub fn call_kw(&mut self, func: &Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Value> {
        let depth = self.frames.len();
        let called = self.call_value(func.clone(), args, kwargs)?;
        self.finish_call(depth, called)
    }

    /// Wait for a started call (`call_value`'s result) to give its value.
    fn finish_call(&mut self, depth: usize, called: Called) -> PyResult<Value> {
        match called {
            Called::Value(v) => {
                if let Some(w) = self.pending.take() {
                    if let Some(r) = self.interp.scheduler.wait_in_place(self.ident, &w, &*self.interp.host)? {
                        return Ok(r);
                    }
                }
                Ok(v)
            }
            Called::Frame => {
                if self.frames.len() > self.interp.recursion_limit.load(AO::Relaxed) {
                    self.frames.truncate(depth);
                    return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded"));
                }
                if super::stack::refuse_reentry(self.nested) {
                    self.frames.truncate(depth);
                    return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded while calling a Python object"));
                }
                let top = self.frames.len() - 1;
                // Make the frame return to us.
                let fr = &mut self.frames[top];
                let prev = std::mem::replace(&mut fr.on_return, OnReturn::Stop);
                let init_inst = match prev {
                    OnReturn::Init(i) => Some(i),
                    OnReturn::Push => None,
                    other => {
                        fr.on_return = other;
                        None
                    }
                };
                self.nested += 1;
                let mut b = i64::MAX;
                let r = self.run_frames(top, &mut b);
                self.nested -= 1;
                self.frames.truncate(top.max(depth));
                match r {
                    Ok(Exit::Returned(v)) => match init_inst {
                        Some(i) => {
                            if !v.is_none() {
                                return Err(type_error(format!("__init__() should return None, not '{}'", type_name(&v))));
                            }
                            Ok(i)
                        }
                        None => Ok(v),
                    },
                    Ok(_) => Ok(Value::None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    pub(crate) fn instantiate(&mut self, c: &Arc<Class>, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Called> {
        // A metaclass with its own __call__ decides what calling the class does.
        if let Some(m) = &c.meta {
            if let Some(call @ Value::Func(_)) = m.lookup("__call__") {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(Value::Class(c.clone()));
                a.extend(args);
                return self.call_value(call, a, kwargs);
            }
        }
        self.instantiate_inner(c, args, kwargs)
    }

    /// `type.__call__(cls, ...)`: instantiate without the metaclass's __call__, waiting
    /// for the result.
    pub(crate) fn instantiate_plain(&mut self, c: &Arc<Class>, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Value> {
        let depth = self.frames.len();
        let called = self.instantiate_inner(c, args, kwargs)?;
        self.finish_call(depth, called)
    }

    fn instantiate_inner(&mut self, c: &Arc<Class>, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Called> {
        if c.kind == Kind::Type {
            return Ok(Called::Value(super::objects::typeobj::call_metaclass(self, c, args, kwargs)?));
        }
        match c.kind {
            Kind::User | Kind::Exception | Kind::Object => {}
            _ => {
                // A builtin type (or subclass of one: not supported beyond the builtin).
                if c.kind == Kind::Type && args.len() == 1 {
                    return Ok(Called::Value(Value::Class(type_of(&args[0]))));
                }
                return Ok(Called::Value(super::builtins::construct(self, c, args, kwargs)?));
            }
        }
        if c.kind == Kind::Object && lock(&c.mro).len() == 1 {
            if !args.is_empty() {
                return Err(type_error("object() takes no arguments"));
            }
        }
        // __new__ defined by the user?
        let inst = if let Some(newf) = c.lookup("__new__").filter(|v| matches!(v, Value::Func(_) | Value::Wrap(_))) {
            let f = match &newf {
                Value::Wrap(w) => match &**w {
                    Wrapper::Static(f) => f.clone(),
                    _ => newf.clone(),
                },
                f => f.clone(),
            };
            let mut a = vec![Value::Class(c.clone())];
            a.extend(args.iter().cloned());
            let obj = self.call_kw(&f, a, kwargs.clone())?;
            match &obj {
                Value::Inst(i) if i.class().is_subclass(c) => {}
                _ => return Ok(Called::Value(obj)),
            }
            obj
        } else if let Some(bb) = c.builtin_base() {
            super::subclass::new_instance(self, c, &bb, args.clone(), kwargs.clone())?
        } else {
            let os_error = &types().exc[ExcType::OSError as usize];
            // OSError(2, ...) is a FileNotFoundError, as in CPython.
            let cls = match args.first() {
                Some(Value::Int(n)) if Arc::ptr_eq(c, os_error) && (2..=5).contains(&args.len()) => {
                    super::types::exc_class(super::exc::os_error_class(*n))
                }
                _ => c.clone(),
            };
            let i = Instance::new(cls.clone());
            if c.kind == Kind::Exception {
                i.set(intern("args"), Value::tuple(args.clone()));
                if cls.is_subclass(os_error) {
                    super::exc::init_os_error(&i, &args);
                }
                super::types::init_stop_iteration(&i, &cls, &args);
            }
            Value::Inst(Arc::new(i))
        };
        match c.lookup("__init__") {
            Some(Value::Func(init)) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(inst.clone());
                a.extend(args);
                if self.call_function(&init, a, kwargs)?.is_some() {
                    return Err(type_error("__init__() should return None, not 'generator'"));
                }
                if let Some(fr) = self.frames.last_mut() {
                    fr.on_return = OnReturn::Init(inst);
                }
                Ok(Called::Frame)
            }
            Some(other @ (Value::Builtin(_) | Value::Method(_))) => {
                let mut a = vec![inst.clone()];
                a.extend(args);
                self.call_kw(&other, a, kwargs)?;
                Ok(Called::Value(inst))
            }
            _ => {
                if let Some(bb) = c.builtin_base() {
                    if super::subclass::init_fills(&bb) {
                        super::subclass::base_init(self, &inst, args, kwargs)?;
                    }
                    return Ok(Called::Value(inst));
                }
                if c.kind != Kind::Exception && (!args.is_empty() || !kwargs.is_empty()) && c.lookup("__new__").is_none() {
                    return Err(type_error(format!("{}() takes no arguments", c.name)));
                }
                Ok(Called::Value(inst))
            }
        }
    }

    /// The end of a class statement: pick the metaclass (`metaclass=` or the bases'),
    /// then `type.__new__` directly or a call of the metaclass with the namespace in
    /// definition order (`order`: the body's name table, in order of first use).
    pub(crate) fn make_class(&mut self, name: &Value, bases: &[Value], kw: Option<Value>, ns: Arc<Namespace>, order: &[Name]) -> PyResult<Value> {
        let name = name.as_str().unwrap_or("?").to_string();
        let mut kwargs: Vec<(Name, Value)> = vec![];
        let mut explicit = None;
        if let Some(Value::Dict(d)) = &kw {
            for (k, v) in lock(d).items() {
                let k = intern(k.as_str().unwrap_or(""));
                if &*k == "metaclass" {
                    explicit = Some(v);
                } else {
                    kwargs.push((k, v));
                }
            }
        }
        let items = definition_order(&lock(&ns.map), order);
        let meta = super::objects::typeobj::metaclass_for(explicit, bases)?;
        match &meta {
            Value::Class(m) if Arc::ptr_eq(m, &types().type_) => super::objects::typeobj::create(self, m, &name, bases.to_vec(), items, kwargs),
            _ => {
                let mut d = super::dict::Dict::new();
                for (k, v) in items {
                    let kv = Value::str(&k);
                    let h = self.hash(&kv)?;
                    d.insert(h, kv, v);
                }
                let args = vec![Value::str(&name), Value::tuple(bases.to_vec()), Value::dict(d)];
                self.call_kw(&meta, args, kwargs)
            }
        }
    }
}

/// A class body's names in definition order: those of `order` first, in its order,
/// then any others (set by the VM, not the body) by name. One lookup per name: sorting
/// with a search of `order` in every comparison was a tenth of `import threading`.
fn definition_order(map: &crate::python::names::FxMap<Name, Value>, order: &[Name]) -> Vec<(Name, Value)> {
    let mut items: Vec<(Name, Value)> = order.iter().filter_map(|n| map.get(n).map(|v| (n.clone(), v.clone()))).collect();
    if items.len() < map.len() {
        let listed: std::collections::HashSet<&Name> = order.iter().collect();
        let mut rest: Vec<(Name, Value)> = map.iter().filter(|(k, _)| !listed.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        rest.sort_by(|a, b| a.0.cmp(&b.0));
        items.extend(rest);
    }
    items
}

pub(crate) fn join_names(v: &[String]) -> String {
    match v.len() {
        1 => v[0].clone(),
        2 => format!("{} and {}", v[0], v[1]),
        _ => format!("{}, and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// Opcode bodies called from the eval loop.
impl Vm {
    /// MAKE_FUNCTION: pop the closure, keyword defaults and defaults named by `flags`, push a function of code constant `ci`.
    #[inline(never)]
    pub(crate) fn make_function(&mut self, f: &mut Frame, ci: u32, flags: u32) -> PyResult<()> {
        let code = f.code.clone();
        let c = code.codes[ci as usize].clone();
        let closure = if flags & 8 != 0 {
            match f.stack.pop() {
                Some(Value::Tuple(t)) => t.iter().filter_map(|v| if let Value::Cell(c) = v { Some(c.clone()) } else { None }).collect(),
                _ => vec![],
            }
        } else {
            vec![]
        };
        let mut kwdefaults = vec![];
        if flags & 2 != 0 {
            if let Some(Value::Dict(d)) = f.stack.pop() {
                for (k, v) in lock(&d).items() {
                    kwdefaults.push((intern(k.as_str().unwrap_or("")), v));
                }
            }
        }
        let defaults = if flags & 1 != 0 {
            match f.stack.pop() {
                Some(Value::Tuple(t)) => (*t).clone(),
                _ => vec![],
            }
        } else {
            vec![]
        };
        let func = Function {
            name: Mutex::new(c.name.clone()),
            qualname: c.qualname.clone(),
            code: c,
            globals: f.globals.clone(),
            defaults,
            kwdefaults,
            closure,
            dict: Mutex::new(vec![]),
        };
        f.stack.push(Value::Func(Arc::new(func)));
        Ok(())
    }

    /// CALL_KW (`f(a, k=v)`): the keyword names are a tuple constant; pops the values
    /// and the callee, then calls.
    #[inline(never)]
    pub(crate) fn call_kw_op(&mut self, f: &mut Frame, argc: u32, names: u32) -> PyResult<Called> {
        let Value::Tuple(names) = &f.code.consts[names as usize] else { unreachable!() };
        let names = names.clone();
        let n = f.stack.len() - argc as usize;
        let mut args: Vec<Value> = f.stack.drain(n..).collect();
        let func = f.stack.pop().unwrap();
        let kwv = args.split_off(args.len() - names.len());
        let kwargs: Vec<(Name, Value)> = names.iter().zip(kwv).map(|(k, v)| (intern(k.as_str().unwrap_or("")), v)).collect();
        self.call_value(func, args, kwargs)
    }

    /// CALL_FUNCTION_EX (`f(*args, **kw)`): pops the kwargs dict (if any), the args
    /// tuple and the callee, then calls.
    #[inline(never)]
    pub(crate) fn call_ex_op(&mut self, f: &mut Frame, has_kw: bool) -> PyResult<Called> {
        let kw = if has_kw { f.stack.pop() } else { None };
        let args = f.stack.pop().unwrap();
        let func = f.stack.pop().unwrap();
        let args = match args {
            Value::Tuple(t) => (*t).clone(),
            _ => vec![],
        };
        let mut kwargs = vec![];
        if let Some(Value::Dict(d)) = kw {
            for e in lock(&d).iter() {
                match e.key.as_str() {
                    Some(s) => kwargs.push((intern(s), e.value.clone())),
                    None => return Err(type_error("keywords must be strings")),
                }
            }
        }
        self.call_value(func, args, kwargs)
    }

    /// CALL_METHOD (`obj.name(args)`): pops the arguments and the object and calls the
    /// method without building a bound method where it can (a plain function found on
    /// the class, a builtin type's method, a generator's send).
    #[inline]
    pub(crate) fn call_method_op(&mut self, f: &mut Frame, ni: u32, argc: u32) -> PyResult<Called> {
        let name = &f.code.names[ni as usize];
        let n = f.stack.len() - argc as usize;
        // A plain function on an instance's class: `self` and the arguments go straight
        // from the stack into the frame.
        if let Value::Inst(inst) = &f.stack[n - 1] {
            let cls = inst.class();
            if let Some(Value::Func(func)) = self.caches.class_lookup(&cls, name) {
                // (A class's own __getattribute__ must see the lookup: not here.)
                if inst.get(name).is_none() && cls.flags() & CLASS_HAS_GETATTRIBUTE == 0 {
                    let obj = f.stack[n - 1].clone();
                    if let Some(r) = self.call_from_stack(&func, &mut f.stack, argc as usize, Some(obj)) {
                        f.stack.pop();
                        return r.map(|r| match r {
                            Some(v) => Called::Value(v),
                            None => Called::Frame,
                        });
                    }
                }
            }
        }
        let args: Vec<Value> = f.stack.drain(n..).collect();
        let obj = f.stack.pop().unwrap();
        match &obj {
            Value::Inst(inst) => {
                let cls = inst.class();
                match self.caches.class_lookup(&cls, name) {
                    Some(Value::Func(func)) if inst.get(name).is_none() && cls.flags() & CLASS_HAS_GETATTRIBUTE == 0 => {
                        let mut a = Vec::with_capacity(args.len() + 1);
                        a.push(obj.clone());
                        a.extend(args);
                        self.call_function(&func, a, vec![]).map(|r| match r {
                            Some(v) => Called::Value(v),
                            None => Called::Frame,
                        })
                    }
                    _ => {
                        let m = self.getattr_name(&obj, name)?;
                        self.call_value(m, args, vec![])
                    }
                }
            }
            Value::Gen(g) if &**name == "send" || &**name == "__next__" => {
                let g = g.clone();
                let sv = args.into_iter().next();
                self.resume_gen(&g, sv, Resume::Next).map(|_| Called::Frame)
            }
            Value::Module(_) | Value::Class(_) | Value::Native(_) | Value::Wrap(_) | Value::Func(_) => {
                let m = self.getattr_name(&obj, name)?;
                self.call_value(m, args, vec![])
            }
            _ => super::builtins::call_method(self, &obj, name, args, vec![]).map(Called::Value),
        }
    }

    /// BUILD_CLASS: pops the keywords (if any), `nb` bases, the name and the body
    /// function, and pushes a frame that runs the body in a fresh namespace; when it
    /// returns, `do_return` makes the class.
    #[inline(never)]
    pub(crate) fn push_class_body(&mut self, f: &mut Frame, nb: u32, has_kw: bool) {
        let kw = if has_kw { f.stack.pop() } else { None };
        let k = f.stack.len() - nb as usize;
        let bases: Vec<Value> = f.stack.drain(k..).collect();
        let name = f.stack.pop().unwrap();
        let body = f.stack.pop().unwrap();
        let Value::Func(body) = body else { unreachable!() };
        let ns = Namespace::with_capacity(body.code.names.len());
        let cells: Vec<Arc<Cell>> = body.code.cellvars.iter().map(|_| Arc::new(Mutex::new(None))).chain(body.closure.iter().cloned()).collect();
        let mut fr = Frame::new(body.code.clone(), body.globals.clone(), vec![], cells);
        fr.names = Some(ns);
        fr.on_return = OnReturn::ClassBody { name, bases, kw };
        self.frames.push(Box::new(fr));
    }
}
