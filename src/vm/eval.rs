//! The evaluation loop: one `match` over the opcodes, exception unwinding, and the
//! check points where a thread may be switched (function entry, backward jumps, after
//! calls, as CPython 3.11 checks its eval breaker). Stackless: a Python call pushes a
//! frame and restarts the loop; it never recurses into Rust.

use super::code::*;
use super::frame::*;
use super::iter::next_native;
use super::iterate::async_gen_mark;
use super::ops::*;
use super::types::*;
use super::value::*;
use super::host::{Decision, WaitReason};
use std::sync::atomic::Ordering as AO;
use std::sync::Arc;
use super::interp::*;
use super::attr::attr_ctx;
use super::traceback::{add_tb, exc_match, exc_message_has};


/// The eval loop's arithmetic on small ints and floats, where the answer needs no
/// error, no big int and no rounding question (the same results as `binary_native`).
/// None: take the general path.
#[inline(always)]
fn num_fast(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    #[inline(always)]
    fn float(op: BinOp, x: f64, y: f64) -> Option<Value> {
        Some(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv if y != 0.0 => x / y,
            _ => return None,
        }))
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            Some(Value::Int(match op {
                BinOp::Add => x.checked_add(y)?,
                BinOp::Sub => x.checked_sub(y)?,
                BinOp::Mul => x.checked_mul(y)?,
                // For a positive divisor, Euclid's quotient and remainder are Python's.
                BinOp::FloorDiv if y > 0 => x.div_euclid(y),
                BinOp::Mod if y > 0 => x.rem_euclid(y),
                BinOp::And => x & y,
                BinOp::Or => x | y,
                BinOp::Xor => x ^ y,
                BinOp::TrueDiv if y != 0 => return Some(Value::Float(x as f64 / y as f64)),
                _ => return None,
            }))
        }
        (Value::Float(x), Value::Float(y)) => float(op, *x, *y),
        (Value::Float(x), Value::Int(y)) => float(op, *x, *y as f64),
        (Value::Int(x), Value::Float(y)) => float(op, *x as f64, *y),
        _ => None,
    }
}

pub(crate) enum Exit {
    Returned(Value),
    Yielded,
    Blocked(WaitReason),
}

macro_rules! tryop {
    ($l:lifetime, $self:ident, $base:ident, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(exc) => {
                $self.unwind_from(exc, true, $base)?;
                continue $l;
            }
        }
    };
}

/// What every call opcode does with the callee's answer: push a value (then block if
/// the builtin asked to, or pass a check point: CPython 3.11 checks its eval breaker
/// after calls), or enter the new frame (function entry is a check point too).
macro_rules! after_call {
    ($l:lifetime, $self:ident, $base:ident, $f:ident, $budget:ident, $e:expr) => {
        after_call!($l, $self, $base, $f, $budget, $e, true)
    };
    ($l:lifetime, $self:ident, $base:ident, $f:ident, $budget:ident, $e:expr, $check:expr) => {
        match tryop!($l, $self, $base, $e) {
            Called::Value(v) => {
                $f.stack.push(v);
                let r = match $self.pending.take() {
                    Some(w) => $self.block(w),
                    None if $check => $self.check_point($budget).map(|y| y.then_some(Exit::Yielded)),
                    None => Ok(None),
                };
                match r {
                    Ok(Some(x)) => return Ok(x),
                    Ok(None) => {}
                    Err(e) => tryop!($l, $self, $base, Err(e)),
                }
            }
            Called::Frame => {
                match $self.on_frame_entry($budget) {
                    Ok(true) => return Ok(Exit::Yielded),
                    Ok(false) => {}
                    Err(e) => tryop!($l, $self, $base, Err(e)),
                }
                continue $l;
            }
        }
    };
}

