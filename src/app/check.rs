//! An exercise's Check: runs the learner's code under every mode and seed the
//! exercise's check names, and passes only if every run exits cleanly with the
//! expected output. An exercise with a check program runs it after the learner's code
//! (`Check::source`), so its assertions and verdict lines are part of each run.
//! A check with `explore: N` then searches every interleaving of that program on a
//! worker (`web::explore`): a failing interleaving is shown with a link that opens it
//! in the step explorer, so the learner sees the exact schedule that breaks the code.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::mode_switch::mode_label;
use super::trials::{run_trials, Cancel, Trial};
use crate::lessons::{Check, SearchVerdict};
use crate::links;
use crate::runtime::explore::{Exploration, Outcome};
use crate::web::explore::{explore_on_worker, Job};

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub code: AttrValue,
    pub check: Check,
    pub done: bool,
    pub on_passed: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Checking { done: usize, total: usize },
    /// The seeded runs passed; the explorer is searching every interleaving.
    Searching { runs: usize },
    /// Runs passed, and how many interleavings the search ran (if the check has one).
    Passed(usize, Option<usize>),
    FailedRun(Box<Trial>),
    /// One interleaving fails.
    FailedSearch(Witness),
    /// The search ran out of runs before covering every interleaving.
    TooBig { runs: usize, note: Option<String> },
    Error(String),
}

/// A failing interleaving's outcome and the program searched (for the link); the same
/// witness only equals itself.
#[derive(Clone)]
struct Witness(Rc<Outcome>, Rc<String>);

impl PartialEq for Witness {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where two outputs first differ, as "line N: expected …, got …".
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        match (w.get(i), g.get(i)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(a), Some(b)) => return format!("line {}: expected “{a}”, got “{b}”", i + 1),
            (Some(a), None) => return format!("line {}: expected “{a}”, but the output ended", i + 1),
            (None, Some(b)) => return format!("line {}: unexpected extra line “{b}”", i + 1),
            (None, None) => break,
        }
    }
    if want != got {
        "the lines match but the line breaks or spacing differ".into()
    } else {
        "the output matches".into()
    }
}

