//! Stepped mode on ONE host thread: the [`Solo`] runner keeps every Python thread's
//! `Vm` in a table and runs them itself, one burst or one step at a time. The VM is
//! stackless, so a Python thread can stop between any two instructions and another
//! one can run on the same host stack; nothing is spawned, so it works in a wasm worker
//! (and in a rayon pool) as well as natively.
//!
//! Nested calls (a builtin calling back into Python: a sort key, `__eq__`, a generator
//! resumed by `for`) have a host stack of their own. They run to completion without a
//! switch (`yield_in_place` does not switch), except when they *wait*: then
//! `wait_in_place` runs the other threads right there, deeper on the same host stack,
//! until the waiter can go on. Only the innermost such waiter can be resumed; if an
//! outer one is the only thread that could go on, the run is cut short (`Record::cut`)
//! instead of guessing. The browser's trial pool (`web::pool`, `runtime::trial`) runs
//! such a cut trial again on the baton runner (`stepper.rs`), which gives every Python
//! thread a host stack of its own (`runtime::trial::needs_host_threads`).
//!
//! Who runs next is a [`Plan`]: the explorer's choices (one *step* at a time: up to
//! the next instruction of the learner's program that other threads could observe),
//! a recorded schedule of turns `(thread, instructions)` replayed as far as it fits, or
//! a seeded random pick with random bursts (trials). Every run records the turns it
//! actually took, which replay it exactly.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use super::deadlock::{deadlock_text, WaitInfo};
use super::program::{abandoned, Ended, Program, Runner, ThreadState};
use super::stepper::{Rng, Turn, NS_PER_STEP};
use super::trace::What;
use crate::vm::code::Op;
use crate::vm::host::{Decision, Host, Scheduler, ThreadNo, WaitReason};
use crate::vm::interp::{run_thread, RunOutcome, Vm};
use crate::vm::iter::IterKind;
use crate::vm::value::Value;

/// Longest random burst of a trial (as in the baton runner).
const MAX_BURST: u64 = 200;
/// The default policy lets one thread run this many steps in a row before it hands on
/// (so a spinning thread cannot starve the others forever).
const MAX_STREAK: u32 = 64;
/// Off: splitting a step where the learner's code returns into library code was
/// measured to take more runs (2 threads x 2 increments: 35,663 instead of 17,995).
const SPLIT_AT_LIBRARY: bool = false;

/// What a step touched, as far as other threads could tell: `any` (it called a
/// builtin that may do anything), `lib` (it ran library code that `peek_op` could not
/// name exactly: anything but the learner's module globals and closure cells, which
/// only the learner's code can name; `THREADLAB_EXPLORE_LIBANY=1` prints each such
/// library instruction), and reads and writes of keys (a global name, an attribute of one object, a
/// cell, a container's items, a lock, the output).
///
/// `acc` names objects by address: exact, but only within one run. `stable` holds the
/// same accesses named so that another run with the same prefix names them alike
/// (globals by name, locks by creation number, other objects coarsely by kind and
/// attribute name): sleep sets compare steps of different runs, and with addresses
/// they would never see a dependency on a lock or an object (the two-locks deadlock
/// was missed that way).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Foot {
    pub any: bool,
    pub lib: bool,
    pub acc: Vec<(u64, bool)>,
    pub stable: Vec<(u64, bool)>,
}

thread_local! {
    /// Address-named key -> its run-independent name (see `Foot::stable`), for keys
    /// named by address in this run.
    static STABLE: std::cell::RefCell<std::collections::HashMap<u64, u64>> = std::cell::RefCell::new(std::collections::HashMap::new());
}

/// A key named by address `p`, remembering its run-independent name (`stable_p` in
/// place of the address).
fn okey(tag: u8, s: &str, p: usize, stable_p: usize) -> u64 {
    let k = key(tag, s, p);
    let st = key(tag, s, stable_p);
    if k != st {
        STABLE.with(|m| m.borrow_mut().insert(k, st));
    }
    k
}

/// The run-independent name of `k` (keys not named by address are their own).
fn stable_key(k: u64) -> u64 {
    STABLE.with(|m| m.borrow().get(&k).copied().unwrap_or(k))
}

/// Forgets the address names of the last run (they may be reused by this one).
pub fn reset_stable_keys() {
    STABLE.with(|m| m.borrow_mut().clear());
    crate::vm::lock::reset_lock_serials();
}

/// Key tags: the learner's globals and cells are private to the learner's code.
pub const TAG_GLOBAL: u8 = 1;
pub const TAG_CELL: u8 = 3;

/// The tag of a key (its top byte).
pub fn tag_of(k: u64) -> u8 {
    (k >> 56) as u8
}

pub const TAG_LOCK: u8 = 6;

/// Library code can reach keys of this tag. Locks it can, but every lock operation
/// of library code is recorded as such (`lock_op`), so a lock needs no `lib` conflict.
pub fn lib_reaches(k: u64) -> bool {
    !matches!(tag_of(k), TAG_GLOBAL | TAG_CELL | TAG_LOCK)
}

fn lock_key(l: &Arc<crate::vm::lock::Lock>) -> u64 {
    okey(TAG_LOCK, "", Arc::as_ptr(l) as usize, l.serial() as usize)
}

/// The lock the next instruction of `vm` operates on, in any code: a method of a lock,
/// a lock's bound method called, `with lock`.
pub fn lock_op(vm: &Vm) -> Option<u64> {
    lock_target(vm).map(|l| lock_key(&l))
}

fn lib_debug() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("THREADLAB_EXPLORE_LIBANY").is_some())
}

/// The lock behind `lock_op`.
fn lock_target(vm: &Vm) -> Option<Arc<crate::vm::lock::Lock>> {
    let f = vm.frames.last()?;
    let n = f.stack.len();
    let top = |k: usize| n.checked_sub(k + 1).map(|i| &f.stack[i]);
    let l = match f.code.ops.get(f.ip)? {
        Op::CallMethod(_, argc) => crate::stdlib::thread::the_lock(top(*argc as usize)?).ok()?,
        Op::Call(argc) | Op::CallKw(argc, _) => lock_of_bound(top(*argc as usize)?)?,
        Op::BeforeWith => crate::stdlib::thread::the_lock(top(0)?).ok()?,
        Op::WithExit => lock_of_bound(top(0)?)?,
        Op::WithExcept => lock_of_bound(top(1)?)?,
        _ => return None,
    };
    Some(l)
}

/// Two steps that do not commute (one may change what the other sees or does),
/// comparing their accesses `acc` (same run) or `stable` (steps of different runs).
fn dependent_by(a: &Foot, b: &Foot, keys: impl Fn(&Foot) -> &[(u64, bool)]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.any || b.any || (a.lib && b.lib) {
        return true;
    }
    let (ka, kb) = (keys(a), keys(b));
    if (a.lib && kb.iter().any(|(k, _)| lib_reaches(*k))) || (b.lib && ka.iter().any(|(k, _)| lib_reaches(*k))) {
        return true;
    }
    ka.iter().any(|(k, w)| kb.iter().any(|(k2, w2)| k == k2 && (*w || *w2)))
}

/// Two steps of one run that do not commute.
pub fn dependent(a: &Foot, b: &Foot) -> bool {
    dependent_by(a, b, |f| &f.acc)
}

/// Two steps, possibly of different runs with a common prefix, that do not commute.
pub fn dependent_across_runs(a: &Foot, b: &Foot) -> bool {
    dependent_by(a, b, |f| &f.stable)
}

/// The lock behind a lock's bound method (`lock.__exit__` in a `with`).
fn lock_of_bound(v: &Value) -> Option<Arc<crate::vm::lock::Lock>> {
    let recv = match v {
        Value::BMethod(m) => m.0.clone(),
        Value::Builtin(b) => match &b.bound {
            Some(Value::Tuple(t)) => t.first()?.clone(),
            Some(o) => o.clone(),
            None => return None,
        },
        _ => return None,
    };
    crate::stdlib::thread::the_lock(&recv).ok()
}

impl Foot {
    pub fn is_empty(&self) -> bool {
        !self.any && !self.lib && self.acc.is_empty()
    }
    fn add(&mut self, p: &Peek) {
        match p {
            Peek::Local => {}
            Peek::Any => self.any = true,
            Peek::Lib => self.lib = true,
            Peek::Acc(k, w) => self.push(*k, *w),
            Peek::Accs(v) => {
                for (k, w) in v {
                    self.push(*k, *w)
                }
            }
        }
    }
    fn push(&mut self, k: u64, w: bool) {
        if !self.acc.contains(&(k, w)) {
            self.acc.push((k, w));
            self.stable.push((stable_key(k), w));
        }
    }
}

