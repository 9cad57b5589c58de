//! When a thread dies inside the engine (a Rust panic, a WebAssembly trap, an allocation
//! that failed), its program must end with a message that names the thread and what
//! happened, its other threads must stop, and the next run must work.
//!
//! Each host thread remembers which program's thread it is driving ([`Current`], a
//! thread-local set around `Runner::drive`). Whoever notices the death on that host
//! thread calls [`report`]:
//! - natively, panics unwind: `program::start_thread` and `run::run_on` catch them;
//! - in the browser, panics abort: the worker's panic hook reports before the abort,
//!   and a trap with no panic (`unreachable`, a failed allocation) is reported by
//!   worker.js calling back into the dead worker (`web::spawn::threadlab_worker_trapped`).
//!
//! [`Program::crashed`] then kills the program (every wait, the GIL and the baton watch
//! that flag), tells the host (`Host::crashed`) and takes the thread off the registry,
//! so the program's objects are still finalized when the others are gone.

use std::cell::{Cell, RefCell};
use std::sync::{Arc, Weak};

use super::program::Program;
use crate::vm::host::ThreadNo;

thread_local! {
    static CURRENT: RefCell<Option<(Weak<Program>, ThreadNo)>> = const { RefCell::new(None) };
    /// This host thread already reported its death (a panic, then the trap it ends in).
    static REPORTED: Cell<bool> = const { Cell::new(false) };
}

/// While alive, this host thread runs thread `no` of a program (see [`report`]).
pub struct Current(());

impl Current {
    pub fn enter(prog: &Arc<Program>, no: ThreadNo) -> Current {
        CURRENT.with(|c| *c.borrow_mut() = Some((Arc::downgrade(prog), no)));
        REPORTED.with(|r| r.set(false));
        // An allocation refused earlier on this host thread (and survived) is not this
        // thread's death: a trap is "out of memory" only if one is refused from now on.
        let _ = crate::vm::memory::take_refused();
        Current(())
    }
}

impl Drop for Current {
    fn drop(&mut self) {
        // `try_borrow_mut`: never panic again while a panic unwinds through here.
        CURRENT.with(|c| {
            if let Ok(mut c) = c.try_borrow_mut() {
                *c = None;
            }
        });
    }
}

/// The Python thread this host thread is running, if any (for crash messages).
pub fn current() -> Option<(Arc<Program>, ThreadNo)> {
    CURRENT.with(|c| {
        let c = c.try_borrow().ok()?;
        let (prog, no) = c.as_ref()?;
        Some((prog.upgrade()?, *no))
    })
}

/// The thread running here died of `what` ("a Rust panic: ..."): ends its program.
/// Returns false when no program thread was running here (the caller shows the failure
/// some other way). A second report from the same death is ignored (returns true).
pub fn report(what: &str) -> bool {
    if REPORTED.with(|r| r.replace(true)) {
        return current().is_some();
    }
    match current() {
        Some((prog, no)) => {
            prog.crashed(no, what);
            true
        }
        None => {
            REPORTED.with(|r| r.set(false));
            false
        }
    }
}

/// Runs `f`, catching a panic natively (where panics unwind). In the browser panics
/// abort, so there is nothing to catch and `f` is simply called: no extra frames on a
/// worker's small stack (deep `__repr__` recursion measures what is left of it).
#[inline(always)]
pub fn catching<R>(f: impl FnOnce() -> R) -> Result<R, Box<dyn std::any::Any + Send>> {
    #[cfg(not(target_arch = "wasm32"))]
    return std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    #[cfg(target_arch = "wasm32")]
    return Ok(f());
}

/// "a Rust panic: MESSAGE" from a caught panic's payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into());
    format!("a Rust panic: {msg}")
}

/// The message the learner sees: which thread died, how, and that the code is safe.
pub fn crash_message(thread: &str, what: &str) -> String {
    format!("The program's thread '{thread}' crashed: {what}. Its other threads were stopped.")
}
