#![cfg(not(target_arch = "wasm32"))]
//! CPython's own tests for our primitives: `Lib/test/lock_tests.py` (as test_threading.py
//! instantiates it) and `Lib/test/test_queue.py`, read from the local CPython 3.11 at
//! test time, run on CPython and on the engine in gil, free and step mode, compared test
//! by test (see tests/cpython/README.md).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// CPython's real binary and its `Lib/test` folder. No CPython 3.11 is a failure: these
/// tests are the point of the file.
fn cpython() -> (String, PathBuf) {
    if let Err(why) = common::live_cpython() {
        panic!("CPython's lock and queue tests need CPython 3.11 as python3: {why} (scripts/setup.sh installs it)");
    }
    let probe = "import sys, os, test; print(sys.executable); print(os.path.dirname(test.__file__))";
    let out = Command::new("python3").args(["-c", probe]).output().expect("python3");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    let (Some(exe), Some(lib)) = (lines.next(), lines.next()) else {
        panic!("python3 could not say where its test package is: {}", String::from_utf8_lossy(&out.stderr));
    };
    (exe.to_string(), PathBuf::from(lib))
}

/// A fresh folder holding the harness, the drivers and CPython's two test files.
fn workdir(name: &str) -> PathBuf {
    let (_, lib) = cpython();
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cpython-tests-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("test/support")).unwrap();
    for f in ["test/__init__.py", "test/support/__init__.py", "test/support/threading_helper.py", "test/support/import_helper.py"] {
        std::fs::copy(here.join("harness").join(f), dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    for f in ["run_lock_tests.py", "run_test_queue.py", "report.py"] {
        std::fs::copy(here.join(f), dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    for (from, to) in [("lock_tests.py", "test/lock_tests.py"), ("test_queue.py", "test_queue.py")] {
        std::fs::copy(lib.join(from), dir.join(to)).unwrap_or_else(|e| panic!("CPython's {from} in {}: {e}", lib.display()));
    }
    dir
}

/// Each test's line (`Class.test ok`, `... skip: why`, `... FAIL`, `... ERROR`) by name,
/// and the whole output (for the message when something differs).
fn results(out: &common::Out) -> BTreeMap<String, String> {
    out.stdout
        .lines()
        .take_while(|l| !l.starts_with("---- "))
        .filter_map(|l| {
            let (name, status) = l.split_once(' ')?;
            name.contains(".test").then(|| (name.to_string(), status.to_string()))
        })
        .collect()
}

fn summary(out: &common::Out) -> String {
    let tail: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("passed ")).collect();
    format!("{} (exit {})", tail.join(" "), out.code)
}

/// Runs `driver` on CPython and in each mode; `expect_ours` says, for a test CPython
/// passed, what ours must say instead (None: the same).
fn compare(name: &str, driver: &str, expect_ours: impl Fn(&str) -> Option<&'static str>) {
    let dir = workdir(name);
    let (exe, _) = cpython();
    let theirs = common::run(&exe, &[driver], &dir, 600);
    let want = results(&theirs);
    assert!(theirs.code == 0 && !want.is_empty(), "CPython itself did not pass {driver}: {}\n{}", summary(&theirs), theirs.stderr);
    println!("CPython 3.11: {}", summary(&theirs));
    let mut problems = Vec::new();
    for mode in ["gil", "free", "step"] {
        let ours = common::run(env!("CARGO_BIN_EXE_threadlab"), &["run", "--mode", mode, "--seed", "7", driver], &dir, 900);
        let got = results(&ours);
        println!("threadlab {mode}: {}", summary(&ours));
        for (test, status) in &want {
            let expected = expect_ours(test).map(str::to_string).unwrap_or_else(|| status.clone());
            match got.get(test) {
                Some(s) if *s == expected => {}
                Some(s) => problems.push(format!("{mode}: {test}: {s} (CPython: {status}, expected here: {expected})")),
                None => problems.push(format!("{mode}: {test} did not run (CPython: {status})")),
            }
        }
        for test in got.keys().filter(|t| !want.contains_key(*t)) {
            problems.push(format!("{mode}: {test} ran here but not on CPython"));
        }
        if !problems.is_empty() {
            let details: String = ours.stdout.lines().skip_while(|l| !l.starts_with("---- ")).take(80).collect::<Vec<_>>().join("\n");
            panic!("{driver} differs from CPython:\n{}\n{details}\nstderr: {}", problems.join("\n"), ours.stderr);
        }
    }
}

#[test]
fn cpython_lock_tests_pass_in_every_mode() {
    // Every lock type, as test_threading.py instantiates lock_tests: the same tests pass
    // and the same 3 are skipped (no fork; Condition has no _recursion_count).
    compare("locks", "run_lock_tests.py", |_| None);
}

#[test]
fn cpython_queue_tests_pass_in_every_mode() {
    // The pure-Python queues and SimpleQueue pass as on CPython; test_queue skips its C
    // classes itself where `_queue` (CPython's accelerator) does not exist.
    compare("queue", "run_test_queue.py", |test| {
        let class = test.split('.').next().unwrap_or("");
        class.starts_with('C').then_some("skip: No _queue module found")
    });
}
