//! Running a whole Python program with its threads: the one entry point the CLI, the
//! tests and the page use.
//!
//! `run` blocks the calling host thread until the program (and every non-daemon thread
//! it started) has finished, so on the web it must be called on a worker, never on the
//! page's main thread. Python threads get host threads from the [`Spawn`] given
//! (`std::thread` natively, the warm Web Worker pool in the browser); stepped mode runs
//! every Python thread on the calling thread and spawns nothing.

use std::sync::Arc;

pub use super::stepper::{Policy, StepOptions};
use super::threads::{Ended, Program};
use super::trace::{Recorder, What};
use crate::vm::host::Host;
use crate::vm::interp::{Interpreter, Vm};
use crate::vm::value::Value;

/// Which scheduler runs the program's threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// CPython 3.11: one thread runs bytecode at a time, switching at check points.
    #[default]
    Gil,
    /// Like CPython 3.13t: no GIL, threads really run in parallel.
    Free,
    /// One host thread runs all Python threads; the seed picks the interleaving.
    Step,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "gil" => Some(Mode::Gil),
            "free" => Some(Mode::Free),
            "step" => Some(Mode::Step),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil => "gil",
            Mode::Free => "free",
            Mode::Step => "step",
        }
    }
}

/// Starts host threads for Python threads.
pub trait Spawn: Send + Sync {
    /// Run `f` on a new (or reused) host thread. Err: no thread could be started (the
    /// Python code sees `RuntimeError: can't start new thread`).
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String>;
}

/// `std::thread` for the native CLI and tests.
pub struct StdSpawn;
impl Spawn for StdSpawn {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        std::thread::Builder::new().stack_size(64 << 20).spawn(f).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// How to run one program.
#[derive(Clone)]
pub struct Options {
    pub mode: Mode,
    /// Stepped mode: the seed of the random schedule (same seed, same output).
    pub seed: u64,
    /// The file name shown in tracebacks.
    pub filename: String,
    /// `sys.argv` (argv[0] is usually the file name).
    pub argv: Vec<String>,
    /// Where threads record what they do (the timeline), if anyone wants it.
    pub trace: Option<Arc<Recorder>>,
    /// Stepped mode: policy, burst length, schedule recording.
    pub step: StepOptions,
}

impl Options {
    pub fn new(filename: &str) -> Options {
        Options { mode: Mode::Gil, seed: 0, filename: filename.into(), argv: vec![filename.into()], trace: None, step: StepOptions::default() }
    }
}

/// Runs `src` to the end: main module, then `threading._shutdown()` (joins non-daemon
/// threads), then abandons daemon threads. Output goes to `host`; returns the process
/// exit code (1 after an uncaught exception or a deadlock, `sys.exit`'s code).
pub fn run(src: &str, opts: Options, host: Arc<dyn Host>, spawn: Arc<dyn Spawn>) -> i32 {
    let prog = Program::new(opts.mode, opts.seed, opts.step.clone(), host, spawn, opts.trace.clone(), &opts.filename);
    let interp = Interpreter::new(prog.host.clone(), prog.clone(), opts.argv.clone(), crate::stdlib::find);
    let code = match interp.compile(src, &opts.filename) {
        Ok(c) => c,
        Err(e) => {
            prog.host.write_stderr(&e.render());
            prog.close();
            return 1;
        }
    };
    let mut main = interp.main_thread(code, "__main__");
    prog.register(&mut main, 1, "MainThread");
    prog.record(&main, What::Started);
    let mut exit = run_main_thread(&prog, main);
    let forced = prog.forced_exit.load(std::sync::atomic::Ordering::Acquire);
    if forced >= 0 {
        exit = forced;
    }
    prog.close();
    exit
}

/// The exit code for how the main thread ended (prints its traceback).
fn main_exit(vm: &mut Vm, r: Result<Value, Value>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => crate::vm::report_uncaught(vm, &e),
    }
}

/// `threading._shutdown`, as a new activity of the main thread, if threading is in use.
fn shutdown_call(prog: &Arc<Program>, vm: &Vm) -> Option<Vm> {
    if prog.killed() || prog.host.stop_pressed() {
        return None;
    }
    let threading = vm.interp.modules.lock().unwrap_or_else(|e| e.into_inner()).get("threading").cloned()?;
    let Value::Module(m) = threading else { return None };
    let f = m.ns.get("_shutdown")?;
    let mut sv = vm.interp.call_thread(f, vec![]).ok()?;
    sv.is_main = true;
    sv.ident = vm.ident;
    sv.set_trace(vm.trace().cloned());
    Some(sv)
}

fn run_main_thread(prog: &Arc<Program>, mut main: Vm) -> i32 {
    let exit = match prog.drive(&mut main) {
        Ended::Finished(r) => main_exit(&mut main, r),
        Ended::Killed => 1,
    };
    if let Some(mut sv) = shutdown_call(prog, &main) {
        if let Ended::Finished(Err(e)) = prog.drive(&mut sv) {
            crate::vm::report_uncaught(&mut sv, &e);
        }
    }
    prog.unregister(&main);
    exit
}
