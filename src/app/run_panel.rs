//! Run / Stop and the output of one program, streamed while it runs, with the timeline
//! of its threads under it. The page polls the program's output and the timeline's
//! latest snapshot every few milliseconds without ever waiting on a lock.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use super::editor::LineMark;
use super::mode_switch::mode_label;
use super::timeline::{marks_at, SnapRef, Timeline};
use crate::runtime::options::{Mode, Options};
use crate::runtime::trace::Recorder;
use crate::web::program::{start_python, ProgramRun};
use crate::web::sink::Stream;
use crate::web::timer::sleep_ms;

/// Output kept on screen; older output is trimmed (the program's own output is not).
const MAX_SHOWN: usize = 200_000;
/// Trace events kept per thread between two polls of the pump.
const TRACE_CAPACITY: usize = 50_000;

/// How a run ended, for whoever grades it.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub stdout: String,
    pub exit_code: i32,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running(ProgramRun),
    Stopping(ProgramRun),
    Done { code: i32, stopped: bool },
    Failed(String),
}

#[derive(Clone, PartialEq)]
struct State {
    status: Status,
    output: Vec<(Stream, String)>,
    shown: usize,
    trimmed: bool,
    snapshot: Option<SnapRef>,
    cursor: Option<f64>,
    seed: Option<u64>,
    /// The latest run: updates from an earlier run's poller are ignored.
    latest: Option<ProgramRun>,
}

enum Action {
    Started(ProgramRun),
    Failed(ProgramRun, String),
    StartFailed(String),
    Output(ProgramRun, Vec<(Stream, String)>),
    Trace(ProgramRun, Arc<crate::web::trace::TraceSnapshot>),
    Scrub(Option<f64>),
    Stop,
    Done(ProgramRun, i32),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let stale = match &action {
            Action::Failed(run, _) | Action::Output(run, _) | Action::Trace(run, _) | Action::Done(run, _) => {
                self.latest.as_ref() != Some(run)
            }
            _ => false,
        };
        if stale {
            return self;
        }
        let mut s = (*self).clone();
        match action {
            Action::Started(run) => {
                s.output.clear();
                s.shown = 0;
                s.trimmed = false;
                s.snapshot = None;
                s.cursor = None;
                s.seed = (run.mode == Mode::Step).then_some(run.seed);
                s.latest = Some(run.clone());
                s.status = Status::Running(run);
            }
            Action::Failed(_, e) | Action::StartFailed(e) => s.status = Status::Failed(e),
            Action::Output(_, chunks) => {
                for (stream, text) in chunks {
                    s.shown += text.len();
                    match s.output.last_mut() {
                        Some((last, buf)) if *last == stream => buf.push_str(&text),
                        _ => s.output.push((stream, text)),
                    }
                }
                while s.shown > MAX_SHOWN && !s.output.is_empty() {
                    let excess = s.shown - MAX_SHOWN;
                    let first = &mut s.output[0].1;
                    if first.len() <= excess {
                        s.shown -= first.len();
                        s.output.remove(0);
                    } else {
                        let mut cut = excess;
                        while !first.is_char_boundary(cut) {
                            cut += 1;
                        }
                        first.drain(..cut);
                        s.shown -= cut;
                    }
                    s.trimmed = true;
                }
            }
            Action::Trace(_, snap) => s.snapshot = Some(SnapRef(snap)),
            Action::Scrub(at) => s.cursor = at,
            Action::Stop => {
                if let Status::Running(run) = &s.status {
                    run.request_stop();
                    s.status = Status::Stopping(run.clone());
                }
            }
            Action::Done(_, code) => {
                let stopped = matches!(s.status, Status::Stopping(_));
                s.status = Status::Done { code, stopped };
            }
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    pub code: AttrValue,
    #[prop_or_default]
    pub mode: Mode,
    #[prop_or_default]
    pub on_finished: Option<Callback<Finished>>,
    /// Bumped by the parent (e.g. Ctrl+Enter in the editor) to run.
    #[prop_or_default]
    pub run_requests: u32,
    /// Where each thread is, for the editor's line bands (empty when nothing runs).
    #[prop_or_default]
    pub on_lines: Option<Callback<Vec<LineMark>>>,
    /// More buttons for the toolbar (Reset, Share, ...).
    #[prop_or_default]
    pub children: Html,
}

fn random_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64 + 1
}

