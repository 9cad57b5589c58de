//! The spread of a racy program's outcomes: "Run 200 times" runs it under 200 seeded
//! stepped schedules (a few at a time, on workers), counts the last line each run
//! printed and draws the counts as bars, with the race-free outcome marked. A text
//! summary says the same for screen readers.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::trials::{run_trials, Cancel, Trial};
use crate::runtime::program::Mode;

pub const TRIALS: u64 = 200;
const PARALLEL: usize = 3;

#[derive(Properties, PartialEq)]
pub struct RaceProps {
    pub code: AttrValue,
    #[prop_or_default]
    pub expected: Option<AttrValue>,
}

#[derive(Clone, PartialEq, Default)]
struct Tally {
    counts: BTreeMap<String, u32>,
    done: usize,
    running: bool,
    error: Option<String>,
    millis: f64,
}

/// What one run counts as: its last line, or its error.
fn outcome(t: &Trial) -> String {
    match t.exit_code {
        Some(0) => t.last_line().unwrap_or("(no output)").to_string(),
        Some(_) => format!("error: {}", t.error_line().unwrap_or("?")),
        None => "(stopped: too slow)".to_string(),
    }
}

/// Bars in a sensible order: numbers ascending, then everything else.
fn ordered(counts: &BTreeMap<String, u32>) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = counts.iter().map(|(k, n)| (k.clone(), *n)).collect();
    v.sort_by(|a, b| match (a.0.parse::<f64>(), b.0.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        _ => a.0.cmp(&b.0),
    });
    v
}

#[function_component(RaceHistogram)]
pub fn race_histogram(props: &RaceProps) -> Html {
    let tally = use_state(Tally::default);
    let cancel = use_mut_ref(Cancel::default);
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.borrow().cancel());
    }
    let on_run = {
        let tally = tally.clone();
        let code = props.code.clone();
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| {
            if tally.running {
                return;
            }
            let c = Cancel::default();
            *cancel.borrow_mut() = c.clone();
            let tally = tally.clone();
            let code = code.clone();
            tally.set(Tally { running: true, ..Tally::default() });
            wasm_bindgen_futures::spawn_local(async move {
                let start = crate::web::clock::now_ms();
                let jobs: Vec<(Mode, u64)> = (1..=TRIALS).map(|seed| (Mode::Step, seed)).collect();
                let mut live = Tally { running: true, ..Tally::default() };
                let result = run_trials(
                    &code,
                    jobs,
                    PARALLEL,
                    30_000.0,
                    c.clone(),
                    |done, t| {
                        *live.counts.entry(outcome(t)).or_insert(0) += 1;
                        live.done = done;
                        live.millis = crate::web::clock::now_ms() - start;
                        tally.set(live.clone());
                    },
                    |_| true,
                )
                .await;
                live.running = false;
                live.millis = crate::web::clock::now_ms() - start;
                if let Err(e) = result {
                    live.error = Some(e);
                }
                if c.is_cancelled() && live.done < TRIALS as usize {
                    live.error = Some(format!("stopped after {} runs", live.done));
                }
                tally.set(live);
            });
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().cancel())
    };

    let bars = ordered(&tally.counts);
    let expected = props.expected.as_ref().map(|e| e.to_string());
    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let chart = if bars.is_empty() {
        html! {}
    } else {
        const W: f64 = 640.0;
        const H: f64 = 180.0;
        const TOP: f64 = 18.0;
        let n = bars.len().min(40);
        let slot = (W - 20.0) / n as f64;
        let bar_w = (slot * 0.7).min(60.0);
        let shown = &bars[..n];
        html! {
            <svg class="histogram" viewBox={format!("0 0 {W} {}", H + 60.0)} role="img"
                 aria-label={format!("Bar chart of the outcomes of {} runs", tally.done)}>
                <line class="axis-line" x1="10" x2={(W - 10.0).to_string()} y1={(TOP + H).to_string()} y2={(TOP + H).to_string()} />
                { for shown.iter().enumerate().map(|(i, (value, count))| {
                    let h = (*count as f64 / max) * H;
                    let x = 10.0 + i as f64 * slot + (slot - bar_w) / 2.0;
                    let is_expected = expected.as_deref() == Some(value.as_str());
                    let label: String = if value.chars().count() > 14 { value.chars().take(13).chain(std::iter::once('…')).collect() } else { value.clone() };
                    let cx = x + bar_w / 2.0;
                    html! {
                        <g class={classes!("bar", is_expected.then_some("expected"))}>
                            <rect x={format!("{x:.1}")} y={format!("{:.1}", TOP + H - h)} width={format!("{bar_w:.1}")} height={format!("{h:.1}")}>
                                <title>{ format!("{value}: {count} runs{}", if is_expected { " (expected)" } else { "" }) }</title>
                            </rect>
                            <text class="count" x={format!("{cx:.1}")} y={format!("{:.1}", TOP + H - h - 4.0)} text-anchor="middle">{ count.to_string() }</text>
                            <text class="value" x={format!("{cx:.1}")} y={format!("{:.1}", TOP + H + 14.0)} text-anchor="end"
                                  transform={format!("rotate(-35 {cx:.1} {:.1})", TOP + H + 14.0)}>{ label }</text>
                            if is_expected {
                                <text class="expected-mark" x={format!("{cx:.1}")} y="12" text-anchor="middle">{ "expected" }</text>
                            }
                        </g>
                    }
                }) }
            </svg>
        }
    };
    let summary = if bars.is_empty() {
        html! {}
    } else {
        let exp_count = expected.as_ref().map(|e| tally.counts.get(e).copied().unwrap_or(0));
        let lead = match (&expected, exp_count) {
            (Some(e), Some(c)) => format!(
                "{c} of {} runs printed the expected {e}; {} lost updates or went wrong. ",
                tally.done,
                tally.done as u32 - c
            ),
            _ => String::new(),
        };
        html! {
            <div class="race-summary">
                <p>{ lead }{ format!("{} different outcomes.", bars.len()) }</p>
                <table>
                    <caption class="visually-hidden">{ "Outcomes and how often each came out" }</caption>
                    <thead><tr><th scope="col">{ "Last line printed" }</th><th scope="col">{ "Runs" }</th></tr></thead>
                    <tbody>
                        { for bars.iter().map(|(v, n)| html! {
                            <tr class={classes!(expected.as_deref().filter(|e| *e == v.as_str()).map(|_| "expected"))}>
                                <td><code>{ v }</code>{ if expected.as_deref() == Some(v.as_str()) { " (expected)" } else { "" } }</td>
                                <td>{ n.to_string() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };
    html! {
        <section class="race" aria-label="Outcomes over many runs" data-done={tally.done.to_string()} data-running={tally.running.to_string()}>
            <div class="toolbar">
                <button type="button" class="race-run" onclick={on_run} disabled={tally.running}>
                    { format!("Run {TRIALS} times") }
                </button>
                if tally.running {
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                    <span class="status" role="status">{ format!("{} of {TRIALS} runs…", tally.done) }
                        <progress max={TRIALS.to_string()} value={tally.done.to_string()} aria-label="Runs done"></progress></span>
                } else if tally.done > 0 {
                    <span class="status" role="status">{ format!("{} stepped runs (seeds 1–{}) in {:.1} s", tally.done, tally.done, tally.millis / 1000.0) }</span>
                } else {
                    <span class="status">{ "Each run uses a different stepped schedule (seeds 1 to 200)." }</span>
                }
            </div>
            if let Some(e) = &tally.error { <p class="status err">{ e.clone() }</p> }
            { chart }
            { summary }
        </section>
    }
}
