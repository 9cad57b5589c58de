//! Stepped mode: every Python thread has its own host thread (so a wait deep inside a
//! builtin's callback is no problem), but only the holder of the *baton* runs. The
//! holder runs a burst of a few bytecode instructions, then the baton goes to a thread
//! picked by a seeded random generator. Every choice is made by the holder, under one
//! mutex, in a fixed order, and the clock is virtual (sleeping advances it): the same
//! seed always gives the same run, and any interleaving a machine could produce can
//! show up (read-modify-write races lose updates here too).

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::time::Duration;

use super::deadlock::{deadlock_text, WaitInfo};
use super::options::{Policy, StepOptions};
use super::program::{abandoned, start_thread_from, Ended, Program, Runner, ThreadState};
use super::trace::What;
use crate::vm::host::{Decision, Host, Scheduler, ThreadNo, WaitReason};
use crate::vm::interp::{run_thread, RunOutcome, Vm};
use crate::vm::value::Value;

/// Longest burst of instructions one turn runs.
const MAX_BURST: u64 = 200;
/// Virtual time one instruction takes.
pub const NS_PER_STEP: u64 = 50;

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

/// How a thread waiting for its turn stands.
pub enum Turn {
    Ready,
    Blocked(WaitReason),
    /// The wait is over; the blocking call returns this (None: what it returned).
    Woken(Option<Value>),
    /// The wait was cut short by Stop (the main thread): it raises KeyboardInterrupt.
    Interrupted,
}

struct State {
    rng: Rng,
    opts: StepOptions,
    /// Next entry of a replayed schedule.
    replay_at: usize,
    /// Who may run now (0: nobody yet / nobody left).
    current: ThreadNo,
    /// The holder's instruction budget for this turn.
    burst: u32,
    threads: BTreeMap<ThreadNo, Turn>,
    /// The main thread, which Stop interrupts (KeyboardInterrupt) even while it waits.
    main: ThreadNo,
    /// Stop has interrupted the main thread's wait once already.
    interrupted: bool,
}

/// The baton and the threads waiting for it.
pub struct Baton {
    state: Mutex<State>,
    turn: Condvar,
}

pub enum TurnEnd {
    /// It is our turn; run this many instructions. Carries a finished wait's result.
    Go(u32, Option<Value>),
    /// It is our turn, and the wait was cut short by Stop: the blocking call raises
    /// KeyboardInterrupt (the main thread only, as CPython's Ctrl+C in `join()`).
    Interrupted(u32),
    /// The program is over or stopped.
    Killed,
}

