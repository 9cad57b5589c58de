//! Values, objects, frames, the stackless evaluation loop, builtins, exceptions and
//! tracebacks.
//!
//! Layout: `interp.rs` (state) and `eval.rs` (the dispatch loop), one file per protocol
//! (`call`, `attr`, `binary`, `compare`, `item`, `iterate`, `build`, `repr`, `import`,
//! `traceback`), one file per builtin type in `objects/`, the builtin functions in
//! `builtins/`, value-only operations in `ops/`. The VM depends on `python` (bytecode)
//! and on nothing after it: it defines the interface it consumes (`host.rs`: Host,
//! Scheduler, LineTrace), is handed its library of modules (`import::Library`), and
//! native objects plug in through `value::NativeType` hooks on their class.
//!
//! Entry points for the runtime (issue 4):
//! - [`interp::Interpreter::new`] with a [`host::Host`] and a [`host::Scheduler`]
//!   (the interface the VM defines; the runtime implements it);
//! - [`interp::Interpreter::compile`], [`interp::Interpreter::main_thread`] /
//!   [`interp::Interpreter::call_thread`] to make a thread ([`interp::Vm`]);
//! - [`interp::run_thread`]`(&mut vm, budget) -> RunOutcome` (Yielded / Blocked /
//!   Finished).
//! - [`run_main`]: run a whole program single-threaded, like `python3 file.py`.

pub mod attr;
pub mod binary;
pub mod build;
pub mod builtins;
pub mod cache;
pub mod call;
pub mod code;
pub mod compare;
pub mod dict;
pub mod dis;
pub mod eval;
pub mod exc;
pub mod files;
pub mod finalize;
pub mod format;
pub mod frame;
pub mod import;
pub mod host;
pub mod interp;
pub mod item;
pub mod iter;
pub mod iterate;
pub mod lock;
pub mod matching;
pub mod memory;
pub mod objects;
pub mod ops;
pub mod repr;
pub mod stack;
pub mod traceback;
pub mod strmethods;
pub mod subclass;
pub mod types;
pub mod value;

use host::{Host, Scheduler, SingleThread, WaitReason};
use interp::{run_thread, Interpreter, RunOutcome};
use std::sync::Arc;
use value::Value;

/// Run a program to completion on one thread. Returns the process exit code.
pub fn run_main(src: &str, filename: &str, argv: Vec<String>, host: Arc<dyn Host>, library: import::Library) -> i32 {
    run_main_with(src, filename, argv, host, Arc::new(SingleThread), library)
}

pub fn run_main_with(src: &str, filename: &str, argv: Vec<String>, host: Arc<dyn Host>, sched: Arc<dyn Scheduler>, library: import::Library) -> i32 {
    let interp = Interpreter::new(host.clone(), sched, argv, library);
    let code = match interp.compile(src, filename) {
        Ok(c) => c,
        Err(e) => {
            host.write_stderr(&e.render());
            host.flush();
            return 1;
        }
    };
    let mut vm = interp.main_thread(code, "__main__");
    let code = loop {
        match run_thread(&mut vm, 10_000) {
            RunOutcome::Yielded => continue,
            RunOutcome::Blocked(WaitReason::Sleep { until }) => host.wait_until(until),
            RunOutcome::Blocked(w) => match vm.interp.scheduler.clone().wait_in_place(vm.ident, &w, &*host) {
                Ok(Some(v)) => vm.finish_wait(v),
                Ok(None) => {}
                Err(e) => {
                    if let Err(e) = vm.fail_wait(e) {
                        break report_uncaught(&mut vm, &e);
                    }
                }
            },
            RunOutcome::Finished(Ok(_)) => break 0,
            RunOutcome::Finished(Err(e)) => break report_uncaught(&mut vm, &e),
        }
    };
    host.flush();
    code
}

/// Print an uncaught exception (or handle SystemExit) and return the exit code.
pub fn report_uncaught(vm: &mut interp::Vm, e: &Value) -> i32 {
    if types::exc_matches(e, exc::ExcType::SystemExit) {
        let arg = match e {
            Value::Inst(i) => match i.get("args") {
                Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
                _ => Value::None,
            },
            _ => Value::None,
        };
        return match arg {
            Value::None => 0,
            Value::Int(n) => n as i32,
            Value::Bool(b) => b as i32,
            other => {
                let s = vm.str(&other).unwrap_or_default();
                vm.host().write_stderr(&format!("{}\n", s));
                1
            }
        };
    }
    let text = vm.format_exception(e);
    vm.host().write_stderr(&text);
    1
}
