//! Run / Stop and the output of one program, streamed while it runs, with the timeline
//! of its threads under it. The run itself (state and poll loop) lives in the
//! `use_program_run` hook of the page that owns the editor; this panel shows it.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::mode_switch::mode_label;
use super::timeline::Timeline;
use crate::app::hooks::{ProgramHandle, Status};
use crate::app::model::output::{blocks, last_blocks, DONE_SHOWN, LIVE_SHOWN};
use crate::web::sink::Stream;

/// Runs with more threads than this show no timeline: drawing hundreds of lanes on every
/// update would stall the page (a thread bomb).
const MAX_LANES: usize = 64;

/// "[1,234,567 earlier lines (12.3 MB) not shown]": the panel keeps the last part.
fn dropped_note((bytes, lines): (usize, usize)) -> String {
    let mut n = lines.to_string();
    let mut i = n.len();
    while i > 3 {
        i -= 3;
        n.insert(i, ',');
    }
    let size = if bytes >= 1_000_000 { format!("{:.1} MB", bytes as f64 / 1e6) } else { format!("{:.0} KB", (bytes as f64 / 1e3).max(1.0)) };
    let what = if lines == 1 { "line".to_string() } else { "lines".to_string() };
    format!("[{n} earlier {what} ({size}) not shown: the last part of the output is kept]\n")
}

/// The module a run's last line says is missing (`ModuleNotFoundError: No module named 'x'`).
fn missing_module(stderr: &str) -> Option<&str> {
    let last = stderr.trim_end().lines().last()?;
    let rest = last.strip_prefix("ModuleNotFoundError: No module named '")?;
    rest.split('\'').next().filter(|n| !n.is_empty())
}

/// Under a ModuleNotFoundError: what can be imported instead (issue 13's "bad input").
fn module_hint(name: &str) -> Html {
    let top = name.split('.').next().unwrap_or(name);
    let why = match top {
        "multiprocessing" => " It is not in this engine yet: the lesson \"Threads, processes or asyncio?\" shows its examples as text, to run with python3 on your own computer.",
        "numpy" | "pandas" | "scipy" | "matplotlib" => " Packages built on C extensions do not run in this engine.",
        _ => "",
    };
    let all = crate::stdlib::IMPORTABLE.join(", ");
    html! {
        <p class="note module-hint" role="note">
            { format!("This Python has no module '{name}'.{why} The modules it has: {all}.") }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    pub program: ProgramHandle,
    pub code: AttrValue,
    /// More buttons for the toolbar (Reset, Share, ...).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(RunPanel)]
pub fn run_panel(props: &RunPanelProps) -> Html {
    let program = &props.program;
    let state = program.state();
    let running = program.running();
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
    let on_run = program.runner(&props.code).reform(|_: MouseEvent| ());
    let on_stop = program.on_stop().reform(|_: MouseEvent| ());
    // The same callback on every render, so typing (which re-renders the page) leaves
    // the timeline alone: it only redraws for a new picture or a scrub.
    let on_scrub = (*use_memo((), {
        let program = program.clone();
        move |_| program.on_scrub()
    }))
    .clone();
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
        Status::Failed(e) => (
            "failed",
            html! { <span class="status err" role="alert">{ e.clone() }{ " Your code is unchanged: Run starts it afresh." }</span> },
        ),
    };
    // input(): a line under the output, focused when it appears. Enter sends what was
    // typed (echoed after the prompt, as a terminal does); Ctrl+D sends end of input.
    let asking = running && state.wants_input;
    let input_line = use_node_ref();
    {
        let input_line = input_line.clone();
        use_effect_with(asking, move |asking| {
            if *asking {
                if let Some(el) = input_line.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let on_input_key = {
        let (program, input_line) = (program.clone(), input_line.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = input_line.cast::<web_sys::HtmlInputElement>() else { return };
            if e.key() == "Enter" {
                e.prevent_default();
                program.send_input(Some(el.value()));
                el.set_value("");
            } else if e.ctrl_key() && e.key().eq_ignore_ascii_case("d") {
                e.prevent_default();
                program.send_input(None);
            }
        })
    };
    let lanes = state.snapshot.as_ref().map_or(0, |s| s.0.lanes.len());
    let show_timeline = lanes > 1 && lanes <= MAX_LANES;
    // A deadlock report in the output: its wait-for graph beside it.
    let report: String = state.output.iter().filter(|(s, _)| *s == Stream::Stderr).map(|(_, t)| t.as_str()).collect();
    let wait_edges = super::explorer::graph::edges_from_report(&report);
    let deadlocked: Vec<String> = wait_edges.iter().map(|e| e.thread.clone()).collect();
    // Only the last part of the kept output is laid out (LIVE_SHOWN, DONE_SHOWN).
    let all = blocks(&state.output, state.start);
    let (shown, hidden) = last_blocks(all, if running { LIVE_SHOWN } else { DONE_SHOWN });
    let dropped = (state.dropped.0 + hidden.0, state.dropped.1 + hidden.1);
    html! {
        <div class="run-panel" data-state={data_state} data-run-id={state.runs_started.to_string()}>
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
                    if dropped.0 > 0 {
                        <span class="dropped note">{ dropped_note(dropped) }</span>
                    }
                    { for shown.iter().map(|b| html! {
                        <span class="block" key={b.key}>
                            { for b.parts.iter().map(|(stream, text)| match stream {
                                Stream::Stdout => html! { <span class="stdout">{ *text }</span> },
                                Stream::Stderr => html! { <span class="stderr">{ *text }</span> },
                                Stream::Input => html! { <span class="stdin">{ *text }</span> },
                            }) }
                        </span>
                    }) }
                    if state.output.is_empty() && !running { <span class="note">{ "(no output)" }</span> }
                </pre>
            }
            if !running {
                if let Some(name) = missing_module(&report) {
                    { module_hint(name) }
                }
            }
            if asking {
                // (One panel of many on a lesson page: the label wraps the field, no ids.)
                <label class="stdin-line">
                    <span class="stdin-prompt">{ "input()" }</span>
                    <input type="text" ref={input_line.clone()} onkeydown={on_input_key} autocomplete="off"
                           spellcheck="false" aria-label="Input for the program: Enter sends the line, Ctrl+D ends the input" />
                    <span class="note">{ "Enter sends the line · Ctrl+D ends the input" }</span>
                </label>
            }
            if !wait_edges.is_empty() {
                <super::explorer::graph::WaitGraph edges={wait_edges} />
            }
            if lanes > MAX_LANES {
                <p class="note">{ format!("(The timeline shows at most {MAX_LANES} threads; this run had {lanes}.)") }</p>
            }
            if show_timeline {
                if let Some(snap) = &state.snapshot {
                    <Timeline snapshot={snap.clone()} cursor_ms={state.cursor} {on_scrub} {deadlocked} />
                }
            }
        </div>
    }
}
