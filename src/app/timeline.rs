//! The live timeline: one lane per thread, coloured by what the thread was doing, with
//! a scrubber to replay the run. Every colour also has a text form (the legend and the
//! per-thread status list under the lanes), so nothing depends on seeing colour.

use yew::prelude::*;

use crate::runtime::trace::{Lane, State};

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lanes: Vec<Lane>,
    /// Length of the run so far (ms).
    pub now_ms: f64,
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

pub fn state_text(state: &State) -> String {
    match state {
        State::Running => "running".into(),
        State::WaitingForGil => "waiting for the GIL".into(),
        State::Blocked(kind, label) => format!("blocked on {kind} {label}"),
        State::Sleeping => "sleeping".into(),
    }
}

/// What `lane` was doing at `t`, and the line it was on.
pub fn at(lane: &Lane, t: f64) -> (String, Option<u32>) {
    let line = lane.lines.iter().take_while(|(at, _)| *at <= t).last().map(|(_, l)| *l);
    if lane.finished_ms.is_some_and(|f| f <= t) {
        return ("finished".into(), line);
    }
    let state = lane.spans.iter().find(|s| s.from_ms <= t && t < s.to_ms).map(|s| state_text(&s.state));
    (state.unwrap_or_else(|| "not started".into()), line)
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let span_ms = props.now_ms.max(1.0);
    let x = |t: f64| LABEL_W + (t / span_ms).clamp(0.0, 1.0) * (WIDTH - LABEL_W - 8.0);
    let cursor = props.cursor_ms.unwrap_or(props.now_ms);
    let height = LANE_H * props.lanes.len() as f64 + 22.0;
    let lanes = props.lanes.iter().enumerate().map(|(row, lane)| {
        let y = row as f64 * LANE_H;
        html! {
            <g class="lane">
                <text x="4" y={(y + 17.0).to_string()} class="lane-name">{ &lane.name }</text>
                { for lane.spans.iter().map(|s| html! {
                    <rect x={x(s.from_ms).to_string()} y={(y + 4.0).to_string()}
                          width={(x(s.to_ms) - x(s.from_ms)).max(0.5).to_string()} height={(LANE_H - 8.0).to_string()}
                          class={state_class(&s.state)}>
                        <title>{ format!("{}: {} ({:.1}–{:.1} ms)", lane.name, state_text(&s.state), s.from_ms, s.to_ms) }</title>
                    </rect>
                }) }
            </g>
        }
    });
    let oninput = {
        let on_scrub = props.on_scrub.clone();
        let now = props.now_ms;
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let v = input.value_as_number();
            on_scrub.emit(if v >= now { None } else { Some(v) });
        })
    };
    html! {
        <figure class="timeline">
            <figcaption>{ "What each thread was doing" }
                <span class="legend">
                    <span class="st-running">{ "running" }</span>
                    <span class="st-gil">{ "waiting for the GIL" }</span>
                    <span class="st-blocked">{ "blocked" }</span>
                    <span class="st-sleeping">{ "sleeping" }</span>
                </span>
            </figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                 aria-label={format!("Timeline of {} threads over {:.0} ms", props.lanes.len(), props.now_ms)}>
                { for lanes }
                <line class="cursor" x1={x(cursor).to_string()} x2={x(cursor).to_string()} y1="0"
                      y2={(height - 20.0).to_string()} />
                <text class="axis" x={LABEL_W.to_string()} y={(height - 4.0).to_string()}>{ "0 ms" }</text>
                <text class="axis" x={(WIDTH - 8.0).to_string()} y={(height - 4.0).to_string()} text-anchor="end">
                    { format!("{:.0} ms", props.now_ms) }
                </text>
            </svg>
            <label class="scrubber">{ "Replay " }
                <input type="range" min="0" max={props.now_ms.to_string()} step="any"
                       value={cursor.to_string()} aria-label="Replay position (ms)" {oninput} />
                <output>{ format!("{cursor:.1} ms") }</output>
            </label>
            <ul class="thread-states">
                { for props.lanes.iter().map(|lane| {
                    let (state, line) = at(lane, cursor);
                    html! { <li>{ format!("{}: {}{}", lane.name, state, line.map(|l| format!(", line {l}")).unwrap_or_default()) }</li> }
                }) }
            </ul>
        </figure>
    }
}