/// What the next instruction of the learner's code does to shared state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Peek {
    /// Nothing another thread could see (locals, constants, arithmetic on numbers).
    Local,
    /// Reads (false) or writes (true) one key.
    Acc(u64, bool),
    /// Several keys at once (a dict item: the item, and the dict's shape).
    Accs(Vec<(u64, bool)>),
    /// Calls library code (a Python function of our library).
    Lib,
    /// Anything.
    Any,
}

/// Where a paused thread stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Where {
    /// In the learner's program, about to run an instruction that does this.
    User(Peek),
    /// In library code (threading.py, ...), which runs atomically between waits.
    Library,
    /// No frames left.
    Done,
}

fn key(tag: u8, s: &str, p: usize) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut h);
    s.hash(&mut h);
    p.hash(&mut h);
    (h.finish() & !(0xFF << 56)) | ((tag as u64) << 56)
}

/// Builtins that touch no shared state when their arguments are numbers or strings
/// (checked by the caller) or that make new objects.
const PURE: &[&str] = &["allocate_lock", "RLock", "get_ident", "get_native_id", "_set_name", "len", "abs", "min", "max", "int", "str", "float", "bool", "repr", "round", "divmod", "pow", "hash", "chr", "ord"];

/// Builtin types whose call on numbers or strings only makes a new object.
const PURE_TYPES: &[&str] = &["range", "int", "str", "float", "bool", "tuple", "list", "dict", "set", "frozenset", "bytes", "object"];

/// Builtins that only read their arguments (and make a new object): on numbers, strings
/// and tuples of them they touch nothing shared; on a list of them they read that list.
const READERS: &[&str] = &["sorted", "sum", "min", "max", "any", "all", "len", "reversed", "enumerate", "zip"];

/// A value no thread can change and whose comparisons, hashes and iteration run no
/// Python code: a number or string, a range, or a (small, shallow) tuple of those.
fn frozen(v: &Value, depth: u8) -> bool {
    match v {
        Value::Tuple(items) => depth < 3 && items.len() <= 256 && items.iter().all(|i| frozen(i, depth + 1)),
        Value::Range(_) => true,
        v => prim(v),
    }
}

/// The footprint of calling a [`READERS`] builtin on the `argc` values under it: Local
/// when every argument is [`frozen`], a read of the one list among them when its items
/// are, else Any.
fn reader_call<'a>(argc: usize, top: impl Fn(usize) -> Option<&'a Value>) -> Peek {
    let mut list = None;
    for i in 0..argc {
        match top(i) {
            Some(v) if frozen(v, 0) => {}
            Some(c @ Value::List(l)) if list.is_none() => {
                let items = l.lock().unwrap_or_else(|e| e.into_inner());
                if items.len() > 256 || !items.iter().all(|i| frozen(i, 1)) {
                    return Peek::Any;
                }
                list = container_key(c);
            }
            _ => return Peek::Any,
        }
    }
    match list {
        Some(k) => Peek::Acc(k, false),
        None => Peek::Local,
    }
}

/// What calling `callee` runs: the learner's code (Local: its frames are watched),
/// our library's Python code (Lib), or a builtin (Any).
fn call_kind(callee: Option<&Value>, file: &str) -> Peek {
    let func_kind = |v: &Value| match v {
        Value::Func(func) if *func.code.filename == *file => Some(Peek::Local),
        Value::Func(_) => Some(Peek::Lib),
        _ => None,
    };
    match callee {
        Some(Value::Builtin(b)) if PURE.contains(&b.name) && b.bound.is_none() => Peek::Local,
        Some(v @ Value::Func(_)) => func_kind(v).unwrap_or(Peek::Any),
        Some(Value::Method(m)) => func_kind(&m.1).unwrap_or(Peek::Any),
        Some(Value::Class(c)) => match c.lookup("__init__") {
            Some(ref v @ Value::Func(_)) if c.lookup("__new__").map(|n| !matches!(n, Value::Func(_))).unwrap_or(true) => {
                func_kind(v).unwrap_or(Peek::Any)
            }
            _ => Peek::Any,
        },
        _ => Peek::Any,
    }
}

/// Values whose operations run no Python code and touch no shared object.
fn prim(v: &Value) -> bool {
    matches!(v, Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Big(_) | Value::Str(_) | Value::Bytes(_))
}

fn container_key(v: &Value) -> Option<u64> {
    match v {
        Value::List(l) => Some(okey(TAG_CONTAINER, "", Arc::as_ptr(l) as *const u8 as usize, 0)),
        Value::Dict(d) => Some(okey(TAG_CONTAINER, "", Arc::as_ptr(d) as *const u8 as usize, 0)),
        _ => None,
    }
}

/// Container keys: a list or dict as a whole (its shape), a dict's item by hash, a
/// dict's insertion order.
pub const TAG_CONTAINER: u8 = 4;
const TAG_ITEM: u8 = 8;
const TAG_ORDER: u8 = 9;
/// A module's attribute (or a library module's global), by name only.
pub const TAG_MODATTR: u8 = 7;

/// What an instruction does to one dict item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Read,
    /// `d[k] = v`, `d.setdefault(k)`: an update, or an insertion if `k` is new.
    Store,
    /// `del d[k]`, `d.pop(k)`.
    Remove,
}

/// One dict item's access, keyed by (dict, the key's hash) rather than the whole dict,
/// so two threads registering under different keys commute. The dict's shape key is
/// read by every item access and written by whole-dict reads (len, iteration: see the
/// callers) and writes; an insertion also writes the dict's order key, since two
/// insertions' order shows in iteration (a removal and an insertion of other keys
/// leave the same order either way). None: the key's hash needs Python code.
fn dict_item(d: &Arc<Mutex<crate::vm::dict::Dict>>, k: &Value, kind: Item) -> Option<Peek> {
    let h = crate::vm::ops::hash_native(k).ok()??;
    let p = Arc::as_ptr(d) as *const u8 as usize;
    let text = h.to_string();
    let item = key(TAG_ITEM, &text, p);
    let st = key(TAG_ITEM, &text, 0);
    STABLE.with(|m| m.borrow_mut().insert(item, st));
    let shape = okey(TAG_CONTAINER, "", p, 0);
    let mut v = vec![(shape, false), (item, kind != Item::Read)];
    if kind == Item::Store {
        let present = d.lock().unwrap_or_else(|e| e.into_inner()).get(h, k).is_some();
        if !present {
            v.push((okey(TAG_ORDER, "", p, 0), true));
        }
    }
    Some(Peek::Accs(v))
}

fn is_deque(v: &Value) -> bool {
    matches!(v, Value::Native(_)) && &*crate::vm::types::type_name(v) == "deque"
}

/// A native object (a deque) as a container key.
fn native_key(v: &Value) -> u64 {
    match v {
        Value::Native(n) => okey(TAG_CONTAINER, "", Arc::as_ptr(n) as *const u8 as usize, 0),
        _ => key(TAG_CONTAINER, "", 0),
    }
}

/// A Python-defined special method on the class (a builtin one runs no user code).
fn py_hook(cls: &crate::vm::value::Class, name: &str) -> bool {
    matches!(cls.lookup(name), Some(Value::Func(_)) | Some(Value::Wrap(_)))
}

/// Where `vm` stands, and what its next instruction touches if it is in `file`.
pub fn peek(vm: &Vm, file: &str) -> Where {
    let Some(f) = vm.frames.last() else { return Where::Done };
    if *f.code.filename != *file {
        return Where::Library;
    }
    Where::User(peek_op(vm, file, false))
}

