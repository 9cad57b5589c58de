//! Iteration: `iter()`, `next()`, generators resumed from Rust (send/throw/close),
//! draining an iterable into a Vec, and the order CPython iterates a set in.

use super::dict::Dict;
use super::frame::*;
use super::iter::{new_iter, next_native, IterKind};
use super::ops::*;
use super::types::*;
use super::value::*;
use std::sync::atomic::Ordering as AO;
use std::sync::Arc;
use super::interp::*;
use super::eval::Exit;

impl Vm {
    /// Push a generator's frame so that it continues.
    pub fn resume_gen(&mut self, g: &Arc<Generator>, send: Option<Value>, mode: Resume) -> PyResult<()> {
        if g.running.load(AO::Relaxed) {
            return Err(value_error("generator already executing"));
        }
        let fr = lock(&g.frame).take();
        let Some(mut fr) = fr else {
            return match mode {
                Resume::ForIter(t) => {
                    if let Some(c) = self.frames.last_mut() {
                        c.stack.pop();
                        c.ip = t as usize;
                    }
                    Ok(())
                }
                Resume::Next => Err(ExcType::StopIteration.bare()),
                Resume::Rust => {
                    self.gen_done = true;
                    Err(Value::None)
                }
            };
        };
        if self.frames.len() > self.interp.recursion_limit.load(AO::Relaxed) {
            *lock(&g.frame) = Some(fr);
            return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded"));
        }
        if fr.started {
            if fr.in_yield_from {
                fr.in_yield_from = false;
            } else {
                fr.stack.push(send.unwrap_or(Value::None));
            }
        } else if let Some(s) = send {
            if !s.is_none() {
                *lock(&g.frame) = Some(fr);
                return Err(type_error("can't send non-None value to a just-started generator"));
            }
        }
        fr.started = true;
        fr.resume = mode;
        g.running.store(true, AO::Relaxed);
        self.frames.push(fr);
        Ok(())
    }

    /// What `await x` iterates (GET_AWAITABLE): a coroutine itself, or the iterator
    /// `x.__await__()` returns. CPython's TypeErrors for anything else.
    pub fn awaitable(&mut self, x: Value) -> PyResult<Value> {
        match &x {
            Value::Gen(g) if g.coro => Ok(x),
            Value::Inst(_) => match self.call_dunder(&x, "__await__", vec![])? {
                Some(it @ Value::Gen(_)) | Some(it @ Value::Iter(_)) => Ok(it),
                Some(Value::Inst(i)) if i.class().lookup("__next__").is_some() => Ok(Value::Inst(i)),
                Some(it) => Err(type_error(format!("__await__() returned non-iterator of type '{}'", type_name(&it)))),
                None => Err(type_error(format!("object {} can't be used in 'await' expression", type_name(&x)))),
            },
            _ => Err(type_error(format!("object {} can't be used in 'await' expression", type_name(&x)))),
        }
    }

    /// `async for`'s GET_AITER: `type(x).__aiter__(x)`, which must have `__anext__`.
    pub fn get_aiter(&mut self, x: Value) -> PyResult<Value> {
        match self.call_dunder(&x, "__aiter__", vec![])? {
            Some(it) => match &it {
                Value::Inst(i) if i.class().lookup("__anext__").is_some() => Ok(it),
                _ => Err(type_error(format!("'async for' received an object from __aiter__ that does not implement __anext__: {}", type_name(&it)))),
            },
            None => Err(type_error(format!("'async for' requires an object with __aiter__ method, got {}", type_name(&x)))),
        }
    }

    /// `async for`'s GET_ANEXT: what `type(it).__anext__(it)` returns, made awaitable.
    pub fn get_anext(&mut self, it: &Value) -> PyResult<Value> {
        match self.call_dunder(it, "__anext__", vec![])? {
            Some(aw) => {
                let name = type_name(&aw).to_string();
                self.awaitable(aw).map_err(|_| type_error(format!("'async for' received an invalid object from __anext__: {name}")))
            }
            None => Err(type_error(format!("'async for' requires an iterator with __anext__ method, got {}", type_name(it)))),
        }
    }

