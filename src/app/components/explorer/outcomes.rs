//! "All outcomes": every distinct outcome of a program over all its interleavings (the
//! explorer's DPOR search, on a worker), each with how many explored runs ended in it
//! and a link that opens its witness schedule in the step explorer. Says whether the
//! search was complete and, when not, how far it got and what to shrink. Stop ends the
//! search at once. A deadlocked outcome shows its wait-for graph.

use std::rc::Rc;

use yew::prelude::*;

use super::graph::{edges_from_report, WaitGraph};
use crate::links;
use crate::runtime::explore::{Exploration, Outcome};
use crate::web::explore::{explore_on_worker, Job};

/// Runs the button allows (each is one whole run of the program).
pub const MAX_RUNS: usize = 5000;

#[derive(Properties, PartialEq)]
pub struct AllOutcomesProps {
    pub code: AttrValue,
}

#[derive(Clone, Default)]
struct State {
    job: Option<Job<Exploration>>,
    result: Option<Rc<Exploration>>,
    ms: f64,
    error: Option<String>,
    stopped: bool,
}

/// What an outcome printed, in one line: its last line of output, or its error.
fn label(o: &Outcome) -> String {
    if o.stderr.contains("Deadlock:") {
        return "deadlock".into();
    }
    let last = o.stdout.lines().rev().find(|l| !l.trim().is_empty()).map(str::trim).unwrap_or("(no output)");
    match o.exit_code {
        0 => last.to_string(),
        _ => format!("error: {}", o.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("?").trim()),
    }
}

#[function_component(AllOutcomes)]
pub fn all_outcomes(props: &AllOutcomesProps) -> Html {
    let state = use_state(State::default);
    // Stop a search still running when the block goes away.
    let job_ref = use_mut_ref(|| None::<Job<Exploration>>);
    {
        let job_ref = job_ref.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(j) = job_ref.borrow_mut().take() {
                    j.stop();
                }
            }
        });
    }
    let on_run = {
        let (state, code, job_ref) = (state.clone(), props.code.clone(), job_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if state.job.is_some() {
                return;
            }
            let job = match explore_on_worker(&code, None, MAX_RUNS) {
                Ok(j) => j,
                Err(e) => {
                    state.set(State { error: Some(e), ..State::default() });
                    return;
                }
            };
            *job_ref.borrow_mut() = Some(job.clone());
            state.set(State { job: Some(job.clone()), ..State::default() });
            let state = state.clone();
            let job_ref = job_ref.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let t0 = crate::web::clock::now_ms();
                let r = job.wait().await;
                job_ref.borrow_mut().take();
                match r {
                    Some(r) => state.set(State { job: None, result: Some(Rc::new(r)), ms: crate::web::clock::now_ms() - t0, error: None, stopped: job.stopped() }),
                    None => state.set(State { error: Some("The search's worker failed (its error is shown above).".into()), ..State::default() }),
                }
            });
        })
    };
    let on_stop = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(j) = &state.job {
                j.stop();
            }
        })
    };
    let running = state.job.is_some();
    let list = state.result.as_ref().map(|e| {
        let total: usize = e.outcomes.iter().map(|o| o.runs).sum();
        let head = if e.complete {
            format!(
                "Complete: every interleaving was covered in {} runs ({:.2} s). {} distinct outcome{}.",
                e.runs,
                state.ms / 1000.0,
                e.outcomes.len(),
                if e.outcomes.len() == 1 { "" } else { "s" }
            )
        } else if state.stopped {
            format!("Stopped after {} runs: the outcomes below are some, not all.", e.runs)
        } else {
            format!(
                "Not complete: {} runs ({:.2} s), {} branches left unexplored. {}",
                e.runs,
                state.ms / 1000.0,
                e.pending,
                e.note.clone().unwrap_or_else(|| "Fewer threads or fewer loop iterations make the search finish.".into())
            )
        };
        html! {
            <div class="all-outcomes" data-complete={e.complete.to_string()} data-outcomes={e.outcomes.len().to_string()}>
                <p class="status" role="status">{ head }</p>
                <table>
                    <thead><tr><th scope="col">{ "Outcome" }</th><th scope="col">{ "Explored runs" }</th><th scope="col">{ "Witness" }</th></tr></thead>
                    <tbody>
                        { for e.outcomes.iter().enumerate().map(|(i, o)| {
                            let href = format!("playground#{}", links::step_fragment(&props.code, &o.schedule));
                            let edges = edges_from_report(&o.stderr);
                            html! {
                                <tr class="outcome" data-label={label(o)}>
                                    <td><code>{ label(o) }</code>
                                        if !edges.is_empty() { <WaitGraph {edges} /> }
                                    </td>
                                    <td>{ format!("{} of {total}", o.runs) }</td>
                                    <td><a class="open-witness" href={href}
                                           aria-label={format!("Open outcome {} ({}) in the step explorer", i + 1, label(o))}>{ "Open in step explorer" }</a></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        }
    });
    html! {
        <>
            <button type="button" class="all-outcomes-run" onclick={on_run} disabled={running}
                    title="Run the program under every distinct interleaving of its threads">{ "All outcomes" }</button>
            if running {
                <button type="button" class="all-outcomes-stop" onclick={on_stop}>{ "Stop" }</button>
                <span class="status" role="status">{ "Exploring every interleaving…" }</span>
            }
            if let Some(e) = &state.error { <p class="status err">{ e.clone() }</p> }
            { for list }
        </>
    }
}