/// What the next instruction of `vm`'s top frame touches; `lib`: the frame is library
/// code, whose module globals are keyed as module attributes (`threading._active`).
pub fn peek_op(vm: &Vm, file: &str, lib: bool) -> Peek {
    let Some(f) = vm.frames.last() else { return Peek::Local };
    let Some(op) = f.code.ops.get(f.ip) else { return Peek::Any };
    let n = f.stack.len();
    let top = |k: usize| n.checked_sub(k + 1).map(|i| &f.stack[i]);
    let prims = |k: usize| (0..k).all(|i| top(i).map(prim).unwrap_or(false));
    let name = |i: u32| f.code.names.get(i as usize).map(|s| &**s).unwrap_or("");
    let local_if = |b: bool| if b { Peek::Local } else { Peek::Any };
    let p = match *op {
        Op::Nop
        | Op::LoadConst(_)
        | Op::LoadFast(_)
        | Op::StoreFast(_)
        | Op::DeleteFast(_)
        | Op::LoadClosure(_)
        | Op::Pop
        | Op::Dup
        | Op::Dup2
        | Op::Rot2
        | Op::Rot3
        | Op::Rot4
        | Op::Jump(_)
        | Op::JumpBack(_)
        | Op::BuildTuple(_)
        | Op::BuildList(_)
        | Op::BuildSlice(_)
        | Op::BuildString(_)
        | Op::ListAppend(_)
        | Op::ListToTuple
        | Op::SetupExcept(_)
        | Op::SetupFinally(_)
        | Op::PopBlock
        | Op::PopExcept
        | Op::Reraise
        | Op::ExcMatch
        | Op::MakeFunction(..)
        | Op::Return
        | Op::RaiseAssert(_) => Peek::Local,
        Op::BuildSet(k) => local_if(prims(k as usize)),
        Op::BuildMap(k) => local_if(prims(2 * k as usize)),
        Op::SetAdd(_) => local_if(prims(1)),
        Op::MapAdd(_) => local_if(prims(2)),
        Op::PopJumpIfFalse(_) | Op::PopJumpIfTrue(_) | Op::JumpIfFalseOrPop(_) | Op::JumpIfTrueOrPop(_) => match top(0) {
            Some(v) if prim(v) => Peek::Local,
            // Identity truth: nothing runs, nothing shared is read.
            Some(Value::Inst(o)) if !py_hook(&o.class(), "__bool__") && !py_hook(&o.class(), "__len__") => Peek::Local,
            Some(Value::Func(_) | Value::Class(_) | Value::Module(_) | Value::Method(_)) => Peek::Local,
            Some(c @ (Value::List(_) | Value::Dict(_))) => container_key(c).map(|k| Peek::Acc(k, false)).unwrap_or(Peek::Any),
            Some(n @ Value::Native(_)) if is_deque(n) => Peek::Acc(native_key(n), false),
            _ => Peek::Any,
        },
        Op::Unary(_) => local_if(prims(1)),
        Op::Compare(crate::python::code::CmpOp::Is | crate::python::code::CmpOp::IsNot) => Peek::Local,
        // Tuples of numbers and strings compare, add and repeat without Python code.
        Op::Binary(_) | Op::Inplace(_) | Op::Compare(_) => local_if((0..2).all(|i| top(i).is_some_and(|v| frozen(v, 0)))),
        Op::FormatValue(_, spec) => local_if(prims(if spec { 2 } else { 1 })),
        Op::LoadGlobal(i) | Op::LoadName(i) => Peek::Acc(key(if lib { TAG_MODATTR } else { TAG_GLOBAL }, name(i), 0), false),
        Op::StoreGlobal(i) | Op::StoreName(i) | Op::DeleteGlobal(i) | Op::DeleteName(i) => {
            Peek::Acc(key(if lib { TAG_MODATTR } else { TAG_GLOBAL }, name(i), 0), true)
        }
        Op::LoadDeref(i) | Op::StoreDeref(i) | Op::DeleteDeref(i) => match f.cells.get(i as usize) {
            Some(c) => Peek::Acc(okey(TAG_CELL, "", Arc::as_ptr(c) as *const u8 as usize, 0), !matches!(op, Op::LoadDeref(_))),
            None => Peek::Any,
        },
        Op::LoadAttr(i) => match top(0) {
            Some(Value::Inst(o)) if o.get(name(i)).is_some() && !py_hook(&o.class(), "__getattribute__") => {
                Peek::Acc(okey(2, name(i), Arc::as_ptr(o) as usize, 0), false)
            }
            // A method or a plain class attribute: what the instance could shadow is
            // read (a store of that attribute conflicts with it).
            Some(Value::Inst(o))
                if !py_hook(&o.class(), "__getattribute__")
                    && !py_hook(&o.class(), "__getattr__")
                    && matches!(o.class().lookup(name(i)), Some(ref v) if matches!(v, Value::Func(_)) || prim(v)) =>
            {
                Peek::Acc(okey(2, name(i), Arc::as_ptr(o) as usize, 0), false)
            }
            // A lock's or a deque's bound method.
            Some(n @ Value::Native(_)) if crate::stdlib::thread::the_lock(n).is_ok() || is_deque(n) => Peek::Local,
            Some(Value::Func(_)) if matches!(name(i), "__name__" | "__qualname__") => Peek::Local,
            // Named by attribute only: library code reads its module's globals so.
            Some(Value::Module(_)) => Peek::Acc(key(TAG_MODATTR, name(i), 0), false),
            _ => Peek::Any,
        },
        Op::StoreAttr(i) | Op::DeleteAttr(i) => match top(0) {
            Some(Value::Inst(o)) => {
                let cls = o.class();
                let plain = !py_hook(&cls, "__setattr__") && !py_hook(&cls, "__delattr__") && !py_hook(&cls, name(i));
                if plain {
                    Peek::Acc(okey(2, name(i), Arc::as_ptr(o) as usize, 0), true)
                } else {
                    Peek::Any
                }
            }
            _ => Peek::Any,
        },
        Op::Subscr | Op::StoreSubscr | Op::DeleteSubscr => match (top(1), top(0)) {
            (Some(Value::Tuple(_) | Value::Str(_)), Some(k)) if prim(k) && matches!(op, Op::Subscr) => Peek::Local,
            (Some(Value::Dict(d)), Some(k)) => match dict_item(d, k, match op {
                Op::Subscr => Item::Read,
                Op::DeleteSubscr => Item::Remove,
                _ => Item::Store,
            }) {
                Some(p) => p,
                // An instance hashed by identity runs no Python code: the whole dict.
                None if matches!(k, Value::Inst(o) if !py_hook(&o.class(), "__hash__") && !py_hook(&o.class(), "__eq__")) => {
                    Peek::Acc(okey(TAG_CONTAINER, "", Arc::as_ptr(d) as *const u8 as usize, 0), true)
                }
                None => Peek::Any,
            },
            (Some(n @ Value::Native(_)), Some(k)) if prim(k) && is_deque(n) => Peek::Acc(native_key(n), !matches!(op, Op::Subscr)),
            (Some(c), Some(k)) if prim(k) => match container_key(c) {
                Some(ck) => Peek::Acc(ck, !matches!(op, Op::Subscr)),
                None => Peek::Any,
            },
            _ => Peek::Any,
        },
        Op::GetIter => match top(0) {
            Some(Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::List(_)) => Peek::Local,
            _ => Peek::Any,
        },
        Op::ForIter(_) => match top(0) {
            Some(Value::Iter(it)) => match &*it.lock().unwrap_or_else(|e| e.into_inner()) {
                IterKind::Range { .. } | IterKind::Seq { .. } | IterKind::Str { .. } => Peek::Local,
                IterKind::List { list, .. } => Peek::Acc(okey(4, "", Arc::as_ptr(list) as *const u8 as usize, 0), false),
                _ => Peek::Any,
            },
            _ => Peek::Any,
        },
        Op::UnpackSeq(_) => match top(0) {
            Some(Value::Tuple(_)) => Peek::Local,
            Some(c) => container_key(c).map(|k| Peek::Acc(k, matches!(c, Value::Dict(_)))).unwrap_or(Peek::Any),
            None => Peek::Any,
        },
        Op::Call(argc) => match top(argc as usize) {
            Some(Value::Builtin(b)) if b.name == "print" && prims(argc as usize) => Peek::Acc(key(5, "stdout", 0), true),
            Some(v) if lock_of_bound(v).is_some() => Peek::Acc(lock_key(&lock_of_bound(v).unwrap()), true),
            // `range(2)`, `int('3')`: a builtin type called on numbers or strings makes a
            // new object and touches nothing shared (counted as `any`, every thread's
            // `for _ in range(n)` raced with everything).
            Some(Value::Class(c)) if &*c.module == "builtins" && PURE_TYPES.contains(&&*c.name) && prims(argc as usize) => Peek::Local,
            Some(Value::Builtin(b)) if b.bound.is_none() && b.name == "len" && argc == 1 => match top(0) {
                Some(v) if prim(v) || matches!(v, Value::Tuple(_)) => Peek::Local,
                Some(c @ Value::List(_)) => container_key(c).map(|k| Peek::Acc(k, false)).unwrap_or(Peek::Any),
                // A whole-dict read: a write of its shape key (see `dict_item`).
                Some(c @ Value::Dict(_)) => container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any),
                Some(n @ Value::Native(_)) if is_deque(n) => Peek::Acc(native_key(n), false),
                _ => Peek::Any,
            },
            Some(Value::Builtin(b)) if b.bound.is_none() && b.name == "hasattr" && argc == 2 && prims(1) => match top(1) {
                Some(n @ Value::Native(_)) if crate::stdlib::thread::the_lock(n).is_ok() => Peek::Local,
                _ => Peek::Any,
            },
            // `next(itertools.count())`: a write of that counter only.
            Some(Value::Builtin(b)) if b.bound.is_none() && b.name == "next" && argc == 1 => match top(0) {
                Some(Value::Iter(it)) if matches!(&*it.lock().unwrap_or_else(|e| e.into_inner()), IterKind::Count { .. }) => {
                    Peek::Acc(okey(TAG_CONTAINER, "", Arc::as_ptr(it) as *const u8 as usize, 0), true)
                }
                _ => Peek::Any,
            },
            // `_thread.start_new_thread(f, args)` makes a thread that has run nothing
            // yet; it happens after this step (`StepRec::spawned`).
            Some(Value::Builtin(b)) if b.bound.is_none() && b.name == "start_new_thread" && argc == 2 => match (top(1), top(0)) {
                (Some(Value::Func(_) | Value::Method(_)), Some(Value::Tuple(_))) => Peek::Local,
                _ => Peek::Any,
            },
            Some(Value::Class(c)) if c.name.as_ref() == "deque" && prims(argc as usize) => Peek::Local,
            // `sorted((3, 1))`, `sum(totals)`, `tuple(pair)`: see READERS.
            Some(Value::Builtin(b)) if b.bound.is_none() && READERS.contains(&b.name) => reader_call(argc as usize, top),
            Some(Value::Class(c)) if &*c.module == "builtins" && matches!(&*c.name, "tuple" | "list" | "set" | "frozenset") && argc == 1 => {
                reader_call(1, top)
            }
            Some(Value::Builtin(_)) if !prims(argc as usize) => Peek::Any,
            c => call_kind(c, file),
        },
        Op::CallKw(argc, _) => match top(argc as usize) {
            Some(Value::Builtin(_)) => Peek::Any,
            c => call_kind(c, file),
        },
        Op::CallMethod(ni, argc) => {
            let m = name(ni);
            match top(argc as usize) {
                Some(Value::Inst(o)) if o.get(m).is_none() && matches!(o.class().lookup(m), Some(Value::Func(_))) => {
                    call_kind(o.class().lookup(m).as_ref(), file)
                }
                // `threading.Thread(...)`, `threading.Lock()`: reads the module's
                // attribute, then calls it.
                Some(Value::Module(md)) => match md.ns.get(m) {
                    Some(Value::Builtin(_)) if !prims(argc as usize) => Peek::Any,
                    Some(v) => match call_kind(Some(&v), file) {
                        Peek::Local => Peek::Acc(key(TAG_MODATTR, m, 0), false),
                        k => k,
                    },
                    None => Peek::Any,
                },
                Some(o @ Value::Native(_)) => match crate::stdlib::thread::the_lock(o) {
                    Ok(l) => Peek::Acc(lock_key(&l), true),
                    _ if is_deque(o)
                        && (prims(argc as usize)
                            || matches!(m, "append" | "appendleft")
                            || (0..argc as usize).all(|i| matches!(top(i), Some(n) if prim(n) || crate::stdlib::thread::the_lock(n).is_ok()))) =>
                    {
                        Peek::Acc(native_key(o), !matches!(m, "count" | "index" | "copy"))
                    }
                    _ => Peek::Any,
                },
                Some(c @ Value::List(_)) if matches!(m, "append" | "pop" | "insert" | "clear" | "reverse") && prims(argc as usize) => {
                    container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any)
                }
                Some(c @ Value::List(_)) if m == "append" => container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any),
                Some(Value::Dict(d)) if matches!(m, "get" | "pop" | "setdefault") && (1..=2).contains(&argc) && prims(argc as usize) => {
                    let k = top(argc as usize - 1).expect("argc args on the stack");
                    let kind = match m {
                        "get" => Item::Read,
                        "pop" => Item::Remove,
                        _ => Item::Store,
                    };
                    dict_item(d, k, kind).unwrap_or(Peek::Any)
                }
                // A whole-dict read is a write of the dict's shape key: an item's store
                // or removal only reads that key (see `dict_item`).
                Some(c @ Value::Dict(_)) if matches!(m, "keys" | "values" | "items" | "copy") && prims(argc as usize) => {
                    container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any)
                }
                Some(c @ Value::Dict(_)) if matches!(m, "pop" | "setdefault" | "clear") && prims(argc as usize) => {
                    container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any)
                }
                _ => Peek::Any,
            }
        }
        // `f(*args, **kwargs)`: the call's kind; the arguments are a built tuple/dict.
        Op::CallEx(has_kw) => {
            let args_ok = |v: Option<&Value>| matches!(v, Some(Value::Tuple(_) | Value::Dict(_)));
            let (callee, ok) = if has_kw { (top(2), args_ok(top(1)) && args_ok(top(0))) } else { (top(1), args_ok(top(0))) };
            match (callee, ok) {
                (Some(c @ (Value::Func(_) | Value::Method(_))), true) => call_kind(Some(c), file),
                (Some(Value::BMethod(_) | Value::Builtin(_)), true) if lock_of_bound(callee.expect("some")).is_some() => {
                    Peek::Acc(lock_key(&lock_of_bound(callee.expect("some")).expect("a lock")), true)
                }
                _ => Peek::Any,
            }
        }
        // Unpacking into a call's arguments: reads the unpacked container.
        Op::ListExtend => match top(0) {
            Some(Value::Tuple(_)) => Peek::Local,
            Some(c @ Value::List(_)) => container_key(c).map(|k| Peek::Acc(k, false)).unwrap_or(Peek::Any),
            _ => Peek::Any,
        },
        Op::DictUpdate => match top(0) {
            Some(c @ Value::Dict(_)) => container_key(c).map(|k| Peek::Acc(k, true)).unwrap_or(Peek::Any),
            _ => Peek::Any,
        },
        Op::WithExit => match top(0).and_then(lock_of_bound) {
            Some(l) => Peek::Acc(lock_key(&l), true),
            None => match top(0) {
                Some(m @ Value::Method(_)) => call_kind(Some(m), file),
                _ => Peek::Any,
            },
        },
        Op::WithExcept => match top(1).and_then(lock_of_bound) {
            Some(l) => Peek::Acc(lock_key(&l), true),
            None => match top(1) {
                Some(m @ Value::Method(_)) => call_kind(Some(m), file),
                _ => Peek::Any,
            },
        },
        Op::BeforeWith => match top(0) {
            Some(o @ Value::Native(_)) => match crate::stdlib::thread::the_lock(o) {
                Ok(l) => Peek::Acc(lock_key(&l), true),
                Err(_) => Peek::Any,
            },
            // A Python `__enter__`: its frame is pushed and watched.
            Some(Value::Inst(o))
                if !py_hook(&o.class(), "__getattribute__")
                    && o.get("__enter__").is_none()
                    && o.get("__exit__").is_none()
                    && matches!(o.class().lookup("__enter__"), Some(Value::Func(_)))
                    && matches!(o.class().lookup("__exit__"), Some(Value::Func(_))) =>
            {
                call_kind(o.class().lookup("__enter__").as_ref(), file)
            }
            _ => Peek::Any,
        },
        _ => Peek::Any,
    };
    p
}

