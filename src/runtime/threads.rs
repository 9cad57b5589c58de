//! The preemptive runner (GIL or free-threaded): one host thread per Python thread,
//! each running bytecode for as long as the GIL (if any) lets it, and waiting on the
//! host thread when it blocks. The [`Scheduler`] the VM consults in these modes.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::gil::Gil;
use super::options::Mode;
use super::program::{abandoned, start_thread_from, Ended, Program, Runner, ThreadState};
use super::trace::What;
use crate::vm::host::{Decision, Host, Scheduler, ThreadNo, WaitReason};
use crate::vm::interp::{run_thread, RunOutcome, Vm};
use crate::vm::lock::Wait;
use crate::vm::exc::ExcType;
use crate::vm::value::Value;

/// How long a blocked thread waits before looking at stop / kill / deadlock again.
const SLICE: f64 = 0.05;

/// Runs a program's threads in GIL or free-threaded mode.
pub struct Preemptive {
    prog: Arc<Program>,
    /// GIL mode only.
    gil: Option<Gil>,
    me: Weak<Preemptive>,
}

pub enum Waited {
    /// The wait is over; the blocking call returns this (None: what it returned).
    Done(Option<Value>),
    Raise(Value),
    Killed,
}

pub fn keyboard_interrupt() -> Value {
    ExcType::KeyboardInterrupt.bare()
}

impl Preemptive {
    pub fn new(prog: Arc<Program>) -> Arc<Preemptive> {
        let gil = (prog.mode == Mode::Gil).then(|| Gil::with_kill(prog.kill_flag()));
        Arc::new_cyclic(|me| Preemptive { prog, gil, me: me.clone() })
    }

    fn take_gil(&self, vm: &Vm) {
        if let Some(g) = &self.gil {
            let interval = *vm.interp.switch_interval.lock().unwrap_or_else(|e| e.into_inner());
            if (interval - g.switch_interval()).abs() > 1e-9 {
                g.set_switch_interval(interval);
            }
            g.take(vm.ident);
            self.prog.record(vm, What::GilTaken);
        }
    }

    /// Waits on the host thread for `w` (the GIL is not held).
    fn wait(&self, vm: &Vm, w: &WaitReason) -> Waited {
        let prog = &self.prog;
        let me = vm.ident;
        let interrupt = || vm.is_main && prog.host.stop_pressed();
        prog.note_wait(vm, w);
        let r = match w {
            WaitReason::Sleep { until } => {
                prog.host.wait_until(*until);
                if prog.killed() {
                    Waited::Killed
                } else if interrupt() {
                    Waited::Raise(keyboard_interrupt())
                } else {
                    Waited::Done(None)
                }
            }
            WaitReason::Lock { lock, deadline, count } => {
                let now = || prog.host.now();
                loop {
                    let slice = match deadline {
                        Some(d) => (d - now()).clamp(0.0, SLICE),
                        None => SLICE,
                    };
                    if lock.acquire_at(me, Wait::For(Duration::from_secs_f64(slice)), &now, *count) {
                        prog.record(vm, What::Woke(true));
                        break Waited::Done(Some(Value::Bool(true)));
                    }
                    if deadline.map(|d| now() >= d).unwrap_or(false) {
                        prog.record(vm, What::Woke(false));
                        break Waited::Done(Some(Value::Bool(false)));
                    }
                    if prog.killed() {
                        break Waited::Killed;
                    }
                    if interrupt() {
                        break Waited::Raise(keyboard_interrupt());
                    }
                    if let Some(report) = prog.check_deadlock() {
                        prog.deadlocked(&report);
                        break Waited::Killed;
                    }
                }
            }
        };
        prog.set_state(me, ThreadState::Running);
        r
    }
}

impl Runner for Preemptive {
    fn program(&self) -> &Arc<Program> {
        &self.prog
    }

    fn crashed(&self, no: ThreadNo) {
        if let Some(g) = &self.gil {
            g.release_for_blocking(no);
        }
    }

    fn drive(&self, vm: &mut Vm) -> Ended {
        crate::vm::stack::mark_base();
        let prog = &self.prog;
        let me = vm.ident;
        self.take_gil(vm);
        let ended = loop {
            if prog.killed() {
                break Ended::Killed;
            }
            match run_thread(vm, i64::MAX as u64) {
                RunOutcome::Yielded => {
                    if prog.killed() {
                        break Ended::Killed;
                    }
                    if let Some(g) = &self.gil {
                        prog.record(vm, What::GilDropped);
                        g.release(me);
                        self.take_gil(vm);
                    }
                }
                RunOutcome::Blocked(w) => {
                    // The line it blocks on (check points alone may have missed it).
                    vm.trace_line();
                    if let Some(g) = &self.gil {
                        prog.record(vm, What::GilDropped);
                        g.release_for_blocking(me);
                    }
                    let r = self.wait(vm, &w);
                    self.take_gil(vm);
                    match r {
                        Waited::Done(Some(v)) => vm.finish_wait(v),
                        Waited::Done(None) => {}
                        Waited::Raise(e) => {
                            if let Err(e) = vm.fail_wait(e) {
                                break Ended::Finished(Err(e));
                            }
                        }
                        Waited::Killed => break Ended::Killed,
                    }
                }
                RunOutcome::Finished(r) => break Ended::Finished(r),
            }
        };
        if let Some(g) = &self.gil {
            if g.holder() == Some(me) {
                prog.record(vm, What::GilDropped);
                g.release_for_blocking(me);
            }
        }
        ended
    }
}

impl Scheduler for Preemptive {
    fn check_point(&self) -> Decision {
        if self.prog.killed() || self.gil.as_ref().map(|g| g.drop_requested()).unwrap_or(false) {
            Decision::Yield
        } else {
            Decision::Continue
        }
    }

    fn wait_in_place(&self, me: ThreadNo, why: &WaitReason, host: &dyn Host) -> Result<Option<Value>, Value> {
        let g = self.gil.as_ref();
        if let Some(g) = g {
            g.release_for_blocking(me);
        }
        let r = match why {
            WaitReason::Sleep { until } => {
                host.wait_until(*until);
                Ok(None)
            }
            WaitReason::Lock { lock, deadline, count } => {
                let now = || self.prog.host.now();
                let wait = match deadline {
                    None => Wait::Forever,
                    Some(d) => Wait::For(Duration::from_secs_f64((d - now()).max(0.0))),
                };
                // In slices, so a thread waiting here is abandoned with its program
                // (the lock's holder may have died).
                let got = match wait {
                    Wait::Forever => loop {
                        if self.prog.killed() {
                            break false;
                        }
                        if lock.acquire_at(me, Wait::For(Duration::from_secs_f64(SLICE)), &now, *count) {
                            break true;
                        }
                    },
                    w => lock.acquire_at(me, w, &now, *count),
                };
                if !got && deadline.is_none() {
                    if let Some(g) = g {
                        g.take(me);
                    }
                    return Err(abandoned());
                }
                Ok(Some(Value::Bool(got)))
            }
        };
        if let Some(g) = g {
            g.take(me);
        }
        r
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
        if let Some(g) = &self.gil {
            g.release(me);
            g.take(me);
        }
        Ok(0)
    }

    fn without_gil(&self, me: ThreadNo, f: &mut dyn FnMut()) {
        match &self.gil {
            Some(g) => {
                g.release_for_blocking(me);
                f();
                g.take(me);
            }
            None => f(),
        }
    }

    fn thread_named(&self, me: ThreadNo, name: &str) {
        self.prog.thread_named(me, name)
    }

    fn thread_count(&self) -> usize {
        self.prog.thread_count()
    }
}
