//! The live timeline: one lane per thread, coloured by what the thread was doing, with
//! a scrubber to replay the run. Every colour also has a text form (the legend and the
//! per-thread status list under the lanes), so nothing depends on seeing colour.

use std::sync::Arc;

use yew::prelude::*;

use super::editor::LineMark;
use crate::runtime::options::Mode;
use crate::runtime::trace::{Lane, State};
use crate::web::trace::TraceSnapshot;

/// A snapshot compared by identity (a new snapshot is a new `Arc`), so re-rendering
/// never compares thousands of spans.
#[derive(Clone, Debug)]
pub struct SnapRef(pub Arc<TraceSnapshot>);

impl PartialEq for SnapRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub snapshot: SnapRef,
    /// The replay position, or `None` to follow the live end.
    #[prop_or_default]
    pub cursor_ms: Option<f64>,
    pub on_scrub: Callback<Option<f64>>,
}

const LANE_H: f64 = 26.0;
const LABEL_W: f64 = 170.0;
const WIDTH: f64 = 760.0;

pub fn state_class(state: &State) -> &'static str {
    match state {
        State::Running => "st-running",
        State::WaitingForGil => "st-gil",
        State::Blocked(..) => "st-blocked",
        State::Sleeping => "st-sleeping",
    }
}

/// In stepped mode the "GIL" is the scheduler's turn.
pub fn state_text_in(state: &State, mode: Mode) -> String {
    match state {
        State::Running => "running".into(),
        State::WaitingForGil if mode == Mode::Step => "waiting for its turn".into(),
        State::WaitingForGil => "waiting for the GIL".into(),
        State::Blocked(kind, label) => format!("blocked on {kind} {label}"),
        State::Sleeping => "sleeping".into(),
    }
}

/// What `lane` was doing at `t`, and the line it was on.
pub fn at(lane: &Lane, t: f64, mode: Mode) -> (String, Option<u32>) {
    let upto = lane.lines.partition_point(|(at, _)| *at <= t);
    let line = upto.checked_sub(1).map(|i| lane.lines[i].1);
    if lane.finished_ms.is_some_and(|f| f <= t) {
        return ("finished".into(), line);
    }
    // The last span that covers t (spans end where the next begins, and the open one
    // ends at the live end, which must still count).
    let state = lane.spans.iter().rev().find(|s| s.from_ms <= t && t <= s.to_ms).map(|s| state_text_in(&s.state, mode));
    let started = lane.spans.first().is_some_and(|s| s.from_ms <= t) || line.is_some();
    (state.unwrap_or_else(|| if started { "running".into() } else { "not started".into() }), line)
}

/// Where each live thread is at `t`, for the editor's line bands.
pub fn marks_at(snapshot: &TraceSnapshot, t: f64) -> Vec<LineMark> {
    snapshot
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, lane)| !lane.finished_ms.is_some_and(|f| f <= t))
        .filter_map(|(i, lane)| {
            let (_, line) = at(lane, t, snapshot.mode);
            line.map(|line| LineMark { line, colour: i, thread: lane.name.clone() })
        })
        .collect()
}