/// How far the chosen thread runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Far {
    /// One step: up to (not including) its next instruction that others could see.
    Step,
    /// Exactly this many instructions of its own frames (fewer if it blocks or ends).
    Instrs(u32),
    /// A burst, without looking at each instruction (trials: fast).
    Burst(u32),
    /// The step explorer's move of one thread (see [`Move`]).
    Move(Move),
    /// Nobody runs: the step explorer's run pauses here (snapshot, then the run ends).
    Pause,
}

/// How far the step explorer's chosen thread runs. Library code (threading.py) runs
/// inside the learner's instruction that called it, up to its next wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// One instruction of the learner's code (or, from library code, up to the first).
    Instruction,
    /// Until it stands on another line, in another frame, or starts its line again.
    Line,
    /// Until it blocks or ends.
    UntilBlocked,
}

/// Most instructions one explorer move may run (a thread that never blocks).
pub const MOVE_BUDGET: u32 = 200_000;

/// Who runs next.
#[derive(Clone, Debug)]
pub enum Plan {
    /// The explorer's choices, one per step; past them, the default policy.
    Choices(Vec<ThreadNo>),
    /// A schedule of turns (thread, instructions), replayed as far as it fits; past it
    /// (or where it stops fitting) the default policy.
    Turns(Vec<(ThreadNo, u32)>),
    /// A seeded random pick and burst (`burst`: fixed burst length).
    Random { seed: u64, burst: Option<u32> },
    /// The step explorer: replay `turns` as far as they fit, then run `then`'s move,
    /// then pause (`Record::paused` holds the snapshot) and end the run.
    Pause { turns: Vec<(ThreadNo, u32)>, then: Option<(ThreadNo, Move)> },
}

