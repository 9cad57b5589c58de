//! A program running on a worker, seen from the page: its output so far, whether it
//! has finished, and a Stop request. The page never blocks on it: it only `try_lock`s
//! the output buffer when polling, and a busy buffer just means "look again later".
//!
//! [`start_python`] is the page's way to run Python: the program's main thread runs on
//! a pool worker (the engine's `run` blocks until the program ends), its other threads
//! on more pool workers, and, when a trace is asked for, a small pump on one more worker
//! turns the trace into timeline lanes the page picks up without waiting.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::clock::now_ms;
use super::host::{WebHost, WorkerSpawn};
use super::spawn::{self, SpawnError};
use super::trace::{self, TraceView};
use crate::runtime::options::{Mode, Options};
use crate::runtime::run;

/// Which stream a piece of output went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Output kept waiting for the page beyond this many bytes is dropped (with a note),
/// so a program printing in a tight loop cannot fill the memory while the page is busy.
const MAX_PENDING: usize = 4 << 20;

/// What the program's threads write through, and the stop flag they watch.
#[derive(Default)]
pub struct Sink {
    pending: Mutex<Vec<(Stream, String)>>,
    pending_bytes: AtomicUsize,
    stop: AtomicBool,
    finished: AtomicBool,
    exit_code: AtomicI32,
    /// `clock::now_ms()` when the program ended (f64 bits).
    ended_at: AtomicU64,
}

impl Sink {
    /// Appends output (called on the program's threads, which may block briefly).
    pub fn write(&self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let bytes = self.pending_bytes.load(Ordering::Relaxed);
        if bytes > MAX_PENDING {
            return;
        }
        let text = if bytes + text.len() > MAX_PENDING {
            "\n[output too fast for the page: some was dropped]\n"
        } else {
            text
        };
        self.pending_bytes.store(bytes + text.len(), Ordering::Relaxed);
        match pending.last_mut() {
            Some((s, buf)) if *s == stream => buf.push_str(text),
            _ => pending.push((stream, text.to_string())),
        }
    }

    /// True once the page asked the program to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// True once the program's main function has returned.
    pub fn finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    /// When the program ended, on the common clock.
    pub fn ended_at_ms(&self) -> Option<f64> {
        self.finished().then(|| f64::from_bits(self.ended_at.load(Ordering::Relaxed)))
    }
}

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
            worker_sink.ended_at.store(now_ms().to_bits(), Ordering::Relaxed);
            worker_sink.exit_code.store(code, Ordering::Relaxed);
            worker_sink.finished.store(true, Ordering::Release);
        })?;
        Ok(ProgramRun { sink, trace: None, failures_before, mode: Mode::Gil, seed: 0 })
    }

    /// Output written since the last call; empty when there is none or the buffer is
    /// busy this instant (never waits).
    pub fn take_output(&self) -> Vec<(Stream, String)> {
        match self.sink.pending.try_lock() {
            Ok(mut pending) => {
                self.sink.pending_bytes.store(0, Ordering::Relaxed);
                std::mem::take(&mut *pending)
            }
            Err(_) => Vec::new(),
        }
    }

    pub fn request_stop(&self) {
        self.sink.stop.store(true, Ordering::Relaxed);
    }

    /// The exit code, once every thread of the program has finished.
    pub fn exit_code(&self) -> Option<i32> {
        self.sink.finished().then(|| self.sink.exit_code.load(Ordering::Relaxed))
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
