//! Differential tests: every program in tests/pycorpus runs in CPython (`python3`) and in
//! our engine; stdout, the exit code and the last line of stderr must match.

mod common;

use common::{has_python, last_line, Out};
use std::path::{Path, PathBuf};

/// `cmd args` in `dir` as (stdout, stderr, exit code).
fn run(cmd: &str, args: &[&str], dir: &Path) -> (String, String, i32) {
    let Out { stdout, stderr, code } = common::run(cmd, args, dir, 120);
    (stdout, stderr, code)
}

#[test]
fn corpus_matches_cpython() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pycorpus");
    let mut progs: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "py").unwrap_or(false)).collect();
    progs.sort();
    if !has_python() {
        eprintln!("python3 not found; skipping the differential corpus");
        return;
    }
    let engine = env!("CARGO_BIN_EXE_threadlab");
    let chunks: Vec<Vec<PathBuf>> = progs.chunks(progs.len().div_ceil(4).max(1)).map(|c| c.to_vec()).collect();
    let dir2 = dir.clone();
    let results: Vec<(String, Option<String>)> = std::thread::scope(|s| {
        let hs: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let dir = dir2.clone();
                s.spawn(move || {
                    let mut out = vec![];
                    for p in chunk {
                        let name = p.file_name().unwrap().to_string_lossy().to_string();
                        let (pso, pse, pc) = run("python3", &[&name], &dir);
                        let (eso, ese, ec) = run(engine, &["run", &name], &dir);
                        let mut problems = vec![];
                        if pso != eso {
                            let pl: Vec<&str> = pso.lines().collect();
                            let el: Vec<&str> = eso.lines().collect();
                            let i = pl.iter().zip(el.iter()).position(|(a, b)| a != b).unwrap_or(pl.len().min(el.len()));
                            problems.push(format!(
                                "stdout differs at line {}:\n  cpython: {:?}\n  engine:  {:?}",
                                i + 1,
                                pl.get(i).unwrap_or(&"<end>"),
                                el.get(i).unwrap_or(&"<end>")
                            ));
                        }
                        if pc != ec {
                            problems.push(format!("exit code: cpython {} engine {}", pc, ec));
                        }
                        if last_line(&pse) != last_line(&ese) {
                            problems.push(format!("last stderr line:\n  cpython: {:?}\n  engine:  {:?}", last_line(&pse), last_line(&ese)));
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
    println!("differential corpus: {} programs ran, {} passed, {} failed", results.len(), results.len() - failures.len(), failures.len());
    for (name, p) in &failures {
        println!("--- {}\n{}", name, p.as_ref().unwrap());
    }
    assert!(failures.is_empty(), "{} of {} corpus programs differ from CPython", failures.len(), results.len());
}

/// Whole tracebacks, not just their last line: file/line/function lines, source lines
/// and CPython 3.11's `^`/`~` markers must match, for runtime errors and SyntaxErrors.
#[test]
fn whole_tracebacks_match_cpython() {
    if !has_python() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pycorpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    let engine = env!("CARGO_BIN_EXE_threadlab");
    let mut compared = 0;
    let mut failures = vec![];
    for name in &names {
        let (_, pse, _) = run("python3", &[name], &dir);
        if pse.is_empty() {
            continue;
        }
        compared += 1;
        let (_, ese, _) = run(engine, &["run", name], &dir);
        if pse != ese {
            failures.push(format!("{name}:\n--- cpython\n{pse}--- engine\n{ese}"));
        }
    }
    assert!(compared >= 20, "only {compared} programs write to stderr");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
