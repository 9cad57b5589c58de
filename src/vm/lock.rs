//! `_thread.lock` and `_thread.RLock`, the objects the VM and the runtime share: who
//! holds each lock (for deadlock reports), acquire with CPython's `blocking` / `timeout` rules, and
//! release errors with CPython's messages. Waiting itself goes through a `Waiter`, so
//! the same lock serves real threads (block on a Condvar, GIL released by the caller)
//! and the stepped scheduler (which never blocks: it asks `try_acquire` and picks
//! another thread when that fails).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// A Python thread's number (our own numbering, never 0; the GIL, locks, traces and
/// `_thread.get_ident()` all use it). Import it as `vm::host::ThreadNo`.
pub type ThreadNo = u64;
use super::exc::ExcType;

/// CPython's `threading.TIMEOUT_MAX` on 64-bit Linux (seconds).
pub const TIMEOUT_MAX: f64 = 9223372036.0;

/// A Python-level error from a lock call: the exception type and CPython's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockError {
    pub kind: ExcType,
    pub message: &'static str,
}

/// How long `acquire` may wait, from Python's `(blocking, timeout)` arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wait {
    No,
    Forever,
    For(Duration),
}

impl Wait {
    /// Validates `acquire(blocking=True, timeout=-1)` exactly as CPython 3.11 does.
    pub fn from_args(blocking: bool, timeout: f64) -> Result<Wait, LockError> {
        if !blocking && timeout != -1.0 {
            return Err(LockError { kind: ExcType::ValueError, message: "can't specify a timeout for a non-blocking call" });
        }
        if timeout < 0.0 && timeout != -1.0 {
            return Err(LockError { kind: ExcType::ValueError, message: "timeout value must be positive" });
        }
        if timeout > TIMEOUT_MAX {
            return Err(LockError { kind: ExcType::OverflowError, message: "timestamp out of range for platform time_t" });
        }
        Ok(match (blocking, timeout) {
            (false, _) => Wait::No,
            (true, t) if t == -1.0 => Wait::Forever,
            (true, t) => Wait::For(Duration::from_secs_f64(t)),
        })
    }
}

#[derive(Debug, Default)]
struct State {
    /// Holder of a plain lock (any thread may release it) or owner of an RLock.
    owner: Option<ThreadNo>,
    /// RLock recursion depth (1 for a held plain lock).
    count: u32,
    /// Threads blocked in acquire right now (for the trace and deadlock reports).
    waiting: Vec<ThreadNo>,
}

/// One lock; `reentrant` makes it an RLock.
#[derive(Debug)]
pub struct Lock {
    reentrant: bool,
    state: Mutex<State>,
    freed: Condvar,
    serial: u64,
}

