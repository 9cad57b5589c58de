//! One stepped trial on the calling host thread: a seeded random schedule run by the
//! one-host-thread runner (`solo`). The unit of work of the browser's trial pool
//! (`web::pool`, one rayon task each); natively the same call gives the same outcome
//! for the same seed (tests/pool_trials.rs records it, tests/web.rs compares).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::explore::{run_once, RunResult};
use super::solo::{Limits, Plan};

/// A trial longer than this many instructions is cut ("too long"). An instruction
/// count, not a time, so a trial's outcome does not depend on the machine's speed.
pub const MAX_INSTRUCTIONS: u64 = 100_000_000;

/// Runs `code` (as `main.py`) under seed `seed`'s random schedule. Returns the run and,
/// if it was cut short, why: `stop` was set, the instruction limit, or a wait inside a
/// builtin's callback that one host thread cannot resume (see `solo`).
pub fn solo_trial(code: &str, seed: u64, stop: Option<Arc<AtomicBool>>) -> (RunResult, Option<String>) {
    solo_trial_with(code, None, seed, stop)
}

/// [`solo_trial`] with what `input()` reads (an exercise check's `stdin:`).
pub fn solo_trial_with(code: &str, stdin: Option<Arc<str>>, seed: u64, stop: Option<Arc<AtomicBool>>) -> (RunResult, Option<String>) {
    let limits = Limits { max_instructions: MAX_INSTRUCTIONS, stop, stdin };
    let (result, rec) = run_once(code, "main.py", Plan::Random { seed, burst: None }, limits);
    (result, rec.cut)
}

/// True when a cut reason says the run needs a host thread per Python thread.
pub fn needs_host_threads(cut: Option<&str>) -> bool {
    cut.is_some_and(|c| c.contains("could not be resumed on one host thread"))
}
