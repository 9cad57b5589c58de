//! A program running on a worker, seen from the page: its output so far, whether it
//! has finished, and a Stop request. The page never blocks on it: it only `try_lock`s
//! the output buffer when polling, and a busy buffer just means "look again later".
//!
//! [`start_python`] is the page's way to run Python: the program's main thread runs on
//! a pool worker (the engine's `run` blocks until the program ends), its other threads
//! on more pool workers, and, when a trace is asked for, a small pump on one more worker
//! turns the trace into timeline lanes the page picks up without waiting.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::clock::now_ms;
use super::host::{WebHost, WorkerSpawn};
use super::sink::{Sink, Stream};
use super::spawn::{self, SpawnError};
use super::trace::{self, TraceView};
use crate::runtime::options::{Mode, Options};
use crate::runtime::run;

/// The page's handle on a running program.
#[derive(Clone)]
pub struct ProgramRun {
    sink: Arc<Sink>,
    /// Timeline lanes, when the run was started with a trace.
    trace: Option<Arc<TraceView>>,
    /// Worker failures seen before the program started (see [`ProgramRun::crashed`]).
    failures_before: usize,
    pub mode: Mode,
    pub seed: u64,
}

impl PartialEq for ProgramRun {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.sink, &other.sink)
    }
}

impl ProgramRun {
    /// Starts `main` on a worker; its return value is the exit code.
    pub fn start(main: impl FnOnce(Arc<Sink>) -> i32 + Send + 'static) -> Result<ProgramRun, SpawnError> {
        let sink = Arc::new(Sink::default());
        let worker_sink = sink.clone();
        let failures_before = spawn::WORKER_FAILURES.load(Ordering::Relaxed);
        spawn::spawn(move || {
            let code = main(worker_sink.clone());
            worker_sink.finish(code);
        })?;
        Ok(ProgramRun { sink, trace: None, failures_before, mode: Mode::Gil, seed: 0 })
    }

    /// Output written since the last call; empty when there is none or the buffer is
    /// busy this instant (never waits).
    pub fn take_output(&self) -> Vec<(Stream, String)> {
        self.sink.take_output()
    }

    pub fn request_stop(&self) {
        self.sink.request_stop()
    }

    /// The exit code, once every thread of the program has finished.
    pub fn exit_code(&self) -> Option<i32> {
        self.sink.exit_code()
    }

    /// True when a worker failed (a panic or trap, already shown on the page) while this
    /// program was running and the program has not finished: it probably never will.
    pub fn crashed(&self) -> bool {
        !self.sink.finished() && spawn::WORKER_FAILURES.load(Ordering::Relaxed) > self.failures_before
    }

    /// The timeline, if this run records one.
    pub fn trace(&self) -> Option<&Arc<TraceView>> {
        self.trace.as_ref()
    }
}

/// Runs Python source `code` with `opts` on workers. With `opts.trace` set, a pump
/// worker keeps [`ProgramRun::trace`] up to date while it runs.
pub fn start_python(code: &str, opts: Options) -> Result<ProgramRun, String> {
    let code = code.to_string();
    let t0 = now_ms();
    let mode = opts.mode;
    let seed = opts.seed;
    let recorder = opts.trace.clone();
    let mut run = ProgramRun::start(move |sink| {
        let host = Arc::new(WebHost::new(sink, t0));
        run::run(&code, opts, host, Arc::new(WorkerSpawn))
    })
    .map_err(|e| e.to_string())?;
    run.mode = mode;
    run.seed = seed;
    if let Some(recorder) = recorder {
        let view = Arc::new(TraceView::default());
        run.trace = Some(view.clone());
        let sink = run.sink.clone();
        spawn::spawn(move || trace::pump(recorder, view, sink, t0, mode))
            .map_err(|e| e.to_string())?;
    }
    Ok(run)
}

/// `threadlab.runPython(code, mode, seed)` in the page's console (and the end-to-end
/// tests): runs a program on workers and resolves with `{stdout, stderr, exitCode}`.
/// Waits by polling, so the page's main thread never blocks.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn run_python(code: String, mode: String, seed: u32) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let mut opts = Options::new("main.py");
    opts.mode = Mode::parse(&mode).ok_or_else(|| wasm_bindgen::JsValue::from("mode must be gil, free or step"))?;
    opts.seed = seed as u64;
    let run = start_python(&code, opts).map_err(wasm_bindgen::JsValue::from)?;
    let (mut out, mut err) = (String::new(), String::new());
    let mut drain = || {
        for (stream, text) in run.take_output() {
            match stream {
                Stream::Stdout => out.push_str(&text),
                Stream::Stderr => err.push_str(&text),
            }
        }
    };
    let code = loop {
        // Read the exit code first: output written before the end is then all there.
        let done = run.exit_code();
        drain();
        if let Some(c) = done {
            break c;
        }
        super::timer::sleep_ms(5).await;
    };
    drop(drain);
    let o = js_sys::Object::new();
    let set = |k: &str, v: wasm_bindgen::JsValue| js_sys::Reflect::set(&o, &k.into(), &v).map(|_| ());
    set("stdout", out.into())?;
    set("stderr", err.into())?;
    set("exitCode", code.into())?;
    Ok(o.into())
}
