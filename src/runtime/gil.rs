//! The global interpreter lock, with CPython 3.11's switching rules (ceval_gil.h):
//!
//! - A thread that wants the GIL waits up to the switch interval; if in that time the
//!   holder did not change, it sets the *drop request* (the eval breaker).
//! - The holder looks at the drop request only at its check points (function entry,
//!   backward jumps, the call family) and then drops and re-takes the GIL.
//! - Forced switching: a holder that drops because of a request waits until another
//!   thread has actually taken the GIL, so it cannot just grab it straight back.
//!
//! Blocking calls (sleep, lock waits, join, big hashes) release it around the wait.
//! Free-threaded mode simply has no `Gil`.
//!
//! A holder can die without releasing it (a worker that trapped): waiters look at the
//! program's kill flag at least every [`KILL_SLICE`] and give up once it is set, so a
//! dead holder cannot block the others forever (see `fault.rs`).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::vm::host::ThreadNo;

#[derive(Debug)]
struct State {
    locked: bool,
    /// The last thread that held it (0 before anyone did).
    last_holder: ThreadNo,
    /// Counts changes of holder; a waiter that sees it unchanged after the interval
    /// knows the holder ran the whole time and asks it to drop.
    switch_number: u64,
}

pub struct Gil {
    state: Mutex<State>,
    /// Signalled when the GIL is released.
    released: Condvar,
    /// Signalled when a thread took the GIL (forced switching waits on it).
    switched: Condvar,
    drop_request: AtomicBool,
    interval_us: AtomicU64,
    /// The program's kill flag: once set, nobody waits for the GIL any more.
    kill: Option<Arc<AtomicBool>>,
}

/// Longest wait for the GIL between two looks at the kill flag.
const KILL_SLICE: Duration = Duration::from_millis(50);

/// CPython's default switch interval: 5 ms.
pub const DEFAULT_INTERVAL: Duration = Duration::from_micros(5_000);

impl Default for Gil {
    fn default() -> Self {
        Gil::new()
    }
}

impl Gil {
    pub fn new() -> Gil {
        Gil::watching(None)
    }

    /// A GIL whose waiters give up once `kill` is set (the program is over).
    pub fn with_kill(kill: Arc<AtomicBool>) -> Gil {
        Gil::watching(Some(kill))
    }

    fn watching(kill: Option<Arc<AtomicBool>>) -> Gil {
        Gil {
            state: Mutex::new(State { locked: false, last_holder: 0, switch_number: 0 }),
            released: Condvar::new(),
            switched: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval_us: AtomicU64::new(DEFAULT_INTERVAL.as_micros() as u64),
            kill,
        }
    }

    fn killed(&self) -> bool {
        self.kill.as_ref().is_some_and(|k| k.load(Ordering::Relaxed))
    }

    /// `sys.getswitchinterval()`, in seconds.
    pub fn switch_interval(&self) -> f64 {
        self.interval_us.load(Ordering::Relaxed) as f64 / 1e6
    }

