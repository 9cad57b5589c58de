//! The spread of a racy program's outcomes: "Run 200 times" runs it under 200 seeded
//! stepped schedules (on the trial pool: each run on one worker, see `web::pool`), counts the last line each run
//! printed and draws the counts as bars, with the race-free outcome marked. A text
//! summary says the same for screen readers.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::app::model::trials::{run_trials, Cancel, Trial};
use crate::runtime::options::Mode;

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

/// One bar of the chart: a single outcome, or a range of numeric outcomes.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    label: String,
    count: u32,
    expected: bool,
}

/// Most bars drawn one per outcome; beyond this, numbers are grouped into ranges.
const MAX_BARS: usize = 24;
const BINS: usize = 16;

fn bars(counts: &BTreeMap<String, u32>, expected: Option<&str>) -> Vec<Bar> {
    let mut counts = counts.clone();
    if let Some(e) = expected {
        // The race-free outcome gets a bar even when no run reached it.
        if !counts.is_empty() {
            counts.entry(e.to_string()).or_insert(0);
        }
    }
    let all = ordered(&counts);
    if all.len() <= MAX_BARS {
        return all.into_iter().map(|(v, n)| Bar { expected: Some(v.as_str()) == expected, label: v, count: n }).collect();
    }
    let mut numeric: Vec<(f64, u32)> = Vec::new();
    let mut other: Vec<Bar> = Vec::new();
    let mut exact: Option<(f64, Bar)> = None;
    for (v, n) in all {
        let is_expected = Some(v.as_str()) == expected;
        match v.parse::<f64>() {
            Ok(x) if is_expected => exact = Some((x, Bar { label: v, count: n, expected: true })),
            Ok(x) if x.is_finite() => numeric.push((x, n)),
            _ => other.push(Bar { expected: is_expected, label: v, count: n }),
        }
    }
    let mut out: Vec<(f64, Bar)> = Vec::new();
    if let (Some(lo), Some(hi)) = (numeric.first().map(|p| p.0), numeric.last().map(|p| p.0)) {
        let ints = numeric.iter().all(|(x, _)| x.fract() == 0.0);
        let width = if ints { ((hi - lo + 1.0) / BINS as f64).ceil().max(1.0) } else { ((hi - lo) / BINS as f64).max(f64::MIN_POSITIVE) };
        let mut bins: Vec<u32> = vec![0; BINS];
        for (x, n) in &numeric {
            let i = (((x - lo) / width) as usize).min(BINS - 1);
            bins[i] += n;
        }
        for (i, n) in bins.into_iter().enumerate() {
            if n == 0 {
                continue;
            }
            let a = lo + i as f64 * width;
            let label = if ints {
                let b = (a + width - 1.0).min(hi);
                if a == b { format!("{a}") } else { format!("{a}–{b}") }
            } else {
                format!("{:.3}–{:.3}", a, a + width)
            };
            out.push((a, Bar { label, count: n, expected: false }));
        }
    }
    if let Some(e) = exact {
        out.push(e);
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, b)| b).chain(other).collect()
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
                    None,
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

    let expected = props.expected.as_ref().map(|e| e.to_string());
    let outcomes = ordered(&tally.counts);
    let bars = bars(&tally.counts, expected.as_deref());
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let chart = if bars.is_empty() {
        html! {}
    } else {
        const W: f64 = 640.0;
        const H: f64 = 180.0;
        const TOP: f64 = 18.0;
        /// Label text: at most 14 characters (the table has them in full).
        fn short(v: &str) -> String {
            if v.chars().count() > 14 { v.chars().take(13).chain(std::iter::once('…')).collect() } else { v.to_string() }
        }
        // Approximate advance of an 11px monospace character.
        const CH: f64 = 6.7;
        let n = bars.len().min(MAX_BARS + BINS);
        let shown = &bars[..n];
        let longest = shown.iter().map(|b| short(&b.label).chars().count()).max().unwrap_or(1) as f64;
        // Labels lie flat when they fit under their bar, else they are turned 35° and
        // the chart leaves room below and to the left so none is cut off.
        let slot_flat = (W - 60.0) / n as f64;
        let flat = longest * CH <= slot_flat - 4.0;
        let (sin, cos) = (35f64.to_radians().sin(), 35f64.to_radians().cos());
        let left = if flat { 50.0 } else { (longest * CH * cos - slot_flat / 2.0 + 6.0).max(50.0) };
        let bottom = if flat { 24.0 } else { 16.0 + longest * CH * sin + 8.0 };
        let slot = (W - left - 10.0) / n as f64;
        let bar_w = (slot * 0.7).min(60.0);
        html! {
            <svg class="histogram" viewBox={format!("0 0 {W} {:.0}", TOP + H + bottom)} role="img"
                 aria-label={format!("Bar chart of the outcomes of {} runs", tally.done)}>
                <line class="axis-line" x1={(left - 10.0).to_string()} x2={(W - 10.0).to_string()} y1={(TOP + H).to_string()} y2={(TOP + H).to_string()} />
                { for shown.iter().enumerate().map(|(i, bar)| {
                    let (value, count, is_expected) = (&bar.label, bar.count, bar.expected);
                    let h = (count as f64 / max) * H;
                    let x = left + i as f64 * slot + (slot - bar_w) / 2.0;
                    let label = short(value);
                    let cx = x + bar_w / 2.0;
                    html! {
                        <g class={classes!("bar", is_expected.then_some("expected"))}>
                            <rect x={format!("{x:.1}")} y={format!("{:.1}", TOP + H - h)} width={format!("{bar_w:.1}")} height={format!("{h:.1}")}>
                                <title>{ format!("{value}: {count} runs{}", if is_expected { " (expected)" } else { "" }) }</title>
                            </rect>
                            <text class="count" x={format!("{cx:.1}")} y={format!("{:.1}", TOP + H - h - 4.0)} text-anchor="middle">{ count.to_string() }</text>
                            if flat {
                                <text class="value" x={format!("{cx:.1}")} y={format!("{:.1}", TOP + H + 16.0)} text-anchor="middle">{ label }</text>
                            } else {
                                <text class="value" x={format!("{cx:.1}")} y={format!("{:.1}", TOP + H + 14.0)} text-anchor="end"
                                      transform={format!("rotate(-35 {cx:.1} {:.1})", TOP + H + 14.0)}>{ label }</text>
                            }
                            if is_expected {
                                <text class="expected-mark" x={format!("{cx:.1}")} y="12"
                                      text-anchor={if cx > W - 32.0 { "end" } else if cx < 32.0 { "start" } else { "middle" }}>{ "expected" }</text>
                            }
                        </g>
                    }
                }) }
            </svg>
        }
    };
    let summary = if outcomes.is_empty() {
        html! {}
    } else {
        let exp_count = expected.as_ref().map(|e| tally.counts.get(e).copied().unwrap_or(0));
        let common = outcomes.iter().max_by_key(|(_, n)| *n).map(|(v, n)| (v.clone(), *n));
        let spread = match (outcomes.first(), outcomes.last()) {
            (Some(a), Some(b)) if outcomes.len() > 1 && a.0.parse::<f64>().is_ok() && b.0.parse::<f64>().is_ok() => {
                let nums: Vec<f64> = outcomes.iter().filter_map(|(v, _)| v.parse::<f64>().ok()).collect();
                format!(" Values from {} to {}.", nums.first().copied().unwrap_or(0.0), nums.last().copied().unwrap_or(0.0))
            }
            _ => String::new(),
        };
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
                <p>{ lead }{ format!("{} different outcome{}.", outcomes.len(), if outcomes.len() == 1 { "" } else { "s" }) }{ spread }
                   { match common { Some((v, n)) if outcomes.len() > 1 => format!(" Most common: {v} ({n} runs)."), _ => String::new() } }</p>
                <details>
                <summary>{ format!("Table of all {} outcomes", outcomes.len()) }</summary>
                <table>
                    <caption class="visually-hidden">{ "Outcomes and how often each came out" }</caption>
                    <thead><tr><th scope="col">{ "Last line printed" }</th><th scope="col">{ "Runs" }</th></tr></thead>
                    <tbody>
                        { for outcomes.iter().map(|(v, n)| html! {
                            <tr class={classes!(expected.as_deref().filter(|e| *e == v.as_str()).map(|_| "expected"))}>
                                <td><code>{ v }</code>{ if expected.as_deref() == Some(v.as_str()) { " (expected)" } else { "" } }</td>
                                <td>{ n.to_string() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </details>
            </div>
        }
    };
    html! {
        // A group, not a region landmark: a lesson may hold several of these, and
        // landmarks must have unique names.
        <section class="race" role="group" aria-label="Outcomes over many runs" data-done={tally.done.to_string()} data-running={tally.running.to_string()}>
            <div class="toolbar">
                <button type="button" class="race-run" onclick={on_run} disabled={tally.running}>
                    { format!("Run {TRIALS} times") }
                </button>
                <crate::app::components::explorer::outcomes::AllOutcomes code={props.code.clone()} />
                if tally.running {
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                    <span class="status" role="status">{ format!("{} of {TRIALS} runs…", tally.done) }
                        <progress max={TRIALS.to_string()} value={tally.done.to_string()} aria-label="Runs done"></progress></span>
                } else if tally.done > 0 {
                    <span class="status" role="status">{ format!("{} stepped runs (seeds 1–{}) in {:.1} s{}", tally.done, tally.done, tally.millis / 1000.0,
                        crate::web::pool::pool_threads().map(|n| format!(", {n} at a time, each on one worker")).unwrap_or_default()) }</span>
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
