//! Stepped mode: one host thread runs every Python thread, a few bytecode
//! instructions at a time, picking the next thread with a seeded random policy. The
//! clock is virtual (sleeping advances it), so the same seed always gives the same
//! run, and any interleaving a real machine could produce can show up.

use std::sync::Arc;

use super::gil::ThreadNo;
use super::host::{Host, WaitReason};
use super::threads::{deadlock_text, keyboard_interrupt, Program};
use super::trace::What;
use crate::vm::interp::{run_thread, RunOutcome, Vm};
use crate::vm::value::Value;

/// Longest burst of instructions one pick runs.
const MAX_BURST: u64 = 64;
/// Virtual time one instruction takes.
const NS_PER_STEP: u64 = 50;

/// SplitMix64: tiny, fast, and the same everywhere.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

struct Slot {
    vm: Vm,
    blocked: Option<WaitReason>,
}

/// What the main thread's run produced, for `program::run`.
pub enum MainEnd {
    Finished(Result<Value, Value>),
    Killed,
}

/// Runs `main` and every thread it starts until `main` finishes (or the program is
/// stopped / deadlocks). Other threads still alive then are left as they are: the
/// caller runs `threading._shutdown()` through `run_more`.
pub fn run(prog: &Arc<Program>, main: Vm, seed: u64) -> (MainEnd, Stepper) {
    let interp = main.interp.clone();
    let trace = main.trace.clone();
    let mut st = Stepper { slots: vec![Slot { vm: main, blocked: None }], rng: Rng::new(seed), interp, trace };
    let end = st.run_until_main_ends(prog);
    (end, st)
}

pub struct Stepper {
    slots: Vec<Slot>,
    rng: Rng,
    interp: Arc<crate::vm::interp::Interpreter>,
    trace: Option<Arc<super::trace::ThreadTrace>>,
}

impl Stepper {
    /// A frameless main-thread Vm on the same interpreter (to print a traceback, or to
    /// start the shutdown call from).
    pub fn main_shell(&self) -> Vm {
        let mut vm = Vm::new(self.interp.clone());
        vm.ident = 1;
        vm.is_main = true;
        vm.trace = self.trace.clone();
        vm
    }

    /// Puts a new main-thread activity (the shutdown call) in place of the old main.
    pub fn run_more(&mut self, prog: &Arc<Program>, main: Vm) -> MainEnd {
        self.slots.insert(0, Slot { vm: main, blocked: None });
        self.run_until_main_ends(prog)
    }

    fn run_until_main_ends(&mut self, prog: &Arc<Program>) -> MainEnd {
        let host = prog.host.clone();
        loop {
            self.slots.extend(prog.new_threads.lock().unwrap_or_else(|e| e.into_inner()).drain(..).map(|vm| Slot { vm, blocked: None }));
            if prog.killed() {
                return MainEnd::Killed;
            }
            if host.stop_pressed() {
                // Stop: the main thread gets KeyboardInterrupt where it is.
                if let Some(main) = self.slots.iter_mut().find(|s| s.vm.is_main) {
                    let e = keyboard_interrupt();
                    let r = if main.blocked.take().is_some() { main.vm.fail_wait(e) } else { Err(e) };
                    if let Err(e) = r {
                        return MainEnd::Finished(Err(e));
                    }
                }
            }
            // Wake whoever can go on.
            let now = host.now();
            for s in self.slots.iter_mut() {
                let result = match &s.blocked {
                    None => continue,
                    Some(WaitReason::Sleep { until }) => (now >= *until).then_some(None),
                    Some(WaitReason::Lock { lock, deadline, count }) => {
                        if lock.try_acquire(s.vm.ident) {
                            if *count > 1 {
                                lock.set_count(*count);
                            }
                            Some(Some(Value::Bool(true)))
                        } else if deadline.map(|d| now >= d).unwrap_or(false) {
                            Some(Some(Value::Bool(false)))
                        } else {
                            None
                        }
                    }
                };
                if let Some(v) = result {
                    s.blocked = None;
                    if let Some(v) = v {
                        s.vm.finish_wait(v.clone());
                        prog.record(&s.vm, What::Woke(v.is_true_bool()));
                    }
                }
            }
            let ready: Vec<usize> = (0..self.slots.len()).filter(|&i| self.slots[i].blocked.is_none()).collect();
            if ready.is_empty() {
                // Everyone waits: jump the clock to the first timeout, or report.
                let next = self
                    .slots
                    .iter()
                    .filter_map(|s| match &s.blocked {
                        Some(WaitReason::Sleep { until }) => Some(*until),
                        Some(WaitReason::Lock { deadline, .. }) => *deadline,
                        None => None,
                    })
                    .fold(f64::INFINITY, f64::min);
                if next.is_finite() {
                    host.advance_to(next);
                    continue;
                }
                let report = deadlock_text(self.slots.iter().map(|s| {
                    let lock = match &s.blocked {
                        Some(WaitReason::Lock { lock, .. }) => Some(lock.clone()),
                        _ => None,
                    };
                    let info = prog.describe_wait(&s.vm, lock.as_deref());
                    let holder: Option<ThreadNo> = lock.and_then(|l| l.owner()).filter(|o| *o != s.vm.ident);
                    let holder = holder.filter(|_| matches!(info.kind, "lock" | "rlock")).map(|h| prog.name_of(h));
                    (prog.name_of(s.vm.ident), info, holder)
                }));
                prog.deadlocked(&report);
                return MainEnd::Killed;
            }
            let i = ready[self.rng.below(ready.len() as u64) as usize];
            let burst = 1 + self.rng.below(MAX_BURST);
            let slot = &mut self.slots[i];
            slot.vm.stepping = true;
            slot.vm.steps_left = burst as u32;
            let out = run_thread(&mut slot.vm, i64::MAX as u64);
            host.advance(burst.saturating_sub(slot.vm.steps_left as u64).max(1) * NS_PER_STEP);
            match out {
                RunOutcome::Yielded => {}
                RunOutcome::Blocked(w) => {
                    match &w {
                        WaitReason::Sleep { until } => {
                            prog.record(&slot.vm, What::Sleeping(((until - host.now()) * 1000.0).max(0.0)))
                        }
                        WaitReason::Lock { lock, .. } => {
                            let info = prog.describe_wait(&slot.vm, Some(lock));
                            prog.record(&slot.vm, What::Waiting(info.kind, info.text));
                        }
                    }
                    slot.blocked = Some(w);
                }
                RunOutcome::Finished(r) => {
                    let slot = self.slots.remove(i);
                    if slot.vm.is_main {
                        return MainEnd::Finished(r);
                    }
                    let mut vm = slot.vm;
                    if let Err(e) = r {
                        let text = vm.format_exception(&e);
                        prog.host.write_stderr(&text);
                    }
                    prog.unregister(&vm);
                }
            }
        }
    }
}

trait TrueBool {
    fn is_true_bool(&self) -> bool;
}
impl TrueBool for Value {
    fn is_true_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }
}
