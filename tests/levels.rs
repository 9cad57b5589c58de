//! Every challenge level (levels/*.md, parsed by `threadlab::levels`) proved on the
//! explorer (`runtime::explore`):
//!
//! - a *break it* level's plain run (one thread at a time, no preemption: what the step
//!   explorer shows before the learner switches threads) does not fail, a failing
//!   interleaving exists, and its witness schedule replays to that failure;
//! - a *fix it* level's starter has a failing interleaving, and its reference fix has
//!   none in a complete exploration, every outcome showing what `must` asks.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;

use threadlab::levels::{self, Kind, Level};
use threadlab::runtime::explore::{self, ExploreOptions, Exploration};
use threadlab::runtime::solo::{Limits, Plan};

const FILE: &str = "main.py";
/// Runs a level's search may take (`LEVELS_MAX_RUNS` to try others).
fn max_runs() -> usize {
    std::env::var("LEVELS_MAX_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(MAX_RUNS)
}
const MAX_RUNS: usize = 3000;

/// Runs on a big-stack thread, as the CLI does.
fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap()
}

fn explore_src(src: &str) -> Exploration {
    let src = src.to_string();
    big_stack(move || explore::explore(&src, FILE, &ExploreOptions { max_runs: max_runs(), ..ExploreOptions::default() }))
}

fn show(stdout: &str, stderr: &str, code: i32) -> String {
    format!("exit {code}, stdout {stdout:?}, stderr {stderr:?}")
}

/// Checks one level; Err says what is wrong with it.
fn prove(l: &Level) -> Result<String, String> {
    let t = Instant::now();
    let fails = |o: &explore::Outcome| l.goal.holds(&o.stdout, &o.stderr, o.exit_code);
    let e = explore_src(&l.program);
    let failing = e.outcomes.iter().find(|o| fails(o)).ok_or_else(|| {
        let seen: Vec<String> = e.outcomes.iter().map(|o| show(&o.stdout, &o.stderr, o.exit_code)).collect();
        format!("no interleaving reaches `{}` in {} runs (complete: {}); outcomes: {seen:#?}", l.goal_text, e.runs, e.complete)
    })?;
    // The learner can get there: the witness replays to the failure.
    let (src, sched) = (l.program.clone(), failing.schedule.clone());
    let r = big_stack(move || explore::replay(&src, FILE, &sched));
    if r.diverged.is_some() || !l.goal.holds(&r.result.stdout, &r.result.stderr, r.result.exit_code) {
        return Err(format!("the witness {} does not replay to the failure: {:?}", explore::schedule_text(&failing.schedule), r.result));
    }
    match l.kind {
        Kind::Break => {
            let src = l.program.clone();
            let (plain, _) = big_stack(move || {
                explore::run_once(&src, FILE, Plan::Choices(vec![]), Limits { max_instructions: 5_000_000, stop: None, stdin: None })
            });
            if l.goal.holds(&plain.stdout, &plain.stderr, plain.exit_code) {
                return Err(format!("the plain run already fails (too easy): {}", show(&plain.stdout, &plain.stderr, plain.exit_code)));
            }
        }
        Kind::Fix => {
            let fix = l.fix.as_deref().expect("fix levels have a fix");
            let f = explore_src(fix);
            if !f.complete {
                return Err(format!("the reference fix's exploration is incomplete after {} runs: {:?}", f.runs, f.note));
            }
            if let Some(bad) = f.outcomes.iter().find(|o| fails(o)) {
                return Err(format!("the reference fix still fails: {}", show(&bad.stdout, &bad.stderr, bad.exit_code)));
            }
            let must = l.must.as_ref().ok_or("a fix level needs `must`")?;
            if let Some(bad) = f.outcomes.iter().find(|o| !must.holds(&o.stdout, &o.stderr, o.exit_code)) {
                return Err(format!("an outcome of the fix breaks `must`: {}", show(&bad.stdout, &bad.stderr, bad.exit_code)));
            }
            return Ok(format!("starter fails after {} runs; fix: {} runs, {} outcomes, {:.0?}", e.runs, f.runs, f.outcomes.len(), t.elapsed()));
        }
    }
    Ok(format!("{} runs, {} outcomes, {:.0?}", e.runs, e.outcomes.len(), t.elapsed()))
}

fn prove_all(kind: Kind) {
    let levels: Vec<Level> = levels::all().expect("levels parse").into_iter().filter(|l| l.kind == kind).collect();
    assert!(!levels.is_empty());
    let mut errors = Vec::new();
    for l in &levels {
        match prove(l) {
            Ok(note) => eprintln!("{:28} ok: {note}", l.slug),
            Err(e) => errors.push(format!("{}: {e}", l.slug)),
        }
    }
    assert!(errors.is_empty(), "{} of {} levels fail:\n{}", errors.len(), levels.len(), errors.join("\n"));
}

#[test]
fn every_break_level_has_a_failing_interleaving_and_a_passing_plain_run() {
    prove_all(Kind::Break);
}

#[test]
fn every_fix_level_starter_fails_and_its_fix_never_does() {
    prove_all(Kind::Fix);
}

#[test]
fn a_wrong_fix_is_caught() {
    // The checks above can fail: a "fix" that only moves the lock around the print
    // still loses updates, so the fix level must reject it.
    let l = levels::all().unwrap().into_iter().find(|l| l.slug == "fix-lost-update").expect("fix-lost-update exists");
    let wrong = l.fix.as_deref().unwrap().replace("        with lock:\n            counter += 1", "        counter += 1");
    assert_ne!(wrong, l.fix.clone().unwrap(), "the replacement applied");
    let e = explore_src(&wrong);
    assert!(e.outcomes.iter().any(|o| l.goal.holds(&o.stdout, &o.stderr, o.exit_code)), "the unlocked version should fail");
}
