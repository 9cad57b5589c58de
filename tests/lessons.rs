//! Every lesson's code, run by the engine (the `threadlab` binary): examples and
//! starter code must run, and each exercise's own solution must pass its check under
//! every mode and seed the check names, while the starter, an answer that only prints
//! the expected output (`wrong printed`) and a racy answer (`wrong racy`) must each fail
//! at least one of those runs. A lesson that breaks fails the build.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{engine, engine_with_stdin, has_python, run};
use std::path::PathBuf;

use threadlab::lessons::{self, SearchVerdict};
use threadlab::runtime::explore::{explore, ExploreOptions};


fn scratch(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("threadlab-lessons-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Work items split over 2 threads.
fn par<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let mut chunks: Vec<Vec<T>> = vec![vec![], vec![]];
    for (i, it) in items.into_iter().enumerate() {
        chunks[i % 2].push(it);
    }
    std::thread::scope(|s| {
        let hs: Vec<_> = chunks.into_iter().map(|c| s.spawn(|| c.into_iter().map(&f).collect::<Vec<R>>())).collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn every_example_and_starter_runs() {
    let all = lessons::all().expect("lessons parse");
    let dir = scratch("examples");
    let mut items = vec![];
    for l in &all {
        for (i, p) in l.programs().enumerate() {
            items.push((format!("{} example {}", l.meta.slug, i + 1), p.to_string()));
        }
        for (i, e) in l.exercises().enumerate() {
            items.push((format!("{} exercise {} starter", l.meta.slug, i + 1), e.starter.clone()));
        }
    }
    assert!(!items.is_empty());
    let python_ok = has_python();
    let problems: Vec<String> = par(items, |(name, src)| {
        let file = dir.join(format!("{}.py", name.replace(' ', "_")));
        std::fs::write(&file, &src).unwrap();
        let name_on_disk = file.file_name().unwrap().to_string_lossy().into_owned();
        let got = engine("gil", 0, &name_on_disk, &dir);
        if got.code == 0 {
            return None;
        }
        // A failing example is fine only if it fails on purpose: CPython fails too (or
        // hangs, for a deadlock the engine reports).
        let cpython = python_ok.then(|| run("python3", &[&name_on_disk], &dir, 10));
        match cpython {
            Some(c) if c.code != 0 => None,
            _ => Some(format!("{name}: exit {}\n{}{}", got.code, got.stdout, got.stderr)),
        }
    })
    .into_iter()
    .flatten()
    .collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_solution_passes_its_own_check() {
    let all = lessons::all().expect("lessons parse");
    let dir = scratch("solutions");
    let mut items = vec![];
    for l in &all {
        for (i, e) in l.exercises().enumerate() {
            for &m in &e.check.modes {
                for seed in 1..=e.check.runs {
                    items.push((format!("{} exercise {}", l.meta.slug, i + 1), e.clone(), m, seed));
                }
            }
        }
    }
    let count = items.len();
    assert!(count > 0, "no exercises found in the lessons");
    let problems: Vec<String> = par(items, |(name, e, m, seed)| {
        let file = dir.join(format!("{}-{}-{seed}.py", name.replace(' ', "_"), m.name()));
        std::fs::write(&file, e.check.source(&e.solution)).unwrap();
        let got = engine_with_stdin(m.name(), seed as u64, &file.file_name().unwrap().to_string_lossy(), &dir, e.check.stdin.as_deref());
        (!(got.code == 0 && e.check.accepts(&got.stdout))).then(|| {
            format!("{name} ({} seed {seed}): exit {}\n--- want\n{}--- got\n{}{}", m.name(), got.code, e.check.stdout, got.stdout, got.stderr)
        })
    })
    .into_iter()
    .flatten()
    .collect();
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("{count} checked runs of exercise solutions");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The check's search of every interleaving (`explore: N`), as the page runs it: None
/// when the check has none or it passes, else what failed.
fn search_failure(e: &lessons::Exercise, code: &str) -> Option<String> {
    let max_runs = e.check.explore?;
    let opts = ExploreOptions { max_runs, stdin: e.check.stdin.clone(), ..ExploreOptions::default() };
    let x = explore(&e.check.source(code), "main.py", &opts);
    match e.check.judge_search(&x) {
        Ok(_) => None,
        Err(SearchVerdict::Fails(o)) => Some(format!(
            "interleaving {} (of {} runs) fails: exit {}\n{}{}",
            threadlab::runtime::explore::schedule_text(&o.schedule),
            x.runs,
            o.exit_code,
            o.stdout,
            o.stderr
        )),
        Err(SearchVerdict::Incomplete { runs, note }) => Some(format!("search incomplete after {runs} runs: {note:?}")),
    }
}

#[test]
fn every_searched_solution_survives_every_interleaving() {
    let all = lessons::all().expect("lessons parse");
    let mut searched = 0;
    let mut problems = vec![];
    for l in &all {
        for (i, e) in l.exercises().enumerate() {
            if e.check.explore.is_some() {
                searched += 1;
                if let Some(why) = search_failure(e, &e.solution) {
                    problems.push(format!("{} exercise {}: {why}", l.meta.slug, i + 1));
                }
            }
        }
    }
    eprintln!("{searched} exercises checked by searching every interleaving");
    assert!(searched >= 1, "no exercise uses `explore:` in its check");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The first (mode, seed) of the check's runs under which `code` fails the check, if any,
/// then the check's search of every interleaving.
fn first_failure(e: &lessons::Exercise, code: &str, file: &std::path::Path, dir: &std::path::Path) -> Option<String> {
    std::fs::write(file, e.check.source(code)).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    for &m in &e.check.modes {
        for seed in 1..=e.check.runs {
            let got = engine_with_stdin(m.name(), seed as u64, &name, dir, e.check.stdin.as_deref());
            if !(got.code == 0 && e.check.accepts(&got.stdout)) {
                return Some(format!("{} seed {seed}: exit {}", m.name(), got.code));
            }
        }
    }
    search_failure(e, code).map(|why| format!("the search: {}", why.lines().next().unwrap_or("")))
}

#[test]
fn every_check_rejects_the_starter_and_the_wrong_answers() {
    let all = lessons::all().expect("lessons parse");
    let dir = scratch("wrong");
    let mut items = vec![];
    let mut missing = vec![];
    for l in &all {
        for (i, e) in l.exercises().enumerate() {
            let name = format!("{} exercise {}", l.meta.slug, i + 1);
            for want in ["printed", "racy"] {
                if !e.wrong.iter().any(|(label, _)| label == want) {
                    missing.push(format!("{name} has no ```python wrong {want} block"));
                }
            }
            if e.check.program.is_none() {
                missing.push(format!("{name} has no ```python check program"));
            }
            items.push((name.clone(), "starter".to_string(), e.clone(), e.starter.clone()));
            for (label, code) in &e.wrong {
                items.push((name.clone(), format!("wrong {label}"), e.clone(), code.clone()));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    let count = items.len();
    let results: Vec<(String, Option<String>)> = par(items, |(name, label, e, code)| {
        let file = dir.join(format!("{}-{}.py", name.replace(' ', "_"), label.replace(' ', "_")));
        (format!("{name} {label}"), first_failure(&e, &code, &file, &dir))
    });
    let _ = std::fs::remove_dir_all(&dir);
    let mut accepted = vec![];
    for (what, failure) in &results {
        match failure {
            Some(how) => eprintln!("rejected: {what} ({how})"),
            None => accepted.push(what.clone()),
        }
    }
    eprintln!("{count} wrong programs checked, {} rejected", count - accepted.len());
    assert!(accepted.is_empty(), "the check accepts these wrong programs:\n{}", accepted.join("\n"));
}

/// The course as the curriculum asks for it: at least 12 lessons and 36 exercises in all,
/// every lesson with an exercise, and each lesson from "Deadlocks" (order 6) to "Practice
/// and debugging" (order 12) with at least three runnable examples and three exercises.
#[test]
fn the_course_is_complete() {
    let all = lessons::all().expect("lessons parse");
    let exercises: usize = all.iter().map(|l| l.exercises().count()).sum();
    let mut problems = vec![];
    if all.len() < 12 {
        problems.push(format!("{} lessons, the course needs at least 12", all.len()));
    }
    if exercises < 36 {
        problems.push(format!("{exercises} exercises, the course needs at least 36"));
    }
    for l in &all {
        let (examples, ex) = (l.programs().count(), l.exercises().count());
        if ex == 0 {
            problems.push(format!("{} has no exercise", l.meta.slug));
        }
        if (6..=12).contains(&l.meta.order) && l.meta.slug != "queues" && (examples < 3 || ex < 3) {
            problems.push(format!("{}: {examples} examples and {ex} exercises, at least 3 of each", l.meta.slug));
        }
    }
    eprintln!("{} lessons, {exercises} exercises", all.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
