//! The live timeline: one lane per thread, coloured by what the thread was doing, with
//! a scrubber to replay the run. Every colour also has a text form (the legend, the
//! per-thread status list and the time-per-state table), so nothing depends on seeing
//! colour. The chart zooms and pans (Ctrl+wheel, Shift+wheel, drag; + - arrows 0 when
//! focused), shows a tooltip for the span under the pointer or the keyboard probe, and
//! "Download trace" saves the run as Chrome trace JSON for Perfetto.

use std::sync::Arc;

use wasm_bindgen::{JsCast, JsValue};
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
    /// The threads a deadlock report names: they did not finish, they were stuck.
    #[prop_or_default]
    pub deadlocked: Vec<String>,
}

/// `at`, with a thread of a deadlock report called deadlocked, not finished.
fn at_end(lane: &Lane, t: f64, mode: Mode, deadlocked: &[String]) -> (String, Option<u32>) {
    let (state, line) = at(lane, t, mode);
    // Stuck for good: it ended (was abandoned) or stands in its last wait.
    let last_wait = lane.spans.last().is_some_and(|s| s.from_ms <= t && matches!(s.state, State::Blocked(..)));
    if (state == "finished" || last_wait) && deadlocked.contains(&lane.name) {
        return (format!("deadlocked at line {}", line.unwrap_or(0)), None);
    }
    (state, line)
}

const LANE_H: f64 = 26.0;
const LABEL_W: f64 = 170.0;
const WIDTH: f64 = 760.0;


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

/// The part of the run on screen, in ms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub from: f64,
    pub to: f64,
}

impl View {
    /// Zooms by `factor` (< 1 zooms in) keeping time `at` where it is on screen, within
    /// the run `[0, now]`; never narrower than a microsecond or a 10,000th of the run.
    fn zoom(self, factor: f64, at: f64, now: f64) -> View {
        let min = (now / 10_000.0).max(0.001);
        let width = ((self.to - self.from) * factor).clamp(min, now.max(min));
        let share = if self.to > self.from { ((at - self.from) / (self.to - self.from)).clamp(0.0, 1.0) } else { 0.5 };
        View { from: at - share * width, to: at - share * width + width }.within(now)
    }

    fn pan(self, by_ms: f64, now: f64) -> View {
        View { from: self.from + by_ms, to: self.to + by_ms }.within(now)
    }

    fn within(self, now: f64) -> View {
        let width = (self.to - self.from).min(now.max(0.001));
        let from = self.from.clamp(0.0, (now - width).max(0.0));
        View { from, to: from + width }
    }

    fn whole(self, now: f64) -> bool {
        self.from <= 0.0 && self.to >= now
    }
}

/// Rectangles for one lane within the view, merging spans narrower than a pixel (a GIL
/// handed over every 5 ms for seconds would otherwise be thousands of slivers): a merged
/// rectangle takes the state that filled most of it.
/// Each: x from, x to, the state's index (`STATE_CLASSES`), and for merged slivers the
/// share of the time the thread was running (drawn as a green band in the bar, so
/// quick turns still show). The tooltip describes a span on demand, so none is kept.
type Rect = (f64, f64, usize, Option<f64>);

const STATE_CLASSES: [&str; 4] = ["st-running", "st-gil", "st-blocked", "st-sleeping"];

fn state_index(s: &State) -> usize {
    match s {
        State::Running => 0,
        State::WaitingForGil => 1,
        State::Blocked(..) => 2,
        State::Sleeping => 3,
    }
}

/// One lane's bars as one SVG path per state (index as in `STATE_CLASSES`): a busy
/// lane has hundreds of bars, and one element each made every redraw slow (a page
/// with 64 such lanes missed frames for hundreds of ms).
fn lane_paths(rects: &[Rect], y: f64) -> [String; 4] {
    use std::fmt::Write;
    let mut d: [String; 4] = Default::default();
    let h = LANE_H - 8.0;
    for &(x0, x1, state, running) in rects {
        let w = (x1 - x0).max(0.5);
        let _ = write!(d[state], "M{x0:.2} {:.2}h{w:.2}v{h:.2}h-{w:.2}z", y + 4.0);
        if let Some(r) = running {
            let _ = write!(d[0], "M{x0:.2} {:.2}h{w:.2}v{:.2}h-{w:.2}z", y + 4.0 + h * (1.0 - r), h * r);
        }
    }
    d
}