#[function_component(CheckPanel)]
pub fn check_panel(props: &CheckProps) -> Html {
    let status = use_state(|| Status::Idle);
    let cancel = use_mut_ref(Cancel::default);
    let search: Rc<RefCell<Option<Job<Exploration>>>> = use_mut_ref(|| None);
    {
        let (cancel, search) = (cancel.clone(), search.clone());
        use_effect_with((), move |_| {
            move || {
                cancel.borrow().cancel();
                if let Some(j) = search.borrow_mut().take() {
                    j.stop();
                }
            }
        });
    }
    let checking = matches!(*status, Status::Checking { .. } | Status::Searching { .. });
    let on_check = {
        let status = status.clone();
        let code = props.code.clone();
        let check = props.check.clone();
        let on_passed = props.on_passed.clone();
        let cancel = cancel.clone();
        let search = search.clone();
        Callback::from(move |_: MouseEvent| {
            if matches!(*status, Status::Checking { .. } | Status::Searching { .. }) {
                return;
            }
            let jobs: Vec<_> = check
                .modes
                .iter()
                .flat_map(|m| (1..=check.runs as u64).map(move |seed| (*m, seed)))
                .collect();
            let total = jobs.len();
            status.set(Status::Checking { done: 0, total });
            let c = Cancel::default();
            *cancel.borrow_mut() = c.clone();
            let status = status.clone();
            let code = code.clone();
            let check = check.clone();
            let on_passed = on_passed.clone();
            let search = search.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let passes = |t: &Trial| t.exit_code.is_some_and(|c| check.passes(c, &t.stdout));
                let progress_status = status.clone();
                // The learner's code followed by the exercise's check program, if any.
                let source = check.source(&code);
                let result = run_trials(
                    &source,
                    check.stdin.clone(),
                    jobs,
                    2,
                    20_000.0,
                    c.clone(),
                    |done, _| progress_status.set(Status::Checking { done, total }),
                    passes,
                )
                .await;
                if c.is_cancelled() {
                    return;
                }
                match result {
                    Err(e) => status.set(Status::Error(e)),
                    Ok(trials) => match trials.iter().find(|t| !passes(t)) {
                        Some(bad) => status.set(Status::FailedRun(Box::new(bad.clone()))),
                        None if trials.len() == total => match check.explore {
                            None => {
                                status.set(Status::Passed(total, None));
                                on_passed.emit(());
                            }
                            Some(max_runs) => {
                                status.set(Status::Searching { runs: max_runs });
                                let job = match explore_on_worker(&source, check.stdin.clone(), max_runs) {
                                    Ok(j) => j,
                                    Err(e) => return status.set(Status::Error(e)),
                                };
                                *search.borrow_mut() = Some(job.clone());
                                let found = job.wait().await;
                                search.borrow_mut().take();
                                if c.is_cancelled() || job.stopped() {
                                    return;
                                }
                                match found.map(|x| check.judge_search(&x)) {
                                    None => status.set(Status::Error("the search's worker failed (its error is shown above)".into())),
                                    Some(Ok(runs)) => {
                                        status.set(Status::Passed(total, Some(runs)));
                                        on_passed.emit(());
                                    }
                                    Some(Err(SearchVerdict::Fails(o))) => status.set(Status::FailedSearch(Witness(Rc::new(o), Rc::new(source)))),
                                    Some(Err(SearchVerdict::Incomplete { runs, note })) => status.set(Status::TooBig { runs, note }),
                                }
                            }
                        },
                        None => status.set(Status::Error("not every run finished".into())),
                    },
                }
            });
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        let status = status.clone();
        let search = search.clone();
        Callback::from(move |_: MouseEvent| {
            cancel.borrow().cancel();
            if let Some(j) = search.borrow_mut().take() {
                j.stop();
            }
            status.set(Status::Idle);
        })
    };
    let want = Rc::new(props.check.stdout.clone());
    let report = match &*status {
        Status::Idle => html! {},
        Status::Checking { done, total } => html! {
            <p class="check-status">{ format!("Checking… {done} of {total} runs") }
                <progress max={total.to_string()} value={done.to_string()} aria-label="Check progress"></progress></p>
        },
        Status::Searching { runs } => html! {
            <p class="check-status">{ format!("The runs passed. Searching every interleaving (up to {runs} runs)…") }</p>
        },
        Status::Passed(n, searched) => html! {
            <p class="check-status pass" role="status">
                { if *n == 1 { "✓ Correct: the output is right.".to_string() }
                  else { format!("✓ Correct in all {n} runs ({}).",
                        props.check.modes.iter().map(|m| mode_label(*m)).collect::<Vec<_>>().join(", ")) } }
                { for searched.map(|r| format!(" No interleaving breaks it: the explorer ran all {r} that differ.")) }
            </p>
        },
        Status::FailedSearch(Witness(o, source)) => {
            let href = format!("playground#{}", links::step_fragment(source, &o.schedule));
            let why = if o.exit_code == 0 {
                first_difference(&want, &o.stdout)
            } else {
                let last = o.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
                format!("it ended with an error (exit code {}): {last}", o.exit_code)
            };
            html! {
                <div class="check-status fail" role="status">
                    <p>{ format!("✗ Not yet: every seeded run passed, but one interleaving fails: {why}.") }</p>
                    <p><a class="open-witness" href={href}>{ "Open that interleaving in the step explorer" }</a></p>
                    <details>
                        <summary>{ "What that interleaving printed" }</summary>
                        <pre>{ o.stdout.clone() }<span class="stderr">{ o.stderr.clone() }</span></pre>
                    </details>
                </div>
            }
        }
        Status::TooBig { runs, note } => html! {
            <div class="check-status fail" role="status">
                <p>{ format!("✗ Not yet: the explorer could not cover every interleaving in {runs} runs, so the check cannot \
                              tell that none breaks your code. Fewer shared steps make the search smaller.") }</p>
                { for note.as_ref().map(|n| html! { <p>{ n.clone() }</p> }) }
            </div>
        },
        Status::FailedRun(t) => {
            let which = if props.check.runs > 1 || props.check.modes.len() > 1 {
                format!(" in {} mode, schedule {}", mode_label(t.mode), t.seed)
            } else {
                String::new()
            };
            let why = match t.exit_code {
                None => "it did not finish in time (or was stopped)".to_string(),
                Some(0) => first_difference(&want, &t.stdout),
                Some(code) => format!("it ended with an error (exit code {code}): {}", t.error_line().unwrap_or("")),
            };
            html! {
                <div class="check-status fail" role="status">
                    <p>{ format!("✗ Not yet{which}: {why}.") }</p>
                    <details>
                        <summary>{ "Expected and actual output" }</summary>
                        <div class="compare">
                            <div><h4>{ "Expected" }</h4><pre>{ (*want).clone() }</pre></div>
                            <div><h4>{ "Your program printed" }</h4><pre>{ t.stdout.clone() }
                                <span class="stderr">{ t.stderr.clone() }</span></pre></div>
                        </div>
                    </details>
                </div>
            }
        }
        Status::Error(e) => html! { <p class="check-status fail" role="alert">{ format!("The check could not run: {e}") }</p> },
    };
    html! {
        <div class="check-panel">
            <div class="toolbar">
                <button type="button" class="check" onclick={on_check} disabled={checking}>{ "Check" }</button>
                if checking { <button type="button" onclick={on_cancel}>{ "Cancel" }</button> }
                if props.done { <span class="done-badge">{ "✓ Done" }</span> }
            </div>
            { report }
        </div>
    }
}
