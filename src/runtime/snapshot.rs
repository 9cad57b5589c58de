//! What the step explorer shows of a paused run: each thread's frames (line, locals),
//! the instruction it is about to run (named as `dis` names it), what it waits for and
//! who holds that lock, and the learner's globals. Built read-only from the paused
//! threads of the `Solo` runner (`Plan::Pause`); values are shown without running any
//! Python code (a learner's `__repr__` could do anything, even wait for a lock).

use std::sync::Arc;

use crate::vm::code::Code;
use crate::vm::host::ThreadNo;
use crate::vm::interp::Vm;
use crate::vm::lock::Lock;
use crate::vm::value::Value;

/// One frame of a thread's call stack (outermost first in [`ThreadView::frames`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameView {
    pub func: String,
    /// The line of the instruction this frame runs next (callers: the call's line).
    pub line: u32,
    /// In the learner's program (false: our library, e.g. threading.py).
    pub user: bool,
    pub locals: Vec<(String, String)>,
    /// The values this frame has computed and not yet used (its evaluation stack,
    /// bottom first): where `counter + 1` waits before `STORE_GLOBAL` stores it.
    pub stack: Vec<String>,
}

/// What a blocked thread waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitView {
    /// "lock", "join", "event", ... (see `deadlock::describe_wait`).
    pub kind: String,
    /// The API the program called (`Lock.acquire`, `Thread.join`).
    pub api: String,
    /// The lock's name in the learner's globals (`lock_a`), else `lock #N`.
    pub lock: String,
    /// The lock's creation number in this run (the same in every replay).
    pub lock_id: u64,
    /// Who holds it (a plain lock wait; None for joins, events... and free locks).
    pub holder: Option<ThreadNo>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// May be picked to run next.
    Ready,
    /// Sleeping (`time.sleep`): may be picked, time is virtual.
    Sleeping,
    /// Waiting: `enabled` when what it waits for is free (picking it takes the lock,
    /// or times the wait out).
    Waiting { wait: WaitView, enabled: bool },
    /// Running a builtin's callback that waits: not resumable from here.
    Nested,
    Finished,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadView {
    pub no: ThreadNo,
    pub name: String,
    pub status: Status,
    pub frames: Vec<FrameView>,
    /// The learner's line this thread stands at (its innermost frame of the program).
    pub line: Option<u32>,
    /// The next instruction, when the innermost frame is the learner's
    /// (`LOAD_GLOBAL counter`, `BINARY_OP +=`).
    pub next: Option<String>,
}

