//! Who waits for what: every live Python thread's blocking state, so that when all of
//! them wait with no timeout pending the program is stopped with a report (a wait-for
//! cycle, or waits nobody can end) instead of hanging silently.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Mutex, MutexGuard};

use super::gil::ThreadNo;

/// What a blocked thread waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitTarget {
    /// The Python type, as the learner knows it: "Lock", "RLock", "Event", "Queue",
    /// "Condition", "Semaphore", "Barrier", "Thread" (for join).
    pub kind: &'static str,
    /// How the program can name it, e.g. `lock_a` or `<locked _thread.lock object>`.
    pub label: String,
    /// Threads that could end the wait by releasing it (a lock's holder, the joined
    /// thread); empty when any thread could (an Event, a Queue).
    pub holders: Vec<ThreadNo>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Running,
    /// Blocked; `timed` when a timeout will end the wait anyway.
    Blocked { on: WaitTarget, timed: bool },
}

#[derive(Debug)]
struct Thread {
    name: String,
    state: State,
}

/// The registry of one program's threads.
#[derive(Debug, Default)]
pub struct Waits {
    threads: Mutex<BTreeMap<ThreadNo, Thread>>,
}

/// Every thread waits and none can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlock {
    pub report: String,
}

impl Waits {
    pub fn new() -> Waits {
        Waits::default()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<ThreadNo, Thread>> {
        self.threads.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A thread started (or the main thread began).
    pub fn started(&self, me: ThreadNo, name: &str) {
        self.lock().insert(me, Thread { name: name.to_string(), state: State::Running });
    }

    /// A thread's name changed (`t.name = ...`).
    pub fn renamed(&self, me: ThreadNo, name: &str) {
        if let Some(t) = self.lock().get_mut(&me) {
            t.name = name.to_string();
        }
    }

    /// A thread ended; its waiters may now be stuck, which the next `blocking` notices.
    pub fn finished(&self, me: ThreadNo) {
        self.lock().remove(&me);
    }

    /// Records that `me` is about to wait. Fails if this wait completes a deadlock: no
    /// thread is running and none waits with a timeout.
    pub fn blocking(&self, me: ThreadNo, on: WaitTarget, timed: bool) -> Result<(), Deadlock> {
        let mut threads = self.lock();
        if let Some(t) = threads.get_mut(&me) {
            t.state = State::Blocked { on, timed };
        }
        let stuck = threads.values().all(|t| matches!(t.state, State::Blocked { timed: false, .. }));
        if stuck && !threads.is_empty() {
            let report = Self::report(&threads, me);
            if let Some(t) = threads.get_mut(&me) {
                t.state = State::Running;
            }
            return Err(Deadlock { report });
        }
        Ok(())
    }

    /// `me` stopped waiting (got what it waited for, or timed out).
    pub fn running(&self, me: ThreadNo) {
        if let Some(t) = self.lock().get_mut(&me) {
            t.state = State::Running;
        }
    }

    /// Whether every thread is blocked with no timeout: the stepped scheduler asks this
    /// when it finds no runnable thread.
    pub fn check(&self) -> Result<(), Deadlock> {
        let threads = self.lock();
        let stuck = !threads.is_empty()
            && threads.values().all(|t| matches!(t.state, State::Blocked { timed: false, .. }));
        match threads.keys().next() {
            Some(&first) if stuck => Err(Deadlock { report: Self::report(&threads, first) }),
            _ => Ok(()),
        }
    }

    fn report(threads: &BTreeMap<ThreadNo, Thread>, start: ThreadNo) -> String {
        let name = |no: &ThreadNo| threads.get(no).map_or_else(|| format!("thread {no}"), |t| t.name.clone());
        // Follow "waits for something held by" from `start`; a repeat is a cycle.
        let mut path = vec![start];
        let mut cycle_from = None;
        while let Some(Thread { state: State::Blocked { on, .. }, .. }) = threads.get(path.last().unwrap()) {
            let Some(&next) = on.holders.first() else { break };
            if let Some(i) = path.iter().position(|&t| t == next) {
                cycle_from = Some(i);
                break;
            }
            path.push(next);
        }
        let mut out = String::from("deadlock: every thread is waiting and none can continue\n");
        let describe = |out: &mut String, no: &ThreadNo| {
            if let Some(Thread { state: State::Blocked { on, .. }, .. }) = threads.get(no) {
                let _ = write!(out, "  {:?} waits for {} {}", name(no), on.kind, on.label);
                if on.holders.is_empty() {
                    let _ = writeln!(out, ", which no running thread can release");
                } else {
                    let holders: Vec<String> = on.holders.iter().map(|h| format!("{:?}", name(h))).collect();
                    let _ = writeln!(out, " held by {}", holders.join(", "));
                }
            }
        };
        if let Some(i) = cycle_from {
            let _ = writeln!(out, "wait-for cycle:");
            for no in &path[i..] {
                describe(&mut out, no);
            }
        }
        let shown: Vec<ThreadNo> = cycle_from.map_or_else(Vec::new, |i| path[i..].to_vec());
        let others: Vec<&ThreadNo> = threads.keys().filter(|no| !shown.contains(no)).collect();
        if !others.is_empty() {
            let _ = writeln!(out, "{}:", if shown.is_empty() { "threads" } else { "other threads" });
            for no in others {
                describe(&mut out, no);
            }
        }
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lock(label: &str, holder: ThreadNo) -> WaitTarget {
        WaitTarget { kind: "Lock", label: label.into(), holders: vec![holder] }
    }

    #[test]
    fn two_threads_taking_two_locks_in_opposite_order() {
        let w = Waits::new();
        w.started(1, "MainThread");
        w.started(2, "Thread-1 (transfer)");
        w.started(3, "Thread-2 (transfer)");
        w.blocking(1, WaitTarget { kind: "Thread", label: "Thread-1 (transfer)".into(), holders: vec![2] }, false)
            .unwrap();
        w.blocking(2, lock("b", 3), false).unwrap();
        let err = w.blocking(3, lock("a", 2), false).unwrap_err();
        assert_eq!(
            err.report,
            "deadlock: every thread is waiting and none can continue\n\
             wait-for cycle:\n  \
             \"Thread-2 (transfer)\" waits for Lock a held by \"Thread-1 (transfer)\"\n  \
             \"Thread-1 (transfer)\" waits for Lock b held by \"Thread-2 (transfer)\"\n\
             other threads:\n  \
             \"MainThread\" waits for Thread Thread-1 (transfer) held by \"Thread-1 (transfer)\""
        );
    }

    #[test]
    fn a_timeout_or_a_running_thread_means_no_deadlock() {
        let w = Waits::new();
        w.started(1, "MainThread");
        w.started(2, "Thread-1");
        w.blocking(1, lock("a", 2), true).unwrap();
        w.blocking(2, lock("b", 1), false).unwrap(); // 1 will time out
        w.running(1);
        w.blocking(1, lock("a", 2), false).unwrap_err();
        w.running(1);
        assert!(w.check().is_ok());
        w.finished(2);
        assert!(w.check().is_ok());
    }

    #[test]
    fn self_deadlock_and_waits_nobody_can_end() {
        let w = Waits::new();
        w.started(1, "MainThread");
        let err = w.blocking(1, lock("lock", 1), false).unwrap_err();
        assert!(err.report.contains("\"MainThread\" waits for Lock lock held by \"MainThread\""), "{}", err.report);
        let err = w
            .blocking(1, WaitTarget { kind: "Event", label: "done".into(), holders: vec![] }, false)
            .unwrap_err();
        assert!(err.report.ends_with("\"MainThread\" waits for Event done, which no running thread can release"));
        assert!(w.check().is_ok(), "the failed wait left the thread running");
    }
}
