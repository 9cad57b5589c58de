//! The step explorer's engine side (`explore::pause`, `runtime::snapshot`): a run
//! paused before its first instruction, moves by instruction / line / until blocked,
//! the lost update of `counter += 1` visible in the globals, waits that name their lock
//! and its holder, deadlocks, undo by replaying a shorter schedule, and a schedule
//! that no longer fits edited code.
#![cfg(not(target_arch = "wasm32"))]

use threadlab::runtime::explore::{self, Paused, Schedule};
use threadlab::runtime::snapshot::Status;
use threadlab::runtime::solo::Move;

const FILE: &str = "/tmp/prog.py";

fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap()
}

fn go(src: &'static str, sched: &Schedule, then: Option<(u64, Move)>) -> Paused {
    let sched = sched.clone();
    big_stack(move || explore::pause(src, FILE, &sched, then, 5_000_000, None))
}

fn global<'a>(p: &'a Paused, name: &str) -> Option<&'a str> {
    p.snapshot.globals.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

const LOST: &str = "import threading
counter = 0
def work():
    global counter
    counter += 1
t1 = threading.Thread(target=work)
t2 = threading.Thread(target=work)
t1.start()
t2.start()
t1.join()
t2.join()
print(counter)
";

#[test]
fn pauses_before_the_first_instruction() {
    let p = go(LOST, &vec![], None);
    assert!(!p.ended, "{p:?}");
    assert_eq!(p.diverged, None);
    assert_eq!(p.snapshot.threads.len(), 1, "{:?}", p.snapshot.threads);
    let main = &p.snapshot.threads[0];
    assert_eq!((main.no, main.name.as_str()), (1, "MainThread"));
    assert_eq!(main.status, Status::Ready);
    assert_eq!(main.line, Some(1));
    // (CPython pushes the level and fromlist first; our IMPORT_NAME carries them.)
    assert_eq!(main.next.as_deref(), Some("IMPORT_NAME threading"), "{main:?}");
    assert!(p.snapshot.globals.is_empty(), "{:?}", p.snapshot.globals);
    assert!(p.result.stdout.is_empty());
}

/// Steps `thread` by `m` from `p`, returning the new state.
fn step(src: &'static str, p: &Paused, thread: u64, m: Move) -> Paused {
    let next = go(src, &p.schedule, Some((thread, m)));
    assert_eq!(next.diverged, None, "stepping thread {thread} from {:?}", p.schedule);
    next
}

/// Steps `thread` one instruction at a time until its next instruction is `want`.
fn until_next(src: &'static str, mut p: Paused, thread: u64, want: &str) -> Paused {
    for _ in 0..200 {
        if p.snapshot.thread(thread).and_then(|t| t.next.as_deref()) == Some(want) {
            return p;
        }
        p = step(src, &p, thread, Move::Instruction);
    }
    panic!("thread {thread} never reached {want}: {:?}", p.snapshot.thread(thread));
}

