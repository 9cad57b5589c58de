//! The trial pool's outcomes, recorded natively: `runtime::trial::solo_trial` of
//! tests/pool/race.py for seeds 1..=SEEDS must print what tests/pool/race.expected
//! says. tests/web.rs runs the same seeds on the browser's rayon pool and compares with
//! the same file, so a stepped seed means the same run on both targets.
//! `UPDATE_SNAPSHOTS=1` rewrites the file.
#![cfg(not(target_arch = "wasm32"))]

use threadlab::runtime::trial::{solo_trial, solo_trial_with};

const SEEDS: u64 = 24;

fn line(seed: u64, code: i32, stdout: &str, cut: Option<&str>) -> String {
    format!("seed {seed}: exit {code} cut {} stdout {:?}", cut.unwrap_or("-"), stdout)
}

#[test]
fn pool_trials_match_their_native_recording() {
    let src = include_str!("pool/race.py");
    let got: Vec<String> = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            (1..=SEEDS)
                .map(|seed| {
                    let (r, cut) = solo_trial(src, seed, None);
                    line(seed, r.exit_code, &r.stdout, cut.as_deref())
                })
                .collect()
        })
        .unwrap()
        .join()
        .unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pool/race.expected");
    let text = got.join("\n") + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let want = std::fs::read_to_string(path).expect("tests/pool/race.expected (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(text, want);
    // The recording is worth comparing with: seeds give different runs, some racy.
    let distinct: std::collections::BTreeSet<&str> = got.iter().map(|l| l.split(" stdout ").nth(1).unwrap()).collect();
    assert!(distinct.len() > 1, "every seed printed the same: {distinct:?}");
    assert!(got.iter().any(|l| !l.ends_with("\"900\\n\"")), "no seed lost an update");
}

/// A wait inside a builtin's callback that one host thread cannot resume (t1 waits
/// inside `sorted`'s key, t2 waits deeper on the same stack, and then only t1 can go
/// on) is flagged, so the page runs that trial again with a host thread per Python
/// thread (the baton runner), where it finishes.
#[test]
fn a_nested_wait_one_host_thread_cannot_resume_is_flagged_and_the_baton_runner_finishes_it() {
    use std::sync::Arc;
    use threadlab::runtime::native_host::NativeHost;
    use threadlab::runtime::options::{Mode, Options, StdSpawn};
    use threadlab::runtime::trial::needs_host_threads;
    let src = include_str!("pool/nested_wait.py");
    let (r, cut) = std::thread::Builder::new().stack_size(64 << 20).spawn(move || solo_trial(src, 1, None)).unwrap().join().unwrap();
    assert!(needs_host_threads(cut.as_deref()), "cut {cut:?}, run {r:?}");
    let host = Arc::new(NativeHost::capturing());
    let mut opts = Options::new("main.py");
    opts.mode = Mode::Step;
    opts.seed = 1;
    let code = threadlab::runtime::run::run(src, opts, host.clone(), Arc::new(StdSpawn));
    let (out, err) = host.captured();
    assert_eq!((code, out.as_str(), err.as_str()), (0, "t1 [1, 2]\nt2 [1, 2]\ndone\n", ""));
}

/// Exercise checks' stepped runs now go to the pool: every lesson's solution passes its
/// check there too, seed for seed (the page runs seeds 1..=runs).
#[test]
fn every_exercise_solution_passes_its_stepped_check_as_solo_trials() {
    use threadlab::runtime::options::Mode;
    use threadlab::runtime::trial::needs_host_threads;
    let mut checked = 0;
    let mut failures = Vec::new();
    for lesson in threadlab::lessons::all().unwrap() {
        for (i, ex) in lesson.exercises().enumerate() {
            if !ex.check.modes.contains(&Mode::Step) {
                continue;
            }
            let src = ex.check.source(&ex.solution);
            let runs = ex.check.runs as u64;
            let stdin = ex.check.stdin.clone();
            let results = std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn(move || (1..=runs).map(|seed| (seed, solo_trial_with(&src, stdin.clone(), seed, None))).collect::<Vec<_>>())
                .unwrap()
                .join()
                .unwrap();
            for (seed, (r, cut)) in results {
                checked += 1;
                // A flagged trial is rerun on the baton runner by the page, not judged here.
                if needs_host_threads(cut.as_deref()) {
                    continue;
                }
                if r.exit_code != 0 || cut.is_some() || !ex.check.accepts(&r.stdout) {
                    failures.push(format!("{} exercise {} seed {seed}: exit {} cut {cut:?}\n{}{}", lesson.meta.slug, i + 1, r.exit_code, r.stdout, r.stderr));
                    break;
                }
            }
        }
    }
    assert!(checked > 0, "no exercise checks in step mode");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
