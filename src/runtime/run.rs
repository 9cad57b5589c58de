//! Running a whole Python program with its threads: the one entry point the CLI, the
//! tests and the page use.
//!
//! `run` blocks the calling host thread until the program (and every non-daemon thread
//! it started) has finished, so on the web it must be called on a worker, never on the
//! page's main thread. Python threads get host threads from the [`Spawn`] given
//! (`std::thread` natively, the warm Web Worker pool in the browser), in every mode; in
//! stepped mode only one of them runs at a time.
//!
//! `run` picks the runner for the mode (`threads::Preemptive` for gil and free,
//! `stepper::Stepped` for step) over one shared `program::Program`.

use std::sync::Arc;

use super::options::{Mode, Options, Policy, Spawn};
use super::solo::{Limits, Plan, Solo};
use super::program::{Ended, Program, Runner};
use super::stepper::Stepped;
use super::threads::Preemptive;
use super::trace::What;
use crate::vm::host::{Host, Scheduler};
use crate::vm::interp::{Interpreter, Vm};
use crate::vm::value::Value;

/// Runs `src` to the end: main module, then `threading._shutdown()` (joins non-daemon
/// threads), then abandons daemon threads. Output goes to `host`; returns the process
/// exit code (1 after an uncaught exception or a deadlock, `sys.exit`'s code).
pub fn run(src: &str, opts: Options, host: Arc<dyn Host>, spawn: Arc<dyn Spawn>) -> i32 {
    let prog = Program::new(opts.mode, host, spawn, opts.trace.clone(), &opts.filename);
    if opts.test_faults {
        prog.allow_test_faults();
    }
    if !opts.files.is_empty() {
        prog.give_files(opts.files.clone());
    }
    let runner: Arc<dyn Runner> = match opts.mode {
        Mode::Step if opts.step.one_host_thread => {
            let plan = match &opts.step.policy {
                Policy::Replay(turns) => Plan::Turns(turns.clone()),
                Policy::Random => Plan::Random { seed: opts.seed, burst: opts.step.burst },
                Policy::RoundRobin => Plan::Choices(vec![]),
            };
            let solo = Solo::new(prog.clone(), plan, Limits::default());
            let code = run_on(src, &opts, &prog, solo.clone());
            if let Some(r) = &opts.step.record {
                r.lock().unwrap_or_else(|e| e.into_inner()).extend(solo.take_record().turns);
            }
            return code;
        }
        Mode::Step => Stepped::new(prog.clone(), opts.seed, opts.step.clone()),
        Mode::Gil | Mode::Free => Preemptive::new(prog.clone()),
    };
    // What a `multiprocessing` child runs again (`process.rs`).
    *prog.launch.lock().unwrap_or_else(|e| e.into_inner()) = Some((Arc::from(src), opts.clone()));
    run_on(src, &opts, &prog, runner)
}

/// Runs `src` on a runner already made for `prog` (the explorer makes its own).
pub fn run_on(src: &str, opts: &Options, prog: &Arc<Program>, runner: Arc<dyn Runner>) -> i32 {
    if let Some(stdin) = &opts.stdin {
        prog.give_stdin(stdin);
    }
    let scheduler: Arc<dyn Scheduler> = runner.clone();
    let interp = Interpreter::new(prog.host.clone(), scheduler, opts.argv.clone(), crate::stdlib::find);
    let code = match compile_cached(&interp, src, &opts.filename) {
        Ok(c) => c,
        Err(e) => {
            prog.host.write_stderr(&e.render());
            runner.close();
            prog.finish(interp);
            return 1;
        }
    };
    // A child process runs the main file as `__mp_main__` (its `if __name__ ==
    // "__main__":` part is skipped), as CPython's spawn start method does.
    let mut main = interp.main_thread(code, if opts.child.is_some() { "__mp_main__" } else { "__main__" });
    prog.register(&mut main, 1, "MainThread");
    runner.joined(1);
    prog.record(&main, What::Started);
    // A panic in the main thread ends the run with a crash message (natively it unwinds
    // to here; in the browser the worker's panic hook reports it, see `fault.rs`).
    let mut exit = {
        let _current = super::fault::Current::enter(prog, 1);
        let child = opts.child.as_deref();
        match super::fault::catching(|| run_main_thread(&*runner, main, child)) {
            Ok(code) => code,
            Err(payload) => {
                super::fault::report(&super::fault::panic_text(&*payload));
                runner.crashed(1);
                1
            }
        }
    };
    let forced = prog.forced_exit.load(std::sync::atomic::Ordering::Acquire);
    if forced >= 0 {
        exit = forced;
    }
    runner.close();
    prog.finish(interp);
    exit
}

