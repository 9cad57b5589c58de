//! The end of a program: break the reference cycles its objects form, so their memory
//! comes back.
//!
//! Values are reference counted (`Arc`) and there is no cycle collector, and almost
//! every program makes cycles: a module's functions point at the module's globals,
//! which hold the functions; a class's MRO starts with the class itself; a generator's
//! frame points back at its generator. Without this pass every run left its whole
//! module graph behind (the page runs thousands of programs in one wasm memory).
//!
//! Like CPython's interpreter shutdown, [`Interpreter::finalize`] empties every mutable
//! container reachable from the program's modules and builtins: namespaces, class
//! dicts and MROs, instance attributes, lists, dicts, sets, cells, function attributes,
//! suspended generator frames, live iterators, and native objects' own values (a
//! deque's items, through `NativeType::take_values`). What was inside is visited in turn, so
//! the whole graph comes apart and the last `Arc`s drop normally. It must run only once
//! no thread of the program can run Python code again.
//!
//! Classes shared by every program (the builtin types, made once in `types()`, and the
//! stdlib's native classes, which have a `native` hook) are left alone: the next
//! program uses them.

use std::sync::Arc;

use super::interp::Interpreter;
use super::iter::IterKind;
use super::value::*;

impl Interpreter {
    /// Empties every container reachable from this program's modules and builtins.
    pub fn finalize(&self) {
        let mut work: Vec<Value> = Vec::new();
        work.extend(std::mem::take(&mut *lock(&self.modules)).into_values());
        work.extend(std::mem::take(&mut *lock(&self.builtins.map)).into_values());
        lock(&self.sources).clear();
        let mut seen = FxSet::default();
        while let Some(v) = work.pop() {
            take_children(v, &mut work, &mut seen);
        }
    }
}

type FxSet = std::collections::HashSet<usize, std::hash::BuildHasherDefault<crate::python::names::Fx>>;

/// Whether a class belongs to every program rather than this one.
fn shared_class(c: &Class) -> bool {
    c.native.is_some() || &*c.module == "builtins"
}

fn namespace(ns: &Namespace, work: &mut Vec<Value>) {
    work.extend(std::mem::take(&mut *lock(&ns.map)).into_values());
}

fn frame(f: super::frame::Frame, work: &mut Vec<Value>) {
    work.extend(f.stack);
    work.extend(f.locals.into_iter().flatten());
    work.extend(f.handling);
    for c in f.cells {
        work.extend(lock(&c).take());
    }
    namespace(&f.globals, work);
    if let Some(ns) = f.names {
        namespace(&ns, work);
    }
    if let Some(g) = f.gen {
        work.push(Value::Gen(g));
    }
}