impl Vm {
    /// Route an exception to the nearest handler; Err if it escapes the frame at `base`.
    pub(crate) fn unwind_from(&mut self, exc: Value, mut record: bool, base: usize) -> Result<(), Value> {
        let exc = if let Value::Inst(_) = exc { exc } else { type_error("exceptions must derive from BaseException") };
        if record {
            if let Some(ctx) = self.current_handled() {
                if !ctx.is(&exc) {
                    if let Value::Inst(i) = &exc {
                        if i.get("__context__").map(|v| v.is_none()).unwrap_or(true) {
                            // Avoid cycles.
                            let mut c = ctx.clone();
                            let mut cyc = false;
                            for _ in 0..100 {
                                if c.is(&exc) {
                                    cyc = true;
                                    break;
                                }
                                match &c {
                                    Value::Inst(ci) => match ci.get("__context__") {
                                        Some(n) if !n.is_none() => c = n,
                                        _ => break,
                                    },
                                    _ => break,
                                }
                            }
                            if !cyc {
                                i.set(intern("__context__"), ctx);
                            }
                        }
                    }
                }
            }
        }
        loop {
            let Some(f) = self.frames.last_mut() else { return Err(exc) };
            if record {
                let mut pos = f.pos();
                // A method call whose method was not found: CPython marks `obj.name`.
                if let Some(Op::CallMethod(ni, _)) = f.ip.checked_sub(1).and_then(|i| f.code.ops.get(i)) {
                    let attr = format!("attribute '{}'", f.code.names[*ni as usize]);
                    if exc_matches(&exc, ExcType::AttributeError) && pos.a > pos.start && exc_message_has(&exc, &attr) {
                        pos.end = pos.a;
                    }
                }
                add_tb(&exc, &f.code.filename, f.line(), &f.code.name, pos);
            }
            record = true;
            if let Some(b) = f.blocks.pop() {
                f.stack.truncate(b.stack as usize);
                f.handling.truncate(b.handling as usize);
                f.handling.push(exc.clone());
                f.stack.push(exc);
                f.ip = b.handler as usize;
                return Ok(());
            }
            let fr = self.frames.pop().unwrap();
            let mut exc2 = exc.clone();
            if let Some(g) = &fr.gen {
                g.running.store(false, AO::Relaxed);
                if exc_matches(&exc, ExcType::StopIteration) {
                    exc2 = ExcType::RuntimeError.msg("generator raised StopIteration");
                    if let Value::Inst(i) = &exc2 {
                        i.set(intern("__cause__"), exc.clone());
                        i.set(intern("__context__"), exc.clone());
                    }
                }
            }
            if matches!(fr.on_return, OnReturn::Stop) || fr.resume == Resume::Rust && fr.gen.is_some() || self.frames.len() <= base {
                return Err(exc2);
            }
            if !exc2.is(&exc) {
                return self.unwind_from(exc2, true, base);
            }
        }
    }

    pub(crate) fn check_point(&mut self, budget: &mut i64) -> Result<bool, Value> {
        self.checks = self.checks.wrapping_add(1);
        if self.checks % 256 == 0 && self.is_main && !self.interrupted && self.interp.host.stop_requested() {
            self.interrupted = true;
            return Err(ExcType::KeyboardInterrupt.bare());
        }
        if self.trace.is_some() {
            self.trace_line();
        }
        if super::memory::over_budget() {
            return Err(memory_error());
        }
        *budget -= 1;
        if self.nested == 0 {
            return Ok(*budget <= 0 || self.interp.scheduler.check_point() == Decision::Yield);
        }
        // Inside a builtin's callback the thread cannot return to its runner, so the
        // switch happens in place (the host thread waits for its next turn).
        let due = if self.stepping {
            self.steps_left = self.steps_left.saturating_sub(1);
            self.steps_left == 0
        } else {
            self.interp.scheduler.check_point() == Decision::Yield
        };
        if due {
            self.steps_left = self.interp.scheduler.yield_in_place(self.ident)?;
        }
        Ok(false)
    }