thread_local! {
    /// The program last compiled on this host thread: an exploration or a batch of
    /// trials runs the same source hundreds of times, and compiling it was about a
    /// tenth of each run. (Code objects are shared between runs like the library's.)
    static LAST_COMPILED: std::cell::RefCell<Option<(Arc<str>, Arc<str>, Arc<crate::vm::code::Code>)>> = const { std::cell::RefCell::new(None) };
}

fn compile_cached(interp: &Arc<Interpreter>, src: &str, filename: &str) -> Result<Arc<crate::vm::code::Code>, crate::python::SyntaxErr> {
    let hit = LAST_COMPILED.with(|c| c.borrow().as_ref().filter(|(s, f, _)| &**s == src && &**f == filename).map(|(_, _, code)| code.clone()));
    if let Some(code) = hit {
        interp.sources.lock().unwrap_or_else(|e| e.into_inner()).insert(crate::python::names::intern(filename), Arc::from(src));
        return Ok(code);
    }
    let code = interp.compile(src, filename)?;
    LAST_COMPILED.with(|c| *c.borrow_mut() = Some((Arc::from(src), Arc::from(filename), code.clone())));
    Ok(code)
}

/// The exit code for how the main thread ended (prints its traceback).
fn main_exit(vm: &mut Vm, r: Result<Value, Value>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => crate::vm::report_uncaught(vm, &e),
    }
}

/// `module.func()` (`threading._shutdown`, `atexit._run_exitfuncs`), as a new activity of
/// the main thread, if that module is in use.
fn shutdown_call(prog: &Arc<Program>, vm: &Vm, module: &str, func: &str) -> Option<Vm> {
    if prog.killed() || prog.host.stop_pressed() {
        return None;
    }
    let threading = vm.interp.modules.lock().unwrap_or_else(|e| e.into_inner()).get(module).cloned()?;
    let Value::Module(m) = threading else { return None };
    let f = m.ns.get(func)?;
    let mut sv = vm.interp.call_thread(f, vec![]).ok()?;
    sv.is_main = true;
    sv.ident = vm.ident;
    sv.set_trace(vm.trace().cloned());
    Some(sv)
}

/// A child process, its main file run: `multiprocessing.process._child_main(payload)`,
/// as a new activity of its main thread; what it returns is the exit code.
fn run_child_target(runner: &dyn Runner, main: &Vm, boot: &super::options::ChildBoot) -> i32 {
    let mut sv = Vm::new(main.interp.clone());
    let f = sv.import("multiprocessing.process").and_then(|m| match m {
        Value::Module(m) => m.ns.get("_child_main").ok_or_else(|| crate::vm::exc::ExcType::ImportError.msg("multiprocessing.process has no _child_main")),
        _ => Err(crate::vm::exc::ExcType::ImportError.msg("multiprocessing.process is not a module")),
    });
    let mut sv = match f.and_then(|f| main.interp.call_thread(f, vec![Value::string(boot.payload.clone())])) {
        Ok(sv) => sv,
        Err(e) => return crate::vm::report_uncaught(&mut sv, &e),
    };
    sv.is_main = true;
    sv.ident = main.ident;
    sv.set_trace(main.trace().cloned());
    match runner.drive(&mut sv) {
        Ended::Finished(Ok(Value::Int(code))) => code as i32,
        Ended::Finished(Ok(_)) => 0,
        Ended::Finished(Err(e)) => crate::vm::report_uncaught(&mut sv, &e),
        Ended::Killed | Ended::Over => 1,
    }
}

fn run_main_thread(runner: &dyn Runner, mut main: Vm, child: Option<&super::options::ChildBoot>) -> i32 {
    let prog = runner.program();
    let mut exit = match runner.drive(&mut main) {
        Ended::Finished(r) => main_exit(&mut main, r),
        // (Only started threads end early; the main thread's end comes below.)
        Ended::Killed | Ended::Over => 1,
    };
    if let (0, Some(boot)) = (exit, child) {
        exit = run_child_target(runner, &main, boot);
    }
    // CPython joins the non-daemon threads first, then runs the atexit callbacks.
    for (module, func) in [("threading", "_shutdown"), ("atexit", "_run_exitfuncs")] {
        if let Some(mut sv) = shutdown_call(prog, &main, module, func) {
            if let Ended::Finished(Err(e)) = runner.drive(&mut sv) {
                crate::vm::report_uncaught(&mut sv, &e);
            }
        }
    }
    prog.unregister(&main);
    exit
}
