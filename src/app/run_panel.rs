//! Run / Stop and the output of one program, streamed while it runs. The page polls the
//! program's output every few milliseconds without ever waiting on a lock.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::program::{ProgramRun, Stream};
use crate::web::timer::sleep_ms;

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
    Done(i32),
    Failed(String),
}

#[derive(Clone, PartialEq)]
struct State {
    status: Status,
    output: Vec<(Stream, String)>,
}

enum Action {
    Started(ProgramRun),
    Failed(String),
    Output(Vec<(Stream, String)>),
    Stop,
    Done(i32),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Started(run) => {
                s.output.clear();
                s.status = Status::Running(run);
            }
            Action::Failed(e) => s.status = Status::Failed(e),
            Action::Output(chunks) => {
                for (stream, text) in chunks {
                    match s.output.last_mut() {
                        Some((last, buf)) if *last == stream => buf.push_str(&text),
                        _ => s.output.push((stream, text)),
                    }
                }
            }
            Action::Stop => {
                if let Status::Running(run) = &s.status {
                    run.request_stop();
                    s.status = Status::Stopping(run.clone());
                }
            }
            Action::Done(code) => s.status = Status::Done(code),
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    pub code: AttrValue,
    /// Starts the program; the engine behind it lives in `web::program`.
    pub start: Callback<String, Result<ProgramRun, String>>,
    #[prop_or_default]
    pub on_finished: Option<Callback<Finished>>,
    /// Bumped by the parent (e.g. Ctrl+Enter in the editor) to run.
    #[prop_or_default]
    pub run_requests: u32,
}

#[function_component(RunPanel)]
pub fn run_panel(props: &RunPanelProps) -> Html {
    let state = use_reducer(|| State { status: Status::Idle, output: Vec::new() });
    let running = matches!(state.status, Status::Running(_) | Status::Stopping(_));

    let run = {
        let state = state.clone();
        let start = props.start.clone();
        let code = props.code.clone();
        let on_finished = props.on_finished.clone();
        Callback::from(move |_: ()| {
            if matches!(state.status, Status::Running(_) | Status::Stopping(_)) {
                return;
            }
            match start.emit(code.to_string()) {
                Ok(program) => {
                    state.dispatch(Action::Started(program.clone()));
                    let state = state.clone();
                    let on_finished = on_finished.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut stdout = String::new();
                        loop {
                            sleep_ms(16).await;
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
                                if *stream == Stream::Stdout {
                                    stdout.push_str(text);
                                }
                            }
                            if !chunks.is_empty() {
                                state.dispatch(Action::Output(chunks));
                            }
                            if let Some(code) = done {
                                state.dispatch(Action::Done(code));
                                if let Some(cb) = &on_finished {
                                    cb.emit(Finished { stdout, exit_code: code });
                                }
                                break;
                            }
                        }
                    });
                }
                Err(e) => state.dispatch(Action::Failed(e)),
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
    let on_run = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run.emit(()))
    };
    let on_stop = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Stop))
    };
    let status = match &state.status {
        Status::Idle => html! {},
        Status::Running(_) => html! { <span class="status running">{ "Running…" }</span> },
        Status::Stopping(_) => html! { <span class="status">{ "Stopping…" }</span> },
        Status::Done(0) => html! { <span class="status ok">{ "Finished" }</span> },
        Status::Done(code) => html! { <span class="status err">{ format!("Exited with code {code}") }</span> },
        Status::Failed(e) => html! { <span class="status err" role="alert">{ e.clone() }</span> },
    };
    html! {
        <div class="run-panel">
            <div class="toolbar">
                <button type="button" class="run" onclick={on_run} disabled={running}>{ "Run" }</button>
                <button type="button" class="stop" onclick={on_stop} disabled={!running}>{ "Stop" }</button>
                { status }
            </div>
            if !state.output.is_empty() || running {
                <pre class="output" role="region" aria-label="Output" aria-live="polite">
                    { for state.output.iter().map(|(stream, text)| match stream {
                        Stream::Stdout => html! { <span class="stdout">{ text.clone() }</span> },
                        Stream::Stderr => html! { <span class="stderr">{ text.clone() }</span> },
                    }) }
                </pre>
            }
        </div>
    }
}