/// One step of an explored run: who ran, who could have, what it touched.
#[derive(Clone, Debug)]
pub struct StepRec {
    pub thread: ThreadNo,
    pub enabled: Vec<ThreadNo>,
    pub foot: Foot,
    /// Threads this step started (they happen after it).
    pub spawned: Vec<ThreadNo>,
    /// The sleep set at this step's state (threads whose next step was already
    /// explored from an equivalent state), for steps past the plan's choices.
    pub sleep: Vec<(ThreadNo, Foot)>,
}

/// Where a replayed schedule stopped fitting the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the turn that did not fit.
    pub turn: usize,
    pub reason: String,
}

/// What one run did.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// Explorer steps (Plan::Choices and the default policy only).
    pub steps: Vec<StepRec>,
    /// The turns actually taken: replaying them gives the same run.
    pub turns: Vec<(ThreadNo, u32)>,
    pub diverged: Option<Divergence>,
    pub instructions: u64,
    /// The run was cut short (instruction limit, stop, a nested wait that cannot go on).
    pub cut: Option<String>,
    /// Threads that could still have run when the program ended (daemons).
    pub pending: Vec<ThreadNo>,
    /// Every thread that could run was asleep: this run only repeats explored ones.
    pub redundant: bool,
    /// `Plan::Pause`: the state where the run paused (or deadlocked).
    pub paused: Option<super::snapshot::Snapshot>,
    /// `Plan::Pause`: the move hit `MOVE_BUDGET` before it got where it was going.
    pub move_cut: bool,
}

#[derive(Default)]
struct Acc {
    foot: Foot,
    instrs: u32,
    /// An instruction or resumption happened in this step (Far::Step ends before the
    /// next visible instruction only then).
    started: bool,
    /// The instruction in progress was already counted (resumed inside a callback).
    skip_count: bool,
    far: Option<Far>,
    step: Option<usize>,
    spawned: Vec<ThreadNo>,
    /// Locks this step touched, and those it found free at its first touch.
    locks_seen: Vec<u64>,
    found_free: Vec<(u64, Arc<crate::vm::lock::Lock>)>,
}

impl Acc {
    /// The next instruction operates on lock `l`: a write of it, unless the step
    /// found it free and leaves it free (see `settle_locks`).
    fn note_lock(&mut self, l: &Arc<crate::vm::lock::Lock>) {
        let k = lock_key(l);
        if !self.locks_seen.contains(&k) {
            self.locks_seen.push(k);
            if !l.locked() {
                self.found_free.push((k, l.clone()));
            }
        }
        self.foot.push(k, true);
    }

    /// A lock found free and left free within one step (`with lock:` around a few
    /// operations) only read it: two such steps commute, and a step that takes the
    /// lock and keeps it still conflicts with both.
    fn settle_locks(&mut self) {
        for (k, l) in std::mem::take(&mut self.found_free) {
            if l.locked() {
                continue;
            }
            let foot = &mut self.foot;
            for i in 0..foot.acc.len() {
                if foot.acc[i] == (k, true) {
                    foot.acc[i].1 = false;
                    foot.stable[i].1 = false;
                }
            }
            // (A read of it too, from a `locked()` call: keep one entry.)
            let mut seen = Vec::new();
            let mut i = 0;
            while i < foot.acc.len() {
                if seen.contains(&foot.acc[i]) {
                    foot.acc.remove(i);
                    foot.stable.remove(i);
                } else {
                    seen.push(foot.acc[i]);
                    i += 1;
                }
            }
        }
    }
}

struct Slot {
    vm: Option<Box<Vm>>,
    turn: Turn,
    acc: Acc,
}

struct State {
    slots: BTreeMap<ThreadNo, Slot>,
    plan: Plan,
    at: usize,
    /// Past the plan (or off it): the default policy decides.
    defaulted: bool,
    rng: Rng,
    last: ThreadNo,
    streak: u32,
    rec: Record,
    /// Threads running on the host stack, innermost last.
    running: Vec<ThreadNo>,
    /// The drive target's end: its Vm and result.
    done: BTreeMap<ThreadNo, (Box<Vm>, Result<Value, Value>)>,
    /// The last turn may grow (its thread neither blocked nor finished since).
    open_turn: bool,
    /// Sleep set (explorer): applies from step `sleep_from` on.
    sleep: Vec<(ThreadNo, Foot)>,
    sleep_from: usize,
    /// Threads that ended, with their names (the step explorer lists them).
    finished: Vec<(ThreadNo, String)>,
    /// The program's interpreter (the step explorer reads its globals).
    interp: Option<Arc<crate::vm::interp::Interpreter>>,
}

/// Limits of one run.
#[derive(Clone, Default)]
pub struct Limits {
    /// Cut the run after this many instructions (0: no limit).
    pub max_instructions: u64,
    /// Set from outside (Stop): the run ends at the next instruction.
    pub stop: Option<Arc<AtomicBool>>,
    /// What `input()` reads, then EOF (an exercise check's answers; see
    /// `Options::stdin`). Not a limit, but it travels with every run of a search.
    pub stdin: Option<Arc<str>>,
}

/// The one-host-thread runner (see the module comment).
pub struct Solo {
    prog: Arc<Program>,
    me: Weak<Solo>,
    st: Mutex<State>,
    limits: Limits,
}

fn enabled_turn(t: &Turn) -> bool {
    match t {
        // (Interrupted is the baton runner's: Stop reaches Solo's runs as a kill.)
        Turn::Ready | Turn::Woken(_) | Turn::Interrupted | Turn::Blocked(WaitReason::Sleep { .. }) => true,
        Turn::Blocked(WaitReason::Lock { deadline: Some(_), .. }) => true,
        Turn::Blocked(WaitReason::Lock { lock, deadline: None, .. }) => !lock.locked(),
    }
}

