//! `use_program_run`: one editor's program runs, in one place. The hook owns the run
//! state (status, streamed output, the timeline's latest snapshot, the replay cursor)
//! and the mode to run in; its poll loop takes the program's output and trace every
//! 16 ms without ever waiting on a lock. Pages hand the handle to the editor (Run on
//! Ctrl+Enter, the threads' line bands), the mode switch and the run panel.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use crate::app::components::editor::{ErrorMark, LineMark};
use crate::app::components::timeline::{marks_at, SnapRef};
use crate::app::model::storage;
use crate::runtime::options::{Mode, Options};
use crate::runtime::trace::Recorder;
use crate::web::program::{start_interactive, ProgramRun};
use crate::web::sink::Stream;
use crate::web::timer::sleep_ms;

/// Output kept for the panel (it shows the last part of it: model/output.rs); older
/// output is trimmed, and the panel says how much.
const MAX_SHOWN: usize = 16_000;
/// The panel takes new output at most this often (each update lays it out again).
const OUTPUT_EVERY_MS: f64 = 100.0;
/// Trace events kept per thread between two polls of the pump.
const TRACE_CAPACITY: usize = 50_000;
const POLL_MS: i32 = 16;
/// The file name the learner's program runs as (tracebacks name it).
const MAIN_FILE: &str = "main.py";

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
    /// Output not shown, the oldest first: (bytes, lines) trimmed from the panel or
    /// dropped before the page could take it (a program printing a million lines).
    pub dropped: (usize, usize),
    /// Where `output` begins in the output the panel took (the panel's block keys).
    pub start: usize,
    pub snapshot: Option<SnapRef>,
    /// The replay position, or `None` to follow the live end.
    pub cursor: Option<f64>,
    /// The seed of a stepped run.
    pub seed: Option<u64>,
    shown: usize,
    /// The latest run: updates from an earlier run's poller are ignored.
    latest: Option<ProgramRun>,
    /// The code the latest run started with (its error marks apply to it only).
    ran: Option<AttrValue>,
    /// How many runs this panel has started (`data-run-id`: tests see a click taken).
    pub runs_started: u64,
    /// A thread of the run waits in `input()`: the panel shows its input line.
    pub wants_input: bool,
}

/// What the poll loop and the buttons tell the run state.
pub enum Action {
    /// A run began, of this code.
    Started(ProgramRun, AttrValue),
    Failed(ProgramRun, String),
    StartFailed(String),
    /// New output, and how much was dropped before the page could take it.
    Output(ProgramRun, Vec<(Stream, String)>, (usize, usize)),
    Trace(ProgramRun, Arc<crate::web::trace::TraceSnapshot>),
    Scrub(Option<f64>),
    /// A thread began (true) or stopped (false) waiting in `input()`.
    WantsInput(ProgramRun, bool),
    Stop,
    Done(ProgramRun, i32),
}

impl Reducible for RunState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let stale = match &action {
            Action::Failed(run, _)
            | Action::Output(run, ..)
            | Action::Trace(run, _)
            | Action::Done(run, _)
            | Action::WantsInput(run, _) => {
                self.latest.as_ref() != Some(run)
            }
            _ => false,
        };
        if stale {
            return self;
        }
        let mut s = (*self).clone();
        match action {
            Action::Started(run, code) => {
                s.runs_started += 1;
                s.ran = Some(code);
                s.output.clear();
                s.shown = 0;
                s.dropped = (0, 0);
                s.start = 0;
                s.snapshot = None;
                s.cursor = None;
                s.seed = (run.mode == Mode::Step).then_some(run.seed);
                s.wants_input = false;
                s.latest = Some(run.clone());
                s.status = Status::Running(run);
            }
            Action::Failed(_, e) => {
                s.wants_input = false;
                s.status = Status::Failed(e);
            }
            Action::WantsInput(_, on) => s.wants_input = on,
            Action::StartFailed(e) => {
                s.runs_started += 1;
                s.status = Status::Failed(e);
            }
            Action::Output(_, chunks, (bytes, lines)) => {
                s.dropped.0 += bytes;
                s.dropped.1 += lines;
                let before = s.dropped.0;
                append_last(&mut s.output, &mut s.shown, &mut s.dropped, chunks);
                s.start += s.dropped.0 - before;
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
                s.wants_input = false;
                s.status = Status::Done { code, stopped };
            }
        }
        Rc::new(s)
    }
}

