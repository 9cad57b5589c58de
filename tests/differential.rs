//! Differential tests: every program in tests/pycorpus runs in our engine and must give
//! what CPython 3.11 gave, as recorded beside it (NAME.stdout, NAME.stderr, NAME.code;
//! see tests/pycorpus/README.md): stdout, the exit code and the last line of stderr
//! here, the whole stderr in `whole_tracebacks_match_cpython`. The engine is compared
//! with the recordings on every run, python3 or not; when python3 is CPython 3.11, each
//! program also runs in it and a difference from the recording fails as a stale
//! recording. A program without a recording fails.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{last_line, live_check_or_warn, normalized, orphan_recordings, recording, stale, Out};
use std::path::{Path, PathBuf};

/// `cmd args` in `dir`, 120 s timeout, with the folder's path written `{DIR}`.
fn run(cmd: &str, args: &[&str], dir: &Path) -> Out {
    normalized(common::run(cmd, args, dir, 120), dir)
}

fn corpus() -> (PathBuf, Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pycorpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    (dir, names)
}

#[test]
fn corpus_matches_cpython() {
    let (dir, names) = corpus();
    assert!(names.len() >= 80, "corpus too small: {}", names.len());
    let live = live_check_or_warn("pycorpus");
    let engine = env!("CARGO_BIN_EXE_threadlab");
    let chunks: Vec<Vec<String>> = names.chunks(names.len().div_ceil(4).max(1)).map(|c| c.to_vec()).collect();
    let results: Vec<(String, Option<String>)> = std::thread::scope(|s| {
        let hs: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let dir = &dir;
                s.spawn(move || {
                    let mut out = vec![];
                    for name in chunk {
                        let mut problems = vec![];
                        match recording(dir, &name) {
                            Err(e) => problems.push(e),
                            Ok(want) => {
                                let got = run(engine, &["run", &name], dir);
                                if want.stdout != got.stdout {
                                    let pl: Vec<&str> = want.stdout.lines().collect();
                                    let el: Vec<&str> = got.stdout.lines().collect();
                                    let i = pl.iter().zip(el.iter()).position(|(a, b)| a != b).unwrap_or(pl.len().min(el.len()));
                                    problems.push(format!(
                                        "stdout differs at line {}:\n  cpython: {:?}\n  engine:  {:?}",
                                        i + 1,
                                        pl.get(i).unwrap_or(&"<end>"),
                                        el.get(i).unwrap_or(&"<end>")
                                    ));
                                }
                                if want.code != got.code {
                                    problems.push(format!("exit code: cpython {} engine {}", want.code, got.code));
                                }
                                if last_line(&want.stderr) != last_line(&got.stderr) {
                                    problems.push(format!(
                                        "last stderr line:\n  cpython: {:?}\n  engine:  {:?}",
                                        last_line(&want.stderr),
                                        last_line(&got.stderr)
                                    ));
                                }
                                if live {
                                    problems.extend(stale(&want, &run("python3", &[&name], dir), true));
                                }
                            }
                        }
                        out.push((name, if problems.is_empty() { None } else { Some(problems.join("\n")) }));
                    }
                    out
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let failures: Vec<&(String, Option<String>)> = results.iter().filter(|r| r.1.is_some()).collect();
    let orphans = orphan_recordings(&dir);
    println!(
        "differential corpus: {} programs ran against their CPython recordings{}, {} passed, {} failed",
        results.len(),
        if live { " (recordings re-checked with live CPython)" } else { " (NOT re-checked with live CPython)" },
        results.len() - failures.len(),
        failures.len()
    );
    for (name, p) in &failures {
        println!("--- {}\n{}", name, p.as_ref().unwrap());
    }
    for o in &orphans {
        println!("--- {o}");
    }
    assert!(failures.is_empty() && orphans.is_empty(), "{} of {} corpus programs differ from CPython or have no recording; {} orphan recordings", failures.len(), results.len(), orphans.len());
}

/// Whole tracebacks, not just their last line: file/line/function lines, source lines
/// and CPython 3.11's `^`/`~` markers must match the recorded stderr, for runtime errors
/// and SyntaxErrors. (corpus_matches_cpython re-checks these recordings with live CPython.)
#[test]
fn whole_tracebacks_match_cpython() {
    let (dir, names) = corpus();
    let engine = env!("CARGO_BIN_EXE_threadlab");
    let mut compared = 0;
    let mut failures = vec![];
    for name in &names {
        let want = match recording(&dir, name) {
            Ok(w) => w,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        if want.stderr.is_empty() {
            continue;
        }
        compared += 1;
        let got = run(engine, &["run", name], &dir);
        if want.stderr != got.stderr {
            failures.push(format!("{name}:\n--- cpython (recorded)\n{}--- engine\n{}", want.stderr, got.stderr));
        }
    }
    eprintln!("whole tracebacks: {compared} recorded stderrs compared, {} failures", failures.len());
    assert!(compared >= 20, "only {compared} programs write to stderr");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