#[test]
fn the_lost_update_step_by_step() {
    let mut p = go(LOST, &vec![], None);
    // Main runs until t1.start() waits for the new thread to be running.
    p = step(LOST, &p, 1, Move::UntilBlocked);
    let main = p.snapshot.thread(1).unwrap();
    assert_eq!(main.line, Some(8), "{main:?}");
    assert!(matches!(&main.status, Status::Waiting { wait, .. } if wait.kind == "event"), "{main:?}");
    assert!(!main.can_run());
    let t1 = p.snapshot.thread(2).expect("t1 exists");
    assert!(t1.can_run(), "{t1:?}");
    // t1 goes as far as loading counter (0) and adding 1, but not storing it.
    p = until_next(LOST, p, 2, "LOAD_GLOBAL counter");
    assert_eq!(p.snapshot.thread(2).unwrap().line, Some(5));
    p = step(LOST, &p, 2, Move::Instruction);
    assert_eq!(p.snapshot.thread(2).unwrap().next.as_deref(), Some("LOAD_CONST 1"));
    p = step(LOST, &p, 2, Move::Instruction);
    p = until_next(LOST, p, 2, "STORE_GLOBAL counter");
    // Main starts t2, which loads the same 0.
    p = until_next(LOST, p, 1, "LOAD_GLOBAL t2");
    p = step(LOST, &p, 1, Move::UntilBlocked);
    assert!(p.snapshot.thread(3).is_some(), "{:?}", p.snapshot.threads);
    p = until_next(LOST, p, 3, "STORE_GLOBAL counter");
    assert_eq!(global(&p, "counter"), Some("0"));
    // Each holds the 1 it computed, on its evaluation stack.
    for t in [2, 3] {
        assert_eq!(p.snapshot.thread(t).unwrap().frames.last().unwrap().stack, vec!["1".to_string()]);
    }
    // Both store 1: one update is lost.
    p = step(LOST, &p, 2, Move::Instruction);
    assert_eq!(global(&p, "counter"), Some("1"));
    p = step(LOST, &p, 3, Move::Instruction);
    assert_eq!(global(&p, "counter"), Some("1"));
    // Run everything to the end.
    for _ in 0..20 {
        if p.ended {
            break;
        }
        let t = p.snapshot.threads.iter().find(|t| t.can_run()).map(|t| t.no).expect("someone can run");
        p = step(LOST, &p, t, Move::UntilBlocked);
    }
    assert!(p.ended, "{:?}", p.snapshot);
    assert_eq!(p.result.stdout, "1\n");
    assert!(p.snapshot.threads.iter().all(|t| t.status == Status::Finished), "{:?}", p.snapshot.threads);
    // The recorded schedule replays to the same end.
    let r = big_stack({
        let s = p.schedule.clone();
        move || explore::replay(LOST, FILE, &s)
    });
    assert_eq!(r.result.stdout, "1\n");
}

#[test]
fn undo_is_a_replay_of_the_shorter_schedule() {
    let mut states = vec![go(LOST, &vec![], None)];
    for (t, m) in [(1, Move::UntilBlocked), (2, Move::Line), (2, Move::Instruction), (2, Move::Instruction), (1, Move::Line), (2, Move::UntilBlocked)] {
        let next = step(LOST, states.last().unwrap(), t, m);
        states.push(next);
    }
    // Each state's schedule, replayed alone, pauses in exactly that state.
    for s in &states {
        let again = go(LOST, &s.schedule, None);
        assert_eq!(again.snapshot, s.snapshot, "schedule {:?}", s.schedule);
        assert_eq!(again.result.stdout, s.result.stdout);
    }
    // Moves change the state (none of them is a no-op here).
    for w in states.windows(2) {
        assert_ne!(w[0].snapshot, w[1].snapshot, "{:?} -> {:?}", w[0].schedule, w[1].schedule);
    }
}

#[test]
fn a_line_move_stops_on_the_next_line() {
    let src: &'static str = "a = 1\nb = 2\nc = a + b\nprint(c)\n";
    let p = go(src, &vec![], None);
    assert_eq!(p.snapshot.threads[0].line, Some(1));
    let p = step(src, &p, 1, Move::Line);
    assert_eq!(p.snapshot.threads[0].line, Some(2));
    assert_eq!(global(&p, "a"), Some("1"));
    assert_eq!(global(&p, "b"), None);
    let p = step(src, &p, 1, Move::Line);
    let p = step(src, &p, 1, Move::Line);
    assert_eq!(p.snapshot.threads[0].line, Some(4));
    assert_eq!(global(&p, "c"), Some("3"));
    assert_eq!(p.snapshot.threads[0].next.as_deref(), Some("LOAD_GLOBAL print"), "{:?}", p.snapshot.threads[0]);
    let p = step(src, &p, 1, Move::Line);
    assert!(p.ended);
    assert_eq!(p.result.stdout, "3\n");
}

