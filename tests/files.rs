#![cfg(not(target_arch = "wasm32"))]
//! Files: `open()`, `os.listdir`, `os.path` on the run's file system (src/vm/files.rs),
//! compared with CPython 3.11 running the same programs on a copy of the same folder, in
//! gil, free and step mode; then the same files handed to a run in memory
//! (`Options::files`, as the page does), with no folder at all.

mod common;

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/files")
}

/// A fresh copy of tests/files (CPython really writes its files there).
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("files-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&source_dir(), &dir);
    dir
}

#[test]
fn file_programs_match_cpython_in_every_mode() {
    let exe = common::cpython_exe();
    for program in ["basics.py", "word_count.py"] {
        let theirs = common::run(&exe, &[program], &fresh(&format!("cpython-{program}")), 60);
        assert_eq!(theirs.code, 0, "CPython: {}", theirs.stderr);
        for mode in ["gil", "free", "step"] {
            let dir = fresh(&format!("{mode}-{program}"));
            let ours = common::engine(mode, 3, program, &dir);
            assert_eq!(ours.stdout, theirs.stdout, "{program} in {mode}: stdout\n{}", ours.stderr);
            assert_eq!(ours.code, theirs.code, "{program} in {mode}: exit code\n{}", ours.stderr);
            // Writes stay in the run's memory: the folder is as it was.
            assert!(!dir.join("notes.txt").exists() && !dir.join("report").exists(), "{program} in {mode} wrote to the disk");
        }
    }
}

#[test]
fn files_given_in_memory_read_as_from_a_folder() {
    use std::sync::Arc;
    use threadlab::runtime::{explore::CaptureHost, options::{Options, StdSpawn}, run};
    let exe = common::cpython_exe();
    let theirs = common::run(&exe, &["word_count.py"], &fresh("cpython-given"), 60);
    let root = source_dir();
    let mut files = std::collections::BTreeMap::new();
    for name in ["fox.txt", "tale.txt", "hamlet.txt"] {
        files.insert(format!("books/{name}"), std::fs::read_to_string(root.join("books").join(name)).unwrap());
    }
    let mut opts = Options::new("word_count.py");
    opts.files = Arc::new(files);
    let host = Arc::new(CaptureHost::default());
    let code = run::run(&std::fs::read_to_string(root.join("word_count.py")).unwrap(), opts, host.clone(), Arc::new(StdSpawn));
    let (stdout, stderr) = host.take();
    assert_eq!((stdout.as_str(), code), (theirs.stdout.as_str(), 0), "{stderr}");
}

/// Threads appending to one file at once lose no line: 4 threads x 50 appends, 30
/// free-threaded runs (an append read the file, then wrote it back whole: one run in a
/// few lost a line).
#[test]
fn concurrent_appends_lose_no_line() {
    use std::sync::Arc;
    use threadlab::runtime::{explore::CaptureHost, options::{Mode, Options, StdSpawn}, run};
    let src = "import threading\ndef log(n):\n    for i in range(50):\n        with open('log.txt', 'a') as f:\n            f.write(f'{n} {i}\\n')\nts = [threading.Thread(target=log, args=(n,)) for n in range(4)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(len(open('log.txt').read().splitlines()))\n";
    let mut short = vec![];
    for seed in 0..30 {
        let mut opts = Options::new("append.py");
        opts.mode = Mode::Free;
        opts.seed = seed;
        opts.files = Arc::new(Default::default());
        let host = Arc::new(CaptureHost::default());
        let code = run::run(src, opts, host.clone(), Arc::new(StdSpawn));
        let (stdout, stderr) = host.take();
        assert_eq!(code, 0, "{stderr}");
        if stdout != "200\n" {
            short.push(stdout.trim().to_string());
        }
    }
    assert!(short.is_empty(), "runs with lines lost: {short:?} of 200");
}