#[function_component(RunPanel)]
pub fn run_panel(props: &RunPanelProps) -> Html {
    let state = use_reducer(|| State {
        status: Status::Idle,
        output: Vec::new(),
        shown: 0,
        trimmed: false,
        snapshot: None,
        cursor: None,
        seed: None,
        latest: None,
    });
    let running = matches!(state.status, Status::Running(_) | Status::Stopping(_));
    // The run in progress, so leaving the page stops it; and whether we are mounted.
    let current: Rc<RefCell<Option<ProgramRun>>> = use_mut_ref(|| None);
    let alive = use_memo((), |_| Rc::new(Cell::new(true)));
    {
        let current = current.clone();
        let alive = (*alive).clone();
        use_effect_with((), move |_| {
            move || {
                alive.set(false);
                if let Some(run) = current.borrow_mut().take() {
                    run.request_stop();
                }
            }
        });
    }

    let run = {
        let state = state.clone();
        let code = props.code.clone();
        let mode = props.mode;
        let on_finished = props.on_finished.clone();
        let current = current.clone();
        let alive = (*alive).clone();
        Callback::from(move |_: ()| {
            if matches!(state.status, Status::Running(_) | Status::Stopping(_)) {
                return;
            }
            let mut opts = Options::new("main.py");
            opts.mode = mode;
            opts.seed = if mode == Mode::Step { random_seed() } else { 0 };
            opts.trace = Some(Arc::new(Recorder::new(TRACE_CAPACITY)));
            match start_python(&code, opts) {
                Ok(program) => {
                    *current.borrow_mut() = Some(program.clone());
                    state.dispatch(Action::Started(program.clone()));
                    let state = state.clone();
                    let on_finished = on_finished.clone();
                    let current = current.clone();
                    let alive = alive.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut stdout = String::new();
                        let mut seen_version = 0;
                        let mut exit: Option<(i32, f64)> = None;
                        loop {
                            sleep_ms(16).await;
                            if !alive.get() {
                                program.request_stop();
                                return;
                            }
                            if exit.is_none() {
                                let chunks = program.take_output();
                                let done = program.exit_code();
                                // Output taken after the exit code is known is complete.
                                let chunks = if done.is_some() {
                                    let mut all = chunks;
                                    all.extend(program.take_output());
                                    all
                                } else {
                                    chunks
                                };
                                for (stream, text) in &chunks {
                                    if *stream == Stream::Stdout && stdout.len() < 4 << 20 {
                                        stdout.push_str(text);
                                    }
                                }
                                if !chunks.is_empty() {
                                    state.dispatch(Action::Output(program.clone(), chunks));
                                }
                                if program.crashed() {
                                    state.dispatch(Action::Failed(
                                        program.clone(),
                                        "The engine failed while running this program (see the error at the top of the page).".into(),
                                    ));
                                    current.borrow_mut().take();
                                    return;
                                }
                                if let Some(code) = done {
                                    exit = Some((code, crate::web::clock::now_ms()));
                                    current.borrow_mut().take();
                                    state.dispatch(Action::Done(program.clone(), code));
                                    if let Some(cb) = &on_finished {
                                        cb.emit(Finished { stdout: std::mem::take(&mut stdout), exit_code: code });
                                    }
                                }
                            }
                            let mut final_trace = false;
                            if let Some(view) = program.trace() {
                                if view.version() != seen_version {
                                    if let Some(snap) = view.latest() {
                                        seen_version = snap.version;
                                        final_trace = snap.finished;
                                        state.dispatch(Action::Trace(program.clone(), snap));
                                    }
                                }
                            } else {
                                final_trace = true;
                            }
                            // Done once the program ended and the timeline has its last
                            // picture (or the pump is late by more than 3 s).
                            if let Some((_, at)) = exit {
                                if final_trace || crate::web::clock::now_ms() - at > 3_000.0 {
                                    return;
                                }
                            }
                        }
                    });
                }
                Err(e) => state.dispatch(Action::StartFailed(format!("The program could not start: {e}"))),
            }
        })
    };
    {
        let run = run.clone();
        use_effect_with(props.run_requests, move |n| {
            if *n > 0 {
                run.emit(());
            }
        });
    }
    // The editor's line bands follow the live end, or the replay position.
    {
        let on_lines = props.on_lines.clone();
        let snap = state.snapshot.clone();
        let cursor = state.cursor;
        use_effect_with((snap, cursor), move |(snap, cursor)| {
            if let Some(cb) = on_lines {
                let marks = match snap {
                    Some(s) => marks_at(&s.0, cursor.unwrap_or(s.0.now_ms)),
                    None => Vec::new(),
                };
                cb.emit(marks);
            }
        });
    }
    // Keyboard users keep their place: a focused button that becomes disabled drops
    // focus to the page, so Run hands focus to Stop and Stop back to Run.
    let run_button = use_node_ref();
    let stop_button = use_node_ref();
    let focused: Rc<Cell<Option<bool>>> = (*use_memo((), |_| Rc::new(Cell::new(None::<bool>)))).clone();
    let was_running = use_mut_ref(|| false);
    {
        let (run_button, stop_button, focused) = (run_button.clone(), stop_button.clone(), focused.clone());
        use_effect_with(running, move |running| {
            if *was_running.borrow() != *running {
                *was_running.borrow_mut() = *running;
                // Some(true): Run had focus; Some(false): Stop had focus.
                let target = match (focused.get(), *running) {
                    (Some(true), true) => stop_button.cast::<web_sys::HtmlElement>(),
                    (Some(false), false) => run_button.cast::<web_sys::HtmlElement>(),
                    _ => None,
                };
                if let Some(b) = target {
                    let _ = b.focus();
                }
            }
        });
    }
    let focus_cb = |value: Option<bool>| {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(value))
    };
    let on_run = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run.emit(()))
    };
    let on_stop = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Stop))
    };
    let on_scrub = {
        let state = state.clone();
        Callback::from(move |at: Option<f64>| state.dispatch(Action::Scrub(at)))
    };
    let seed = state.seed.map(|s| format!(" (stepped, seed {s})")).unwrap_or_default();
    let (data_state, status) = match &state.status {
        Status::Idle => ("idle", html! {}),
        Status::Running(run) => (
            "running",
            html! { <span class="status running">{ format!("Running in {} mode…{}", mode_label(run.mode), seed) }</span> },
        ),
        Status::Stopping(_) => ("stopping", html! { <span class="status">{ "Stopping…" }</span> }),
        Status::Done { code: 0, .. } => ("done", html! { <span class="status ok">{ format!("Finished{seed}") }</span> }),
        Status::Done { stopped: true, .. } => ("done", html! { <span class="status err">{ "Stopped" }</span> }),
        Status::Done { code, .. } => ("done", html! { <span class="status err">{ format!("Exited with code {code}{seed}") }</span> }),
        Status::Failed(e) => ("failed", html! { <span class="status err" role="alert">{ e.clone() }</span> }),
    };
    let show_timeline = state.snapshot.as_ref().is_some_and(|s| s.0.lanes.len() > 1);
    html! {
        <div class="run-panel" data-state={data_state}>
            <div class="toolbar">
                <button type="button" class="run" ref={run_button.clone()} onclick={on_run}
                        onfocus={focus_cb(Some(true))} onblur={focus_cb(None)} disabled={running}
                        title="Run (Ctrl+Enter in the editor)">{ "Run" }</button>
                <button type="button" class="stop" ref={stop_button.clone()} onclick={on_stop}
                        onfocus={focus_cb(Some(false))} onblur={focus_cb(None)} disabled={!running}>{ "Stop" }</button>
                { props.children.clone() }
                <span class="run-status" aria-live="polite">{ status }</span>
            </div>
            if !state.output.is_empty() || running || matches!(state.status, Status::Done { .. }) {
                <pre class="output" role="region" aria-label="Output" tabindex="0">
                    if state.trimmed { <span class="note">{ "[earlier output trimmed]\n" }</span> }
                    { for state.output.iter().map(|(stream, text)| match stream {
                        Stream::Stdout => html! { <span class="stdout">{ text.clone() }</span> },
                        Stream::Stderr => html! { <span class="stderr">{ text.clone() }</span> },
                    }) }
                    if state.output.is_empty() && !running { <span class="note">{ "(no output)" }</span> }
                </pre>
            }
            if show_timeline {
                if let Some(snap) = &state.snapshot {
                    <Timeline snapshot={snap.clone()} cursor_ms={state.cursor} {on_scrub} />
                }
            }
        </div>
    }
}