/// Moves what `v` holds into `work`, emptying `v` where it can be emptied. `seen` keeps
/// immutable containers (tuples, functions) from being walked twice.
fn take_children(v: Value, work: &mut Vec<Value>, seen: &mut FxSet) {
    macro_rules! once {
        ($arc:expr) => {
            if !seen.insert(Arc::as_ptr($arc) as *const u8 as usize) {
                return;
            }
        };
    }
    match v {
        Value::List(l) => work.extend(std::mem::take(&mut *lock(&l))),
        Value::Dict(d) | Value::Set(d) => {
            for e in std::mem::take(&mut *lock(&d)).entries.into_iter().flatten() {
                work.push(e.key);
                work.push(e.value);
            }
        }
        Value::Tuple(t) => {
            once!(&t);
            work.extend(t.iter().cloned());
        }
        Value::FrozenSet(d) => {
            once!(&d);
            for e in d.entries.iter().flatten() {
                work.push(e.key.clone());
                work.push(e.value.clone());
            }
        }
        Value::Slice(s) => {
            once!(&s);
            work.extend([s.0.clone(), s.1.clone(), s.2.clone()]);
        }
        Value::Func(f) => {
            once!(&f);
            namespace(&f.globals, work);
            work.extend(f.defaults.iter().cloned());
            work.extend(f.kwdefaults.iter().map(|(_, v)| v.clone()));
            for c in &f.closure {
                work.extend(lock(c).take());
            }
            work.extend(std::mem::take(&mut *lock(&f.dict)).into_iter().map(|(_, v)| v));
        }
        Value::Class(c) => {
            if shared_class(&c) {
                return;
            }
            work.extend(std::mem::take(&mut *lock(&c.dict)).into_values());
            work.extend(std::mem::take(&mut *lock(&c.mro)).into_iter().map(Value::Class));
            work.extend(c.bases.iter().cloned().map(Value::Class));
        }
        Value::Inst(i) => {
            work.extend(std::mem::take(&mut *lock(&i.dict)).into_iter().map(|(_, v)| v));
            // A builtin subclass's list/dict (emptied when it is walked).
            work.extend(i.base.clone());
            work.push(Value::Class(i.class()));
        }
        Value::Builtin(b) => {
            once!(&b);
            work.extend(b.bound.clone());
        }
        Value::Method(m) => {
            once!(&m);
            work.extend([m.0.clone(), m.1.clone()]);
        }
        Value::BMethod(m) => {
            once!(&m);
            work.push(m.0.clone());
        }
        Value::Module(m) => {
            once!(&m);
            namespace(&m.ns, work);
        }
        Value::Gen(g) => {
            if let Some(f) = lock(&g.frame).take() {
                frame(*f, work);
            }
        }
        Value::Iter(it) => match std::mem::replace(&mut *lock(&it), IterKind::Done) {
            IterKind::Seq { items, .. } => work.push(Value::Tuple(items)),
            IterKind::List { list, .. } => work.push(Value::List(list)),
            IterKind::Enumerate { inner, n } => work.extend([inner, n]),
            IterKind::Zip { inners, .. } | IterKind::Chain { iters: inners, .. } => work.extend(inners),
            IterKind::Map { f, inners } => {
                work.push(f);
                work.extend(inners);
            }
            IterKind::Filter { f, inner } | IterKind::TakeWhile { f, inner, .. } | IterKind::DropWhile { f, inner, .. } => {
                work.extend([f, inner])
            }
            IterKind::Reversed { items } => work.extend(items),
            IterKind::Count { cur, step } => work.extend([cur, step]),
            IterKind::Repeat { v, .. } => work.push(v),
            IterKind::Cycle { saved, inner, .. } => {
                work.extend(saved);
                work.extend(inner);
            }
            IterKind::Islice { inner, .. } => work.push(inner),
            IterKind::CallIter { f, sentinel } => work.extend([f, sentinel]),
            IterKind::DictIter { d, .. } => work.push(Value::Dict(d)),
            IterKind::Range { .. } | IterKind::Str { .. } | IterKind::Done => {}
        },
        Value::Wrap(w) => {
            once!(&w);
            match &*w {
                Wrapper::Property { fget, fset, fdel, doc } => work.extend([fget.clone(), fset.clone(), fdel.clone(), doc.clone()]),
                Wrapper::Static(v) | Wrapper::ClassMethod(v) => work.push(v.clone()),
                Wrapper::Super(c, v) => work.extend([Value::Class(c.clone()), v.clone()]),
            }
        }
        Value::Cell(c) => work.extend(lock(&c).take()),
        Value::Native(n) => {
            // Views hold their dict; other native state (a deque's items) is the
            // stdlib module's own, emptied through its class's `take_values` hook.
            once!(&n);
            let mut data = lock(&n.data);
            if let NativeData::View(d, _) = &*data {
                work.push(Value::Dict(d.clone()));
            }
            if let Some(take) = n.class.native.and_then(|t| t.take_values) {
                work.extend(take(&mut data));
            }
        }
        Value::None
        | Value::Bool(_)
        | Value::Int(_)
        | Value::Float(_)
        | Value::Big(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::Range(_)
        | Value::Ellipsis
        | Value::NotImplemented => {}
    }
}
