//! The interpreter: the stackless evaluation loop and the object protocol.

use super::code::*;
use super::dict::Dict;
use super::frame::*;
use super::iter::{new_iter, next_native, IterKind};
use super::ops::*;
use super::types::*;
use super::value::*;
use crate::runtime::host::{Decision, Host, Scheduler, WaitReason};
use std::sync::atomic::{AtomicUsize, Ordering as AO};
use std::sync::{Arc, Mutex};

/// One program: shared by all its threads.
pub struct Interpreter {
    pub host: Arc<dyn Host>,
    pub scheduler: Arc<dyn Scheduler>,
    pub builtins: Arc<Namespace>,
    pub modules: Mutex<FxMap<Name, Value>>,
    pub sources: Mutex<FxMap<Name, Arc<str>>>,
    pub argv: Mutex<Vec<String>>,
    pub recursion_limit: AtomicUsize,
    pub switch_interval: Mutex<f64>,
}

/// The result of running a thread for a while.
#[derive(Debug)]
pub enum RunOutcome {
    /// The budget was used up or the scheduler asked for a switch; call again.
    Yielded,
    /// An operation would block; call again once the reason is over.
    Blocked(WaitReason),
    /// The thread's code finished: its return value or the uncaught exception.
    Finished(Result<Value, Value>),
}

enum Exit {
    Returned(Value),
    Yielded,
    Blocked(WaitReason),
}

/// Per-thread state: the frame stack.
pub struct Vm {
    pub interp: Arc<Interpreter>,
    pub frames: Vec<Box<Frame>>,
    /// Depth of Rust-level re-entries (builtins calling Python code).
    pub nested: usize,
    pub pending: Option<WaitReason>,
    gen_done: bool,
    checks: u32,
    repr_guard: Vec<usize>,
    /// The runtime's number for this thread (1 = the main thread).
    pub ident: u64,
    /// Only the main thread gets KeyboardInterrupt when the learner presses Stop.
    pub is_main: bool,
    interrupted: bool,
    /// Where this thread records the lines it reaches (only when someone traces);
    /// set with `set_trace`.
    trace: Option<Arc<crate::runtime::trace::ThreadTrace>>,
    last_line: u32,
    /// Stepped mode: yield after `steps_left` more instructions (set with
    /// `set_stepping`).
    stepping: bool,
    pub steps_left: u32,
    /// `stepping || trace.is_some()`: the eval loop's per-instruction work.
    slow_path: bool,
}

pub enum Called {
    Value(Value),
    Frame,
}

fn name_error(n: &str) -> Value {
    ExcType::NameError.msg(format!("name '{n}' is not defined"))
}

impl Interpreter {
    pub fn new(host: Arc<dyn Host>, scheduler: Arc<dyn Scheduler>, argv: Vec<String>) -> Arc<Interpreter> {
        let builtins = Namespace::new();
        super::builtins::install(&builtins);
        Arc::new(Interpreter {
            host,
            scheduler,
            builtins,
            modules: Mutex::new(FxMap::default()),
            sources: Mutex::new(FxMap::default()),
            argv: Mutex::new(argv),
            recursion_limit: AtomicUsize::new(1000),
            switch_interval: Mutex::new(0.005),
        })
    }

    /// Compile source to a module code object (SyntaxError as a formatted exception).
    pub fn compile(&self, src: &str, filename: &str) -> Result<Arc<Code>, crate::python::SyntaxErr> {
        lock(&self.sources).insert(intern(filename), Arc::from(src));
        crate::python::compile(src, filename)
    }

    /// A new thread that will run `code` as the module `name` (usually "__main__").
    pub fn main_thread(self: &Arc<Self>, code: Arc<Code>, name: &str) -> Vm {
        let ns = Namespace::new();
        ns.set(intern("__name__"), Value::str(name));
        ns.set(intern("__file__"), Value::str(&code.filename));
        ns.set(intern("__builtins__"), Value::Module(Arc::new(Module { name: intern("builtins"), ns: self.builtins.clone() })));
        let m = Value::Module(Arc::new(Module { name: intern(name), ns: ns.clone() }));
        lock(&self.modules).insert(intern(name), m);
        let mut vm = Vm::new(self.clone());
        vm.is_main = true;
        let mut f = Frame::new(code, ns, vec![], vec![]);
        f.on_return = OnReturn::Stop;
        vm.frames.push(Box::new(f));
        vm
    }

    /// A new thread that will call `func(*args)` (issue 4: threading.Thread.run).
    pub fn call_thread(self: &Arc<Self>, func: Value, args: Vec<Value>) -> Result<Vm, Value> {
        self.call_thread_kw(func, args, vec![])
    }