fn rects(lane: &Lane, view: View, x: &dyn Fn(f64) -> f64) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut acc: Option<(f64, f64, [f64; 4])> = None;
    let index = state_index;
    let flush = |acc: &mut Option<(f64, f64, [f64; 4])>, out: &mut Vec<_>| {
        if let Some((x0, x1, w)) = acc.take() {
            let best = (0..4).max_by(|a, b| w[*a].total_cmp(&w[*b])).unwrap_or(0);
            let total: f64 = w.iter().sum();
            let running = (best != 0 && total > 0.0 && w[0] > 0.0).then(|| w[0] / total);
            out.push((x0, x1, best, running));
        }
    };
    // Spans are in time order: skip to the first one that reaches the view.
    let first = lane.spans.partition_point(|s| s.to_ms < view.from);
    for s in lane.spans[first..].iter().take_while(|s| s.from_ms <= view.to) {
        let (a, b) = (s.from_ms.max(view.from), s.to_ms.min(view.to));
        let (x0, x1) = (x(a), x(b));
        if x1 - x0 >= 1.0 {
            flush(&mut acc, &mut out);
            out.push((x0, x1, index(&s.state), None));
            continue;
        }
        match &mut acc {
            Some((_, ax1, w)) if x0 - *ax1 < 0.5 => {
                *ax1 = x1.max(*ax1);
                w[index(&s.state)] += b - a;
            }
            _ => {
                flush(&mut acc, &mut out);
                let mut w = [0.0; 4];
                w[index(&s.state)] = b - a;
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

/// Time in each state, per thread, over the whole run: running, waiting for the GIL (or
/// its turn), blocked, sleeping.
pub fn time_in_states(lane: &Lane) -> [f64; 4] {
    let mut t = [0.0; 4];
    for s in &lane.spans {
        let i = match s.state {
            State::Running => 0,
            State::WaitingForGil => 1,
            State::Blocked(..) => 2,
            State::Sleeping => 3,
        };
        t[i] += s.to_ms - s.from_ms;
    }
    t
}

/// Tick marks at round numbers: about five over the view.
fn ticks(view: View) -> Vec<f64> {
    let width = view.to - view.from;
    if width <= 0.0 {
        return vec![];
    }
    let raw = width / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let mut t = (view.from / step).ceil() * step;
    let mut out = Vec::new();
    while t <= view.to + step * 1e-9 && out.len() < 12 {
        out.push(t);
        t += step;
    }
    out
}

/// Decimals that tell ticks `width` ms apart from each other.
fn decimals(width: f64) -> usize {
    if width >= 50.0 {
        0
    } else if width >= 5.0 {
        1
    } else if width >= 0.5 {
        2
    } else {
        3
    }
}

fn fmt_ms(t: f64, decimals: usize) -> String {
    format!("{t:.decimals$} ms")
}

/// `getBoundingClientRect()` of an element: left, top, width, height (via Reflect, so
/// no extra web-sys feature).
fn client_rect(el: &web_sys::Element) -> Option<[f64; 4]> {
    let f = js_sys::Reflect::get(el, &"getBoundingClientRect".into()).ok()?;
    let rect = f.dyn_ref::<js_sys::Function>()?.call0(el).ok()?;
    let get = |k: &str| js_sys::Reflect::get(&rect, &JsValue::from_str(k)).ok().and_then(|v| v.as_f64());
    Some([get("left")?, get("top")?, get("width")?, get("height")?])
}

/// What the tooltip says about `lane` at `t`: the span there and the line.
fn describe(lane: &Lane, t: f64, mode: Mode) -> String {
    let span = lane.spans.iter().rev().find(|s| s.from_ms <= t && t <= s.to_ms);
    let (_, line) = at(lane, t, mode);
    let line = line.map(|l| format!(", line {l}")).unwrap_or_default();
    match span {
        Some(s) if !lane.finished_ms.is_some_and(|f| f <= t) => format!(
            "{}: {} from {:.2} to {:.2} ms ({:.2} ms){line}",
            lane.name,
            state_text_in(&s.state, mode),
            s.from_ms,
            s.to_ms,
            s.to_ms - s.from_ms
        ),
        _ => {
            let (state, _) = at(lane, t, mode);
            format!("{}: {state} at {t:.2} ms{line}", lane.name)
        }
    }
}

/// The tooltip: its CSS position and what it says.
#[derive(Clone, PartialEq)]
struct Tip {
    style: String,
    text: String,
}

/// Saves `text` as a file named `name` (a Blob URL on a temporary link).
fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlElement = document.create_element("a")?.dyn_into()?;
    a.set_attribute("href", &url)?;
    a.set_attribute("download", name)?;
    a.set_attribute("hidden", "")?;
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: the download reads the URL after this handler returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let snap = &props.snapshot.0;
    let now = snap.now_ms.max(0.0);
    let zoomed = use_state(|| None::<View>);
    let tip = use_state(|| None::<Tip>);
    let focused = use_state(|| false);
    let lane_sel = use_state(|| 0usize);
    let drag = use_mut_ref(|| None::<(f64, View, bool)>);
    let chart = use_node_ref();

    // A new run starts before the zoomed range: show it whole.
    {
        let zoomed = zoomed.clone();
        use_effect_with(props.snapshot.clone(), move |snap| {
            if zoomed.is_some_and(|v| snap.0.now_ms < v.from) {
                zoomed.set(None);
            }
        });
    }
    let full = View { from: 0.0, to: now.max(0.001) };
    let view = zoomed.map(|v| v.within(now)).filter(|v| !v.whole(now) && v.to > v.from).unwrap_or(full);
    let plot_w = WIDTH - LABEL_W - 8.0;
    let x = move |t: f64| LABEL_W + ((t - view.from) / (view.to - view.from)).clamp(0.0, 1.0) * plot_w;
    let cursor = props.cursor_ms.unwrap_or(now).min(now);
    let height = LANE_H * snap.lanes.len() as f64 + 22.0;
    let lanes_h = LANE_H * snap.lanes.len() as f64;
    let lane_count = snap.lanes.len();
    let selected = (*lane_sel).min(lane_count.saturating_sub(1));
    let probe = (view.from + view.to) / 2.0;

    // The lanes are drawn again only when the run, the view or the selected lane
    // changes, not on every render of the page (each typed character re-renders it).
    let lanes = {
        let selected_shown = (*focused).then_some(selected);
        use_memo((props.snapshot.clone(), view, selected_shown), move |(snap, view, selected_shown)| {
            let view = *view;
            let x = move |t: f64| LABEL_W + ((t - view.from) / (view.to - view.from)).clamp(0.0, 1.0) * plot_w;
            snap.0.lanes.iter().enumerate().map(|(row, lane)| {
                let y = row as f64 * LANE_H;
                let name: String = if lane.name.chars().count() > 22 {
                    lane.name.chars().take(21).chain(std::iter::once('…')).collect()
                } else {
                    lane.name.clone()
                };
                let paths = lane_paths(&rects(lane, view, &x), y);
                html! {
                    <g class={classes!("lane", (*selected_shown == Some(row)).then_some("selected"))}>
                        <circle cx="8" cy={(y + 13.0).to_string()} r="5" class={format!("swatch thread-c{}", row % 8)} />
                        <text x="18" y={(y + 17.0).to_string()} class="lane-name">{ name }<title>{ &lane.name }</title></text>
                        { for paths.into_iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(i, d)| html! {
                            <path class={STATE_CLASSES[i]} d={d} />
                        }) }
                    </g>
                }
            }).collect::<Html>()
        })
    };

    // Pointer position in chart units: (time, lane row, pixel x, pixel y).
    let locate = {
        let chart = chart.clone();
        let lanes_h = lanes_h;
        move |client_x: f64, client_y: f64| -> Option<(f64, Option<usize>, f64, f64, f64)> {
            let el = chart.cast::<web_sys::Element>()?;
            let [left, top, w, h] = client_rect(&el)?;
            if w <= 0.0 || h <= 0.0 {
                return None;
            }
            let (ux, uy) = ((client_x - left) / w * WIDTH, (client_y - top) / h * height);
            let t = view.from + (ux - LABEL_W) / plot_w * (view.to - view.from);
            let row = (uy >= 0.0 && uy < lanes_h && ux >= LABEL_W).then(|| (uy / LANE_H) as usize);
            Some((t, row, client_x - left, client_y - top, w))
        }
    };
    let onwheel = {
        let (zoomed, locate) = (zoomed.clone(), locate.clone());
        Callback::from(move |e: WheelEvent| {
            let dy = e.delta_y();
            let dx = e.delta_x();
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                let at = locate(e.client_x() as f64, e.client_y() as f64).map_or(probe, |l| l.0);
                let factor = if dy < 0.0 { 0.8 } else { 1.25 };
                zoomed.set(Some(view.zoom(factor, at, now)));
            } else if e.shift_key() || dx.abs() > dy.abs() {
                // Shift+wheel and sideways scrolling pan; plain scrolling scrolls the page.
                e.prevent_default();
                let d = if dx.abs() > dy.abs() { dx } else { dy };
                let by = d.signum() * (view.to - view.from) * 0.1;
                zoomed.set(Some(view.pan(by, now)));
            }
        })
    };
    let onpointerdown = {
        let (drag, chart) = (drag.clone(), chart.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                *drag.borrow_mut() = Some((e.client_x() as f64, view, false));
                // Keep the drag when the pointer leaves the chart (the page delegates
                // events, so capture on the chart itself, not the event's target).
                if let Some(el) = chart.cast::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
            }
        })
    };
    let onpointermove = {
        let (drag, zoomed, tip, chart, locate) = (drag.clone(), zoomed.clone(), tip.clone(), chart.clone(), locate.clone());
        let snap = snap.clone();
        Callback::from(move |e: PointerEvent| {
            let dragging = *drag.borrow();
            if let Some((x0, v0, _)) = dragging {
                let w = chart.cast::<web_sys::Element>().and_then(|el| client_rect(&el)).map_or(0.0, |r| r[2]);
                let dx = e.client_x() as f64 - x0;
                if w > 0.0 && dx.abs() > 2.0 {
                    let ms = -dx / w * WIDTH / plot_w * (v0.to - v0.from);
                    *drag.borrow_mut() = Some((x0, v0, true));
                    zoomed.set(Some(v0.pan(ms, now)));
                    tip.set(None);
                }
                return;
            }
            match locate(e.client_x() as f64, e.client_y() as f64) {
                Some((t, Some(row), px, py, w)) if row < snap.lanes.len() && t >= view.from && t <= view.to => {
                    // Beside the pointer, on the side with more room.
                    let style = if px > w / 2.0 {
                        format!("right: {:.0}px; top: {:.0}px", w - px + 12.0, py + 16.0)
                    } else {
                        format!("left: {:.0}px; top: {:.0}px", px + 12.0, py + 16.0)
                    };
                    tip.set(Some(Tip { style, text: describe(&snap.lanes[row], t, snap.mode) }));
                }
                _ => tip.set(None),
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| {
            drag.borrow_mut().take();
        })
    };
    let onpointerleave = {
        let tip = tip.clone();
        let focused = focused.clone();
        Callback::from(move |_: PointerEvent| {
            if !*focused {
                tip.set(None);
            }
        })
    };
    // The keyboard probe: the middle of the view, on the selected lane.
    let probe_tip = {
        let snap = snap.clone();
        move |view: View, row: usize| -> Option<Tip> {
            let lane = snap.lanes.get(row)?;
            let t = (view.from + view.to) / 2.0;
            // Under the selected lane, centred on the probe line.
            let left = (LABEL_W + plot_w / 2.0) / WIDTH * 100.0;
            let top = (row as f64 + 1.0) * LANE_H / height * 100.0;
            let style = format!("left: {left:.1}%; top: {top:.1}%; transform: translateX(-50%)");
            Some(Tip { style, text: describe(lane, t, snap.mode) })
        }
    };
    let onkeydown = {
        let (zoomed, lane_sel, tip, probe_tip) = (zoomed.clone(), lane_sel.clone(), tip.clone(), probe_tip.clone());
        Callback::from(move |e: KeyboardEvent| {
            let width = view.to - view.from;
            let mut row = selected;
            let next = match e.key().as_str() {
                "+" | "=" => Some(view.zoom(0.5, probe, now)),
                "-" | "_" => Some(view.zoom(2.0, probe, now)),
                "ArrowLeft" => Some(view.pan(-width * 0.1, now)),
                "ArrowRight" => Some(view.pan(width * 0.1, now)),
                "0" | "Home" => Some(full),
                "ArrowUp" => {
                    row = row.saturating_sub(1);
                    Some(view)
                }
                "ArrowDown" => {
                    row = (row + 1).min(lane_count.saturating_sub(1));
                    Some(view)
                }
                _ => None,
            };
            if let Some(v) = next {
                e.prevent_default();
                zoomed.set(Some(v));
                lane_sel.set(row);
                tip.set(probe_tip(v.within(now), row));
            }
        })
    };
    let onfocus = {
        let (focused, tip, probe_tip) = (focused.clone(), tip.clone(), probe_tip.clone());
        Callback::from(move |_: FocusEvent| {
            focused.set(true);
            tip.set(probe_tip(view, selected));
        })
    };
    let onblur = {
        let (focused, tip) = (focused.clone(), tip.clone());
        Callback::from(move |_: FocusEvent| {
            focused.set(false);
            tip.set(None);
        })
    };
    let on_reset = {
        let zoomed = zoomed.clone();
        Callback::from(move |_: MouseEvent| zoomed.set(None))
    };
    let on_download = {
        let snap = snap.clone();
        Callback::from(move |_: MouseEvent| {
            let json = crate::runtime::trace::chrome_json_from_lanes(&snap.lanes);
            if let Err(e) = download("threadlab-trace.json", &json) {
                web_sys::console::error_2(&"Threadlab: could not save the trace:".into(), &e);
            }
        })
    };
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
    let tick_dec = decimals((view.to - view.from) / 5.0);
    let is_zoomed = view != full;
    let cursor_in_view = cursor >= view.from && cursor <= view.to;
    let wait_name = if snap.mode == Mode::Step { "Waiting for its turn" } else { "Waiting for the GIL" };
    let tip_html = tip.as_ref().map(|t| {
        html! { <div class="timeline-tip" role="status" style={t.style.clone()}>{ &t.text }</div> }
    });
    html! {
        <figure class="timeline" data-view-from={format!("{:.4}", view.from)} data-view-to={format!("{:.4}", view.to)}>
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
            <div class="timeline-tools">
                <span class="timeline-range">{ format!("Showing {} to {}", fmt_ms(view.from, tick_dec), fmt_ms(view.to, tick_dec)) }
                    if !is_zoomed { { " (the whole run)" } }</span>
                <button type="button" class="secondary" onclick={on_reset} disabled={!is_zoomed}>{ "Show all" }</button>
                <button type="button" class="secondary download-trace" onclick={on_download}
                        title="Chrome trace JSON: open it in Perfetto (ui.perfetto.dev) or chrome://tracing">{ "Download trace" }</button>
            </div>
            <div class="timeline-scroll" tabindex="0" role="group"
                 aria-label="Timeline chart. Plus and minus zoom, left and right arrows move, up and down pick a thread, 0 shows all"
                 {onkeydown} {onfocus} {onblur} {onwheel}>
                <svg ref={chart} viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                     aria-label={format!("Timeline of {} threads over {:.*} ms", snap.lanes.len(), unit, now)}
                     {onpointerdown} {onpointermove} {onpointerup} {onpointerleave}>
                    { (*lanes).clone() }
                    { for ticks(view).into_iter().map(|t| {
                        let tx = x(t);
                        let anchor = if tx > WIDTH - 40.0 { "end" } else if tx < LABEL_W + 20.0 { "start" } else { "middle" };
                        html! {
                            <>
                                <line class="tick" x1={format!("{tx:.2}")} x2={format!("{tx:.2}")} y1="0" y2={format!("{:.1}", lanes_h + 2.0)} />
                                <text class="axis" x={format!("{tx:.2}")} y={(height - 4.0).to_string()} text-anchor={anchor}>{ fmt_ms(t, tick_dec) }</text>
                            </>
                        }
                    }) }
                    if cursor_in_view {
                        <line class="cursor" x1={x(cursor).to_string()} x2={x(cursor).to_string()} y1="0"
                              y2={(height - 20.0).to_string()} />
                    }
                    if *focused {
                        <line class="probe" x1={x(probe).to_string()} x2={x(probe).to_string()} y1="0" y2={format!("{lanes_h:.1}")} />
                        <rect class="lane-focus" x={LABEL_W.to_string()} y={format!("{:.1}", selected as f64 * LANE_H + 2.0)}
                              width={format!("{plot_w:.1}")} height={(LANE_H - 4.0).to_string()} />
                    }
                </svg>
                { for tip_html }
            </div>
            <p class="timeline-hint">{ "Ctrl+wheel zooms, Shift+wheel or dragging moves; with the chart focused: + and − zoom, ← → move, ↑ ↓ pick a thread, 0 shows all." }</p>
            <label class="scrubber">{ "Replay" }
                <input type="range" min="0" max={now.to_string()} step="any"
                       value={cursor.to_string()} aria-label="Replay position (ms)" {oninput} />
                <output>{ format!("{:.*} ms", unit, cursor) }</output>
            </label>
            <ul class="thread-states" aria-label="Threads at the replay position">
                { for snap.lanes.iter().enumerate().map(|(row, lane)| {
                    let (state, line) = at_end(lane, cursor, snap.mode, &props.deadlocked);
                    html! { <li><i class={format!("swatch-key thread-c{}", row % 8)}></i>
                        { format!("{}: {}{}", lane.name, state, line.map(|l| format!(", line {l}")).unwrap_or_default()) }</li> }
                }) }
            </ul>
            <details class="time-summary">
                <summary>{ "Time per thread" }</summary>
                <table>
                    <caption class="visually-hidden">{ "Milliseconds each thread spent in each state" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Thread" }</th><th scope="col">{ "Running" }</th>
                        <th scope="col">{ wait_name }</th><th scope="col">{ "Blocked" }</th>
                        <th scope="col">{ "Sleeping" }</th><th scope="col">{ "Total" }</th>
                    </tr></thead>
                    <tbody>
                        { for snap.lanes.iter().map(|lane| {
                            let t = time_in_states(lane);
                            let total: f64 = t.iter().sum();
                            let cell = |v: f64| {
                                let share = if total > 0.0 { v / total * 100.0 } else { 0.0 };
                                html! { <td data-ms={format!("{v:.4}")}>{ format!("{v:.1} ms") }<span class="share">{ format!(" ({share:.0}%)") }</span></td> }
                            };
                            html! {
                                <tr>
                                    <th scope="row">{ &lane.name }</th>
                                    { cell(t[0]) }{ cell(t[1]) }{ cell(t[2]) }{ cell(t[3]) }
                                    <td data-ms={format!("{total:.4}")}>{ format!("{total:.1} ms") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </details>
            if snap.dropped > 0 {
                <p class="status">{ format!("Some events were left out to keep the page fast ({} thinned).", snap.dropped) }</p>
            }
        </figure>
    }
}