impl ThreadView {
    pub fn can_run(&self) -> bool {
        matches!(self.status, Status::Ready | Status::Sleeping | Status::Waiting { enabled: true, .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockView {
    pub id: u64,
    pub name: String,
    pub holder: Option<ThreadNo>,
}

/// A paused (or ended) run, as the step explorer draws it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub threads: Vec<ThreadView>,
    /// The learner's module globals (modules, functions and classes left out).
    pub globals: Vec<(String, String)>,
    /// Locks the program's globals name, and locks someone waits for.
    pub locks: Vec<LockView>,
    /// Every thread waits and none can go on.
    pub deadlock: bool,
}

impl Snapshot {
    pub fn thread(&self, no: ThreadNo) -> Option<&ThreadView> {
        self.threads.iter().find(|t| t.no == no)
    }
}

/// Longest value text shown (longer ones end in `…`).
const MAX_VALUE: usize = 80;

fn cut(mut s: String) -> String {
    if s.chars().count() > MAX_VALUE {
        s = s.chars().take(MAX_VALUE - 1).collect();
        s.push('…');
    }
    s
}

/// A value as the explorer shows it: like `repr` for builtin values, a short
/// `<Class object>` for the learner's objects, and a lock's state.
pub fn value_text(v: &Value) -> String {
    cut(value_text_in(v, 0))
}

fn value_text_in(v: &Value, depth: usize) -> String {
    use crate::vm::ops::repr_simple;
    if depth > 3 {
        return "…".into();
    }
    match v {
        Value::Native(_) => match crate::stdlib::thread::the_lock(v) {
            Ok(l) => format!("<{} {}>", if l.locked() { "locked" } else { "unlocked" }, if l.is_reentrant() { "RLock" } else { "Lock" }),
            Err(_) => repr_simple(v),
        },
        Value::Inst(i) => format!("<{} object>", i.class().qualname),
        Value::List(l) => {
            let items = crate::vm::value::lock(l).clone();
            let parts: Vec<String> = items.iter().take(20).map(|x| value_text_in(x, depth + 1)).collect();
            format!("[{}{}]", parts.join(", "), if items.len() > 20 { ", …" } else { "" })
        }
        Value::Tuple(t) => {
            let parts: Vec<String> = t.iter().take(20).map(|x| value_text_in(x, depth + 1)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::Func(f) => format!("<function {}>", f.qualname),
        _ => repr_simple(v),
    }
}

/// Globals worth showing: not dunders, modules, functions or classes.
fn shown_global(name: &str, v: &Value) -> bool {
    !name.starts_with("__") && !matches!(v, Value::Module(_) | Value::Func(_) | Value::Class(_) | Value::Builtin(_))
}

/// The instruction at `ip` of `code` as `dis` names it, with its argument resolved.
fn instruction(code: &Code, ip: usize) -> Option<String> {
    code.instruction_text(ip)
}

/// What the snapshot builder needs to know of one thread.
pub struct ThreadIn<'a> {
    pub no: ThreadNo,
    pub name: String,
    pub vm: Option<&'a Vm>,
    pub status: Status,
}

/// The module globals of the learner's program.
pub fn main_globals(interp: &crate::vm::interp::Interpreter) -> Vec<(String, Value)> {
    let m = crate::vm::value::lock(&interp.modules).get("__main__").cloned();
    let Some(Value::Module(m)) = m else { return vec![] };
    let map = crate::vm::value::lock(&m.ns.map);
    let mut v: Vec<(String, Value)> = map.iter().filter(|(k, v)| shown_global(k, v)).map(|(k, v)| (k.to_string(), v.clone())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// A lock's name: the global naming it, else its creation number.
pub fn lock_name(globals: &[(String, Value)], l: &Arc<Lock>) -> String {
    globals
        .iter()
        .find(|(_, v)| crate::stdlib::thread::the_lock(v).map(|g| Arc::ptr_eq(&g, l)).unwrap_or(false))
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| format!("lock #{}", l.serial()))
}

/// The view of one thread's frames (outermost first).
///
/// A waiting thread is inside the instruction that waits (`BEFORE_WITH`, a `CALL`):
/// that one, not the one after it, is shown as its line and next instruction (it
/// completes when the thread is picked).
pub fn frames_of(vm: &Vm, file: &str, waiting: bool) -> (Vec<FrameView>, Option<u32>, Option<String>) {
    let at = |f: &crate::vm::frame::Frame| if waiting { f.ip.saturating_sub(1) } else { f.ip };
    let frames: Vec<FrameView> = vm
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let top = i + 1 == vm.frames.len();
            // The innermost frame stands before `ip`; callers are inside their call.
            let line = if top { f.code.lines.get(at(f)).copied().unwrap_or_else(|| f.line()) } else { f.line() };
            let user = *f.code.filename == *file;
            let locals = if user {
                f.code
                    .varnames
                    .iter()
                    .zip(f.locals.iter())
                    .filter_map(|(n, v)| v.as_ref().map(|v| (n.to_string(), value_text(v))))
                    .chain(f.code.cellvars.iter().chain(f.code.freevars.iter()).zip(f.cells.iter()).filter_map(|(n, c)| crate::vm::value::lock(c).as_ref().map(|v| (n.to_string(), value_text(v)))))
                    .collect()
            } else {
                vec![]
            };
            let func = if &*f.code.qualname == "<module>" { "<module>".to_string() } else { f.code.qualname.to_string() };
            // Data only: the bound `__exit__` a `with` keeps, iterators and callables
            // are the interpreter's bookkeeping; a waiting instruction's operands are
            // in use (`at` above).
            let data = |v: &&Value| !matches!(v, Value::Builtin(_) | Value::BMethod(_) | Value::Method(_) | Value::Func(_) | Value::Class(_) | Value::Module(_) | Value::Iter(_) | Value::Gen(_));
            let stack = if user && !(top && waiting) { f.stack.iter().filter(data).map(value_text).collect() } else { vec![] };
            FrameView { func, line, user, locals, stack }
        })
        .collect();
    let line = frames.iter().rev().find(|f| f.user).map(|f| f.line);
    let next = vm.frames.last().filter(|f| *f.code.filename == *file).and_then(|f| instruction(&f.code, at(f)));
    (frames, line, next)
}
