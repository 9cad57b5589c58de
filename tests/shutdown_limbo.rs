#![cfg(not(target_arch = "wasm32"))]
//! The end of a program joins its non-daemon threads, including one whose start is
//! still under way (in `threading._limbo`, its starter a daemon thread): that one must
//! be waited for, not joined early ("cannot join thread before it is started", which a
//! doubling thread bomb showed in free-threaded mode). CPython 3.11 prints nothing here.

mod common;

use threadlab::runtime::options::Mode;

const PROGRAM: &str = "import threading\ndef child():\n    pass\ndef parent():\n    for _ in range(30):\n        threading.Thread(target=child, daemon=False).start()\nthreading.Thread(target=parent, daemon=True).start()\n";

fn run(mode: Mode, seed: u64) -> (i32, String) {
    let (host, run) = common::start_in_process(PROGRAM, "limbo.py", mode, seed);
    let code = run.join().unwrap();
    (code, host.captured().1)
}

#[test]
fn the_end_waits_for_a_thread_still_starting() {
    let runs = (0..200).map(|s| (Mode::Step, s)).chain((0..20).map(|s| (Mode::Free, s))).chain((0..20).map(|s| (Mode::Gil, s)));
    let bad: Vec<String> = runs
        .filter_map(|(mode, seed)| {
            let (code, err) = run(mode, seed);
            (code != 0 || !err.is_empty()).then(|| format!("{mode:?} seed {seed}: exit {code}, stderr {}", err.lines().last().unwrap_or("")))
        })
        .collect();
    assert!(bad.is_empty(), "{} of 240 runs went wrong: {bad:?}", bad.len());
}