impl Baton {
    pub fn new(seed: u64, opts: StepOptions) -> Baton {
        Baton {
            state: Mutex::new(State { rng: Rng::new(seed), opts, replay_at: 0, current: 0, burst: 0, threads: BTreeMap::new(), main: 0, interrupted: false }),
            turn: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new thread joins, ready to run (called by its starter, which holds the baton,
    /// or by the main thread before anything runs).
    pub fn add(&self, no: ThreadNo) {
        let mut st = self.lock();
        st.threads.insert(no, Turn::Ready);
        if st.current == 0 {
            Self::pick(&mut st, &[no]);
        }
    }

    /// Marks `no` as the main thread (the one Stop interrupts).
    pub fn set_main(&self, no: ThreadNo) {
        self.lock().main = no;
    }

    /// The holder ends its turn: `next` says how it stands now (None: it finished).
    /// Picks the next holder and wakes it.
    pub fn pass(&self, prog: &Program, me: ThreadNo, next: Option<Turn>) {
        let mut st = self.lock();
        match next {
            Some(t) => {
                st.threads.insert(me, t);
            }
            None => {
                st.threads.remove(&me);
            }
        }
        Self::choose(&mut st, prog);
        drop(st);
        self.turn.notify_all();
    }

    /// Gives the turn to one of `ready` (never empty) as the policy says, and records it.
    fn pick(st: &mut State, ready: &[ThreadNo]) {
        let replayed = match &st.opts.policy {
            Policy::Replay(s) => s.get(st.replay_at).copied().filter(|(no, _)| ready.contains(no)),
            _ => None,
        };
        let (no, burst) = match replayed {
            Some(turn) => {
                st.replay_at += 1;
                turn
            }
            None => {
                let no = match st.opts.policy {
                    Policy::RoundRobin => *ready.iter().find(|&&n| n > st.current).unwrap_or(&ready[0]),
                    _ => ready[st.rng.below(ready.len() as u64) as usize],
                };
                let burst = st.opts.burst.unwrap_or_else(|| 1 + st.rng.below(MAX_BURST) as u32).max(1);
                (no, burst)
            }
        };
        st.current = no;
        st.burst = burst;
        if let Some(r) = &st.opts.record {
            r.lock().unwrap_or_else(|e| e.into_inner()).push((no, burst));
        }
    }

    fn choose(st: &mut State, prog: &Program) {
        // Stop pressed while the main thread waits (for a join, a lock, a sleep): it
        // becomes ready and its wait raises KeyboardInterrupt, instead of waiting for
        // threads that may run for minutes.
        if !st.interrupted && prog.host.stop_pressed() {
            let main = st.main;
            if let Some(t @ Turn::Blocked(_)) = st.threads.get_mut(&main) {
                *t = Turn::Interrupted;
                st.interrupted = true;
            }
        }
        loop {
            let now = prog.host.now();
            let mut ready = Vec::new();
            let mut next_deadline = f64::INFINITY;
            for (no, turn) in st.threads.iter_mut() {
                let woken = match turn {
                    Turn::Ready | Turn::Woken(_) | Turn::Interrupted => {
                        ready.push(*no);
                        continue;
                    }
                    Turn::Blocked(WaitReason::Sleep { until }) => {
                        if now >= *until {
                            Some(None)
                        } else {
                            next_deadline = next_deadline.min(*until);
                            None
                        }
                    }
                    Turn::Blocked(WaitReason::Lock { lock, deadline, count }) => {
                        if lock.try_acquire_at(*no, *count) {
                            Some(Some(Value::Bool(true)))
                        } else if let Some(d) = deadline {
                            if now >= *d {
                                Some(Some(Value::Bool(false)))
                            } else {
                                next_deadline = next_deadline.min(*d);
                                None
                            }
                        } else {
                            None
                        }
                    }
                };
                if let Some(v) = woken {
                    *turn = Turn::Woken(v);
                    ready.push(*no);
                }
            }
            if !ready.is_empty() {
                Self::pick(st, &ready);
                return;
            }
            if st.threads.is_empty() {
                st.current = 0;
                return;
            }
            if next_deadline.is_finite() {
                prog.host.advance_to(next_deadline);
                continue;
            }
            let report = deadlock_text(st.threads.iter().filter_map(|(no, t)| match t {
                Turn::Blocked(WaitReason::Lock { lock, .. }) => {
                    let (name, info) = prog.waiting_info(*no)?;
                    let holder = lock.blocker_of(*no, info.kind).map(|h| prog.name_of(h));
                    Some((name, info, holder))
                }
                _ => None,
            }));
            prog.deadlocked(&report);
            st.current = 0;
            return;
        }
    }

    /// Waits until it is `me`'s turn (or the program is over).
    pub fn wait_turn(&self, prog: &Program, me: ThreadNo) -> TurnEnd {
        let mut st = self.lock();
        loop {
            if prog.killed() {
                return TurnEnd::Killed;
            }
            if st.current == me {
                let burst = st.burst;
                return match st.threads.insert(me, Turn::Ready) {
                    Some(Turn::Woken(v)) => TurnEnd::Go(burst, v),
                    Some(Turn::Interrupted) => TurnEnd::Interrupted(burst),
                    _ => TurnEnd::Go(burst, None),
                };
            }
            st = self.turn.wait_timeout(st, Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Wakes every waiting thread (the program was killed).
    pub fn wake_all(&self) {
        self.turn.notify_all();
    }

    /// Hands the baton on as `Blocked(w)`, waits for the turn, returns the result.
    pub fn block(&self, prog: &Program, me: ThreadNo, w: &WaitReason) -> TurnEnd {
        self.pass(prog, me, Some(Turn::Blocked(w.clone())));
        self.wait_turn(prog, me)
    }

    /// Ends the turn but stays ready.
    pub fn yield_turn(&self, prog: &Program, me: ThreadNo) -> TurnEnd {
        self.pass(prog, me, Some(Turn::Ready));
        self.wait_turn(prog, me)
    }
}

/// Runs a program's threads in stepped mode: the [`Scheduler`] the VM consults there.
pub struct Stepped {
    prog: Arc<Program>,
    baton: Baton,
    me: Weak<Stepped>,
}

impl Stepped {
    pub fn new(prog: Arc<Program>, seed: u64, opts: StepOptions) -> Arc<Stepped> {
        Arc::new_cyclic(|me| Stepped { prog, baton: Baton::new(seed, opts), me: me.clone() })
    }
}

impl Runner for Stepped {
    fn program(&self) -> &Arc<Program> {
        &self.prog
    }

    fn joined(&self, no: ThreadNo) {
        self.baton.add(no);
    }

    fn close(&self) {
        // Threads waiting for the baton see the kill at once, not at their next timeout.
        self.prog.kill();
        self.baton.wake_all();
        self.prog.close();
    }

    /// Runs only while holding the baton, a burst at a time.
    fn drive(&self, vm: &mut Vm) -> Ended {
        crate::vm::stack::mark_base();
        let (prog, b) = (&*self.prog, &self.baton);
        let me = vm.ident;
        vm.set_stepping(true);
        if vm.is_main {
            b.set_main(me);
        }
        match b.wait_turn(prog, me) {
            TurnEnd::Killed => return Ended::Killed,
            TurnEnd::Go(burst, _) | TurnEnd::Interrupted(burst) => vm.steps_left = burst,
        }
        // The turn is recorded like the GIL: taken when a turn starts, dropped when
        // it ends (the timeline shows who ran when).
        prog.record(vm, What::GilTaken);
        loop {
            let before = vm.steps_left;
            let out = run_thread(vm, i64::MAX as u64);
            prog.host.advance(before.saturating_sub(vm.steps_left).max(1) as u64 * NS_PER_STEP);
            if prog.killed() {
                return Ended::Killed;
            }
            if !matches!(out, RunOutcome::Finished(_)) {
                prog.record(vm, What::GilDropped);
            }
            let turn = match out {
                RunOutcome::Yielded => b.yield_turn(prog, me),
                RunOutcome::Blocked(w) => {
                    vm.trace_line();
                    prog.note_wait(vm, &w);
                    let t = b.block(prog, me, &w);
                    prog.set_state(me, ThreadState::Running);
                    match &t {
                        TurnEnd::Go(_, Some(v)) => {
                            prog.record(vm, What::Woke(matches!(v, Value::Bool(true))));
                            vm.finish_wait(v.clone());
                        }
                        TurnEnd::Interrupted(_) => {
                            prog.record(vm, What::Woke(false));
                            if let Err(e) = vm.fail_wait(super::threads::keyboard_interrupt()) {
                                // It holds the turn, as a main thread that finished does.
                                prog.record(vm, What::GilTaken);
                                return Ended::Finished(Err(e));
                            }
                        }
                        _ => {}
                    }
                    t
                }
                RunOutcome::Finished(r) => {
                    // The main thread keeps the baton: its shutdown call comes next.
                    if vm.is_main {
                        return Ended::Finished(r);
                    }
                    // Ended within its last turn: on its own host thread, after passing
                    // the baton, it would leave `_thread._count()` a moment late, and
                    // other threads, whose sleeps take no real time here, would see it
                    // alive for as long as they like (test.lock_tests' Bunch did).
                    prog.end_thread(vm, r.as_ref().err());
                    b.pass(prog, me, None);
                    return Ended::Over;
                }
            };
            match turn {
                TurnEnd::Killed => return Ended::Killed,
                TurnEnd::Go(burst, _) | TurnEnd::Interrupted(burst) => vm.steps_left = burst,
            }
            prog.record(vm, What::GilTaken);
        }
    }
}

impl Scheduler for Stepped {
    fn check_point(&self) -> Decision {
        if self.prog.killed() {
            Decision::Yield
        } else {
            Decision::Continue
        }
    }

    fn wait_in_place(&self, me: ThreadNo, why: &WaitReason, _host: &dyn Host) -> Result<Option<Value>, Value> {
        if let WaitReason::Lock { lock, deadline, .. } = why {
            let info = WaitInfo { kind: "lock", api: "acquire".into(), line: 0, text: String::new() };
            self.prog.set_state(me, ThreadState::Blocked { lock: lock.clone(), timed: deadline.is_some(), info });
        }
        let t = self.baton.block(&self.prog, me, why);
        self.prog.set_state(me, ThreadState::Running);
        match t {
            TurnEnd::Go(_, r) => Ok(r),
            TurnEnd::Interrupted(_) => Err(super::threads::keyboard_interrupt()),
            TurnEnd::Killed => Err(abandoned()),
        }
    }

    fn start_thread(&self, vm: Vm) -> Result<ThreadNo, String> {
        start_thread_from(&self.me, vm)
    }

    fn start_process(&self, payload: String) -> Result<Arc<crate::vm::host::ProcessLink>, String> {
        super::process::start(&self.prog, payload)
    }

    fn yield_in_place(&self, me: ThreadNo) -> Result<u32, Value> {
        if self.prog.killed() {
            return Err(abandoned());
        }
        match self.baton.yield_turn(&self.prog, me) {
            TurnEnd::Go(burst, _) | TurnEnd::Interrupted(burst) => Ok(burst),
            TurnEnd::Killed => Err(abandoned()),
        }
    }

    fn thread_named(&self, me: ThreadNo, name: &str) {
        self.prog.thread_named(me, name)
    }

    fn thread_count(&self) -> usize {
        self.prog.thread_count()
    }
}