    /// `sys.setswitchinterval(seconds)`; the caller has already rejected values <= 0
    /// (ValueError). Like CPython, the value is kept in microseconds, at least 1.
    pub fn set_switch_interval(&self, seconds: f64) {
        let us = (seconds * 1e6).clamp(1.0, u64::MAX as f64) as u64;
        self.interval_us.store(us, Ordering::Relaxed);
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the GIL for `me`, waiting as long as needed and asking the holder to drop
    /// it after every switch interval without progress. Returns true if another thread
    /// held it last (a switch happened). Returns false WITHOUT the GIL once the program
    /// was killed (its holder may be dead): the caller is about to be abandoned anyway.
    pub fn take(&self, me: ThreadNo) -> bool {
        let mut st = self.lock();
        while st.locked {
            if self.killed() {
                return false;
            }
            let saved = st.switch_number;
            let interval = Duration::from_micros(self.interval_us.load(Ordering::Relaxed));
            // Long intervals are waited in slices, to look at the kill flag.
            let mut left = interval;
            let mut timed_out = true;
            while st.locked && !left.is_zero() && !self.killed() {
                let slice = left.min(KILL_SLICE);
                let (guard, waited) = self.released.wait_timeout(st, slice).unwrap_or_else(|e| e.into_inner());
                st = guard;
                if !waited.timed_out() {
                    timed_out = false;
                    break;
                }
                left -= slice;
            }
            if timed_out && st.locked && st.switch_number == saved && !self.killed() {
                self.drop_request.store(true, Ordering::Release);
            }
        }
        st.locked = true;
        let switched = st.last_holder != me;
        if switched {
            st.last_holder = me;
            st.switch_number += 1;
        }
        // Whoever dropped on request may now go on waiting for its turn.
        self.switched.notify_all();
        // A request aimed at the previous holder is satisfied.
        self.drop_request.store(false, Ordering::Release);
        switched
    }

    /// Releases the GIL. If it was dropped because of a request, waits until another
    /// thread has taken it (CPython's FORCE_SWITCHING).
    /// Not holding it (a `take` gave up because the program was killed) is fine: then
    /// this does nothing.
    pub fn release(&self, me: ThreadNo) {
        let mut st = self.lock();
        if !(st.locked && st.last_holder == me) {
            return;
        }
        st.locked = false;
        self.released.notify_one();
        if self.drop_request.load(Ordering::Acquire) && st.last_holder == me {
            self.drop_request.store(false, Ordering::Release);
            // One wait, as in CPython: woken by the next take (or spuriously). Bounded,
            // in case the thread that asked died before it could take the GIL.
            drop(self.switched.wait_timeout(st, KILL_SLICE));
        }
    }

    /// Releases the GIL around a blocking call, without forced switching (nobody is
    /// owed the GIL because of us: we are about to wait anyway).
    pub fn release_for_blocking(&self, me: ThreadNo) {
        let mut st = self.lock();
        if st.locked && st.last_holder == me {
            st.locked = false;
            self.released.notify_one();
        }
    }

    /// The eval-breaker test at a check point: cheap, one relaxed load.
    #[inline]
    pub fn drop_requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    /// At a check point with a pending request: let another thread run, then go on.
    pub fn yield_to_others(&self, me: ThreadNo) {
        self.release(me);
        self.take(me);
    }

    /// Which thread holds the GIL now, if any (for traces and deadlock reports).
    pub fn holder(&self) -> Option<ThreadNo> {
        let st = self.lock();
        st.locked.then_some(st.last_holder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn only_one_thread_runs_at_a_time() {
        // A deliberately racy read-modify-write, guarded only by the GIL: no update
        // may be lost, however the threads switch.
        let gil = Arc::new(Gil::new());
        gil.set_switch_interval(0.0001);
        let counter = Arc::new(AtomicU64::new(0));
        let inside = Arc::new(AtomicUsize::new(0));
        let handles: Vec<_> = (1..=4)
            .map(|me| {
                let (gil, counter, inside) = (gil.clone(), counter.clone(), inside.clone());
                std::thread::spawn(move || {
                    gil.take(me);
                    for _ in 0..20_000 {
                        assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two threads inside");
                        let v = counter.load(Ordering::Relaxed);
                        std::hint::spin_loop();
                        counter.store(v + 1, Ordering::Relaxed);
                        inside.fetch_sub(1, Ordering::SeqCst);
                        if gil.drop_requested() {
                            gil.yield_to_others(me);
                        }
                    }
                    gil.release(me);
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(counter.load(Ordering::SeqCst), 80_000);
    }

    #[test]
    fn a_waiting_thread_gets_the_gil_from_a_spinning_holder() {
        // The holder never blocks; only the drop request at its check points lets the
        // other thread in, and forced switching means the other thread really runs.
        let gil = Arc::new(Gil::new());
        gil.set_switch_interval(0.001);
        gil.take(1);
        let got_it = Arc::new(AtomicBool::new(false));
        let waiter = {
            let (gil, got_it) = (gil.clone(), got_it.clone());
            std::thread::spawn(move || {
                let switched = gil.take(2);
                got_it.store(true, Ordering::SeqCst);
                gil.release(2);
                switched
            })
        };
        let mut yields = 0;
        while !got_it.load(Ordering::SeqCst) {
            if gil.drop_requested() {
                yields += 1;
                gil.yield_to_others(1);
                // Forced switching: by the time we hold it again, thread 2 had it.
                assert!(got_it.load(Ordering::SeqCst), "took the GIL back before the waiter ran");
            }
            std::hint::spin_loop();
        }
        gil.release(1);
        assert!(waiter.join().unwrap(), "the waiter should see a switch");
        assert!(yields >= 1);
    }

    #[test]
    fn no_request_without_a_waiter_and_blocking_release_lets_others_in() {
        let gil = Gil::new();
        gil.set_switch_interval(0.0005);
        gil.take(1);
        std::thread::sleep(Duration::from_millis(5));
        assert!(!gil.drop_requested());
        assert_eq!(gil.holder(), Some(1));
        gil.release_for_blocking(1);
        assert_eq!(gil.holder(), None);
        assert!(!gil.take(1), "same thread again: no switch");
    }

    #[test]
    fn waiters_give_up_once_killed_when_the_holder_never_releases() {
        // The holder "dies" holding the GIL (a trapped worker never releases it): a
        // waiter must not block forever once the program is killed.
        let kill = Arc::new(AtomicBool::new(false));
        let gil = Arc::new(Gil::with_kill(kill.clone()));
        gil.set_switch_interval(1.0); // longer than the kill slice: waited in slices
        gil.take(1);
        let waiter = {
            let gil = gil.clone();
            std::thread::spawn(move || {
                gil.take(2);
                gil.holder()
            })
        };
        std::thread::sleep(Duration::from_millis(120));
        assert!(!waiter.is_finished(), "took a GIL that is held");
        kill.store(true, Ordering::Relaxed);
        let t0 = std::time::Instant::now();
        while !waiter.is_finished() {
            assert!(t0.elapsed() < Duration::from_secs(2), "a waiter ignored the kill flag");
            std::thread::sleep(Duration::from_millis(5));
        }
        // It gave up without taking it: the dead holder still "holds" it.
        assert_eq!(waiter.join().unwrap(), Some(1));
        // Releasing a GIL one does not hold does nothing.
        gil.release(2);
        assert_eq!(gil.holder(), Some(1));
    }

    #[test]
    fn switch_interval_round_trips_in_seconds() {
        let gil = Gil::new();
        assert_eq!(gil.switch_interval(), 0.005);
        gil.set_switch_interval(0.001);
        assert_eq!(gil.switch_interval(), 0.001);
        gil.set_switch_interval(1e-9);
        assert_eq!(gil.switch_interval(), 1e-6);
    }
}