/// Rectangles for one lane, merging spans narrower than a pixel (a GIL handed over
/// every 5 ms for seconds would otherwise be thousands of slivers): a merged rectangle
/// takes the state that filled most of it.
/// Each: x from, x to, class, tooltip, and for merged slivers the share of the time the
/// thread was running (drawn as a green band in the bar, so quick turns still show).
type Rect = (f64, f64, &'static str, Option<String>, Option<f64>);

fn rects(lane: &Lane, x: &dyn Fn(f64) -> f64, mode: Mode) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut acc: Option<(f64, f64, [f64; 4])> = None;
    let class_of = |i: usize| ["st-running", "st-gil", "st-blocked", "st-sleeping"][i];
    let index = |s: &State| match s {
        State::Running => 0,
        State::WaitingForGil => 1,
        State::Blocked(..) => 2,
        State::Sleeping => 3,
    };
    let flush = |acc: &mut Option<(f64, f64, [f64; 4])>, out: &mut Vec<_>| {
        if let Some((x0, x1, w)) = acc.take() {
            let best = (0..4).max_by(|a, b| w[*a].total_cmp(&w[*b])).unwrap_or(0);
            let total: f64 = w.iter().sum();
            let running = (best != 0 && total > 0.0 && w[0] > 0.0).then(|| w[0] / total);
            out.push((x0, x1, class_of(best), None, running));
        }
    };
    for s in &lane.spans {
        let (x0, x1) = (x(s.from_ms), x(s.to_ms));
        if x1 - x0 >= 1.0 {
            flush(&mut acc, &mut out);
            let title = format!("{}: {} ({:.1}–{:.1} ms)", lane.name, state_text_in(&s.state, mode), s.from_ms, s.to_ms);
            out.push((x0, x1, state_class(&s.state), Some(title), None));
            continue;
        }
        match &mut acc {
            Some((_, ax1, w)) if x0 - *ax1 < 0.5 => {
                *ax1 = x1.max(*ax1);
                w[index(&s.state)] += s.to_ms - s.from_ms;
            }
            _ => {
                flush(&mut acc, &mut out);
                let mut w = [0.0; 4];
                w[index(&s.state)] = s.to_ms - s.from_ms;
                acc = Some((x0, x1, w));
            }
        }
        if let Some((ax0, ax1, _)) = acc {
            if ax1 - ax0 >= 1.0 {
                flush(&mut acc, &mut out);
            }
        }
    }
    flush(&mut acc, &mut out);
    out
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let snap = &props.snapshot.0;
    let now = snap.now_ms;
    let span_ms = now.max(0.001);
    let x = move |t: f64| LABEL_W + (t / span_ms).clamp(0.0, 1.0) * (WIDTH - LABEL_W - 8.0);
    let cursor = props.cursor_ms.unwrap_or(now).min(now);
    let height = LANE_H * snap.lanes.len() as f64 + 22.0;
    let lanes = snap.lanes.iter().enumerate().map(|(row, lane)| {
        let y = row as f64 * LANE_H;
        let name: String = if lane.name.chars().count() > 22 {
            lane.name.chars().take(21).chain(std::iter::once('…')).collect()
        } else {
            lane.name.clone()
        };
        html! {
            <g class="lane">
                <circle cx="8" cy={(y + 13.0).to_string()} r="5" class={format!("swatch thread-c{}", row % 8)} />
                <text x="18" y={(y + 17.0).to_string()} class="lane-name">{ name }<title>{ &lane.name }</title></text>
                { for rects(lane, &x, snap.mode).into_iter().map(|(x0, x1, class, title, running)| {
                    let w = format!("{:.2}", (x1 - x0).max(0.5));
                    let h = LANE_H - 8.0;
                    html! {
                        <>
                            <rect x={format!("{x0:.2}")} y={(y + 4.0).to_string()} width={w.clone()} height={h.to_string()} class={class}>
                                if let Some(t) = title { <title>{ t }</title> }
                            </rect>
                            if let Some(r) = running {
                                <rect x={format!("{x0:.2}")} y={format!("{:.2}", y + 4.0 + h * (1.0 - r))} width={w}
                                      height={format!("{:.2}", h * r)} class="st-running" />
                            }
                        </>
                    }
                }) }
            </g>
        }
    });
    let oninput = {
        let on_scrub = props.on_scrub.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v = input.value_as_number();
            on_scrub.emit(if v >= now { None } else { Some(v) });
        })
    };
    let clock = match snap.mode {
        Mode::Step => " (stepped: one thread at a time, on a virtual clock that counts instructions)",
        Mode::Free => " (free-threaded: running threads really run at the same time)",
        Mode::Gil => "",
    };
    let unit = if now < 10.0 { 2 } else if now < 100.0 { 1 } else { 0 };
    html! {
        <figure class="timeline">
            <figcaption>{ "What each thread was doing" }<span class="clock-note">{ clock }</span>
                <span class="legend">
                    <span><i class="key st-running"></i>{ "running" }</span>
                    if snap.mode == Mode::Gil {
                        <span><i class="key st-gil"></i>{ "waiting for the GIL" }</span>
                    }
                    if snap.mode == Mode::Step {
                        <span><i class="key st-gil"></i>{ "waiting for its turn" }</span>
                    }
                    <span><i class="key st-blocked"></i>{ "blocked (lock, join, queue…)" }</span>
                    <span><i class="key st-sleeping"></i>{ "sleeping" }</span>
                </span>
            </figcaption>
            <div class="timeline-scroll">
                <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                     aria-label={format!("Timeline of {} threads over {:.*} ms", snap.lanes.len(), unit, now)}>
                    { for lanes }
                    <line class="cursor" x1={x(cursor).to_string()} x2={x(cursor).to_string()} y1="0"
                          y2={(height - 20.0).to_string()} />
                    <text class="axis" x={LABEL_W.to_string()} y={(height - 4.0).to_string()}>{ "0 ms" }</text>
                    <text class="axis" x={(WIDTH - 8.0).to_string()} y={(height - 4.0).to_string()} text-anchor="end">
                        { format!("{:.*} ms", unit, now) }
                    </text>
                </svg>
            </div>
            <label class="scrubber">{ "Replay" }
                <input type="range" min="0" max={now.to_string()} step="any"
                       value={cursor.to_string()} aria-label="Replay position (ms)" {oninput} />
                <output>{ format!("{:.*} ms", unit, cursor) }</output>
            </label>
            <ul class="thread-states" aria-label="Threads at the replay position">
                { for snap.lanes.iter().enumerate().map(|(row, lane)| {
                    let (state, line) = at(lane, cursor, snap.mode);
                    html! { <li><i class={format!("swatch-key thread-c{}", row % 8)}></i>
                        { format!("{}: {}{}", lane.name, state, line.map(|l| format!(", line {l}")).unwrap_or_default()) }</li> }
                }) }
            </ul>
            if snap.dropped > 0 {
                <p class="status">{ format!("Some events were left out to keep the page fast ({} thinned).", snap.dropped) }</p>
            }
        </figure>
    }
}