thread_local! {
    /// Locks made so far on this host thread (see `Lock::serial`).
    static SERIAL: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Restarts the numbering of `Lock::serial` (the explorer, before each run).
pub fn reset_lock_serials() {
    SERIAL.with(|s| s.set(0));
}

fn next_serial() -> u64 {
    SERIAL.with(|s| {
        let n = s.get() + 1;
        s.set(n);
        n
    })
}

impl Lock {
    pub fn new() -> Lock {
        Lock { reentrant: false, state: Mutex::default(), freed: Condvar::new(), serial: next_serial() }
    }

    pub fn new_reentrant() -> Lock {
        Lock { reentrant: true, state: Mutex::default(), freed: Condvar::new(), serial: next_serial() }
    }

    /// The lock's number in creation order on its host thread: a run on one host
    /// thread that replays the same schedule makes the same locks with the same
    /// numbers (its addresses differ from run to run), so the explorer can name a lock
    /// across runs by it.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_reentrant(&self) -> bool {
        self.reentrant
    }

    /// Takes the lock if that needs no waiting.
    pub fn try_acquire(&self, me: ThreadNo) -> bool {
        let mut st = self.lock();
        Self::grab(&mut st, me, self.reentrant)
    }

    fn grab(st: &mut State, me: ThreadNo, reentrant: bool) -> bool {
        match st.owner {
            None => {
                st.owner = Some(me);
                st.count = 1;
                true
            }
            Some(owner) if reentrant && owner == me => {
                st.count += 1;
                true
            }
            Some(_) => false,
        }
    }

    /// Acquires, blocking the calling OS thread as `wait` allows. The caller releases
    /// the GIL around this when `wait` is not `Wait::No`. `now` is the host's clock in
    /// seconds (wasm has no `Instant`).
    pub fn acquire(&self, me: ThreadNo, wait: Wait, now: &dyn Fn() -> f64) -> bool {
        let mut st = self.lock();
        if Self::grab(&mut st, me, self.reentrant) {
            return true;
        }
        let deadline = match wait {
            Wait::No => return false,
            Wait::Forever => None,
            Wait::For(d) => Some(now() + d.as_secs_f64()),
        };
        st.waiting.push(me);
        let got = loop {
            st = match deadline {
                None => self.freed.wait(st).unwrap_or_else(|e| e.into_inner()),
                Some(deadline) => {
                    let left = deadline - now();
                    if left <= 0.0 {
                        break Self::grab(&mut st, me, self.reentrant);
                    }
                    self.freed.wait_timeout(st, Duration::from_secs_f64(left)).unwrap_or_else(|e| e.into_inner()).0
                }
            };
            if Self::grab(&mut st, me, self.reentrant) {
                break true;
            }
        };
        if let Some(i) = st.waiting.iter().position(|&t| t == me) {
            st.waiting.swap_remove(i);
        }
        got
    }

    /// Releases. A plain lock may be released by any thread; an RLock only by its
    /// owner, once per acquire.
    pub fn release(&self, me: ThreadNo) -> Result<(), LockError> {
        let mut st = self.lock();
        match (st.owner, self.reentrant) {
            (None, false) => Err(LockError { kind: ExcType::RuntimeError, message: "release unlocked lock" }),
            (owner, true) if owner != Some(me) => {
                Err(LockError { kind: ExcType::RuntimeError, message: "cannot release un-acquired lock" })
            }
            _ => {
                st.count -= 1;
                if st.count == 0 {
                    st.owner = None;
                    drop(st);
                    self.freed.notify_one();
                }
                Ok(())
            }
        }
    }

    /// `lock.locked()`.
    pub fn locked(&self) -> bool {
        self.lock().owner.is_some()
    }

    /// The holder, for deadlock reports (a plain lock's "holder" is who acquired it).
    pub fn owner(&self) -> Option<ThreadNo> {
        self.lock().owner
    }

    /// The RLock's owner and depth (its repr shows them).
    pub fn owner_and_count(&self) -> (Option<ThreadNo>, u32) {
        let st = self.lock();
        (st.owner, st.count)
    }

    /// Sets the depth of a held RLock (`_acquire_restore` after waiting for it).
    pub fn set_count(&self, count: u32) {
        self.lock().count = count;
    }

    /// `try_acquire`, then (RLock `_acquire_restore`) the depth `count` if above 1.
    pub fn try_acquire_at(&self, me: ThreadNo, count: u32) -> bool {
        let got = self.try_acquire(me);
        if got && count > 1 {
            self.set_count(count);
        }
        got
    }

    /// `acquire`, then the depth `count` if above 1.
    pub fn acquire_at(&self, me: ThreadNo, wait: Wait, now: &dyn Fn() -> f64, count: u32) -> bool {
        let got = self.acquire(me, wait, now);
        if got && count > 1 {
            self.set_count(count);
        }
        got
    }

    /// Who a deadlock report should name as blocking `waiter` on this lock: its holder,
    /// for a plain wait on a Lock/RLock (`kind`); nobody for waits inside Events,
    /// Conditions, joins... whose internal locks the waiter itself holds.
    pub fn blocker_of(&self, waiter: ThreadNo, kind: &str) -> Option<ThreadNo> {
        self.owner().filter(|o| *o != waiter && matches!(kind, "lock" | "rlock"))
    }

    /// `RLock._is_owned()`.
    pub fn is_owned_by(&self, me: ThreadNo) -> bool {
        self.lock().owner == Some(me)
    }

    /// For `Condition.wait` on an RLock: releases every level, returning how many, so
    /// `_acquire_restore` can take them all back (CPython's `_release_save`/`_acquire_restore`).
    pub fn release_all(&self, me: ThreadNo) -> Result<u32, LockError> {
        let mut st = self.lock();
        if st.owner != Some(me) {
            return Err(LockError { kind: ExcType::RuntimeError, message: "cannot release un-acquired lock" });
        }
        let count = st.count;
        st.owner = None;
        st.count = 0;
        drop(st);
        self.freed.notify_one();
        Ok(count)
    }
}