    pub fn call_thread_kw(self: &Arc<Self>, func: Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> Result<Vm, Value> {
        let mut vm = Vm::new(self.clone());
        match vm.call_value(func, args, kwargs)? {
            Called::Value(_) => {}
            Called::Frame => {
                if let Some(f) = vm.frames.last_mut() {
                    f.on_return = OnReturn::Stop;
                }
            }
        }
        Ok(vm)
    }
}

/// Run a thread for up to `budget` check points.
pub fn run_thread(vm: &mut Vm, budget: u64) -> RunOutcome {
    if vm.frames.is_empty() {
        return RunOutcome::Finished(Ok(Value::None));
    }
    let mut b = budget as i64;
    match vm.run_frames(0, &mut b) {
        Ok(Exit::Returned(v)) => RunOutcome::Finished(Ok(v)),
        Ok(Exit::Yielded) => RunOutcome::Yielded,
        Ok(Exit::Blocked(w)) => RunOutcome::Blocked(w),
        Err(e) => {
            vm.frames.clear();
            RunOutcome::Finished(Err(e))
        }
    }
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
    pub fn new(interp: Arc<Interpreter>) -> Vm {
        Vm {
            interp,
            frames: vec![],
            nested: 0,
            pending: None,
            gen_done: false,
            checks: 0,
            repr_guard: vec![],
            ident: 1,
            is_main: false,
            interrupted: false,
            trace: None,
            last_line: 0,
            stepping: false,
            steps_left: 0,
            slow_path: false,
        }
    }
    pub fn host(&self) -> &dyn Host {
        &*self.interp.host
    }

    pub fn current_handled(&self) -> Option<Value> {
        for f in self.frames.iter().rev() {
            if let Some(e) = f.handling.last() {
                return Some(e.clone());
            }
        }
        None
    }

    /// Route an exception to the nearest handler; Err if it escapes the frame at `base`.
    fn unwind_from(&mut self, exc: Value, mut record: bool, base: usize) -> Result<(), Value> {
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

    fn check_point(&mut self, budget: &mut i64) -> Result<bool, Value> {
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
    fn run_frames(&mut self, base: usize, budget: &mut i64) -> Result<Exit, Value> {
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
                        let v = f.globals.get(n).or_else(|| self.interp.builtins.get(n));
                        match v {
                            Some(v) => f.stack.push(v),
                            None => tryop!('outer, self, base, Err(name_error(n))),
                        }
                    }
                    Op::StoreGlobal(i) => {
                        let v = f.stack.pop().unwrap();
                        f.globals.set(code.names[i as usize].clone(), v);
                    }
                    Op::DeleteGlobal(i) => {
                        let n = &code.names[i as usize];
                        if lock(&f.globals.map).remove(n).is_none() {
                            tryop!('outer, self, base, Err(name_error(n)))
                        }
                    }
                    Op::LoadName(i) => {
                        let n = &code.names[i as usize];
                        let v = f.names.as_ref().and_then(|ns| ns.get(n)).or_else(|| f.globals.get(n)).or_else(|| self.interp.builtins.get(n));
                        match v {
                            Some(v) => f.stack.push(v),
                            None => tryop!('outer, self, base, Err(name_error(n))),
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
                        if lock(&ns.map).remove(n).is_none() {
                            tryop!('outer, self, base, Err(name_error(n)))
                        }
                    }
                    Op::LoadBuiltin(i) => {
                        let v = self.interp.builtins.get(&code.names[i as usize]).unwrap_or(Value::None);
                        f.stack.push(v);
                    }
                    Op::LoadAttr(i) => {
                        let o = f.stack.pop().unwrap();
                        let v = tryop!('outer, self, base, self.getattr(&o, &code.names[i as usize]));
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
                        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                            let r = match bop {
                                BinOp::Add => x.checked_add(*y),
                                BinOp::Sub => x.checked_sub(*y),
                                BinOp::Mul => x.checked_mul(*y),
                                _ => None,
                            };
                            if let Some(r) = r {
                                f.stack.push(Value::Int(r));
                                continue;
                            }
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
                        let it = f.stack.last().unwrap().clone();
                        match &it {
                            Value::Iter(i) => match next_native(i) {
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
                            },
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
                        let args: Vec<Value> = f.stack.drain(n..).collect();
                        let func = f.stack.pop().unwrap();
                        after_call!('outer, self, base, f, budget, self.call_value(func, args, vec![]));
                    }
                    Op::CallKw(argc, names) => {
                        let Value::Tuple(names) = &code.consts[names as usize] else { unreachable!() };
                        let n = f.stack.len() - argc as usize;
                        let mut args: Vec<Value> = f.stack.drain(n..).collect();
                        let func = f.stack.pop().unwrap();
                        let kwv = args.split_off(args.len() - names.len());
                        let kwargs: Vec<(Name, Value)> = names.iter().zip(kwv).map(|(k, v)| (intern(k.as_str().unwrap_or("")), v)).collect();
                        after_call!('outer, self, base, f, budget, self.call_value(func, args, kwargs));
                    }
                    Op::CallEx(has_kw) => {
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
                                    None => tryop!('outer, self, base, Err(type_error("keywords must be strings"))),
                                }
                            }
                        }
                        after_call!('outer, self, base, f, budget, self.call_value(func, args, kwargs));
                    }
                    Op::CallMethod(ni, argc) => {
                        let name = &code.names[ni as usize];
                        let n = f.stack.len() - argc as usize;
                        let args: Vec<Value> = f.stack.drain(n..).collect();
                        let obj = f.stack.pop().unwrap();
                        let r = match &obj {
                            Value::Inst(inst) => {
                                let cls = inst.class();
                                match cls.lookup(name) {
                                    Some(Value::Func(func)) if inst.get(name).is_none() => {
                                        let mut a = Vec::with_capacity(args.len() + 1);
                                        a.push(obj.clone());
                                        a.extend(args);
                                        self.call_function(&func, a, vec![]).map(|r| match r { Some(v) => Called::Value(v), None => Called::Frame })
                                    }
                                    _ => match self.getattr(&obj, name) {
                                        Ok(m) => self.call_value(m, args, vec![]),
                                        Err(e) => Err(e),
                                    },
                                }
                            }
                            Value::Gen(g) if &**name == "send" || &**name == "__next__" => {
                                let g = g.clone();
                                let sv = args.into_iter().next();
                                self.resume_gen(&g, sv, Resume::Next).map(|_| Called::Frame)
                            }
                            Value::Module(_) | Value::Class(_) | Value::Native(_) | Value::Wrap(_) | Value::Func(_) => match self.getattr(&obj, name) {
                                Ok(m) => self.call_value(m, args, vec![]),
                                Err(e) => Err(e),
                            },
                            _ => super::builtins::call_method(self, &obj, name, args, vec![]).map(Called::Value),
                        };
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
                    Op::YieldFrom => {
                        let it = f.stack.last().unwrap().clone();
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
                                f.stack.push(Value::None);
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
                    Op::BuildSet(n) => {
                        let k = f.stack.len() - n as usize;
                        let v: Vec<Value> = f.stack.drain(k..).collect();
                        let d = Arc::new(Mutex::new(Dict::new()));
                        for x in v {
                            let h = tryop!('outer, self, base, self.hash(&x));
                            let x = tryop!('outer, self, base, self.canon_key(&d, h, x));
                            lock(&d).insert(h, x, Value::None);
                        }
                        f.stack.push(Value::Set(d));
                    }
                    Op::BuildMap(n) => {
                        let k = f.stack.len() - 2 * n as usize;
                        let v: Vec<Value> = f.stack.drain(k..).collect();
                        let d = Arc::new(Mutex::new(Dict::new()));
                        for pair in v.chunks(2) {
                            let h = tryop!('outer, self, base, self.hash(&pair[0]));
                            let k = tryop!('outer, self, base, self.canon_key(&d, h, pair[0].clone()));
                            lock(&d).insert(h, k, pair[1].clone());
                        }
                        f.stack.push(Value::Dict(d));
                    }
                    Op::BuildSlice(n) => {
                        let step = if n == 3 { f.stack.pop().unwrap() } else { Value::None };
                        let stop = f.stack.pop().unwrap();
                        let start = f.stack.pop().unwrap();
                        f.stack.push(Value::Slice(Arc::new((start, stop, step))));
                    }
                    Op::BuildString(n) => {
                        let k = f.stack.len() - n as usize;
                        let mut s = String::new();
                        for v in f.stack.drain(k..) {
                            if let Value::Str(x) = v {
                                s.push_str(&x.s);
                            }
                        }
                        f.stack.push(Value::string(s));
                    }
                    Op::ListAppend(d) => {
                        let v = f.stack.pop().unwrap();
                        let n = f.stack.len();
                        if let Value::List(l) = &f.stack[n - d as usize] {
                            lock(l).push(v);
                        }
                    }
                    Op::SetAdd(d) => {
                        let v = f.stack.pop().unwrap();
                        let h = tryop!('outer, self, base, self.hash(&v));
                        let n = f.stack.len();
                        if let Value::Set(s) = f.stack[n - d as usize].clone() {
                            let v = tryop!('outer, self, base, self.canon_key(&s, h, v));
                            lock(&s).insert(h, v, Value::None);
                        }
                    }
                    Op::MapAdd(d) => {
                        let v = f.stack.pop().unwrap();
                        let k = f.stack.pop().unwrap();
                        let h = tryop!('outer, self, base, self.hash(&k));
                        let n = f.stack.len();
                        if let Value::Dict(m) = f.stack[n - d as usize].clone() {
                            let k = tryop!('outer, self, base, self.canon_key(&m, h, k));
                            lock(&m).insert(h, k, v);
                        }
                    }
                    Op::ListExtend => {
                        let it = f.stack.pop().unwrap();
                        let items = tryop!('outer, self, base, self.to_vec(&it));
                        if let Some(Value::List(l)) = f.stack.last() {
                            lock(l).extend(items);
                        }
                    }
                    Op::SetUpdate => {
                        let it = f.stack.pop().unwrap();
                        let items = tryop!('outer, self, base, self.to_vec(&it));
                        let mut hs = vec![];
                        for x in &items {
                            hs.push(tryop!('outer, self, base, self.hash(x)));
                        }
                        if let Some(Value::Set(s)) = f.stack.last() {
                            let mut g = lock(s);
                            for (x, h) in items.into_iter().zip(hs) {
                                g.insert(h, x, Value::None);
                            }
                        }
                    }
                    Op::DictUpdate => {
                        let other = f.stack.pop().unwrap();
                        let items = match &other {
                            Value::Dict(d) => lock(d).items(),
                            o => {
                                let tn = type_name(o);
                                tryop!('outer, self, base, Err(type_error(format!("'{tn}' object is not a mapping"))))
                            }
                        };
                        if let Some(Value::Dict(d)) = f.stack.last() {
                            let mut g = lock(d);
                            for (k, v) in items {
                                let h = hash_native(&k).ok().flatten().unwrap_or(k.id());
                                g.insert(h, k, v);
                            }
                        }
                    }
                    Op::ListToTuple => {
                        let l = f.stack.pop().unwrap();
                        if let Value::List(l) = l {
                            let v = lock(&l).clone();
                            f.stack.push(Value::tuple(v));
                        }
                    }
                    Op::FormatValue(conv, has_spec) => {
                        let spec = if has_spec { f.stack.pop() } else { None };
                        let v = f.stack.pop().unwrap();
                        let v = match conv {
                            1 => Value::string(tryop!('outer, self, base, self.str(&v))),
                            2 => Value::string(tryop!('outer, self, base, self.repr(&v))),
                            3 => Value::string(ascii_of(&tryop!('outer, self, base, self.repr(&v)))),
                            _ => v,
                        };
                        let spec_s = spec.as_ref().and_then(|s| s.as_str().map(|x| x.to_string())).unwrap_or_default();
                        let s = tryop!('outer, self, base, self.format(&v, &spec_s));
                        f.stack.push(Value::string(s));
                    }
                    Op::UnpackSeq(n) => {
                        let v = f.stack.pop().unwrap();
                        let items = match &v {
                            Value::Tuple(t) => (**t).clone(),
                            Value::List(l) => lock(l).clone(),
                            _ => tryop!('outer, self, base, self.to_vec(&v)),
                        };
                        if items.len() != n as usize {
                            if items.len() > n as usize {
                                tryop!('outer, self, base, Err(value_error(format!("too many values to unpack (expected {n})"))))
                            } else {
                                tryop!('outer, self, base, Err(value_error(format!("not enough values to unpack (expected {n}, got {})", items.len()))))
                            }
                        }
                        f.stack.extend(items.into_iter().rev());
                    }
                    Op::UnpackEx(before, after) => {
                        let v = f.stack.pop().unwrap();
                        let mut items = tryop!('outer, self, base, self.to_vec(&v));
                        if items.len() < (before + after) as usize {
                            tryop!('outer, self, base, Err(value_error(format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len()))))
                        }
                        let tail = items.split_off(items.len() - after as usize);
                        let mid = items.split_off(before as usize);
                        for x in tail.into_iter().rev() {
                            f.stack.push(x);
                        }
                        f.stack.push(Value::list(mid));
                        for x in items.into_iter().rev() {
                            f.stack.push(x);
                        }
                    }
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
                        let e = match n {
                            0 => match self.current_handled() {
                                Some(e) => {
                                    self.unwind_from(e, false, base)?;
                                    continue 'outer;
                                }
                                None => ExcType::RuntimeError.msg("No active exception to reraise"),
                            },
                            1 => {
                                let e = f.stack.pop().unwrap();
                                tryop!('outer, self, base, self.make_exc(e))
                            }
                            _ => {
                                let c = f.stack.pop().unwrap();
                                let e = f.stack.pop().unwrap();
                                let e = tryop!('outer, self, base, self.make_exc(e));
                                let c = if c.is_none() { c } else { tryop!('outer, self, base, self.make_exc(c)) };
                                if let Value::Inst(i) = &e {
                                    i.set(intern("__cause__"), c);
                                    i.set(intern("__suppress_context__"), Value::Bool(true));
                                }
                                e
                            }
                        };
                        self.unwind_from(e, true, base)?;
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
                    Op::MakeFunction(ci, flags) => {
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
                    }
                    Op::BuildClass(nb, has_kw) => {
                        let kw = if has_kw { f.stack.pop() } else { None };
                        let k = f.stack.len() - nb as usize;
                        let bases: Vec<Value> = f.stack.drain(k..).collect();
                        let name = f.stack.pop().unwrap();
                        let body = f.stack.pop().unwrap();
                        let Value::Func(body) = body else { unreachable!() };
                        let ns = Namespace::new();
                        let cells: Vec<Arc<Cell>> = body.code.cellvars.iter().map(|_| Arc::new(Mutex::new(None))).chain(body.closure.iter().cloned()).collect();
                        let mut fr = Frame::new(body.code.clone(), body.globals.clone(), vec![], cells);
                        fr.names = Some(ns);
                        fr.on_return = OnReturn::ClassBody { name, bases, kw };
                        self.frames.push(Box::new(fr));
                        continue 'outer;
                    }
                    Op::ImportName(i) => {
                        let n = code.names[i as usize].clone();
                        let m = tryop!('outer, self, base, self.import(&n));
                        f.stack.push(m);
                    }
                    Op::ImportFrom(i) => {
                        let m = f.stack.last().unwrap().clone();
                        let n = &code.names[i as usize];
                        let v = match self.getattr(&m, n) {
                            Ok(v) => v,
                            Err(_) if matches!(&m, Value::Module(mm) if crate::stdlib::find(&format!("{}.{n}", mm.name)).is_some()) => {
                                let Value::Module(mm) = &m else { unreachable!() };
                                let full = format!("{}.{n}", mm.name);
                                tryop!('outer, self, base, self.import(&full))
                            }
                            Err(_) => {
                                let mn = if let Value::Module(m) = &m { m.name.to_string() } else { "?".into() };
                                tryop!('outer, self, base, Err(ExcType::ImportError.msg(format!("cannot import name '{n}' from '{mn}' (unknown location)"))))
                            }
                        };
                        f.stack.push(v);
                    }
                    Op::ImportStar => {
                        let m = f.stack.pop().unwrap();
                        if let Value::Module(m) = m {
                            let items: Vec<(Name, Value)> = lock(&m.ns.map).iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect();
                            let ns = f.names.clone().unwrap_or_else(|| f.globals.clone());
                            for (k, v) in items {
                                ns.set(k, v);
                            }
                        }
                    }
                    Op::SetupAnnotations => {}
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
    fn block(&mut self, w: WaitReason) -> Result<Option<Exit>, Value> {
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
    fn slow_step(&mut self, code: &Code, ip: usize) -> bool {
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
                t.push(self.interp.host.now() * 1000.0, crate::runtime::trace::What::Line(line));
            }
        }
        false
    }

    /// Turns stepping on or off (stepped mode runs bursts of instructions).
    pub fn set_stepping(&mut self, on: bool) {
        self.stepping = on;
        self.slow_path = self.stepping || self.trace.is_some();
    }

    /// The trace buffer this thread records into, if any.
    pub fn trace(&self) -> Option<&Arc<crate::runtime::trace::ThreadTrace>> {
        self.trace.as_ref()
    }

    /// Attaches the trace buffer this thread records into.
    pub fn set_trace(&mut self, t: Option<Arc<crate::runtime::trace::ThreadTrace>>) {
        self.trace = t;
        self.slow_path = self.stepping || self.trace.is_some();
    }

    pub fn trace_line(&mut self) {
        let Some(f) = self.frames.iter().rev().find(|f| !f.code.filename.starts_with("<frozen")) else { return };
        let line = f.line();
        if line != self.last_line {
            self.last_line = line;
            if let Some(t) = &self.trace {
                t.push(self.interp.host.now() * 1000.0, crate::runtime::trace::What::Line(line));
            }
        }
    }

    /// The thread's current line in the main program (for traces and deadlock reports):
    /// the innermost frame whose file is `filename`, with the function it is in.
    pub fn user_line(&self, filename: &str) -> Option<(u32, Name)> {
        self.frames.iter().rev().find(|f| &*f.code.filename == filename).map(|f| (f.line(), f.code.name.clone()))
    }

    /// Qualified names of the frames on this thread's stack, innermost first.
    pub fn stack_names(&self) -> Vec<Name> {
        self.frames.iter().rev().map(|f| f.code.qualname.clone()).collect()
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

    fn on_frame_entry(&mut self, budget: &mut i64) -> Result<bool, Value> {
        let limit = self.interp.recursion_limit.load(AO::Relaxed);
        if self.frames.len() > limit {
            // Pop the frame we just pushed; the error belongs to the caller.
            self.frames.pop();
            return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded"));
        }
        self.check_point(budget)
    }

    fn cell_name(&self, code: &Code, i: u32) -> Name {
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars.get(i - code.cellvars.len()).cloned().unwrap_or_else(|| intern("?"))
        }
    }

    /// A frame finished with value v. Returns Some(exit) if the run must stop.
    fn do_return(&mut self, v: Value, base: usize) -> Result<Option<Exit>, Value> {
        let fr = self.frames.pop().unwrap();
        let fr = *fr;
        match fr.on_return {
            OnReturn::Push => {
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(v);
                }
            }
            OnReturn::Init(inst) => {
                if !v.is_none() {
                    return Err(type_error(format!("__init__() should return None, not '{}'", type_name(&v))));
                }
                if let Some(c) = self.frames.last_mut() {
                    c.stack.push(inst);
                }
            }
            OnReturn::Stop => return Ok(Some(Exit::Returned(v))),
            OnReturn::ClassBody { name, bases, kw } => {
                let cls = self.make_class(&name, &bases, kw, fr.names.clone().unwrap())?;
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

    fn do_yield(&mut self, v: Value, _base: usize) -> Option<Exit> {
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

    // ---------------- calls ----------------

    /// Bind arguments and push a frame for a Python function.
    pub fn call_function(&mut self, func: &Arc<Function>, mut args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Option<Value>> {
        let code = &func.code;
        let nlocals = code.varnames.len();
        let mut locals: Vec<Option<Value>> = Vec::with_capacity(nlocals);
        let argcount = code.argcount as usize;
        if kwargs.is_empty() && !code.varargs && !code.varkw && code.kwonly == 0 && args.len() == argcount {
            locals.extend(args.into_iter().map(Some));
        } else {
            self.bind_slow(func, &mut args, kwargs, &mut locals)?;
        }
        locals.resize(nlocals, None);
        let mut cells: Vec<Arc<Cell>> = Vec::with_capacity(code.cellvars.len() + func.closure.len());
        for _ in 0..code.cellvars.len() {
            cells.push(Arc::new(Mutex::new(None)));
        }
        for (ci, li) in &code.cell_params {
            *lock(&cells[*ci as usize]) = locals[*li as usize].clone();
        }
        cells.extend(func.closure.iter().cloned());
        let mut fr = Frame::new(code.clone(), func.globals.clone(), locals, cells);
        if code.is_gen {
            let g = Arc::new(Generator { frame: Mutex::new(None), name: code.name.clone(), qualname: func.qualname.clone(), running: Default::default() });
            fr.gen = Some(g.clone());
            fr.on_return = OnReturn::Gen;
            *lock(&g.frame) = Some(Box::new(fr));
            return Ok(Some(Value::Gen(g)));
        }
        self.frames.push(Box::new(fr));
        Ok(None)
    }

    fn bind_slow(&mut self, func: &Arc<Function>, args: &mut Vec<Value>, kwargs: Vec<(Name, Value)>, locals: &mut Vec<Option<Value>>) -> PyResult<()> {
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
        match self.call_value(func.clone(), args, kwargs)? {
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
                if super::stack::too_deep() {
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

    fn instantiate(&mut self, c: &Arc<Class>, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Called> {
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
        } else {
            let i = Instance { class: Mutex::new(c.clone()), dict: Mutex::new(vec![]) };
            if c.kind == Kind::Exception {
                i.set(intern("args"), Value::tuple(args.clone()));
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
                if c.kind != Kind::Exception && (!args.is_empty() || !kwargs.is_empty()) && c.lookup("__new__").is_none() {
                    return Err(type_error(format!("{}() takes no arguments", c.name)));
                }
                Ok(Called::Value(inst))
            }
        }
    }

    fn make_class(&mut self, name: &Value, bases: &[Value], _kw: Option<Value>, ns: Arc<Namespace>) -> PyResult<Value> {
        let name = name.as_str().unwrap_or("?").to_string();
        let mut bcls = vec![];
        for b in bases {
            match b {
                Value::Class(c) => bcls.push(c.clone()),
                _ => return Err(type_error("bases must be types")),
            }
        }
        if bcls.is_empty() {
            bcls.push(types().object.clone());
        }
        let kind = if bcls.iter().any(|b| b.kind == Kind::Exception) { Kind::Exception } else { Kind::User };
        for b in &bcls {
            if !matches!(b.kind, Kind::User | Kind::Exception | Kind::Object) {
                return Err(type_error(format!("subclassing the builtin type '{}' is not supported", b.name)));
            }
        }
        let dict: FxMap<Name, Value> = lock(&ns.map).clone();
        let module = dict.get("__module__").and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| "__main__".into());
        let qualname = dict.get("__qualname__").and_then(|v| v.as_str().map(|s| s.to_string())).unwrap_or_else(|| name.clone());
        let cls = Arc::new(Class {
            name: intern(&name),
            qualname: intern(&qualname),
            module: intern(&module),
            bases: bcls.clone(),
            mro: Mutex::new(vec![]),
            dict: Mutex::new(dict),
            kind,
            id: 0,
            native: None,
            flags: Default::default(),
        });
        let mro = compute_mro(&cls, &bcls).map_err(type_error)?;
        *lock(&cls.mro) = mro;
        cls.compute_flags();
        Ok(Value::Class(cls))
    }

    fn make_exc(&mut self, e: Value) -> PyResult<Value> {
        match &e {
            Value::Class(c) if c.is_subclass(&types().exc[ExcType::BaseException as usize]) => self.call(&e, vec![]),
            Value::Inst(i) if i.class().is_subclass(&types().exc[ExcType::BaseException as usize]) => Ok(e),
            _ => Err(type_error("exceptions must derive from BaseException")),
        }
    }

    // ---------------- attributes ----------------

    pub fn getattr(&mut self, o: &Value, name: &str) -> PyResult<Value> {
        match o {
            Value::Inst(inst) => {
                let cls = inst.class();
                if cls.flags() & CLASS_HAS_PROPERTY == 0 {
                    if let Some(v) = inst.get(name) {
                        return Ok(v);
                    }
                }
                let cattr = cls.lookup(name);
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
                if let Some(ga) = cls.lookup("__getattr__") {
                    let f = bind(ga, o, &cls);
                    return self.call(&f, vec![Value::str(name)]);
                }
                Err(ExcType::AttributeError.msg(format!("'{}' object has no attribute '{}'", cls.name, name)))
            }
            Value::Class(c) => {
                if let Some(v) = c.lookup(name) {
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
                    "__class__" => Ok(Value::Class(types().type_.clone())),
                    "__dict__" => {
                        let mut d = Dict::new();
                        for (k, v) in lock(&c.dict).iter() {
                            let kv = Value::str(k);
                            d.insert(hash_native(&kv).ok().flatten().unwrap_or(0), kv, v.clone());
                        }
                        Ok(Value::dict(d))
                    }
                    _ => {
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
                    Err(ExcType::AttributeError.msg(format!("module '{}' has no attribute '{}'", m.name, name)))
                }
            },
            Value::Wrap(w) => {
                if let Wrapper::Super(start, obj) = &**w {
                    let cls = match obj {
                        Value::Class(c) => c.clone(),
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
                            if matches!(obj, Value::Class(_)) {
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
                        if c.kind == Kind::Object || c.kind == Kind::Exception {
                            if name == "__init__" || name == "__setattr__" || name == "__str__" || name == "__repr__" || name == "__eq__" || name == "__hash__" || name == "__getattribute__" || name == "__delattr__" || name == "__new__" {
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
                "__qualname__" => Ok(Value::str(&f.qualname)),
                "__module__" => Ok(f.globals.get("__name__").unwrap_or(Value::None)),
                "__doc__" => Ok(f.code.consts.first().filter(|v| matches!(v, Value::Str(_))).cloned().unwrap_or(Value::None)),
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
                    Ok(())
                } else {
                    Err(ExcType::AttributeError.msg(format!("type object '{}' has no attribute '{}'", c.name, name)))
                }
            }
            Value::Module(m) => {
                lock(&m.ns.map).remove(name);
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

    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
        if inplace {
            if let (Value::List(l), BinOp::Add) = (a, op) {
                let items = self.to_vec(b)?;
                let mut g = lock(l);
                if g.len() + items.len() > MAX_SEQ {
                    return Err(memory_error());
                }
                g.extend(items);
                return Ok(a.clone());
            }
            if let Value::Inst(_) = a {
                let (_, _, iname) = binop_dunder(op);
                if let Some(r) = self.call_dunder(a, iname, vec![b.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            if let (Value::Set(s), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) = (a, op) {
                if matches!(b, Value::Set(_) | Value::FrozenSet(_)) {
                    let r = binary_native(op, a, b).unwrap()?;
                    *lock(s) = set_dict(&r);
                    return Ok(a.clone());
                }
            }
            if let (Value::Dict(d), BinOp::Or, Value::Dict(o)) = (a, op, b) {
                let items = lock(o).clone();
                let mut g = lock(d);
                for e in items.iter() {
                    g.insert(e.hash, e.key.clone(), e.value.clone());
                }
                return Ok(a.clone());
            }
        }
        if let (Value::Str(s), BinOp::Mod) = (a, op) {
            let s = s.clone();
            return super::format::percent_format(&s.s, b, &mut |v, r| if r { self.repr(v) } else { self.str(v) });
        }
        if let Some(r) = binary_native(op, a, b) {
            return r;
        }
        let (name, rname, _) = binop_dunder(op);
        if let Value::Inst(_) = a {
            if let Some(r) = self.call_dunder(a, name, vec![b.clone()])? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Value::Inst(_) = b {
            if let Some(r) = self.call_dunder(b, rname, vec![a.clone()])? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let (Value::Str(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b))));
        }
        if let (Value::List(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate list (not \"{}\") to list", type_name(b))));
        }
        if let (Value::Tuple(_), BinOp::Add) = (a, op) {
            return Err(type_error(format!("can only concatenate tuple (not \"{}\") to tuple", type_name(b))));
        }
        if matches!(op, BinOp::Mul) && (matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) || matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_))) {
            let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) { b } else { a };
            return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(other))));
        }
        let sym = binop_symbol(op);
        let sym = if inplace && op != BinOp::Pow { format!("{sym}=") } else { sym.to_string() };
        Err(type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", sym, type_name(a), type_name(b))))
    }

    pub fn unary(&mut self, op: UnOp, a: &Value) -> PyResult<Value> {
        match (op, a) {
            (UnOp::Not, v) => Ok(Value::Bool(!self.truthy(v)?)),
            (UnOp::Neg, Value::Int(i)) => Ok(i.checked_neg().map(Value::Int).unwrap_or_else(|| Value::big(-num_bigint::BigInt::from(*i)))),
            (UnOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnOp::Neg, Value::Big(b)) => Ok(Value::big(-(**b).clone())),
            (UnOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnOp::Pos, Value::Int(_) | Value::Big(_) | Value::Float(_)) => Ok(a.clone()),
            (UnOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (UnOp::Invert, Value::Big(b)) => Ok(Value::big(-(**b).clone() - 1)),
            (_, Value::Inst(_)) => {
                let n = match op {
                    UnOp::Neg => "__neg__",
                    UnOp::Pos => "__pos__",
                    UnOp::Invert => "__invert__",
                    UnOp::Not => unreachable!(),
                };
                match self.call_dunder(a, n, vec![])? {
                    Some(v) => Ok(v),
                    None => Err(type_error(format!("bad operand type for unary {}: '{}'", unary_sym(op), type_name(a)))),
                }
            }
            _ => Err(type_error(format!("bad operand type for unary {}: '{}'", unary_sym(op), type_name(a)))),
        }
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = truthy_native(v) {
            return Ok(b);
        }
        if let Some(r) = self.call_dunder(v, "__bool__", vec![])? {
            return match r {
                Value::Bool(b) => Ok(b),
                _ => Err(type_error(format!("__bool__ should return bool, returned {}", type_name(&r)))),
            };
        }
        if let Some(r) = self.call_dunder(v, "__len__", vec![])? {
            return Ok(truthy_native(&r).unwrap_or(true));
        }
        Ok(true)
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Inst(_), _) | (_, Value::Inst(_)) => {
                let r = self.compare(CmpOp::Eq, a, b)?;
                self.truthy(&r)
            }
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (lock(x).clone(), lock(y).clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !p.is(q) && !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !p.is(q) && !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(eq_native(a, b)),
        }
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        let (name, rname) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
            CmpOp::Eq => ("__eq__", "__eq__"),
            CmpOp::Ne => ("__ne__", "__ne__"),
            _ => unreachable!(),
        };
        if matches!(a, Value::Inst(_)) || matches!(b, Value::Inst(_)) {
            if let Value::Inst(_) = a {
                if let Some(r) = self.call_dunder(a, name, vec![b.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            if let Value::Inst(_) = b {
                if let Some(r) = self.call_dunder(b, rname, vec![a.clone()])? {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            if op == CmpOp::Ne {
                if let Value::Inst(_) = a {
                    if let Some(r) = self.call_dunder(a, "__eq__", vec![b.clone()])? {
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(Value::Bool(!self.truthy(&r)?));
                        }
                    }
                }
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(a.is(b))),
                CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
                _ => Err(type_error(format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), type_name(a), type_name(b)))),
            };
        }
        match op {
            CmpOp::Eq => return Ok(Value::Bool(self.eq(a, b)?)),
            CmpOp::Ne => return Ok(Value::Bool(!self.eq(a, b)?)),
            _ => {}
        }
        let ord = match (a, b) {
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x = self.to_vec(a)?;
                let y = self.to_vec(b)?;
                let mut res = None;
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        let lt = self.compare(CmpOp::Lt, p, q)?;
                        res = Some(if self.truthy(&lt)? { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater });
                        if matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge) {
                            // Compare the differing elements with the operator itself.
                            let r = self.compare(op, p, q)?;
                            return Ok(r);
                        }
                        break;
                    }
                }
                Ok(res.unwrap_or_else(|| x.len().cmp(&y.len())))
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (set_dict(a), set_dict(b));
                let sub = x.iter().all(|e| y.contains(e.hash, &e.key));
                let sup = y.iter().all(|e| x.contains(e.hash, &e.key));
                let r = match op {
                    CmpOp::Le => sub,
                    CmpOp::Lt => sub && x.len() < y.len(),
                    CmpOp::Ge => sup,
                    CmpOp::Gt => sup && x.len() > y.len(),
                    _ => false,
                };
                return Ok(Value::Bool(r));
            }
            _ => cmp_native(a, b),
        };
        match ord {
            Ok(o) => Ok(Value::Bool(match op {
                CmpOp::Lt => o.is_lt(),
                CmpOp::Le => o.is_le(),
                CmpOp::Gt => o.is_gt(),
                CmpOp::Ge => o.is_ge(),
                _ => false,
            })),
            Err(()) => {
                if let (Value::Float(_), _) | (_, Value::Float(_)) = (a, b) {
                    if to_f64(a).is_some() && to_f64(b).is_some() {
                        return Ok(Value::Bool(false)); // NaN
                    }
                }
                Err(type_error(format!("'{}' not supported between instances of '{}' and '{}'", cmp_symbol(op), type_name(a), type_name(b))))
            }
        }
    }

    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Ok(o) = cmp_native(a, b) {
            return Ok(o.is_lt());
        }
        let r = self.compare(CmpOp::Lt, a, b)?;
        self.truthy(&r)
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(i) => Ok(s.s.contains(&*i.s)),
                _ => Err(type_error(format!("'in <string>' requires string as left operand, not {}", type_name(item)))),
            },
            Value::Bytes(b) => match item {
                Value::Bytes(i) => Ok(i.is_empty() || b.windows(i.len()).any(|w| w == &i[..])),
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                _ => Err(type_error("a bytes-like object is required")),
            },
            Value::Dict(d) | Value::Set(d) => {
                let h = self.hash(item)?;
                let item = self.canon_key(d, h, item.clone())?;
                Ok(lock(d).contains(h, &item))
            }
            Value::FrozenSet(d) => {
                let h = self.hash(item)?;
                Ok(d.contains(h, item))
            }
            Value::Range(r) => match item {
                Value::Int(i) => {
                    let (start, stop, step) = **r;
                    let inr = if step > 0 { *i >= start && *i < stop } else { *i <= start && *i > stop };
                    Ok(inr && (i - start) % step == 0)
                }
                _ => {
                    for x in self.to_vec(container)? {
                        if self.eq(&x, item)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Value::List(_) | Value::Tuple(_) => {
                let items = match container {
                    Value::List(l) => lock(l).clone(),
                    Value::Tuple(t) => (**t).clone(),
                    _ => unreachable!(),
                };
                for x in items.iter() {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Inst(_) => {
                if let Some(r) = self.call_dunder(container, "__contains__", vec![item.clone()])? {
                    return self.truthy(&r);
                }
                let it = self.get_iter(container)?;
                while let Some(x) = self.next(&it)? {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => {
                let it = self.get_iter(container).map_err(|_| type_error(format!("argument of type '{}' is not iterable", type_name(container))))?;
                while let Some(x) = self.next(&it)? {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// For instance keys with a user __eq__: the existing equal key in `d`, so that the
    /// table (which compares by identity for instances) finds it.
    pub fn canon_key(&mut self, d: &Mutex<Dict>, h: i64, k: Value) -> PyResult<Value> {
        if !needs_py_eq(&k) {
            return Ok(k);
        }
        let cands: Vec<Value> = lock(d).iter().filter(|e| e.hash == h).map(|e| e.key.clone()).collect();
        for c in cands {
            if c.is(&k) || self.eq(&c, &k)? {
                return Ok(c);
            }
        }
        Ok(k)
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match hash_native(v) {
            Ok(Some(h)) => Ok(h),
            Ok(None) => {
                let Value::Inst(inst) = v else { return Ok(v.id()) };
                let cls = inst.class();
                match cls.lookup("__hash__") {
                    Some(Value::None) => Err(type_error(format!("unhashable type: '{}'", cls.name))),
                    Some(f @ Value::Func(_)) => {
                        let m = bind(f, v, &cls);
                        let r = self.call(&m, vec![])?;
                        match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Big(b) => Ok(hash_big(&b)),
                            Value::Bool(b) => Ok(b as i64),
                            _ => Err(type_error("__hash__ method should return an integer")),
                        }
                    }
                    _ => {
                        if cls.lookup("__eq__").is_some() {
                            return Err(type_error(format!("unhashable type: '{}'", cls.name)));
                        }
                        Ok(v.id() >> 4)
                    }
                }
            }
            Err(tn) => Err(type_error(format!("unhashable type: '{}'", tn))),
        }
    }

    // ---------------- items ----------------

    pub fn getitem(&mut self, o: &Value, k: &Value) -> PyResult<Value> {
        match o {
            Value::Dict(d) => {
                let h = self.hash(k)?;
                let k = &self.canon_key(d, h, k.clone())?;
                let r = lock(d).get(h, k).cloned();
                match r {
                    Some(v) => Ok(v),
                    None => Err(ExcType::KeyError.with(vec![k.clone()])),
                }
            }
            Value::Inst(_) => match self.call_dunder(o, "__getitem__", vec![k.clone()])? {
                Some(v) => Ok(v),
                None => Err(type_error(format!("'{}' object is not subscriptable", type_name(o)))),
            },
            Value::Class(c) => {
                // Generic aliases like list[int]: return the class itself.
                if let Some(f) = c.lookup("__class_getitem__") {
                    let m = bind(f, o, c);
                    return self.call(&m, vec![k.clone()]);
                }
                Ok(o.clone())
            }
            _ => super::builtins::getitem_builtin(self, o, k),
        }
    }

    pub fn setitem(&mut self, o: &Value, k: Value, v: Value) -> PyResult<()> {
        match o {
            Value::Dict(d) => {
                let h = self.hash(&k)?;
                let k = self.canon_key(d, h, k)?;
                lock(d).insert(h, k, v);
                Ok(())
            }
            Value::List(l) => match &k {
                Value::Int(_) | Value::Bool(_) => {
                    let i = match k {
                        Value::Int(i) => i,
                        Value::Bool(b) => b as i64,
                        _ => 0,
                    };
                    let mut g = lock(l);
                    match norm_index(i, g.len()) {
                        Some(ix) => {
                            g[ix] = v;
                            Ok(())
                        }
                        None => Err(ExcType::IndexError.msg("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let items = self.to_vec(&v)?;
                    let mut g = lock(l);
                    let (start, stop, step, n) = slice_indices(s, g.len())?;
                    if step == 1 {
                        let stop = stop.max(start);
                        g.splice(start as usize..stop as usize, items);
                        Ok(())
                    } else {
                        if items.len() != n {
                            return Err(value_error(format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), n)));
                        }
                        let mut i = start;
                        for x in items {
                            g[i as usize] = x;
                            i += step;
                        }
                        Ok(())
                    }
                }
                _ => Err(type_error(format!("list indices must be integers or slices, not {}", type_name(&k)))),
            },
            Value::Inst(_) => match self.call_dunder(o, "__setitem__", vec![k, v])? {
                Some(_) => Ok(()),
                None => Err(type_error(format!("'{}' object does not support item assignment", type_name(o)))),
            },
            Value::Native(n) => {
                let mut g = lock(&n.data);
                if let NativeData::Deque(d, _) = &mut *g {
                    if let Value::Int(i) = k {
                        if let Some(ix) = norm_index(i, d.len()) {
                            d[ix] = v;
                            return Ok(());
                        }
                        return Err(ExcType::IndexError.msg("deque index out of range"));
                    }
                }
                Err(type_error(format!("'{}' object does not support item assignment", type_name(o))))
            }
            _ => Err(type_error(format!("'{}' object does not support item assignment", type_name(o)))),
        }
    }

    pub fn delitem(&mut self, o: &Value, k: &Value) -> PyResult<()> {
        match o {
            Value::Dict(d) => {
                let h = self.hash(k)?;
                let k = &self.canon_key(d, h, k.clone())?;
                let r = lock(d).remove(h, k);
                match r {
                    Some(_) => Ok(()),
                    None => Err(ExcType::KeyError.with(vec![k.clone()])),
                }
            }
            Value::List(l) => match k {
                Value::Int(i) => {
                    let mut g = lock(l);
                    match norm_index(*i, g.len()) {
                        Some(ix) => {
                            g.remove(ix);
                            Ok(())
                        }
                        None => Err(ExcType::IndexError.msg("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let mut g = lock(l);
                    let (start, _stop, step, n) = slice_indices(s, g.len())?;
                    let mut idx: Vec<usize> = (0..n).map(|j| (start + j as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    for i in idx.into_iter().rev() {
                        g.remove(i);
                    }
                    Ok(())
                }
                _ => Err(type_error(format!("list indices must be integers or slices, not {}", type_name(k)))),
            },
            Value::Inst(_) => match self.call_dunder(o, "__delitem__", vec![k.clone()])? {
                Some(_) => Ok(()),
                None => Err(type_error(format!("'{}' object does not support item deletion", type_name(o)))),
            },
            _ => Err(type_error(format!("'{}' object does not support item deletion", type_name(o)))),
        }
    }

    // ---------------- iteration ----------------

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
            Value::Iter(_) | Value::Gen(_) => v.clone(),
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
                let g = lock(&n.data);
                match &*g {
                    NativeData::Deque(d, _) => new_iter(IterKind::Seq { items: Arc::new(d.iter().cloned().collect()), i: 0, name: "_collections._deque_iterator" }),
                    NativeData::View(d, k) => {
                        let len = lock(d).len();
                        return Ok(new_iter(IterKind::DictIter { d: d.clone(), pos: 0, len, kind: *k }));
                        #[allow(unreachable_code)]
                        let g = lock(d);
                        let items: Vec<Value> = match k {
                            0 => g.keys(),
                            1 => g.values(),
                            _ => g.items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect(),
                        };
                        new_iter(IterKind::Seq { items: Arc::new(items), i: 0, name: "dict_iterator" })
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
                Err(e) if exc_matches(&e, ExcType::StopIteration) => Ok(None),
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
        if super::stack::too_deep() {
            self.frames.truncate(depth);
            return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded while calling a Python object"));
        }
        self.nested += 1;
        let mut b = i64::MAX;
        let r = self.run_frames(depth, &mut b);
        self.nested -= 1;
        self.frames.truncate(depth);
        match r {
            Ok(Exit::Returned(v)) => {
                if self.gen_done {
                    self.gen_done = false;
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
        self.nested += 1;
        let mut b = i64::MAX;
        let r = self.run_frames(depth, &mut b);
        self.nested -= 1;
        self.frames.truncate(depth);
        match r {
            Ok(Exit::Returned(v)) => {
                if self.gen_done {
                    self.gen_done = false;
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            Ok(_) => Ok(None),
            Err(e) => Err(e),
        }
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

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Inst(inst) => {
                let cls = inst.class();
                if let Some(f) = cls.lookup("__repr__") {
                    let m = bind(f, v, &cls);
                    let r = self.call(&m, vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        _ => Err(type_error(format!("__repr__ returned non-string (type {})", type_name(&r)))),
                    };
                }
                if cls.kind == Kind::Exception {
                    let args = inst.get("args").unwrap_or(Value::tuple(vec![]));
                    let inner = match &args {
                        Value::Tuple(t) if t.len() == 1 => format!("({})", self.repr(&t[0])?),
                        _ => self.repr(&args)?,
                    };
                    return Ok(format!("{}{}", cls.name, inner));
                }
                if &*cls.module == "__main__" || &*cls.module == "builtins" {
                    return Ok(format!("<{}.{} object at 0x{:012x}>", cls.module, cls.qualname, v.id()));
                }
                Ok(repr_simple(v))
            }
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) | Value::FrozenSet(_) => {
                let p = v.ptr().unwrap_or(0);
                if self.repr_guard.contains(&p) {
                    return Ok(match v {
                        Value::List(_) => "[...]",
                        Value::Dict(_) => "{...}",
                        _ => "(...)",
                    }
                    .into());
                }
                if self.repr_guard.len() > 200 || super::stack::too_deep() {
                    return Err(ExcType::RecursionError.msg("maximum recursion depth exceeded while getting the repr of an object"));
                }
                self.repr_guard.push(p);
                let r = self.repr_container(v);
                self.repr_guard.pop();
                r
            }
            Value::Native(_) => super::builtins::native_repr(self, v),
            Value::Method(m) => {
                let fname = match &m.1 {
                    Value::Func(f) => f.qualname.to_string(),
                    _ => "?".into(),
                };
                Ok(format!("<bound method {} of {}>", fname, self.repr(&m.0.clone())?))
            }
            _ => Ok(repr_simple(v)),
        }
    }

    fn repr_container(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::List(l) => {
                let items = lock(l).clone();
                let mut parts = Vec::with_capacity(items.len());
                for x in &items {
                    parts.push(self.repr(x)?);
                }
                Ok(format!("[{}]", parts.join(", ")))
            }
            Value::Tuple(t) => {
                let mut parts = Vec::with_capacity(t.len());
                for x in t.iter() {
                    parts.push(self.repr(x)?);
                }
                if parts.len() == 1 {
                    Ok(format!("({},)", parts[0]))
                } else {
                    Ok(format!("({})", parts.join(", ")))
                }
            }
            Value::Dict(d) => {
                let items = lock(d).items();
                let mut parts = Vec::with_capacity(items.len());
                for (k, x) in &items {
                    parts.push(format!("{}: {}", self.repr(k)?, self.repr(x)?));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let items = set_order(&set_dict(v));
                let frozen = matches!(v, Value::FrozenSet(_));
                if items.is_empty() {
                    return Ok(if frozen { "frozenset()".into() } else { "set()".into() });
                }
                let mut parts = Vec::with_capacity(items.len());
                for x in &items {
                    parts.push(self.repr(x)?);
                }
                if frozen {
                    Ok(format!("frozenset({{{}}})", parts.join(", ")))
                } else {
                    Ok(format!("{{{}}}", parts.join(", ")))
                }
            }
            _ => Ok(repr_simple(v)),
        }
    }

    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.s.clone()),
            Value::Inst(inst) => {
                let cls = inst.class();
                if let Some(f) = cls.lookup("__str__") {
                    let m = bind(f, v, &cls);
                    let r = self.call(&m, vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.s.clone()),
                        _ => Err(type_error(format!("__str__ returned non-string (type {})", type_name(&r)))),
                    };
                }
                if cls.kind == Kind::Exception {
                    if cls.lookup("__repr__").is_none() || true {
                        let args = inst.get("args").unwrap_or(Value::tuple(vec![]));
                        return match &args {
                            Value::Tuple(t) if t.is_empty() => Ok(String::new()),
                            Value::Tuple(t) if t.len() == 1 => {
                                if cls.is_subclass(&types().exc[ExcType::KeyError as usize]) {
                                    self.repr(&t[0])
                                } else {
                                    self.str(&t[0])
                                }
                            }
                            other => self.repr(other),
                        };
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Inst(_) = v {
            if let Some(r) = self.call_dunder(v, "__format__", vec![Value::str(spec)])? {
                return Ok(r.as_str().unwrap_or("").to_string());
            }
            if spec.is_empty() {
                return self.str(v);
            }
            return Err(type_error(format!("unsupported format string passed to {}.__format__", type_name(v))));
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let s = match v {
            Value::Str(_) | Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Bool(_) => None,
            _ => Some(self.str(v)?),
        };
        super::format::format_value(v, spec, s)
    }

    // ---------------- modules ----------------

    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = lock(&self.interp.modules).get(name).cloned() {
            return Ok(m);
        }
        // A submodule: import its package first, then bind it as the package's attribute.
        if let Some((parent, child)) = name.rsplit_once('.') {
            let p = self.import(parent)?;
            if crate::stdlib::find(name).is_none() {
                return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'; '{parent}' is not a package")));
            }
            let m = self.import_one(name)?;
            if let Value::Module(pm) = &p {
                pm.ns.set(intern(child), m.clone());
            }
            return Ok(m);
        }
        self.import_one(name)
    }

    fn import_one(&mut self, name: &str) -> PyResult<Value> {
        let m = match crate::stdlib::find(name) {
            Some(crate::stdlib::ModuleSource::Native(init)) => {
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                init(self, &ns)?;
                Value::Module(Arc::new(Module { name: intern(name), ns }))
            }
            Some(crate::stdlib::ModuleSource::Python(src)) => {
                let filename = format!("<frozen {name}>");
                let code = stdlib_code(&self.interp, name, src, &filename)?;
                let ns = Namespace::new();
                ns.set(intern("__name__"), Value::str(name));
                let m = Value::Module(Arc::new(Module { name: intern(name), ns: ns.clone() }));
                lock(&self.interp.modules).insert(intern(name), m.clone());
                let func = Value::Func(Arc::new(Function {
                    name: Mutex::new(code.name.clone()),
                    qualname: code.qualname.clone(),
                    code,
                    globals: ns,
                    defaults: vec![],
                    kwdefaults: vec![],
                    closure: vec![],
                    dict: Mutex::new(vec![]),
                }));
                self.call(&func, vec![])?;
                m
            }
            None => return Err(ExcType::ModuleNotFoundError.msg(format!("No module named '{name}'"))),
        };
        lock(&self.interp.modules).insert(intern(name), m.clone());
        Ok(m)
    }

    // ---------------- tracebacks ----------------

    pub fn format_exception(&mut self, e: &Value) -> String {
        let mut out = String::new();
        self.format_exc_chain(e, &mut out, 0);
        out
    }

    fn format_exc_chain(&mut self, e: &Value, out: &mut String, depth: usize) {
        if let Value::Inst(i) = e {
            if depth < 50 {
                let cause = i.get("__cause__").filter(|c| !c.is_none());
                let suppress = matches!(i.get("__suppress_context__"), Some(Value::Bool(true)));
                if let Some(c) = cause {
                    self.format_exc_chain(&c, out, depth + 1);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                } else if !suppress {
                    if let Some(c) = i.get("__context__").filter(|c| !c.is_none()) {
                        self.format_exc_chain(&c, out, depth + 1);
                        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
                    }
                }
            }
            if let Some(Value::List(tb)) = i.get("__traceback__") {
                let entries = lock(&tb).clone();
                if !entries.is_empty() {
                    out.push_str("Traceback (most recent call last):\n");
                    let mut last: Option<String> = None;
                    let mut repeat = 0;
                    let flush_repeat = |out: &mut String, repeat: usize| {
                        if repeat > 3 {
                            out.push_str(&format!("  [Previous line repeated {} more time{}]\n", repeat - 3, if repeat - 3 == 1 { "" } else { "s" }));
                        }
                    };
                    for ent in entries.iter().rev() {
                        let Value::Tuple(t) = ent else { continue };
                        let file = t[0].as_str().unwrap_or("?").to_string();
                        let line = if let Value::Int(l) = t[1] { l } else { 0 };
                        let name = t[2].as_str().unwrap_or("?").to_string();
                        let mut s = format!("  File \"{}\", line {}, in {}\n", file, line, name);
                        if let Some(src) = lock(&self.interp.sources).get(&*file) {
                            if let Some(l) = src.lines().nth((line as usize).wrapping_sub(1)) {
                                let trimmed = l.trim();
                                if !trimmed.is_empty() {
                                    s.push_str(&format!("    {}\n", trimmed));
                                    if let Some(m) = markers(src, line as usize, t) {
                                        s.push_str(&m);
                                    }
                                }
                            }
                        }
                        if last.as_ref() == Some(&s) {
                            repeat += 1;
                            if repeat < 3 {
                                out.push_str(&s);
                            }
                            continue;
                        }
                        flush_repeat(out, repeat + 1);
                        repeat = 0;
                        out.push_str(&s);
                        last = Some(s);
                    }
                    flush_repeat(out, repeat + 1);
                }
            }
        }
        out.push_str(&self.exc_line(e));
        out.push('\n');
    }

    /// The last line of a traceback: `Type: message`.
    pub fn exc_line(&mut self, e: &Value) -> String {
        let cls = type_of(e);
        let name = if &*cls.module == "builtins" || &*cls.module == "__main__" { cls.qualname.to_string() } else { format!("{}.{}", cls.module, cls.qualname) };
        let msg = match self.str(e) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".into(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{}: {}", name, msg)
        }
    }
}

fn join_names(v: &[String]) -> String {
    match v.len() {
        1 => v[0].clone(),
        2 => format!("{} and {}", v[0], v[1]),
        _ => format!("{}, and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

fn unary_sym(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Invert => "~",
        UnOp::Not => "not",
    }
}

fn attr_ctx(ctx: &Value, _n: &str) -> Value {
    type_error(format!("'{}' object does not support the context manager protocol", type_name(ctx)))
}

pub fn ascii_of(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            o.push(c);
        } else if (c as u32) < 0x100 {
            o.push_str(&format!("\\x{:02x}", c as u32));
        } else if (c as u32) < 0x10000 {
            o.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            o.push_str(&format!("\\U{:08x}", c as u32));
        }
    }
    o
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

/// CPython 3.11's marker line under a traceback's source line: `^` under the failing
/// expression, or `~~^~~` (operands and operator) for a binary operation, `~^^^` for a
/// subscript. None when there is no position, it spans lines, or it is the whole line.
fn markers(src: &str, line: usize, ent: &[Value]) -> Option<String> {
    let num = |i: usize| match ent.get(i) {
        Some(Value::Int(n)) => Some(*n as usize),
        _ => None,
    };
    let (kind, start, end, a, b) = (num(3)?, num(4)?, num(5)?, num(6)?, num(7)?);
    if kind == 0 {
        return None;
    }
    let line_start: usize = src.split_inclusive('\n').take(line.checked_sub(1)?).map(|l| l.len()).sum();
    let text = src[line_start..].split('\n').next()?;
    let line_end = line_start + text.len();
    if start < line_start || end > line_end || start >= end {
        return None;
    }
    // Plain markers under the whole line say nothing: CPython leaves them out.
    if kind == 1 && src[start..end].trim() == text.trim() {
        return None;
    }
    let col = |at: usize| src[line_start..at].chars().count();
    let indent = text.chars().count() - text.trim_start().chars().count();
    let (cs, ce) = (col(start), col(end));
    let mut m: Vec<char> = vec!['^'; ce - cs];
    match kind {
        2 if a >= start && b <= end && a <= b => {
            // The operator: after the left operand, past spaces and closing brackets.
            let between = &src[a..b];
            let skip = between.len() - between.trim_start_matches(|c: char| c.is_whitespace() || c == ')').len();
            let op_start = a + skip;
            let op_len = src[op_start..b].find(|c: char| c.is_whitespace() || c == '(').unwrap_or(b - op_start);
            let (os, oe) = (col(op_start) - cs, col(op_start + op_len) - cs);
            for (i, c) in m.iter_mut().enumerate() {
                if i < os || i >= oe {
                    *c = '~';
                }
            }
        }
        3 if a >= start && a <= end => {
            let vs = col(a) - cs;
            for c in m.iter_mut().take(vs) {
                *c = '~';
            }
        }
        _ => {}
    }
    let pad = " ".repeat(4 + cs.checked_sub(indent)?);
    Some(format!("{pad}{}\n", m.into_iter().collect::<String>()))
}

/// The library's own Python modules are compiled once per process and shared by every
/// program after that (code objects are immutable): `import threading` costs its
/// compile only on the first run, which matters for 200-run race histograms.
fn stdlib_code(interp: &Interpreter, name: &str, src: &'static str, filename: &str) -> PyResult<Arc<Code>> {
    static CACHE: std::sync::OnceLock<Mutex<FxMap<Name, Arc<Code>>>> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // Tracebacks read the source from the interpreter.
    lock(&interp.sources).insert(intern(filename), Arc::from(src));
    if let Some(c) = lock(cache).get(name) {
        return Ok(c.clone());
    }
    let code = crate::python::compile(src, filename).map_err(|e| ExcType::SyntaxError.msg(e.msg))?;
    lock(cache).insert(intern(name), code.clone());
    Ok(code)
}

/// Whether the exception's message mentions `what`.
fn exc_message_has(exc: &Value, what: &str) -> bool {
    match exc {
        Value::Inst(i) => match i.get("args") {
            Some(Value::Tuple(t)) => t.first().and_then(|m| m.as_str().map(|m| m.contains(what))).unwrap_or(false),
            _ => false,
        },
        _ => false,
    }
}

fn add_tb(exc: &Value, file: &Name, line: u32, name: &Name, pos: Pos) {
    if let Value::Inst(i) = exc {
        let kind = match pos.kind {
            PosKind::None => 0,
            PosKind::Plain => 1,
            PosKind::BinOp => 2,
            PosKind::Subscript => 3,
        };
        let ent = Value::tuple(vec![
            Value::str(file),
            Value::Int(line as i64),
            Value::str(name),
            Value::Int(kind),
            Value::Int(pos.start as i64),
            Value::Int(pos.end as i64),
            Value::Int(pos.a as i64),
            Value::Int(pos.b as i64),
        ]);
        match i.get("__traceback__") {
            Some(Value::List(l)) => lock(&l).push(ent),
            _ => i.set(intern("__traceback__"), Value::list(vec![ent])),
        }
    }
}

pub fn needs_py_eq(k: &Value) -> bool {
    match k {
        Value::Inst(i) => i.class().lookup("__eq__").is_some(),
        Value::Tuple(t) => t.iter().any(needs_py_eq),
        _ => false,
    }
}

pub fn exc_match(e: &Value, t: &Value) -> PyResult<bool> {
    let cls = type_of(e);
    match t {
        Value::Class(c) => {
            if !c.is_subclass(&types().exc[ExcType::BaseException as usize]) {
                return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            Ok(cls.is_subclass(c))
        }
        Value::Tuple(ts) => {
            for x in ts.iter() {
                if exc_match(e, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
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