/// Appends `chunks` to `out` (`shown` bytes long), keeping only its last `MAX_SHOWN`
/// bytes; what goes is counted in `dropped` (bytes, lines). The poll loop uses it too,
/// so a program printing in a tight loop never hands the page megabytes per update.
fn append_last(out: &mut Vec<(Stream, String)>, shown: &mut usize, dropped: &mut (usize, usize), chunks: Vec<(Stream, String)>) {
    for (stream, text) in chunks {
        *shown += text.len();
        match out.last_mut() {
            Some((last, buf)) if *last == stream => buf.push_str(&text),
            _ => out.push((stream, text)),
        }
    }
    while *shown > MAX_SHOWN && !out.is_empty() {
        let excess = *shown - MAX_SHOWN;
        let first = &mut out[0].1;
        let cut = if first.len() <= excess { first.len() } else { crate::web::sink::ceil_char_boundary(first, excess) };
        dropped.0 += cut;
        dropped.1 += first.as_bytes()[..cut].iter().filter(|&&b| b == b'\n').count();
        *shown -= cut;
        if cut == first.len() {
            out.remove(0);
        } else {
            first.replace_range(..cut, "");
        }
    }
    // A megabyte appended and trimmed back to 16 KB keeps its megabyte of capacity.
    for (_, buf) in out.iter_mut() {
        if buf.capacity() > 2 * buf.len() + 4096 {
            buf.shrink_to_fit();
        }
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

    /// Hands a line typed in the panel (None: Ctrl+D, end of input) to the run's
    /// waiting `input()`; if the buffer is busy this instant, again on later ticks.
    pub fn send_input(&self, line: Option<String>) {
        let Status::Running(run) = &self.state.status else { return };
        if !run.send_input(line.clone()) {
            let run = run.clone();
            wasm_bindgen_futures::spawn_local(async move {
                while !run.send_input(line.clone()) && run.exit_code().is_none() {
                    sleep_ms(1).await;
                }
            });
        }
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

    /// The line the finished run's error (SyntaxError, or an exception no one caught,
    /// in any thread) points at, while the editor still holds the code that ran: the
    /// mark goes away on the first edit.
    pub fn error_mark(&self, code: &str) -> Option<ErrorMark> {
        if self.running() || self.state.ran.as_deref() != Some(code) {
            return None;
        }
        let stderr: String =
            self.state.output.iter().filter(|(s, _)| *s == Stream::Stderr).map(|(_, t)| t.as_str()).collect();
        crate::editing::error_location(&stderr, MAIN_FILE).map(|(line, message)| ErrorMark { line, message })
    }

    /// Starts `code` in the current mode, unless a run is still going.
    pub fn run(&self, code: &str) {
        if self.current.borrow().is_some() {
            return;
        }
        let mode = *self.mode;
        let mut opts = Options::new(MAIN_FILE);
        opts.mode = mode;
        opts.seed = if mode == Mode::Step { random_seed() } else { 0 };
        opts.trace = Some(Arc::new(Recorder::new(TRACE_CAPACITY)));
        match start_interactive(code, opts) {
            Ok(program) => {
                *self.current.borrow_mut() = Some(program.clone());
                self.state.dispatch(Action::Started(program.clone(), AttrValue::from(code.to_string())));
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
    // Output taken from the program but not yet shown (see OUTPUT_EVERY_MS).
    let mut held: Vec<(Stream, String)> = Vec::new();
    let mut held_bytes = 0usize;
    let mut held_dropped = (0usize, 0usize);
    let mut shown_at = 0.0;
    let mut traced_at = 0.0;
    let mut wants_input = false;
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
            let dropped = program.take_dropped();
            held_dropped = (held_dropped.0 + dropped.0, held_dropped.1 + dropped.1);
            // Only the last MAX_SHOWN bytes can be shown: the rest is counted now.
            append_last(&mut held, &mut held_bytes, &mut held_dropped, chunks);
            let now = crate::web::clock::now_ms();
            let crash = program.crash_message();
            // A thread waits in input(): its prompt shows now, with the input line.
            let reading = done.is_none() && program.wants_input();
            let flush = done.is_some() || crash.is_some() || reading || now - shown_at >= OUTPUT_EVERY_MS;
            if flush && (!held.is_empty() || held_dropped != (0, 0)) {
                state.dispatch(Action::Output(program.clone(), std::mem::take(&mut held), std::mem::take(&mut held_dropped)));
                held_bytes = 0;
                shown_at = now;
            }
            if reading != wants_input {
                wants_input = reading;
                state.dispatch(Action::WantsInput(program.clone(), reading));
            }
            if let Some(message) = crash {
                // The run is over (its threads were told to give up); the code in the
                // editor is untouched and Run works again.
                state.dispatch(Action::Failed(program.clone(), message));
                current.borrow_mut().take();
                return;
            }
            if program.enforce_stop() {
                // Stopped, though one thread is still inside a long builtin: the run is
                // over for the learner; that worker finishes in the background.
                let mut out = std::mem::take(&mut held);
                out.push((Stream::Stderr, crate::web::program::DETACHED_NOTE.into()));
                state.dispatch(Action::Output(program.clone(), out, std::mem::take(&mut held_dropped)));
                exit = Some(crate::web::clock::now_ms());
                current.borrow_mut().take();
                state.dispatch(Action::Done(program.clone(), 1));
                continue;
            }
            if let Some(code) = done {
                exit = Some(crate::web::clock::now_ms());
                current.borrow_mut().take();
                state.dispatch(Action::Done(program.clone(), code));
            }
        }
        let mut final_trace = false;
        if let Some(view) = program.trace() {
            // Like the output, the timeline is redrawn at most every OUTPUT_EVERY_MS
            // while the program runs (a thread bomb makes hundreds of lanes).
            let due = exit.is_some() || crate::web::clock::now_ms() - traced_at >= OUTPUT_EVERY_MS;
            if due && view.version() != seen_version {
                traced_at = crate::web::clock::now_ms();
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
        dropped: (0, 0),
        start: 0,
        snapshot: None,
        cursor: None,
        seed: None,
        shown: 0,
        latest: None,
        ran: None,
        runs_started: 0,
        wants_input: false,
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