impl Default for Lock {
    fn default() -> Self {
        Lock::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn clock() -> f64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64()
    }

    #[test]
    fn argument_rules_match_cpython() {
        assert_eq!(Wait::from_args(true, -1.0), Ok(Wait::Forever));
        assert_eq!(Wait::from_args(false, -1.0), Ok(Wait::No));
        assert_eq!(Wait::from_args(true, 0.5), Ok(Wait::For(Duration::from_millis(500))));
        assert_eq!(Wait::from_args(false, 1.0).unwrap_err().message, "can't specify a timeout for a non-blocking call");
        assert_eq!(Wait::from_args(true, -2.0).unwrap_err().message, "timeout value must be positive");
        assert_eq!(Wait::from_args(true, 1e12).unwrap_err().kind, ExcType::OverflowError);
    }

    #[test]
    fn plain_lock_release_rules() {
        let l = Lock::new();
        assert_eq!(l.release(1).unwrap_err().message, "release unlocked lock");
        assert!(l.try_acquire(1));
        assert!(!l.try_acquire(1), "a plain lock is not re-entrant");
        assert!(l.locked());
        l.release(2).expect("any thread may release a plain lock");
        assert!(!l.locked());
    }

    #[test]
    fn rlock_counts_and_owner_rules() {
        let r = Lock::new_reentrant();
        assert!(r.try_acquire(1) && r.try_acquire(1));
        assert!(!r.try_acquire(2));
        assert_eq!(r.release(2).unwrap_err().message, "cannot release un-acquired lock");
        r.release(1).unwrap();
        assert!(r.locked());
        r.release(1).unwrap();
        assert!(!r.locked());
        assert!(r.try_acquire(1) && r.try_acquire(1) && r.try_acquire(1));
        assert_eq!(r.release_all(1), Ok(3));
        assert!(!r.locked());
        assert!(r.try_acquire(1));
        r.set_count(3);
        for _ in 0..3 {
            r.release(1).unwrap();
        }
        assert!(r.release(1).is_err());
    }

    #[test]
    fn timed_acquire_gives_up_and_blocking_acquire_waits_for_release() {
        let l = Arc::new(Lock::new());
        assert!(l.try_acquire(1));
        let t0 = clock();
        assert!(!l.acquire(2, Wait::For(Duration::from_millis(30)), &clock));
        assert!(clock() - t0 >= 0.029, "gave up too early");
        assert!(!l.acquire(2, Wait::No, &clock));
        let waiter = {
            let l = l.clone();
            std::thread::spawn(move || l.acquire(2, Wait::Forever, &clock))
        };
        while l.lock().waiting.is_empty() {
            std::thread::yield_now();
        }
        l.release(1).unwrap();
        assert!(waiter.join().unwrap());
        assert_eq!(l.owner(), Some(2));
    }

    #[test]
    fn contended_lock_loses_no_update() {
        let l = Arc::new(Lock::new());
        let total = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let hs: Vec<_> = (1..=4)
            .map(|me| {
                let (l, total) = (l.clone(), total.clone());
                std::thread::spawn(move || {
                    for _ in 0..5_000 {
                        assert!(l.acquire(me, Wait::Forever, &clock));
                        let v = total.load(std::sync::atomic::Ordering::Relaxed);
                        total.store(v + 1, std::sync::atomic::Ordering::Relaxed);
                        l.release(me).unwrap();
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(total.load(std::sync::atomic::Ordering::SeqCst), 20_000);
    }
}
