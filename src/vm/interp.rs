//! The interpreter's state: one [`Interpreter`] per program (builtins, modules, host,
//! scheduler), one [`Vm`] per thread (its frame stack), and [`run_thread`], the entry
//! point the runtime drives. The loop itself is in `eval.rs`; each protocol (call,
//! attr, binary, compare, item, iterate, repr, import, traceback) has its own file.

use super::code::*;
use super::frame::*;
use super::value::*;
use super::host::{Host, Scheduler, WaitReason};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use super::eval::Exit;


/// One program: shared by all its threads.
pub struct Interpreter {
    pub host: Arc<dyn Host>,
    pub scheduler: Arc<dyn Scheduler>,
    pub builtins: Arc<Namespace>,
    /// The importable modules (the VM's only link to the standard library).
    pub library: super::import::Library,
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

/// Per-thread state: the frame stack.
pub struct Vm {
    pub interp: Arc<Interpreter>,
    pub frames: Vec<Box<Frame>>,
    /// Depth of Rust-level re-entries (builtins calling Python code).
    pub nested: usize,
    pub pending: Option<WaitReason>,
    pub(crate) gen_done: bool,
    /// What the generator that just finished under `gen_next_rust` returned (the
    /// value of `yield from` / `await`, StopIteration's value for `send`).
    pub(crate) gen_return: Value,
    pub(crate) checks: u32,
    pub(crate) repr_guard: Vec<usize>,
    /// The runtime's number for this thread (1 = the main thread).
    pub ident: u64,
    /// Only the main thread gets KeyboardInterrupt when the learner presses Stop.
    pub is_main: bool,
    pub(crate) interrupted: bool,
    /// Where this thread records the lines it reaches (only when someone traces);
    /// set with `set_trace`.
    pub(crate) trace: Option<Arc<dyn super::host::LineTrace>>,
    pub(crate) last_line: u32,
    /// Stepped mode: yield after `steps_left` more instructions (set with
    /// `set_stepping`).
    pub(crate) stepping: bool,
    pub steps_left: u32,
    /// `stepping || trace.is_some()`: the eval loop's per-instruction work.
    pub(crate) slow_path: bool,
    /// This thread's class-attribute and globals caches (`cache.rs`).
    pub(crate) caches: super::cache::Caches,
    /// Finished frames kept for reuse (`Vm::new_frame`).
    pub(crate) free_frames: Vec<Box<Frame>>,
    /// Library modules this thread is running the code of (see `import.rs`).
    pub(crate) importing: Vec<(Name, Value)>,
}

pub enum Called {
    Value(Value),
    Frame,
}


impl Interpreter {
    pub fn new(host: Arc<dyn Host>, scheduler: Arc<dyn Scheduler>, argv: Vec<String>, library: super::import::Library) -> Arc<Interpreter> {
        let builtins = Namespace::new();
        super::builtins::install(&builtins);
        Arc::new(Interpreter {
            host,
            scheduler,
            builtins,
            library,
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
        crate::python::compile(src, filename).map(Code::load)
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

impl Vm {
    pub fn new(interp: Arc<Interpreter>) -> Vm {
        Vm {
            interp,
            frames: vec![],
            nested: 0,
            pending: None,
            gen_done: false,
            gen_return: Value::None,
            importing: Vec::new(),
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
            caches: Default::default(),
            free_frames: Vec::new(),
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

    /// Turns stepping on or off (stepped mode runs bursts of instructions).
    pub fn set_stepping(&mut self, on: bool) {
        self.stepping = on;
        self.slow_path = self.stepping || self.trace.is_some();
    }

    /// The trace buffer this thread records into, if any.
    pub fn trace(&self) -> Option<&Arc<dyn super::host::LineTrace>> {
        self.trace.as_ref()
    }

    /// Attaches the trace buffer this thread records into.
    pub fn set_trace(&mut self, t: Option<Arc<dyn super::host::LineTrace>>) {
        self.trace = t;
        self.slow_path = self.stepping || self.trace.is_some();
    }

    pub fn trace_line(&mut self) {
        let Some(f) = self.frames.iter().rev().find(|f| !f.code.filename.starts_with("<frozen")) else { return };
        let line = f.line();
        if line != self.last_line {
            self.last_line = line;
            if let Some(t) = &self.trace {
                t.line(self.interp.host.now() * 1000.0, line);
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

    pub(crate) fn cell_name(&self, code: &Code, i: u32) -> Name {
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars.get(i - code.cellvars.len()).cloned().unwrap_or_else(|| intern("?"))
        }
    }
}
