//! Threads and synchronisation: the runtime implements the interface the VM defines in
//! `vm::host` (`Host`, `Scheduler`) for a whole program and its threads.
//!
//! Files, and which sibling each imports (no cycle; the runtime depends on vm, never
//! the reverse):
//!
//! - [`run`]: `run::run`, the one entry point (CLI, tests, page): picks the runner for
//!   the mode. Imports options, program, stepper, threads, trace.
//! - [`threads`]: the preemptive runner (GIL or free-threaded), one host thread per
//!   Python thread. Imports gil, options, program, trace.
//! - [`stepper`]: the stepped runner: one thread at a time holds the baton, a seeded
//!   policy picks the next, the clock is virtual. Imports deadlock, options, program,
//!   trace.
//! - [`solo`]: stepped mode on ONE host thread (`Solo`): every Python thread's Vm in a
//!   table, run a step, an instruction count or a burst at a time; waits inside
//!   builtin callbacks run the others deeper on the same stack. Used by the explorer
//!   and by `--one-thread` trials. Imports deadlock, program, stepper, trace.
//! - [`explore`]: every outcome of a program (DPOR over `solo` steps), replay of a
//!   schedule. Imports options, program, run, solo.
//! - [`trial`]: one seeded stepped trial on the calling host thread (the trial pool's
//!   unit of work). Imports explore, solo.
//! - [`program`]: `Program`, one run's shared state (the registry of threads and what
//!   each waits for, `ProgramHost`, deadlock detection), and the `Runner` trait both
//!   runners implement. Imports deadlock, options, trace.
//! - [`options`]: `Mode`, `Options`, `StepOptions`, `Policy`, `Spawn`. Imports trace.
//! - [`process`]: `multiprocessing` children, each a program of its own run again
//!   from the parent's source. Imports options, program, run.
//! - [`fault`]: a thread that died in the engine (panic, trap, failed allocation) ends
//!   its program with a message naming it. Imports program.
//! - Leaves: [`deadlock`] (wait descriptions, the report text), [`gil`] (CPython 3.11's
//!   switching rules), [`trace`] (per-thread event buffers, lanes, Chrome trace),
//!   [`native_host`] (`NativeHost`, the std host of the CLI and tests).

pub mod deadlock;
pub mod fault;
pub mod gil;
/// The native host's HTTP client (`urllib`, `requests`); the page uses the browser's.
#[cfg(not(target_arch = "wasm32"))]
pub mod http_client;
pub mod native_host;
pub mod options;
pub mod process;
pub mod program;
pub mod explore;
pub mod run;
pub mod snapshot;
pub mod solo;
pub mod stepper;
pub mod threads;
pub mod trace;
pub mod trial;
