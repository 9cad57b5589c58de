#![cfg(not(target_arch = "wasm32"))]
//! Stop ends a run promptly in every mode, even while the main thread waits in `join()`
//! for threads busy in a lock loop (stepped mode used to let them run to the end).

mod common;

use threadlab::runtime::options::Mode;

const PROGRAM: &str = "import threading\nlock = threading.Lock()\ncounter = 0\ndef one():\n    return 1\ndef work():\n    global counter\n    for _ in range(1000000):\n        with lock:\n            counter = counter + one()\nts = [threading.Thread(target=work) for _ in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(counter)\n";

/// Stops the program after `ms`; returns how long it took to end, and its stderr.
fn stop_after(mode: Mode, ms: u64) -> (f64, String) {
    let (host, run) = common::start_in_process(PROGRAM, "stop.py", mode, 7);
    std::thread::sleep(std::time::Duration::from_millis(ms));
    host.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let t = std::time::Instant::now();
    while !run.is_finished() {
        assert!(t.elapsed().as_secs_f64() < 10.0, "{mode:?}: still running 10 s after Stop");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let took = t.elapsed().as_secs_f64() * 1000.0;
    (took, host.captured().1)
}

#[test]
fn stop_ends_a_locked_counter_loop_in_every_mode() {
    for mode in [Mode::Gil, Mode::Free, Mode::Step] {
        for ms in [300, 1000] {
            let (took, err) = stop_after(mode, ms);
            eprintln!("{mode:?}, stopped after {ms} ms: ended {took:.0} ms after Stop");
            assert!(took < 1000.0, "{mode:?}: ended {took:.0} ms after Stop");
            // As CPython's Ctrl+C: the main thread, waiting in join(), gets the
            // KeyboardInterrupt, its traceback names that line, and the run ends.
            assert!(err.contains("line 13, in <module>") && err.trim_end().ends_with("KeyboardInterrupt"), "{mode:?}: stderr {err}");
        }
    }
}