    /// The evaluation loop. Runs until the frame at index `base` returns.
    pub(crate) fn run_frames(&mut self, base: usize, budget: &mut i64) -> Result<Exit, Value> {
        'outer: loop {
            let fp: *mut Frame = match self.frames.last_mut() {
                Some(f) => &mut **f,
                None => return Ok(Exit::Returned(Value::None)),
            };
            // SAFETY: frames are boxed, so the pointer stays valid while the box is on the
            // stack; every operation that pushes or pops frames restarts 'outer.
            let f = unsafe { &mut *fp };
            let code = f.code.clone();
            let ops = &code.ops[..];
            loop {
                // One flag test per instruction; the slow path only when stepping or
                // tracing.
                if self.slow_path && self.slow_step(&code, f.ip) {
                    return Ok(Exit::Yielded);
                }
                let op = ops[f.ip];
                f.ip += 1;
                match op {
                    Op::Nop => {}
                    Op::LoadConst(i) => f.stack.push(code.consts[i as usize].clone()),
                    Op::LoadFast(i) => match &f.locals[i as usize] {
                        Some(v) => f.stack.push(v.clone()),
                        None => {
                            let n = &code.varnames[i as usize];
                            tryop!('outer, self, base, Err(ExcType::UnboundLocalError.msg(format!("cannot access local variable '{n}' where it is not associated with a value"))))
                        }
                    },
                    Op::StoreFast(i) => f.locals[i as usize] = f.stack.pop(),
                    Op::DeleteFast(i) => {
                        if f.locals[i as usize].take().is_none() {
                            let n = &code.varnames[i as usize];
                            tryop!('outer, self, base, Err(ExcType::UnboundLocalError.msg(format!("cannot access local variable '{n}' where it is not associated with a value"))))
                        }
                    }
                    Op::LoadDeref(i) => {
                        let v = lock(&f.cells[i as usize]).clone();
                        match v {
                            Some(v) => f.stack.push(v),
                            None => {
                                let n = self.cell_name(&code, i);
                                tryop!('outer, self, base, Err(ExcType::NameError.msg(format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"))))
                            }
                        }
                    }
                    Op::StoreDeref(i) => {
                        let v = f.stack.pop();
                        *lock(&f.cells[i as usize]) = v;
                    }
                    Op::DeleteDeref(i) => {
                        *lock(&f.cells[i as usize]) = None;
                    }
                    Op::LoadClosure(i) => f.stack.push(Value::Cell(f.cells[i as usize].clone())),
                    Op::LoadGlobal(i) => {
                        let n = &code.names[i as usize];
                        let v = self.caches.global(&f.globals, &self.interp.builtins, n);
                        match v {
                            Some(v) => f.stack.push(v),
                            None => tryop!('outer, self, base, Err(super::exc::name_not_defined(n))),
                        }
                    }
                    Op::StoreGlobal(i) => {
                        let v = f.stack.pop().unwrap();
                        f.globals.set(code.names[i as usize].clone(), v);
                    }
                    Op::DeleteGlobal(i) => {
                        let n = &code.names[i as usize];
                        if f.globals.remove(n).is_none() {
                            tryop!('outer, self, base, Err(super::exc::name_not_defined(n)))
                        }
                    }
                    Op::LoadName(i) => {
                        let n = &code.names[i as usize];
                        let v = f.names.as_ref().and_then(|ns| ns.get(n)).or_else(|| f.globals.get(n)).or_else(|| self.interp.builtins.get(n));
                        match v {
                            Some(v) => f.stack.push(v),
                            None => tryop!('outer, self, base, Err(super::exc::name_not_defined(n))),
                        }
                    }
                    Op::StoreName(i) => {
                        let v = f.stack.pop().unwrap();
                        let ns = f.names.clone().unwrap_or_else(|| f.globals.clone());
                        ns.set(code.names[i as usize].clone(), v);
                    }
                    Op::DeleteName(i) => {
                        let n = &code.names[i as usize];
                        let ns = f.names.clone().unwrap_or_else(|| f.globals.clone());
                        if ns.remove(n).is_none() {
                            tryop!('outer, self, base, Err(super::exc::name_not_defined(n)))
                        }
                    }
                    Op::LoadAttr(i) => {
                        let o = f.stack.pop().unwrap();
                        let v = tryop!('outer, self, base, self.getattr_name(&o, &code.names[i as usize]));
                        f.stack.push(v);
                    }
                    Op::StoreAttr(i) => {
                        let o = f.stack.pop().unwrap();
                        let v = f.stack.pop().unwrap();
                        tryop!('outer, self, base, self.setattr(&o, &code.names[i as usize], v));
                    }
                    Op::DeleteAttr(i) => {
                        let o = f.stack.pop().unwrap();
                        tryop!('outer, self, base, self.delattr(&o, &code.names[i as usize]));
                    }
                    Op::Subscr => {
                        let k = f.stack.pop().unwrap();
                        let o = f.stack.pop().unwrap();
                        // Fast path: list[int]
                        if let (Value::List(l), Value::Int(i)) = (&o, &k) {
                            let g = lock(l);
                            if let Some(ix) = norm_index(*i, g.len()) {
                                let v = g[ix].clone();
                                drop(g);
                                f.stack.push(v);
                                continue;
                            }
                        }
                        let v = tryop!('outer, self, base, self.getitem(&o, &k));
                        f.stack.push(v);
                    }
                    Op::StoreSubscr => {
                        let k = f.stack.pop().unwrap();
                        let o = f.stack.pop().unwrap();
                        let v = f.stack.pop().unwrap();
                        tryop!('outer, self, base, self.setitem(&o, k, v));
                    }
                    Op::DeleteSubscr => {
                        let k = f.stack.pop().unwrap();
                        let o = f.stack.pop().unwrap();
                        tryop!('outer, self, base, self.delitem(&o, &k));
                    }
                    Op::Binary(bop) | Op::Inplace(bop) => {
                        let b = f.stack.pop().unwrap();
                        let a = f.stack.pop().unwrap();
                        if let Some(r) = num_fast(bop, &a, &b) {
                            f.stack.push(r);
                            continue;
                        }
                        let inplace = matches!(op, Op::Inplace(_));
                        let v = tryop!('outer, self, base, self.binary(bop, &a, &b, inplace));
                        f.stack.push(v);
                    }
                    Op::Unary(u) => {
                        let a = f.stack.pop().unwrap();
                        let v = tryop!('outer, self, base, self.unary(u, &a));
                        f.stack.push(v);
                    }
                    Op::Compare(c) => {
                        let b = f.stack.pop().unwrap();
                        let a = f.stack.pop().unwrap();
                        if let (Value::Float(x), Value::Float(y)) = (&a, &b) {
                            let r = match c {
                                CmpOp::Lt => Some(x < y),
                                CmpOp::Le => Some(x <= y),
                                CmpOp::Gt => Some(x > y),
                                CmpOp::Ge => Some(x >= y),
                                CmpOp::Eq => Some(x == y),
                                CmpOp::Ne => Some(x != y),
                                _ => None,
                            };
                            if let Some(r) = r {
                                f.stack.push(Value::Bool(r));
                                continue;
                            }
                        }
                        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                            let r = match c {
                                CmpOp::Lt => Some(x < y),
                                CmpOp::Le => Some(x <= y),
                                CmpOp::Gt => Some(x > y),
                                CmpOp::Ge => Some(x >= y),
                                CmpOp::Eq => Some(x == y),
                                CmpOp::Ne => Some(x != y),
                                _ => None,
                            };
                            if let Some(r) = r {
                                f.stack.push(Value::Bool(r));
                                continue;
                            }
                        }
                        let v = tryop!('outer, self, base, self.compare(c, &a, &b));
                        f.stack.push(v);
                    }
                    Op::Pop => {
                        f.stack.pop();
                    }
                    Op::Dup => {
                        let v = f.stack.last().unwrap().clone();
                        f.stack.push(v);
                    }
                    Op::Dup2 => {
                        let n = f.stack.len();
                        let a = f.stack[n - 2].clone();
                        let b = f.stack[n - 1].clone();
                        f.stack.push(a);
                        f.stack.push(b);
                    }
                    Op::Rot2 => {
                        let n = f.stack.len();
                        f.stack.swap(n - 1, n - 2);
                    }
                    Op::Rot3 => {
                        let v = f.stack.pop().unwrap();
                        let n = f.stack.len();
                        f.stack.insert(n - 2, v);
                    }
                    Op::Rot4 => {
                        let v = f.stack.pop().unwrap();
                        let n = f.stack.len();
                        f.stack.insert(n - 3, v);
                    }
                    Op::Rotate(k) => {
                        let v = f.stack.pop().unwrap();
                        let n = f.stack.len();
                        f.stack.insert(n + 1 - k as usize, v);
                    }
                    Op::GetLen => {
                        let v = f.stack.last().unwrap().clone();
                        let n = tryop!('outer, self, base, crate::vm::builtins::len_of(self, &v));
                        f.stack.push(Value::Int(n as i64));
                    }
                    Op::MatchSequence => {
                        let b = super::matching::is_sequence(f.stack.last().unwrap());
                        f.stack.push(Value::Bool(b));
                    }
                    Op::MatchMapping => {
                        let b = super::matching::is_mapping(f.stack.last().unwrap());
                        f.stack.push(Value::Bool(b));
                    }
                    Op::MatchKeys => tryop!('outer, self, base, self.match_keys(f)),
                    Op::CopyDictWithoutKeys => tryop!('outer, self, base, self.copy_dict_without_keys(f)),
                    Op::MatchClass(k) => tryop!('outer, self, base, self.match_class(f, k)),
                    Op::Jump(t) => f.ip = t as usize,
                    Op::JumpBack(t) => {
                        f.ip = t as usize;
                        match self.check_point(budget) {
                            Ok(true) => return Ok(Exit::Yielded),
                            Ok(false) => {}
                            Err(e) => tryop!('outer, self, base, Err(e)),
                        }
                    }
                    Op::PopJumpIfFalse(t) => {
                        let v = f.stack.pop().unwrap();
                        let b = match v {
                            Value::Bool(b) => b,
                            v => tryop!('outer, self, base, self.truthy(&v)),
                        };
                        if !b {
                            f.ip = t as usize;
                        }
                    }
                    Op::PopJumpIfTrue(t) => {
                        let v = f.stack.pop().unwrap();
                        let b = match v {
                            Value::Bool(b) => b,
                            v => tryop!('outer, self, base, self.truthy(&v)),
                        };
                        if b {
                            f.ip = t as usize;
                        }
                    }
                    Op::JumpIfFalseOrPop(t) => {
                        let v = f.stack.last().unwrap().clone();
                        if !tryop!('outer, self, base, self.truthy(&v)) {
                            f.ip = t as usize;
                        } else {
                            f.stack.pop();
                        }
                    }
                    Op::JumpIfTrueOrPop(t) => {
                        let v = f.stack.last().unwrap().clone();
                        if tryop!('outer, self, base, self.truthy(&v)) {
                            f.ip = t as usize;
                        } else {
                            f.stack.pop();
                        }
                    }
                    Op::GetIter => {
                        let v = f.stack.pop().unwrap();
                        let it = tryop!('outer, self, base, self.get_iter(&v));
                        f.stack.push(it);
                    }
                    Op::ForIter(t) => {
                        // Builtin iterators advance in place (no clone of the iterator).
                        if let Some(Value::Iter(i)) = f.stack.last() {
                            match next_native(i) {
                                Ok(Some(v)) => {
                                    f.stack.push(v);
                                    continue;
                                }
                                Ok(None) => {
                                    f.stack.pop();
                                    f.ip = t as usize;
                                    continue;
                                }
                                Err(()) => {}
                            }
                        }
                        let it = f.stack.last().unwrap().clone();
                        match &it {
                            Value::Gen(g) => {
                                let g = g.clone();
                                tryop!('outer, self, base, self.resume_gen(&g, None, Resume::ForIter(t)));
                                continue 'outer;
                            }
                            _ => {}
                        }
                        match tryop!('outer, self, base, self.next(&it)) {
                            Some(v) => f.stack.push(v),
                            None => {
                                f.stack.pop();
                                f.ip = t as usize;
                            }
                        }
                    }
                    Op::Call(argc) => {
                        let n = f.stack.len() - argc as usize;
                        if let Value::Func(func) = &f.stack[n - 1] {
                            let func = func.clone();
                            if let Some(r) = self.call_from_stack(&func, &mut f.stack, argc as usize, None) {
                                f.stack.pop();
                                let r = r.map(|r| match r {
                                    Some(v) => Called::Value(v),
                                    None => Called::Frame,
                                });
                                after_call!('outer, self, base, f, budget, r);
                                continue;
                            }
                        }
                        let args: Vec<Value> = f.stack.drain(n..).collect();
                        let func = f.stack.pop().unwrap();
                        after_call!('outer, self, base, f, budget, self.call_value(func, args, vec![]));
                    }
                    Op::CallKw(argc, names) => {
                        let r = self.call_kw_op(f, argc, names);
                        after_call!('outer, self, base, f, budget, r);
                    }
                    Op::CallEx(has_kw) => {
                        let r = self.call_ex_op(f, has_kw);
                        after_call!('outer, self, base, f, budget, r);
                    }
                    Op::CallMethod(ni, argc) => {
                        let r = self.call_method_op(f, ni, argc);
                        after_call!('outer, self, base, f, budget, r);
                    }
                    Op::Return => {
                        let v = f.stack.pop().unwrap_or(Value::None);
                        match self.do_return(v, base) {
                            Ok(Some(x)) => return Ok(x),
                            Ok(None) => continue 'outer,
                            Err(e) => {
                                self.unwind_from(e, true, base)?;
                                continue 'outer;
                            }
                        }
                    }
                    Op::Yield => {
                        let v = f.stack.pop().unwrap();
                        if let Some(x) = self.do_yield(v, base) {
                            return Ok(x);
                        }
                        continue 'outer;
                    }
                    Op::GetAwaitable => {
                        let x = f.stack.pop().unwrap();
                        let it = tryop!('outer, self, base, self.awaitable(x));
                        f.stack.push(it);
                    }
                    Op::YieldFrom => {
                        let it = f.stack.last().unwrap().clone();
                        self.gen_return = Value::None;
                        match tryop!('outer, self, base, self.next(&it)) {
                            Some(v) => {
                                f.ip -= 1;
                                f.in_yield_from = true;
                                if let Some(x) = self.do_yield(v, base) {
                                    return Ok(x);
                                }
                                continue 'outer;
                            }
                            None => {
                                f.stack.pop();
                                f.stack.push(std::mem::replace(&mut self.gen_return, Value::None));
                            }
                        }
                    }
                    Op::BuildTuple(n) => {
                        let k = f.stack.len() - n as usize;
                        let v: Vec<Value> = f.stack.drain(k..).collect();
                        f.stack.push(Value::tuple(v));
                    }
                    Op::BuildList(n) => {
                        let k = f.stack.len() - n as usize;
                        let v: Vec<Value> = f.stack.drain(k..).collect();
                        f.stack.push(Value::list(v));
                    }
                    Op::BuildSet(n) => tryop!('outer, self, base, self.build_set(f, n)),
                    Op::BuildMap(n) => tryop!('outer, self, base, self.build_map(f, n)),
                    Op::BuildSlice(n) => {
                        let step = if n == 3 { f.stack.pop().unwrap() } else { Value::None };
                        let stop = f.stack.pop().unwrap();
                        let start = f.stack.pop().unwrap();
                        f.stack.push(Value::Slice(Arc::new((start, stop, step))));
                    }
                    Op::BuildString(n) => tryop!('outer, self, base, self.build_string(f, n)),
                    Op::ListAppend(d) => {
                        let v = f.stack.pop().unwrap();
                        let n = f.stack.len();
                        if let Value::List(l) = &f.stack[n - d as usize] {
                            lock(l).push(v);
                        }
                    }
                    Op::SetAdd(d) => tryop!('outer, self, base, self.set_add(f, d)),
                    Op::MapAdd(d) => tryop!('outer, self, base, self.map_add(f, d)),
                    Op::ListExtend => tryop!('outer, self, base, self.list_extend(f)),
                    Op::SetUpdate => tryop!('outer, self, base, self.set_update(f)),
                    Op::DictUpdate => tryop!('outer, self, base, self.dict_update(f)),
                    Op::ListToTuple => {
                        let l = f.stack.pop().unwrap();
                        if let Value::List(l) = l {
                            let v = lock(&l).clone();
                            f.stack.push(Value::tuple(v));
                        }
                    }
                    Op::FormatValue(conv, has_spec) => tryop!('outer, self, base, self.format_value(f, conv, has_spec)),
                    Op::UnpackSeq(n) => tryop!('outer, self, base, self.unpack_seq(f, n)),
                    Op::UnpackEx(before, after) => tryop!('outer, self, base, self.unpack_ex(f, before, after)),
                    Op::SetupExcept(h) | Op::SetupFinally(h) => {
                        f.blocks.push(Block { handler: h, stack: f.stack.len() as u32, handling: f.handling.len() as u32 });
                    }
                    Op::PopBlock => {
                        f.blocks.pop();
                    }
                    Op::PopExcept => {
                        f.handling.pop();
                    }
                    Op::Reraise => {
                        let e = f.stack.pop().unwrap();
                        f.handling.pop();
                        self.unwind_from(e, false, base)?;
                        continue 'outer;
                    }
                    Op::Raise(n) => {
                        let (e, record) = self.raise_op(f, n).unwrap_or_else(|e| (e, true));
                        self.unwind_from(e, record, base)?;
                        continue 'outer;
                    }
                    Op::ExcMatch => {
                        let t = f.stack.pop().unwrap();
                        let e = f.stack.pop().unwrap();
                        let m = tryop!('outer, self, base, exc_match(&e, &t));
                        f.stack.push(Value::Bool(m));
                    }
                    Op::BeforeWith => {
                        let ctx = f.stack.pop().unwrap();
                        let exit = tryop!('outer, self, base, self.getattr(&ctx, "__exit__").map_err(|_| attr_ctx(&ctx, "__exit__")));
                        let enter = tryop!('outer, self, base, self.getattr(&ctx, "__enter__").map_err(|_| attr_ctx(&ctx, "__enter__")));
                        f.stack.push(exit);
                        // Not a nested call: `with lock:` may block, and blocking needs
                        // the thread to be suspendable here.
                        // CPython 3.11's BEFORE_WITH does not check the eval breaker, so a
                        // thread never switches right after taking a lock in `with`.
                        after_call!('outer, self, base, f, budget, self.call_value(enter, vec![], vec![]), false);
                    }
                    Op::GetAIter => {
                        let x = f.stack.pop().unwrap();
                        let it = tryop!('outer, self, base, self.get_aiter(x));
                        f.stack.push(it);
                    }
                    Op::GetANext => {
                        let it = f.stack.last().unwrap().clone();
                        let aw = tryop!('outer, self, base, self.get_anext(&it));
                        f.stack.push(aw);
                    }
                    Op::EndAsyncFor => {
                        let e = f.stack.pop().unwrap();
                        f.handling.pop();
                        if !exc_matches(&e, ExcType::StopAsyncIteration) {
                            self.unwind_from(e, false, base)?;
                            continue 'outer;
                        }
                        f.stack.pop();
                    }
                    Op::AsyncGenWrap => {
                        let v = f.stack.pop().unwrap();
                        f.stack.push(Value::tuple(vec![async_gen_mark(), v]));
                    }
                    Op::BeforeAsyncWith => {
                        let ctx = f.stack.pop().unwrap();
                        let no = |_| type_error(format!("'{}' object does not support the asynchronous context manager protocol", type_name(&ctx)));
                        let exit = tryop!('outer, self, base, self.getattr(&ctx, "__aexit__").map_err(no));
                        let enter = tryop!('outer, self, base, self.getattr(&ctx, "__aenter__").map_err(no));
                        f.stack.push(exit);
                        after_call!('outer, self, base, f, budget, self.call_value(enter, vec![], vec![]), false);
                    }
                    // __exit__ runs as an ordinary call (it may block: Condition's lock);
                    // its result is left on the stack (popped, or tested for truth).
                    Op::WithExit => {
                        let exit = f.stack.pop().unwrap();
                        after_call!('outer, self, base, f, budget, self.call_value(exit, vec![Value::None, Value::None, Value::None], vec![]));
                    }
                    Op::WithExcept => {
                        let n = f.stack.len();
                        let exc = f.stack[n - 1].clone();
                        let exit = f.stack[n - 2].clone();
                        let t = Value::Class(type_of(&exc));
                        after_call!('outer, self, base, f, budget, self.call_value(exit, vec![t, exc, Value::None], vec![]));
                    }
                    Op::MakeFunction(ci, flags) => tryop!('outer, self, base, self.make_function(f, ci, flags)),
                    Op::BuildClass(nb, has_kw) => {
                        self.push_class_body(f, nb, has_kw);
                        continue 'outer;
                    }
                    Op::ImportName(i) => {
                        let n = code.names[i as usize].clone();
                        let m = tryop!('outer, self, base, self.import(&n));
                        f.stack.push(m);
                    }
                    Op::ImportFrom(i) => tryop!('outer, self, base, self.import_from(f, i)),
                    Op::ImportStar => tryop!('outer, self, base, self.import_star(f)),
                    Op::RaiseAssert(n) => {
                        let e = if n == 1 {
                            let m = f.stack.pop().unwrap();
                            ExcType::AssertionError.with(vec![m])
                        } else {
                            ExcType::AssertionError.bare()
                        };
                        self.unwind_from(e, true, base)?;
                        continue 'outer;
                    }
                }
            }
        }
    }

    /// A builtin asked to block. At the top level the thread returns `Blocked` to its
    /// runner; inside a builtin's callback (nested) the scheduler waits in place.
    pub(crate) fn block(&mut self, w: WaitReason) -> Result<Option<Exit>, Value> {
        if self.nested > 0 {
            if let Some(v) = self.interp.scheduler.wait_in_place(self.ident, &w, &*self.interp.host)? {
                self.finish_wait(v);
            }
            Ok(None)
        } else {
            self.interp.scheduler.would_block(&w);
            Ok(Some(Exit::Blocked(w)))
        }
    }

    /// Records the current line when it changed (timeline, editor highlight).
    /// Lines inside the library's own Python modules (`<frozen threading>`) are
    /// skipped: the learner's program is what the timeline and editor show.
    /// The per-instruction work of stepped mode and tracing, out of the hot loop.
    /// True: the step budget is spent, yield before this instruction.
    #[cold]
    #[inline(never)]
    pub(crate) fn slow_step(&mut self, code: &Code, ip: usize) -> bool {
        if self.stepping && self.nested == 0 {
            if self.steps_left == 0 {
                return true;
            }
            self.steps_left -= 1;
        }
        if let Some(t) = &self.trace {
            let line = code.lines.get(ip).copied().unwrap_or(0);
            if line != self.last_line && !code.filename.starts_with("<frozen") {
                self.last_line = line;
                t.line(self.interp.host.now() * 1000.0, line);
            }
        }
        false
    }

    /// The wait that made `run_thread` return `Blocked` is over: `v` is the blocking
    /// call's result (e.g. `lock.acquire()`'s True/False).
    pub fn finish_wait(&mut self, v: Value) {
        if let Some(top) = self.frames.last_mut().and_then(|f| f.stack.last_mut()) {
            *top = v;
        }
    }

    /// The wait was interrupted (Stop): raise `e` from the blocking call.
    pub fn fail_wait(&mut self, e: Value) -> Result<(), Value> {
        if let Some(f) = self.frames.last_mut() {
            f.stack.pop();
        }
        let r = self.unwind_from(e, true, 0);
        if r.is_err() {
            self.frames.clear();
        }
        r
    }

    pub(crate) fn on_frame_entry(&mut self, budget: &mut i64) -> Result<bool, Value> {
        let limit = self.interp.recursion_limit.load(AO::Relaxed);
        if self.frames.len() > limit {
            // Pop the frame we just pushed; the error belongs to the caller.
            self.frames.pop();
            return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded"));
        }
        self.check_point(budget)
    }

    /// A frame finished with value v. Returns Some(exit) if the run must stop.
    pub(crate) fn do_return(&mut self, v: Value, base: usize) -> Result<Option<Exit>, Value> {
        let mut fr = self.frames.pop().unwrap();
        match std::mem::replace(&mut fr.on_return, OnReturn::Push) {
            OnReturn::Push => {
                self.recycle_frame(fr);
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(v);
                }
            }
            OnReturn::Init(inst) => {
                if !v.is_none() {
                    return Err(type_error(format!("__init__() should return None, not '{}'", type_name(&v))));
                }
                self.recycle_frame(fr);
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(inst);
                }
            }
            OnReturn::Stop => {
                self.recycle_frame(fr);
                return Ok(Some(Exit::Returned(v)));
            }
            OnReturn::ClassBody { name, bases, kw } => {
                let cls = self.make_class(&name, &bases, kw, fr.names.clone().unwrap(), &fr.code.names)?;
                // Fill the __class__ cell.
                if let Some(ix) = fr.code.cellvars.iter().position(|c| &**c == "__class__") {
                    *lock(&fr.cells[ix]) = Some(cls.clone());
                }
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(cls);
                }
            }
            OnReturn::Gen => {
                let g = fr.gen.clone().unwrap();
                g.running.store(false, AO::Relaxed);
                match fr.resume {
                    Resume::ForIter(t) => {
                        if let Some(c) = self.frames.last_mut() {
                            c.stack.pop();
                            c.ip = t as usize;
                        }
                    }
                    Resume::Next => {
                        let e = ExcType::StopIteration.with(if v.is_none() { vec![] } else { vec![v] });
                        return Err(e);
                    }
                    Resume::Rust => {
                        self.gen_done = true;
                        return Ok(Some(Exit::Returned(v)));
                    }
                }
            }
        }
        if self.frames.len() <= base {
            return Ok(Some(Exit::Returned(Value::None)));
        }
        Ok(None)
    }

    pub(crate) fn do_yield(&mut self, v: Value, _base: usize) -> Option<Exit> {
        let fr = self.frames.pop().unwrap();
        let g = fr.gen.clone().unwrap();
        let resume = fr.resume;
        g.running.store(false, AO::Relaxed);
        *lock(&g.frame) = Some(fr);
        match resume {
            Resume::ForIter(_) | Resume::Next => {
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(v);
                }
                None
            }
            Resume::Rust => {
                self.gen_done = false;
                Some(Exit::Returned(v))
            }
        }
    }
}
