//! `use_program_run`: one editor's program runs, in one place. The hook owns the run
//! state (status, streamed output, the timeline's latest snapshot, the replay cursor)
//! and the mode to run in; its poll loop takes the program's output and trace every
//! 16 ms without ever waiting on a lock. Pages hand the handle to the editor (Run on
//! Ctrl+Enter, the threads' line bands), the mode switch and the run panel.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use crate::app::components::editor::LineMark;
use crate::app::components::timeline::{marks_at, SnapRef};
use crate::app::model::storage;
use crate::runtime::options::{Mode, Options};
use crate::runtime::trace::Recorder;
use crate::web::program::{start_python, ProgramRun};
use crate::web::sink::Stream;
use crate::web::timer::sleep_ms;

/// Output kept on screen; older output is trimmed (the program's own output is not).
const MAX_SHOWN: usize = 200_000;
/// Trace events kept per thread between two polls of the pump.
const TRACE_CAPACITY: usize = 50_000;
const POLL_MS: i32 = 16;

#[derive(Clone, PartialEq)]
pub enum Status {
    Idle,
    Running(ProgramRun),
    Stopping(ProgramRun),
    Done { code: i32, stopped: bool },
    Failed(String),
}

/// What one editor's latest run did so far.
#[derive(Clone, PartialEq)]
pub struct RunState {
    pub status: Status,
    pub output: Vec<(Stream, String)>,
    pub trimmed: bool,
    pub snapshot: Option<SnapRef>,
    /// The replay position, or `None` to follow the live end.
    pub cursor: Option<f64>,
    /// The seed of a stepped run.
    pub seed: Option<u64>,
    shown: usize,
    /// The latest run: updates from an earlier run's poller are ignored.
    latest: Option<ProgramRun>,
}

/// What the poll loop and the buttons tell the run state.
pub enum Action {
    Started(ProgramRun),
    Failed(ProgramRun, String),
    StartFailed(String),
    Output(ProgramRun, Vec<(Stream, String)>),
    Trace(ProgramRun, Arc<crate::web::trace::TraceSnapshot>),
    Scrub(Option<f64>),
    Stop,
    Done(ProgramRun, i32),
}

impl Reducible for RunState {
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

/// The handle `use_program_run` returns; cheap to clone, compared by its state.
#[derive(Clone)]
pub struct ProgramHandle {
    state: UseReducerHandle<RunState>,
    mode: UseStateHandle<Mode>,
    /// Where the mode is remembered, if anywhere.
    mode_key: Option<AttrValue>,
    /// The run in progress, so leaving the page stops it.
    current: Rc<RefCell<Option<ProgramRun>>>,
    /// False once the component using the hook is gone.
    alive: Rc<Cell<bool>>,
}

impl PartialEq for ProgramHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && *self.mode == *other.mode && self.mode_key == other.mode_key
    }
}

fn random_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64 + 1
}

impl ProgramHandle {
    pub fn state(&self) -> &RunState {
        &self.state
    }

    pub fn mode(&self) -> Mode {
        *self.mode
    }

    pub fn running(&self) -> bool {
        matches!(self.state.status, Status::Running(_) | Status::Stopping(_))
    }

    /// Switches the mode of the next run (and remembers it, if the hook was asked to).
    pub fn set_mode(&self, m: Mode) {
        if let Some(key) = &self.mode_key {
            storage::save(key, m.name());
        }
        self.mode.set(m);
    }

    pub fn on_mode(&self) -> Callback<Mode> {
        let this = self.clone();
        Callback::from(move |m: Mode| this.set_mode(m))
    }

    /// A callback that runs `code` (for Ctrl+Enter in the editor and the Run button).
    pub fn runner(&self, code: &AttrValue) -> Callback<()> {
        let this = self.clone();
        let code = code.clone();
        Callback::from(move |_: ()| this.run(&code))
    }

    pub fn on_stop(&self) -> Callback<()> {
        let state = self.state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::Stop))
    }

    pub fn on_scrub(&self) -> Callback<Option<f64>> {
        let state = self.state.clone();
        Callback::from(move |at: Option<f64>| state.dispatch(Action::Scrub(at)))
    }

    /// Where each thread is, for the editor's line bands: at the live end, or at the
    /// replay position; empty before the first run.
    pub fn marks(&self) -> Vec<LineMark> {
        match &self.state.snapshot {
            Some(s) => marks_at(&s.0, self.state.cursor.unwrap_or(s.0.now_ms)),
            None => Vec::new(),
        }
    }

    /// Starts `code` in the current mode, unless a run is still going.
    pub fn run(&self, code: &str) {
        if self.current.borrow().is_some() {
            return;
        }
        let mode = *self.mode;
        let mut opts = Options::new("main.py");
        opts.mode = mode;
        opts.seed = if mode == Mode::Step { random_seed() } else { 0 };
        opts.trace = Some(Arc::new(Recorder::new(TRACE_CAPACITY)));
        match start_python(code, opts) {
            Ok(program) => {
                *self.current.borrow_mut() = Some(program.clone());
                self.state.dispatch(Action::Started(program.clone()));
                wasm_bindgen_futures::spawn_local(poll(program, self.state.clone(), self.current.clone(), self.alive.clone()));
            }
            Err(e) => self.state.dispatch(Action::StartFailed(format!("The program could not start: {e}"))),
        }
    }
}

/// Follows one run until it ended and the timeline has its last picture.
async fn poll(
    program: ProgramRun,
    state: UseReducerHandle<RunState>,
    current: Rc<RefCell<Option<ProgramRun>>>,
    alive: Rc<Cell<bool>>,
) {
    let mut seen_version = 0;
    let mut exit: Option<f64> = None;
    loop {
        sleep_ms(POLL_MS).await;
        if !alive.get() {
            program.request_stop();
            return;
        }
        if exit.is_none() {
            let mut chunks = program.take_output();
            let done = program.exit_code();
            // Output taken after the exit code is known is complete.
            if done.is_some() {
                chunks.extend(program.take_output());
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
                exit = Some(crate::web::clock::now_ms());
                current.borrow_mut().take();
                state.dispatch(Action::Done(program.clone(), code));
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
        // Done once the program ended and the timeline has its last picture (or the
        // pump is late by more than 3 s).
        if let Some(at) = exit {
            if final_trace || crate::web::clock::now_ms() - at > 3_000.0 {
                return;
            }
        }
    }
}

/// One editor's runs. `mode` is the mode to start in; with `remember_mode_as`, the mode
/// is read from and saved to that storage key.
#[hook]
pub fn use_program_run(mode: Mode, remember_mode_as: Option<AttrValue>) -> ProgramHandle {
    let state = use_reducer(|| RunState {
        status: Status::Idle,
        output: Vec::new(),
        trimmed: false,
        snapshot: None,
        cursor: None,
        seed: None,
        shown: 0,
        latest: None,
    });
    let mode = {
        let key = remember_mode_as.clone();
        use_state(move || key.and_then(|k| storage::load(&k)).and_then(|m| Mode::parse(&m)).unwrap_or(mode))
    };
    let current: Rc<RefCell<Option<ProgramRun>>> = use_mut_ref(|| None);
    let alive = (*use_memo((), |_| Rc::new(Cell::new(true)))).clone();
    {
        let current = current.clone();
        let alive = alive.clone();
        use_effect_with((), move |_| {
            move || {
                alive.set(false);
                if let Some(run) = current.borrow_mut().take() {
                    run.request_stop();
                }
            }
        });
    }
    ProgramHandle { state, mode, mode_key: remember_mode_as, current, alive }
}