#[test]
fn locals_and_the_call_stack() {
    let src: &'static str = "def f(n):\n    m = n * 2\n    return m\nprint(f(21))\n";
    let mut p = go(src, &vec![], None);
    for _ in 0..40 {
        if p.snapshot.threads[0].frames.len() == 2 && p.snapshot.threads[0].line == Some(3) {
            break;
        }
        p = step(src, &p, 1, Move::Instruction);
    }
    let t = &p.snapshot.threads[0];
    assert_eq!(t.frames.iter().map(|f| (f.func.as_str(), f.line)).collect::<Vec<_>>(), vec![("<module>", 4), ("f", 3)]);
    assert_eq!(t.frames[1].locals, vec![("n".to_string(), "21".to_string()), ("m".to_string(), "42".to_string())]);
    assert_eq!(t.next.as_deref(), Some("LOAD_FAST m"));
}

const TWO_LOCKS: &str = "import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        with b:
            pass
def two():
    with b:
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print('done')
";

#[test]
fn waits_name_the_lock_and_its_holder_and_deadlocks_end_the_run() {
    let mut p = go(TWO_LOCKS, &vec![], None);
    p = step(TWO_LOCKS, &p, 1, Move::UntilBlocked);
    // t1 takes a.
    p = until_next(TWO_LOCKS, p, 2, "LOAD_GLOBAL b");
    p = step(TWO_LOCKS, &p, 1, Move::UntilBlocked);
    p = until_next(TWO_LOCKS, p, 3, "LOAD_GLOBAL a");
    assert!(p.snapshot.locks.iter().any(|l| l.name == "a" && l.holder == Some(2)), "{:?}", p.snapshot.locks);
    assert!(p.snapshot.locks.iter().any(|l| l.name == "b" && l.holder == Some(3)), "{:?}", p.snapshot.locks);
    assert_eq!(global(&p, "a"), Some("<locked Lock>"));
    // Inside `with a:`: the bound __exit__ the with keeps is bookkeeping, not shown.
    let inside = p.snapshot.thread(2).unwrap().frames.last().unwrap();
    assert!(inside.stack.iter().all(|v| !v.contains("built-in")), "{inside:?}");
    // t2 waits for a, held by t1.
    p = step(TWO_LOCKS, &p, 3, Move::UntilBlocked);
    let t2 = p.snapshot.thread(3).unwrap();
    match &t2.status {
        Status::Waiting { wait, enabled } => {
            assert_eq!((wait.lock.as_str(), wait.holder, *enabled, wait.line), ("a", Some(2), false, 10), "{wait:?}");
        }
        s => panic!("t2 should wait: {s:?}"),
    }
    // A waiting thread shows the instruction that waits, on its line.
    assert_eq!((t2.line, t2.next.as_deref()), (Some(10), Some("BEFORE_WITH")), "{t2:?}");
    assert!(!p.ended && !p.snapshot.deadlock);
    // t1 waits for b, held by t2; main goes on into t1.join(): nobody can go on.
    p = step(TWO_LOCKS, &p, 2, Move::UntilBlocked);
    assert!(!p.ended, "main can still run: {:?}", p.snapshot);
    assert!(p.snapshot.thread(1).unwrap().can_run());
    p = step(TWO_LOCKS, &p, 1, Move::UntilBlocked);
    assert!(p.ended, "{:?}", p.snapshot);
    assert!(p.snapshot.deadlock, "{:?}", p.snapshot);
    assert!(p.result.stderr.contains("Deadlock:"), "{}", p.result.stderr);
    let t1 = p.snapshot.thread(2).unwrap();
    assert!(matches!(&t1.status, Status::Waiting { wait, .. } if wait.lock == "b" && wait.holder == Some(3)), "{t1:?}");
}

