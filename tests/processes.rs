#![cfg(not(target_arch = "wasm32"))]
//! multiprocessing (src/runtime/process.rs, src/stdlib/mp.rs, stdlib/py/multiprocessing):
//! the programs in tests/processes, run by CPython 3.11 with the spawn start method (the
//! one the engine's processes follow) and by the engine in gil, free and step mode, must
//! print the same stdout, exit with the same code and end stderr with the same line.
//! Then properties no single output shows: globals stay the child's own, a shared Value
//! under its lock counts every update, terminate() ends a busy child, Stop ends a
//! parent waiting for its children.

mod common;

use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/processes")
}

#[test]
fn process_programs_match_cpython_in_every_mode() {
    let exe = common::cpython_exe();
    let mut programs: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 5, "tests/processes has {} programs", programs.len());
    let mut failures = vec![];
    for program in &programs {
        let theirs = common::run(&exe, &[program], &dir(), 120);
        for mode in ["gil", "free", "step"] {
            let ours = common::engine(mode, 7, program, &dir());
            if ours.stdout != theirs.stdout {
                failures.push(format!("{program} in {mode}: stdout\n--- ours\n{}--- cpython\n{}--- our stderr\n{}", ours.stdout, theirs.stdout, ours.stderr));
            }
            if ours.code != theirs.code {
                failures.push(format!("{program} in {mode}: exit code {} (CPython {})\n{}", ours.code, theirs.code, ours.stderr));
            }
            if common::last_line(&ours.stderr) != common::last_line(&theirs.stderr) {
                failures.push(format!("{program} in {mode}: last stderr line {:?} (CPython {:?})", common::last_line(&ours.stderr), common::last_line(&theirs.stderr)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Runs `src` in the engine in every mode; returns (mode, stdout, stderr, exit code).
fn each_mode(name: &str, src: &str) -> Vec<(&'static str, common::Out)> {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("processes");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join(name), src).unwrap();
    ["gil", "free", "step"].into_iter().map(|m| (m, common::engine(m, 11, name, &tmp))).collect()
}

#[test]
fn a_locked_shared_value_counts_every_update_and_globals_stay_apart() {
    let src = "import multiprocessing as mp\ncount = 0\ndef work(v, n):\n    global count\n    for _ in range(n):\n        count += 1\n        with v.get_lock():\n            v.value += 1\n    print(count)\nif __name__ == '__main__':\n    v = mp.Value('i', 0)\n    ps = [mp.Process(target=work, args=(v, 300)) for _ in range(4)]\n    for p in ps: p.start()\n    for p in ps: p.join()\n    print('total', v.value, 'parent count', count)\n";
    for (mode, out) in each_mode("locked_value.py", src) {
        assert_eq!(out.stdout, "300\n300\n300\n300\ntotal 1200 parent count 0\n", "{mode}: {}", out.stderr);
    }
}

#[test]
fn terminate_ends_a_busy_child_and_join_returns() {
    let src = "import multiprocessing as mp, time\ndef spin():\n    while True:\n        pass\nif __name__ == '__main__':\n    p = mp.Process(target=spin)\n    p.start()\n    time.sleep(0.2)\n    print(p.is_alive())\n    p.terminate()\n    p.join(5)\n    print(p.exitcode, p.is_alive())\n";
    for (mode, out) in each_mode("terminate.py", src) {
        assert_eq!(out.stdout, "True\n-15 False\n", "{mode}: {}", out.stderr);
        assert_eq!(out.code, 0, "{mode}");
    }
}

#[test]
fn stop_ends_a_parent_waiting_for_a_busy_child() {
    let src = "import multiprocessing as mp\ndef spin():\n    while True:\n        pass\nif __name__ == '__main__':\n    p = mp.Process(target=spin)\n    p.start()\n    p.join()\n";
    for mode in [threadlab::runtime::options::Mode::Gil, threadlab::runtime::options::Mode::Free, threadlab::runtime::options::Mode::Step] {
        let (host, done) = common::start_in_process(src, "stop_child.py", mode, 3);
        std::thread::sleep(std::time::Duration::from_millis(300));
        host.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let t0 = std::time::Instant::now();
        let code = done.join().unwrap();
        let took = t0.elapsed();
        let (_, stderr) = host.captured();
        assert!(took.as_secs_f64() < 2.0, "{mode:?}: the run went on {took:?} after Stop");
        assert_eq!(code, 1, "{mode:?}: {stderr}");
        assert!(stderr.trim_end().ends_with("KeyboardInterrupt"), "{mode:?}: {stderr}");
    }
}