impl Solo {
    pub fn new(prog: Arc<Program>, plan: Plan, limits: Limits) -> Arc<Solo> {
        let seed = match plan {
            Plan::Random { seed, .. } => seed,
            _ => 0,
        };
        Arc::new_cyclic(|me| Solo {
            prog,
            me: me.clone(),
            limits,
            st: Mutex::new(State {
                slots: BTreeMap::new(),
                plan,
                at: 0,
                defaulted: false,
                rng: Rng::new(seed),
                last: 0,
                streak: 0,
                rec: Record::default(),
                running: vec![],
                done: BTreeMap::new(),
                open_turn: false,
                sleep: vec![],
                sleep_from: usize::MAX,
                finished: vec![],
                interp: None,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the sleep set the explorer hands over for the steps after the choices
    /// (filtered by the last choice's step once it ran).
    pub fn set_sleep(&self, sleep: Vec<(ThreadNo, Foot)>, from: usize) {
        let mut st = self.lock();
        st.sleep = sleep;
        st.sleep_from = from;
    }

    /// The record of the run (call once it is over).
    pub fn take_record(&self) -> Record {
        std::mem::take(&mut self.lock().rec)
    }

    /// Lets go of the run's interpreter and threads once the run is over: the
    /// interpreter holds this runner as its scheduler, so keeping it (or a Vm, which
    /// holds it) here was a cycle that kept every run (issue 15: 3.9 KB per stepped
    /// trial, 460 KB per exploration).
    pub fn release(&self) {
        let mut st = self.lock();
        let parts = (st.interp.take(), std::mem::take(&mut st.done), std::mem::take(&mut st.slots));
        drop(st);
        drop(parts);
    }

    fn cut(&self, why: String) {
        {
            let mut st = self.lock();
            if st.rec.cut.is_none() {
                st.rec.cut = Some(why);
            }
        }
        self.prog.kill();
    }

    /// Trials keep the baton runner's time (`stepper.rs`): a sleeping thread, or one
    /// in a timed wait for a lock that is taken, runs only once its time has come, and
    /// the virtual clock jumps to the earliest such time only when no other thread
    /// can run. (The explorer instead lets any sleeper run at any time: a sleep only
    /// promises a minimum delay.) Without this, timed joins and overlapping sleeps
    /// in exercise checks time out early on the trial pool.
    fn due(st: &State, enabled: Vec<ThreadNo>, clock: &super::program::ProgramHost) -> Vec<ThreadNo> {
        let when = |no: &ThreadNo| match st.slots.get(no).map(|s| &s.turn) {
            Some(Turn::Blocked(WaitReason::Sleep { until })) => Some(*until),
            Some(Turn::Blocked(WaitReason::Lock { lock, deadline: Some(d), .. })) if lock.locked() => Some(*d),
            _ => None,
        };
        let now = clock.now();
        let ready: Vec<ThreadNo> = enabled.iter().copied().filter(|n| when(n).is_none_or(|t| t <= now)).collect();
        if !ready.is_empty() {
            return ready;
        }
        let Some(next) = enabled.iter().filter_map(when).min_by(f64::total_cmp) else { return enabled };
        clock.advance_to(next);
        let now = clock.now();
        enabled.into_iter().filter(|n| when(n).is_none_or(|t| t <= now)).collect()
    }

    /// Picks the next thread among `enabled` (sorted, never empty).
    fn choose(st: &mut State, enabled: &[ThreadNo]) -> (ThreadNo, Far) {
        if !st.defaulted {
            match &st.plan {
                Plan::Random { burst, .. } => {
                    let burst = *burst;
                    let no = enabled[st.rng.below(enabled.len() as u64) as usize];
                    let b = burst.unwrap_or_else(|| 1 + st.rng.below(MAX_BURST) as u32).max(1);
                    return (no, Far::Burst(b));
                }
                Plan::Choices(c) => {
                    if let Some(&want) = c.get(st.at) {
                        st.at += 1;
                        if enabled.contains(&want) {
                            return (want, Far::Step);
                        }
                        st.rec.diverged = Some(Divergence { turn: st.at - 1, reason: format!("step {}: thread {want} cannot run (ready: {enabled:?})", st.at - 1) });
                        st.defaulted = true;
                    } else {
                        st.defaulted = true;
                    }
                }
                Plan::Pause { turns, then } => {
                    let (at, n_turns, next, then) = (st.at, turns.len(), turns.get(st.at).copied(), *then);
                    if let Some((want, n)) = next {
                        st.at += 1;
                        if enabled.contains(&want) && n > 0 {
                            return (want, Far::Instrs(n));
                        }
                        st.rec.diverged = Some(Divergence {
                            turn: at,
                            reason: format!("turn {} of {n_turns}: thread {want} cannot run here (ready: {enabled:?})", at + 1),
                        });
                        st.defaulted = true;
                        return (0, Far::Pause);
                    }
                    if let (true, Some((want, m))) = (at == n_turns, then) {
                        st.at += 1;
                        if enabled.contains(&want) {
                            return (want, Far::Move(m));
                        }
                        st.rec.diverged = Some(Divergence { turn: at, reason: format!("thread {want} cannot run now (ready: {enabled:?})") });
                    }
                    st.defaulted = true;
                    return (0, Far::Pause);
                }
                Plan::Turns(t) => {
                    if let Some(&(want, n)) = t.get(st.at) {
                        st.at += 1;
                        if enabled.contains(&want) && n > 0 {
                            return (want, Far::Instrs(n));
                        }
                        st.rec.diverged = Some(Divergence {
                            turn: st.at - 1,
                            reason: format!("turn {}: thread {want} cannot run here (ready: {enabled:?})", st.at - 1),
                        });
                        st.defaulted = true;
                    } else {
                        st.defaulted = true;
                    }
                }
            }
        }
        if matches!(st.plan, Plan::Pause { .. }) {
            return (0, Far::Pause);
        }
        // The default: the thread that ran last goes on (no preemption) for a while,
        // then the next one in order; never a sleeping one.
        let awake: Vec<ThreadNo> = if st.rec.steps.len() >= st.sleep_from {
            enabled.iter().copied().filter(|n| !st.sleep.iter().any(|(s, _)| s == n)).collect()
        } else {
            enabled.to_vec()
        };
        if awake.is_empty() {
            st.rec.redundant = true;
            return (0, Far::Step);
        }
        let no = if awake.contains(&st.last) && st.streak < MAX_STREAK {
            st.last
        } else {
            *awake.iter().find(|&&n| n > st.last).unwrap_or(&awake[0])
        };
        (no, Far::Step)
    }

    /// Runs threads until the drive target `Some(t)` finished, or (in place) until
    /// `waiter` may go on: then returns its wait's result.
    fn schedule(&self, target: Option<ThreadNo>, waiter: Option<ThreadNo>) -> Option<Option<Value>> {
        let prog = &*self.prog;
        loop {
            if prog.killed() {
                return None;
            }
            if self.limits.stop.as_ref().map(|s| s.load(Ordering::Relaxed)).unwrap_or(false) {
                self.cut("stopped".into());
                return None;
            }
            let mut st = self.lock();
            if let Some(t) = target {
                if st.done.contains_key(&t) {
                    return Some(None);
                }
            }
            let enabled: Vec<ThreadNo> = st
                .slots
                .iter()
                .filter(|(no, s)| (s.vm.is_some() || Some(**no) == waiter) && enabled_turn(&s.turn))
                .map(|(no, _)| *no)
                .collect();
            if enabled.is_empty() {
                let stuck_outer = st.slots.iter().any(|(_, s)| s.vm.is_none() && enabled_turn(&s.turn));
                if stuck_outer {
                    drop(st);
                    self.cut("a wait inside a builtin's callback could not be resumed on one host thread".into());
                    return None;
                }
                if matches!(st.plan, Plan::Pause { .. }) {
                    let snap = self.snapshot(&st, true);
                    st.rec.paused = Some(snap);
                }
                let blocked: Vec<(ThreadNo, std::sync::Arc<crate::vm::lock::Lock>)> = st
                    .slots
                    .iter()
                    .filter_map(|(no, s)| match &s.turn {
                        Turn::Blocked(WaitReason::Lock { lock, .. }) => Some((*no, lock.clone())),
                        _ => None,
                    })
                    .collect();
                drop(st);
                let report = deadlock_text(blocked.iter().filter_map(|(no, lock)| {
                    let (name, info) = prog.waiting_info(*no)?;
                    let holder = lock.blocker_of(*no, info.kind).map(|h| prog.name_of(h));
                    Some((name, info, holder))
                }));
                prog.deadlocked(&report);
                return None;
            }
            let enabled = if matches!(st.plan, Plan::Random { .. }) { Self::due(&st, enabled, &prog.host) } else { enabled };
            let (no, far) = Self::choose(&mut st, &enabled);
            if far == Far::Pause {
                let snap = self.snapshot(&st, false);
                st.rec.paused = Some(snap);
                drop(st);
                self.cut("paused".into());
                return None;
            }
            if no == 0 {
                drop(st);
                self.cut("every thread that could run was asleep (an equivalent run was explored)".into());
                return None;
            }
            if no == st.last {
                st.streak += 1;
            } else {
                st.streak = 0;
            }
            st.last = no;
            let step = if matches!(far, Far::Step) && !matches!(st.plan, Plan::Random { .. }) {
                let sleep = if st.rec.steps.len() >= st.sleep_from { st.sleep.clone() } else { vec![] };
                st.rec.steps.push(StepRec { thread: no, enabled: enabled.clone(), foot: Foot::default(), spawned: vec![], sleep });
                Some(st.rec.steps.len() - 1)
            } else {
                None
            };
            let slot = st.slots.get_mut(&no).expect("enabled thread has a slot");
            let turn = std::mem::replace(&mut slot.turn, Turn::Ready);
            // Taking the lock a thread waited for is a write of that lock.
            let (woke, lock_woke) = match turn {
                Turn::Ready | Turn::Interrupted => (None, None),
                Turn::Woken(v) => (v, None),
                Turn::Blocked(WaitReason::Sleep { until }) => {
                    prog.host.advance_to(until);
                    (None, None)
                }
                Turn::Blocked(WaitReason::Lock { lock, deadline, count }) => {
                    let k = lock_key(&lock);
                    if lock.try_acquire_at(no, count) {
                        (Some(Value::Bool(true)), Some(k))
                    } else {
                        if let Some(d) = deadline {
                            prog.host.advance_to(d);
                        }
                        (Some(Value::Bool(false)), Some(k))
                    }
                }
            };
            let mut acc = Acc { far: Some(far), step, ..Acc::default() };
            if let Some(k) = lock_woke {
                // Taken after a wait (or timed out): a write, never "found free".
                acc.locks_seen.push(k);
                acc.foot.push(k, true);
            }
            if Some(no) == waiter {
                // The in-place waiter goes on inside its callback: a new step of its
                // own, counting the instruction in progress no more.
                acc.started = true;
                acc.skip_count = true;
                slot.acc = acc;
                drop(st);
                prog.set_state(no, ThreadState::Running);
                return Some(woke);
            }
            slot.acc = acc;
            drop(st);
            self.run_step(no, woke);
        }
    }

    /// Ends `no`'s current step: its footprint into the step record, its
    /// instructions into the turns.
    fn flush(st: &mut State, no: ThreadNo, closes_turn: bool) {
        let Some(slot) = st.slots.get_mut(&no) else { return };
        let mut acc = std::mem::take(&mut slot.acc);
        acc.settle_locks();
        if let Some(i) = acc.step {
            if let Some(s) = st.rec.steps.get_mut(i) {
                s.foot = acc.foot;
                s.spawned = acc.spawned;
                if i + 1 >= st.sleep_from {
                    let f = s.foot.clone();
                    st.sleep.retain(|(u, g)| *u != no && !dependent_across_runs(g, &f));
                }
            }
        }
        Self::count_turn(st, no, acc.instrs, closes_turn);
    }

    fn count_turn(st: &mut State, no: ThreadNo, n: u32, closes_turn: bool) {
        if n > 0 {
            match st.rec.turns.last_mut() {
                Some((t, k)) if *t == no && st.open_turn => *k += n,
                _ => st.rec.turns.push((no, n)),
            }
        }
        st.open_turn = !closes_turn;
    }

    /// Runs one step (or turn, or burst) of thread `no`.
    fn run_step(&self, no: ThreadNo, woke: Option<Value>) {
        let prog = &*self.prog;
        let file = prog.filename.clone();
        let (mut vm, far) = {
            let mut st = self.lock();
            st.running.push(no);
            let slot = st.slots.get_mut(&no).expect("slot");
            (slot.vm.take().expect("a runnable thread's Vm is in its slot"), slot.acc.far.unwrap_or(Far::Step))
        };
        prog.set_state(no, ThreadState::Running);
        if let Some(v) = woke {
            prog.record(&vm, What::Woke(matches!(v, Value::Bool(true))));
            vm.finish_wait(v);
        }
        prog.record(&vm, What::GilTaken);
        let out = match far {
            Far::Burst(b) => {
                vm.steps_left = b;
                let out = run_thread(&mut vm, i64::MAX as u64);
                let used = b.saturating_sub(vm.steps_left).max(1);
                prog.host.advance(used as u64 * NS_PER_STEP);
                let mut st = self.lock();
                st.rec.instructions += used as u64;
                if let Some(s) = st.slots.get_mut(&no) {
                    s.acc.instrs += used;
                }
                drop(st);
                self.over_limit();
                out
            }
            Far::Step | Far::Instrs(_) | Far::Move(_) | Far::Pause => {
            // The last instruction run was the learner's, and not a call into library
            // code.
            let mut after_user = false;
            // Far::Move: where the thread started (frames, code, line, ip) if in the
            // learner's code, and how many of the learner's instructions it ran.
            let mut start: Option<(usize, *const crate::vm::code::Code, u32, usize)> = None;
            let mut first = true;
            let mut user_ran = 0u32;
            loop {
                let w = peek(&vm, &file);
                if let Far::Move(m) = far {
                    let here = vm.frames.last().map(|f| (vm.frames.len(), Arc::as_ptr(&f.code), f.code.lines.get(f.ip).copied().unwrap_or(0), f.ip));
                    let at_user = matches!(w, Where::User(_));
                    if first {
                        first = false;
                        start = if at_user { here } else { None };
                    } else if at_user {
                        let stop = match m {
                            Move::Instruction => user_ran >= 1 || start.is_none(),
                            Move::Line => match (start, here) {
                                (Some((d0, c0, l0, ip0)), Some((d, c, l, ip))) => user_ran >= 1 && (d != d0 || c != c0 || l != l0 || ip <= ip0),
                                _ => true,
                            },
                            Move::UntilBlocked => false,
                        };
                        if stop {
                            break RunOutcome::Yielded;
                        }
                    }
                    let mut st = self.lock();
                    let used = st.slots.get(&no).map(|s| s.acc.instrs).unwrap_or(0);
                    if used >= MOVE_BUDGET {
                        st.rec.move_cut = true;
                        break RunOutcome::Yielded;
                    }
                    drop(st);
                    if at_user {
                        user_ran += 1;
                    }
                }
                {
                    let mut st = self.lock();
                    let Some(slot) = st.slots.get_mut(&no) else { break RunOutcome::Yielded };
                    let acc = &mut slot.acc;
                    let far = acc.far.unwrap_or(Far::Step);
                    match &w {
                        Where::Done => {}
                        Where::Library => {
                            // Returning into library code (a thread's target ends) starts
                            // a step of its own: otherwise the learner's last access and
                            // the library's bookkeeping form one step, and every order
                            // of that bookkeeping multiplies the learner's interleavings.
                            if SPLIT_AT_LIBRARY && far == Far::Step && acc.started && after_user && !acc.foot.is_empty() {
                                break RunOutcome::Yielded;
                            }
                            // Library code's footprint, instruction by instruction:
                            // what it cannot name exactly makes the step `lib`.
                            if let Some(l) = lock_target(&vm) {
                                acc.note_lock(&l);
                            } else {
                                match peek_op(&vm, &file, true) {
                                    // A call of library code pushes its frame: its
                                    // instructions are looked at one by one.
                                    Peek::Local | Peek::Lib => {}
                                    Peek::Any => {
                                        if lib_debug() {
                                            if let Some(f) = vm.frames.last() {
                                                eprintln!("lib any: {} line {} {:?}", f.code.filename, f.code.lines.get(f.ip).copied().unwrap_or(0), f.code.ops.get(f.ip));
                                            }
                                        }
                                        acc.foot.lib = true
                                    }
                                    p => acc.foot.add(&p),
                                }
                            }
                        }
                        Where::User(p) => {
                            if far == Far::Step && acc.started && *p != Peek::Local {
                                break RunOutcome::Yielded;
                            }
                            if let Some(l) = lock_target(&vm) {
                                acc.note_lock(&l);
                            } else if *p != Peek::Lib {
                                // (A call into library code: its frames say what it does.)
                                acc.foot.add(p);
                            }
                        }
                    }
                    if let Far::Instrs(k) = far {
                        if acc.instrs >= k {
                            break RunOutcome::Yielded;
                        }
                    }
                }
                vm.steps_left = 1;
                after_user = matches!(w, Where::User(ref p) if *p != Peek::Lib);
                let watch = user_lines(&vm);
                let guarded = matches!(w, Where::Library | Where::User(Peek::Lib));
                if let Some(u) = watch {
                    u.0.store(false, Ordering::Relaxed);
                }
                let out = run_thread(&mut vm, i64::MAX as u64);
                prog.host.advance(NS_PER_STEP);
                // The learner's code ran inside library code, where it was not
                // watched: the step may have touched anything.
                // (A line reported while entering a frame of the learner's code at the
                // top level is no such case: then that frame is on top now.)
                let nested_user = guarded
                    && user_lines(&vm).map(|u| u.0.load(Ordering::Relaxed)).unwrap_or(false)
                    && !matches!(peek(&vm, &file), Where::User(_));
                {
                    let mut st = self.lock();
                    if nested_user {
                        if let Some(slot) = st.slots.get_mut(&no) {
                            slot.acc.foot.any = true;
                        }
                    }
                    st.rec.instructions += 1;
                    if let Some(slot) = st.slots.get_mut(&no) {
                        if slot.acc.skip_count {
                            slot.acc.skip_count = false;
                        } else {
                            slot.acc.instrs += 1;
                        }
                        slot.acc.started = true;
                    }
                }
                if self.over_limit() || prog.killed() {
                    break out;
                }
                if !matches!(out, RunOutcome::Yielded) {
                    break out;
                }
            }
            }
        };
        let mut st = self.lock();
        st.running.pop();
        match out {
            RunOutcome::Yielded => {
                prog.record(&vm, What::GilDropped);
                Self::flush(&mut st, no, false);
                if let Some(s) = st.slots.get_mut(&no) {
                    s.vm = Some(vm);
                }
            }
            RunOutcome::Blocked(w) => {
                prog.record(&vm, What::GilDropped);
                vm.trace_line();
                drop(st);
                prog.note_wait(&vm, &w);
                let mut st = self.lock();
                Self::flush(&mut st, no, true);
                if let Some(s) = st.slots.get_mut(&no) {
                    s.turn = Turn::Blocked(w);
                    s.vm = Some(vm);
                }
            }
            RunOutcome::Finished(r) => {
                Self::flush(&mut st, no, true);
                st.slots.remove(&no);
                if no != 1 {
                    let name = prog.name_of(no);
                    st.finished.push((no, name));
                }
                if TARGET.with(|t| t.get()) == no {
                    st.done.insert(no, (vm, r));
                    return;
                }
                drop(st);
                if let Err(e) = r {
                    if !prog.killed() {
                        let text = vm.format_exception(&e);
                        prog.host.write_stderr(&text);
                    }
                }
                prog.unregister(&vm);
            }
        }
    }

    /// The step explorer's view of every thread, as the run stands (see `snapshot`).
    fn snapshot(&self, st: &State, deadlock: bool) -> super::snapshot::Snapshot {
        use super::snapshot::{frames_of, lock_name, main_globals, value_text, LockView, Snapshot, Status, ThreadView, WaitView};
        let prog = &*self.prog;
        let file = &*prog.filename;
        let globals = st.interp.as_ref().map(|i| main_globals(i)).unwrap_or_default();
        let mut locks: Vec<LockView> = globals
            .iter()
            .filter_map(|(k, v)| crate::stdlib::thread::the_lock(v).ok().map(|l| LockView { id: l.serial(), name: k.clone(), holder: l.owner() }))
            .collect();
        let mut threads: Vec<ThreadView> = Vec::new();
        for (&no, slot) in &st.slots {
            let Some(vm) = slot.vm.as_deref() else {
                threads.push(ThreadView { no, name: prog.name_of(no), status: Status::Nested, frames: vec![], line: None, next: None });
                continue;
            };
            let waiting = matches!(slot.turn, Turn::Blocked(WaitReason::Lock { .. }));
            let (frames, line, next) = frames_of(vm, file, waiting);
            let status = match &slot.turn {
                Turn::Ready | Turn::Woken(_) | Turn::Interrupted => Status::Ready,
                Turn::Blocked(WaitReason::Sleep { .. }) => Status::Sleeping,
                Turn::Blocked(WaitReason::Lock { lock, .. }) => {
                    let info = prog.waiting_info(no).map(|(_, i)| i);
                    let kind = info.as_ref().map(|i| i.kind).unwrap_or("lock");
                    let name = lock_name(&globals, lock);
                    if !locks.iter().any(|l| l.id == lock.serial()) {
                        locks.push(LockView { id: lock.serial(), name: name.clone(), holder: lock.owner() });
                    }
                    let wait = WaitView {
                        kind: kind.to_string(),
                        api: info.as_ref().map(|i| i.api.clone()).unwrap_or_else(|| "Lock.acquire".into()),
                        lock: name,
                        lock_id: lock.serial(),
                        holder: lock.blocker_of(no, kind),
                        line: info.as_ref().map(|i| i.line).or(line).unwrap_or(0),
                    };
                    Status::Waiting { wait, enabled: enabled_turn(&slot.turn) }
                }
            };
            threads.push(ThreadView { no, name: prog.name_of(no), status, frames, line, next });
        }
        if !threads.iter().any(|t| t.no == 1) && !st.finished.iter().any(|(n, _)| *n == 1) {
            threads.push(ThreadView { no: 1, name: "MainThread".into(), status: Status::Finished, frames: vec![], line: None, next: None });
        }
        for (no, name) in &st.finished {
            threads.push(ThreadView { no: *no, name: name.clone(), status: Status::Finished, frames: vec![], line: None, next: None });
        }
        threads.sort_by_key(|t| t.no);
        let globals = globals.iter().map(|(k, v)| (k.clone(), value_text(v))).collect();
        Snapshot { threads, globals, locks, deadlock }
    }

    /// True (and the run cut) once the run used more instructions than allowed.
    fn over_limit(&self) -> bool {
        let max = self.limits.max_instructions;
        if max == 0 {
            return false;
        }
        let n = self.lock().rec.instructions;
        if n > max {
            self.cut(format!("stopped after {max} instructions"));
            return true;
        }
        false
    }
}

/// Notes that a line of the learner's code ran (installed as the line trace of
/// explored threads, which have no timeline).
pub struct UserLines(AtomicBool);

impl crate::vm::host::LineTrace for UserLines {
    fn line(&self, _at_ms: f64, _line: u32) {
        self.0.store(true, Ordering::Relaxed);
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn user_lines(vm: &Vm) -> Option<&UserLines> {
    vm.trace().and_then(|t| t.as_any().downcast_ref::<UserLines>())
}

/// Explored threads (no timeline) get a [`UserLines`] watch.
fn watch(vm: &mut Vm, plan: &Plan) {
    if vm.trace().is_none() && !matches!(plan, Plan::Random { .. }) {
        vm.set_trace(Some(Arc::new(UserLines(AtomicBool::new(false)))));
    }
}

thread_local! {
    /// The thread the current `drive` call waits for (ident of its Vm).
    static TARGET: std::cell::Cell<ThreadNo> = const { std::cell::Cell::new(0) };
}

impl Runner for Solo {
    fn program(&self) -> &Arc<Program> {
        &self.prog
    }

    fn joined(&self, no: ThreadNo) {
        let mut st = self.lock();
        st.slots.entry(no).or_insert(Slot { vm: None, turn: Turn::Ready, acc: Acc::default() });
    }

    /// Runs every thread until `vm`'s thread finishes (the main module, then
    /// `threading._shutdown`).
    fn drive(&self, vm: &mut Vm) -> Ended {
        crate::vm::stack::mark_base();
        let no = vm.ident;
        vm.set_stepping(true);
        watch(vm, &self.lock().plan);
        self.lock().interp.get_or_insert_with(|| vm.interp.clone());
        let placeholder = Vm::new(vm.interp.clone());
        let owned = std::mem::replace(vm, placeholder);
        {
            let mut st = self.lock();
            st.slots.insert(no, Slot { vm: Some(Box::new(owned)), turn: Turn::Ready, acc: Acc::default() });
        }
        TARGET.with(|t| t.set(no));
        self.schedule(Some(no), None);
        TARGET.with(|t| t.set(0));
        let mut st = self.lock();
        if let Some((b, r)) = st.done.remove(&no) {
            *vm = *b;
            return Ended::Finished(r);
        }
        if let Some(b) = st.slots.get_mut(&no).and_then(|s| s.vm.take()) {
            *vm = *b;
        }
        st.rec.pending = st.slots.iter().filter(|(_, s)| s.vm.is_some() && enabled_turn(&s.turn)).map(|(n, _)| *n).collect();
        Ended::Killed
    }

    fn close(&self) {
        {
            let mut st = self.lock();
            if matches!(st.plan, Plan::Pause { .. }) && st.rec.paused.is_none() {
                let snap = self.snapshot(&st, false);
                st.rec.paused = Some(snap);
            }
            if st.rec.pending.is_empty() {
                st.rec.pending = st.slots.iter().filter(|(_, s)| s.vm.is_some() && enabled_turn(&s.turn)).map(|(n, _)| *n).collect();
            }
            // Abandoned threads: dropped here, after the program is marked over.
        }
        self.prog.close();
        // Abandoned threads leave the registry, so the program can be finalized.
        let slots = std::mem::take(&mut self.lock().slots);
        for (_, s) in slots {
            if let Some(vm) = s.vm {
                self.prog.unregister(&vm);
            }
        }
    }
}

impl Scheduler for Solo {
    fn check_point(&self) -> Decision {
        if self.prog.killed() {
            Decision::Yield
        } else {
            Decision::Continue
        }
    }

    /// A wait inside a builtin's callback: run the other threads right here until
    /// this one may go on.
    fn wait_in_place(&self, me: ThreadNo, why: &WaitReason, _host: &dyn Host) -> Result<Option<Value>, Value> {
        if let WaitReason::Lock { lock, deadline, .. } = why {
            let info = WaitInfo { kind: "lock", api: "acquire".into(), line: 0, text: String::new() };
            self.prog.set_state(me, ThreadState::Blocked { lock: lock.clone(), timed: deadline.is_some(), info });
        }
        {
            let mut st = self.lock();
            if let Some(s) = st.slots.get_mut(&me) {
                // The instruction in progress belongs to the turn that ends here.
                if !s.acc.skip_count {
                    s.acc.instrs += 1;
                }
                s.acc.foot.any = true;
                s.turn = Turn::Blocked(why.clone());
            }
            Self::flush(&mut st, me, true);
            st.running.retain(|&n| n != me);
        }
        let r = self.schedule(None, Some(me));
        self.lock().running.push(me);
        match r {
            Some(v) => Ok(v),
            None => Err(abandoned()),
        }
    }

    fn start_thread(&self, mut vm: Vm) -> Result<ThreadNo, String> {
        if self.prog.killed() || self.me.upgrade().is_none() {
            return Err("can't start new thread".into());
        }
        let no = self.prog.next_thread_no();
        self.prog.register(&mut vm, no, &format!("Thread {no}"));
        vm.set_stepping(true);
        self.prog.record(&vm, What::Started);
        let mut st = self.lock();
        watch(&mut vm, &st.plan);
        if let Some(&parent) = st.running.last() {
            if let Some(s) = st.slots.get_mut(&parent) {
                s.acc.spawned.push(no);
            }
        }
        st.slots.insert(no, Slot { vm: Some(Box::new(vm)), turn: Turn::Ready, acc: Acc::default() });
        Ok(no)
    }

    /// Nested calls run to completion: no switch inside a callback (0: the caller's
    /// burst is over once the callback returns).
    fn yield_in_place(&self, _me: ThreadNo) -> Result<u32, Value> {
        if self.prog.killed() {
            return Err(abandoned());
        }
        Ok(0)
    }

    fn thread_named(&self, me: ThreadNo, name: &str) {
        self.prog.thread_named(me, name)
    }

    fn thread_count(&self) -> usize {
        self.prog.thread_count()
    }
}
