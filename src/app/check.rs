//! An exercise's Check: runs the learner's code under every mode and seed the
//! exercise's check names, and passes only if every run exits cleanly with the
//! expected output. An exercise with a check program runs it after the learner's code
//! (`Check::source`), so its assertions and verdict lines are part of each run.

use std::rc::Rc;

use yew::prelude::*;

use super::mode_switch::mode_label;
use super::trials::{run_trials, Cancel, Trial};
use crate::lessons::Check;

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
    Passed(usize),
    FailedRun(Box<Trial>),
    Error(String),
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
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.borrow().cancel());
    }
    let checking = matches!(*status, Status::Checking { .. });
    let on_check = {
        let status = status.clone();
        let code = props.code.clone();
        let check = props.check.clone();
        let on_passed = props.on_passed.clone();
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| {
            if matches!(*status, Status::Checking { .. }) {
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
            wasm_bindgen_futures::spawn_local(async move {
                let passes = |t: &Trial| t.exit_code == Some(0) && check.accepts(&t.stdout);
                let progress_status = status.clone();
                // The learner's code followed by the exercise's check program, if any.
                let source = check.source(&code);
                let result = run_trials(
                    &source,
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
                        None if trials.len() == total => {
                            status.set(Status::Passed(total));
                            on_passed.emit(());
                        }
                        None => status.set(Status::Error("not every run finished".into())),
                    },
                }
            });
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            cancel.borrow().cancel();
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
        Status::Passed(n) => html! {
            <p class="check-status pass" role="status">
                { if *n == 1 { "✓ Correct: the output is right.".to_string() }
                  else { format!("✓ Correct in all {n} runs ({}).",
                        props.check.modes.iter().map(|m| mode_label(*m)).collect::<Vec<_>>().join(", ")) } }
            </p>
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