    // ---------------- calls ----------------

    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::List(l) => new_iter(IterKind::List { list: l.clone(), i: 0 }),
            Value::Tuple(t) => new_iter(IterKind::Seq { items: t.clone(), i: 0, name: "tuple_iterator" }),
            Value::Range(r) => new_iter(IterKind::Range { cur: r.0, stop: r.1, step: r.2 }),
            Value::Str(s) => new_iter(IterKind::Str { s: s.clone(), byte: 0 }),
            Value::Dict(d) => {
                let len = lock(d).len();
                new_iter(IterKind::DictIter { d: d.clone(), pos: 0, len, kind: 0 })
            }
            Value::Set(d) => new_iter(IterKind::Seq { items: Arc::new(set_order(&lock(d))), i: 0, name: "set_iterator" }),
            Value::FrozenSet(d) => new_iter(IterKind::Seq { items: Arc::new(set_order(d)), i: 0, name: "set_iterator" }),
            Value::Bytes(b) => new_iter(IterKind::Seq { items: Arc::new(b.iter().map(|x| Value::Int(*x as i64)).collect()), i: 0, name: "bytes_iterator" }),
            Value::Gen(g) if g.coro => return Err(type_error("'coroutine' object is not iterable")),
            Value::Iter(_) | Value::Gen(_) => v.clone(),
            Value::Class(_) if super::attr::meta_method(v, "__iter__").is_some() => {
                let m = super::attr::meta_method(v, "__iter__").unwrap();
                self.call(&m, vec![])?
            }
            Value::Inst(_) => {
                match self.call_dunder(v, "__iter__", vec![])? {
                    Some(it) => {
                        // Must be an iterator.
                        if let Value::Inst(_) = &it {
                            if let Value::Inst(i) = &it {
                                if i.class().lookup("__next__").is_none() {
                                    return Err(type_error(format!("iter() returned non-iterator of type '{}'", type_name(&it))));
                                }
                            }
                        }
                        it
                    }
                    None if v.base_value().is_some() => return self.get_iter(&v.base_value().unwrap().clone()),
                    None => {
                        if let Value::Inst(i) = v {
                            if i.class().lookup("__getitem__").is_some() {
                                // Old-style sequence protocol.
                                let mut items = vec![];
                                let mut k = 0;
                                loop {
                                    match self.getitem(v, &Value::Int(k)) {
                                        Ok(x) => items.push(x),
                                        Err(e) if exc_matches(&e, ExcType::IndexError) || exc_matches(&e, ExcType::StopIteration) => break,
                                        Err(e) => return Err(e),
                                    }
                                    k += 1;
                                }
                                return Ok(new_iter(IterKind::Seq { items: Arc::new(items), i: 0, name: "iterator" }));
                            }
                        }
                        return Err(type_error(format!("'{}' object is not iterable", type_name(v))));
                    }
                }
            }
            Value::Native(n) => {
                if let Some(iter) = n.class.native.and_then(|t| t.iter) {
                    return Ok(iter(v));
                }
                match &*lock(&n.data) {
                    NativeData::View(d, k) => {
                        let len = lock(d).len();
                        new_iter(IterKind::DictIter { d: d.clone(), pos: 0, len, kind: *k })
                    }
                    _ => return Err(type_error(format!("'{}' object is not iterable", type_name(v)))),
                }
            }
            _ => return Err(type_error(format!("'{}' object is not iterable", type_name(v)))),
        })
    }

    /// Next item of an iterator; None when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Long loops inside builtins (sum(range(10**9))) must still honour a stop request.
        self.checks = self.checks.wrapping_add(1);
        if self.checks & 0xFFFF == 0 && self.interp.host.stop_requested() {
            return Err(ExcType::KeyboardInterrupt.bare());
        }
        match it {
            Value::Iter(i) => {
                if let Ok(r) = next_native(i) {
                    return Ok(r);
                }
                super::builtins::next_complex(self, i)
            }
            Value::Gen(g) => {
                let g = g.clone();
                self.gen_next_rust(&g, None)
            }
            Value::Inst(_) => match self.call_dunder(it, "__next__", vec![]) {
                Ok(Some(v)) => Ok(Some(v)),
                Ok(None) => Err(type_error(format!("'{}' object is not an iterator", type_name(it)))),
                // What `yield from` / `await` leaves: the StopIteration's value.
                Err(e) if exc_matches(&e, ExcType::StopIteration) => {
                    self.gen_return = stop_value(&e);
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            _ => Err(type_error(format!("'{}' object is not an iterator", type_name(it)))),
        }
    }

    /// Drive a generator from Rust (bounded re-entry).
    pub fn gen_next_rust(&mut self, g: &Arc<Generator>, send: Option<Value>) -> PyResult<Option<Value>> {
        let depth = self.frames.len();
        match self.resume_gen(g, send, Resume::Rust) {
            Ok(()) => {}
            Err(Value::None) => return Ok(None),
            Err(e) => return Err(e),
        }
        if super::stack::refuse_reentry(self.nested) {
            self.frames.truncate(depth);
            return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded while calling a Python object"));
        }
        self.run_gen_frame(depth)
    }

    /// Runs the generator frame just pushed above `depth` until it yields (Some) or
    /// finishes (None).
    fn run_gen_frame(&mut self, depth: usize) -> PyResult<Option<Value>> {
        self.nested += 1;
        let mut b = i64::MAX;
        let r = self.run_frames(depth, &mut b);
        self.nested -= 1;
        self.frames.truncate(depth);
        match r {
            Ok(Exit::Returned(v)) => {
                if self.gen_done {
                    self.gen_done = false;
                    self.gen_return = v;
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// generator.throw(exc): raise `exc` at the generator's paused yield.
    pub fn gen_throw(&mut self, g: &Arc<Generator>, exc: Value) -> PyResult<Option<Value>> {
        if g.running.load(AO::Relaxed) {
            return Err(value_error("generator already executing"));
        }
        let fr = lock(&g.frame).take();
        let Some(mut fr) = fr else { return Err(exc) };
        if !fr.started {
            return Err(exc);
        }
        // Paused in `yield from` / `await`: the exception goes to the innermost
        // iterator first, as in CPython (a generator's `finally` and `except` run; any
        // other object's `throw` method is called); only what it does not handle comes
        // back up here.
        let sub = match fr.stack.last() {
            Some(Value::Gen(s)) if fr.in_yield_from => Some(Ok(s.clone())),
            Some(s @ Value::Inst(_)) if fr.in_yield_from => self.getattr(s, "throw").ok().map(Err),
            _ => None,
        };
        let exc = match sub {
            Some(sub) => {
                *lock(&g.frame) = Some(fr);
                self.gen_return = Value::None;
                let r = match sub {
                    Ok(s) => self.gen_throw(&s, exc),
                    Err(throw) => match self.call(&throw, vec![exc]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if exc_matches(&e, ExcType::StopIteration) => {
                            self.gen_return = stop_value(&e);
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    },
                };
                match r {
                    Ok(Some(v)) => return Ok(Some(v)),
                    // It returned: this one goes on after its `yield from`, with the
                    // value it returned (YieldFrom's ip was kept; step past it, and mark
                    // the frame so resuming pushes no sent value over it).
                    Ok(None) => {
                        let value = std::mem::replace(&mut self.gen_return, Value::None);
                        let Some(mut f) = lock(&g.frame).take() else { return Ok(None) };
                        f.stack.pop();
                        f.stack.push(value);
                        f.ip += 1;
                        f.in_yield_from = true;
                        *lock(&g.frame) = Some(f);
                        return self.gen_next_rust(g, None);
                    }
                    Err(e) => {
                        let Some(f) = lock(&g.frame).take() else { return Err(e) };
                        fr = f;
                        e
                    }
                }
            }
            None => exc,
        };
        let depth = self.frames.len();
        fr.resume = Resume::Rust;
        fr.in_yield_from = false;
        g.running.store(true, AO::Relaxed);
        self.frames.push(fr);
        if let Err(e) = self.unwind_from(exc, true, depth) {
            g.running.store(false, AO::Relaxed);
            self.frames.truncate(depth);
            return Err(e);
        }
        self.run_gen_frame(depth)
    }

    pub fn gen_close(&mut self, g: &Arc<Generator>) -> PyResult<()> {
        let started = lock(&g.frame).as_ref().map(|f| f.started).unwrap_or(false);
        if !started {
            *lock(&g.frame) = None;
            return Ok(());
        }
        match self.gen_throw(g, ExcType::GeneratorExit.bare()) {
            Ok(Some(_)) => {
                *lock(&g.frame) = None;
                Err(ExcType::RuntimeError.msg("generator ignored GeneratorExit"))
            }
            Ok(None) => Ok(()),
            Err(e) if exc_matches(&e, ExcType::GeneratorExit) || exc_matches(&e, ExcType::StopIteration) => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub fn to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(lock(l).clone()),
            Value::Tuple(t) => Ok((**t).clone()),
            Value::Range(r) => {
                let n = range_len(r.0, r.1, r.2);
                if n as usize > MAX_SEQ {
                    return Err(memory_error());
                }
                Ok((0..n).map(|i| Value::Int(r.0 + i * r.2)).collect())
            }
            _ => {
                let it = self.get_iter(v)?;
                let mut out = vec![];
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > MAX_SEQ {
                        return Err(memory_error());
                    }
                }
                Ok(out)
            }
        }
    }

    // ---------------- str / repr / format ----------------
}

/// The value a StopIteration carries (`return v` of a generator, `StopIteration(v)`).
pub fn stop_value(e: &Value) -> Value {
    match e {
        Value::Inst(i) => i.get("value").unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// What ASYNC_GEN_WRAP pairs a value an async generator yields with: `(mark, value)`.
/// One object for the process, reachable only through `_agen.unwrap`, so no value a
/// program makes can pass for it.
pub fn async_gen_mark() -> Value {
    fn mark(_vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
        Err(type_error("the async generator mark cannot be called"))
    }
    static MARK: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    MARK.get_or_init(|| Value::Builtin(Arc::new(BuiltinFn { name: "async_generator_wrapped_value", module: "", f: mark, bound: None }))).clone()
}

/// `(True, v)` for a value an async generator yielded (wrapped by ASYNC_GEN_WRAP),
/// `(False, x)` for anything else (what its awaits pass up).
pub fn async_gen_unwrap(x: &Value) -> (bool, Value) {
    if let (Value::Tuple(t), Value::Builtin(m)) = (x, async_gen_mark()) {
        if t.len() == 2 {
            if let Value::Builtin(b) = &t[0] {
                if Arc::ptr_eq(b, &m) {
                    return (true, t[1].clone());
                }
            }
        }
    }
    (false, x.clone())
}

/// CPython's iteration order for a set: replay the insertions into a table laid out
/// like setobject.c (linear probing, perturbation, growth rules).
pub fn set_order(d: &Dict) -> Vec<Value> {
    let entries: Vec<&super::dict::Entry> = d.iter().collect();
    let n = entries.len();
    if n == 0 {
        return vec![];
    }
    let mut mask: usize = 7;
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut fill = 0usize;
    let insert = |table: &mut Vec<Option<usize>>, mask: usize, idx: usize, hash: i64| {
        let mut perturb = hash as u64;
        let mut i = (hash as u64 & mask as u64) as usize;
        loop {
            let probes = if i + 9 <= mask { 9 } else { 0 };
            if table[i].is_none() {
                table[i] = Some(idx);
                return;
            }
            for j in 1..=probes {
                if table[i + j].is_none() {
                    table[i + j] = Some(idx);
                    return;
                }
            }
            perturb >>= 5;
            i = ((i as u64).wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask as u64) as usize;
        }
    };
    for (k, e) in entries.iter().enumerate() {
        insert(&mut table, mask, k, e.hash);
        fill += 1;
        if fill * 5 >= mask * 3 {
            let used = fill;
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut newsize = 8;
            while newsize <= minused {
                newsize <<= 1;
            }
            let old: Vec<usize> = table.iter().flatten().copied().collect();
            mask = newsize - 1;
            table = vec![None; newsize];
            for idx in old {
                insert(&mut table, mask, idx, entries[idx].hash);
            }
        }
    }
    table.iter().flatten().map(|&i| entries[i].key.clone()).collect()
}