#[test]
fn a_schedule_that_no_longer_fits_says_where() {
    let mut p = go(LOST, &vec![], None);
    p = step(LOST, &p, 1, Move::UntilBlocked);
    p = step(LOST, &p, 2, Move::UntilBlocked);
    p = step(LOST, &p, 1, Move::UntilBlocked);
    // Edited: no threads at all. The program ends inside the first turn.
    let edited: &'static str = "counter = 0\nprint(counter)\n";
    let q = go(edited, &p.schedule, None);
    let d = q.diverged.expect("diverged");
    assert!(d.reason.contains("ended after 1 of the schedule's 3 turns"), "{d:?}");
    assert!(q.ended);
    assert_eq!(q.result.stdout, "0\n");
    // Edited: the main thread now starts a thread only after a sleep... here: the
    // second thread never exists, so its turn cannot run.
    let one_thread: &'static str = "import threading\ncounter = 0\ndef work():\n    pass\nprint('no threads')\nimport time\ntime.sleep(0)\nprint('end')\n";
    let q = go(one_thread, &p.schedule, None);
    let d = q.diverged.expect("diverged");
    assert!(d.reason.contains("thread 2 cannot run"), "{d:?}");
    assert_eq!(d.turn, 1, "{d:?}");
    assert!(!q.ended, "paused where it stopped fitting");
}

#[test]
fn a_move_that_never_blocks_stops_at_the_budget() {
    let src: &'static str = "x = 0\nwhile True:\n    x += 1\n";
    let p = go(src, &vec![], None);
    let p = step(src, &p, 1, Move::UntilBlocked);
    assert!(!p.ended);
    assert!(p.cut.as_deref().unwrap_or("").contains("instructions"), "{:?}", p.cut);
    // It paused: it can go on.
    assert!(p.snapshot.threads[0].can_run());
}

#[test]
fn a_deadlock_report_reads_back_as_a_wait_for_graph() {
    use threadlab::runtime::deadlock::{cycle, edges_from_report, WaitEdge};
    let e = big_stack(|| explore::explore(TWO_LOCKS, FILE, &explore::ExploreOptions::default()));
    let dead = e.outcomes.iter().find(|o| o.stderr.contains("Deadlock:")).expect("the explorer finds the deadlock");
    let edges = edges_from_report(&dead.stderr);
    assert!(edges.contains(&WaitEdge { thread: "Thread-1 (one)".into(), lock: "b".into(), holder: Some("Thread-2 (two)".into()) }), "{edges:?}\n{}", dead.stderr);
    assert!(edges.contains(&WaitEdge { thread: "Thread-2 (two)".into(), lock: "a".into(), holder: Some("Thread-1 (one)".into()) }), "{edges:?}");
    assert!(edges.contains(&WaitEdge { thread: "MainThread".into(), lock: "Thread.join()".into(), holder: None }), "{edges:?}");
    let mut c = cycle(&edges);
    c.sort();
    assert_eq!(c, vec!["Thread-1 (one)".to_string(), "Thread-2 (two)".to_string()]);
    assert!(edges_from_report("Traceback (most recent call last):\nValueError: x\n").is_empty());
    // A lock taken with acquire() is named too.
    let r = "Deadlock: every thread is waiting and none of them can go on.\n  T1 waits for a lock held by T2, line 3: lock_b.acquire()\nRuntimeError: deadlock: all 1 threads are blocked forever\n";
    assert_eq!(edges_from_report(r), vec![WaitEdge { thread: "T1".into(), lock: "lock_b".into(), holder: Some("T2".into()) }]);
}

#[test]
fn bad_programs_end_cleanly() {
    // A syntax error: nothing to step, the error in the output.
    let p = go("x = (\n", &vec![], None);
    assert!(p.ended);
    assert_eq!(p.result.exit_code, 1);
    assert!(p.result.stderr.contains("SyntaxError"), "{}", p.result.stderr);
    assert!(p.snapshot.threads.iter().all(|t| !t.can_run()), "{:?}", p.snapshot.threads);
    // An exception: its traceback, the program over.
    let src: &'static str = "def f():\n    return 1 / 0\nf()\n";
    let mut p = go(src, &vec![], None);
    p = step(src, &p, 1, Move::UntilBlocked);
    assert!(p.ended);
    assert!(p.result.stderr.contains("ZeroDivisionError: division by zero"), "{}", p.result.stderr);
    // A damaged schedule (a thread that never exists) pauses where it stops fitting.
    let q = go(LOST, &vec![(7, 3)], None);
    assert!(!q.ended);
    assert!(q.diverged.expect("diverged").reason.contains("thread 7 cannot run"));
}
