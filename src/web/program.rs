//! A program running on a worker, seen from the page: its output so far, whether it
//! has finished, and a Stop request. The page never blocks on it: it only `try_lock`s
//! the output buffer when polling, and a busy buffer just means "look again later".
//!
//! [`start_python`] is the page's way to run Python: the program's main thread runs on
//! a pool worker (the engine's `run` blocks until the program ends), its other threads
//! on more pool workers, and, when a trace is asked for, a small pump on one more worker
//! turns the trace into timeline lanes the page picks up without waiting.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::clock::now_ms;
use super::host::{WebHost, WorkerSpawn};
use super::sink::{Sink, Stream};
use super::spawn::{self, SpawnError};
use super::trace::{self, TraceView};
use crate::runtime::options::{Mode, Options};
use crate::runtime::run;

/// How long a stopped program may go on (to run its `finally` blocks and print its
/// KeyboardInterrupt traceback) before its threads are abandoned.
pub const STOP_GRACE_MS: f64 = 100.0;
/// When the page stops waiting for a stopped program (see [`ProgramRun::enforce_stop`]).
pub const STOP_DETACH_MS: f64 = 150.0;
/// What the page adds to the output of a run it stopped waiting for.
pub const DETACHED_NOTE: &str = "\n[Stopped. One long operation had not finished; it ends in the background.]\n";

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

    /// True while a thread of the program waits in `input()` for a typed line.
    pub fn wants_input(&self) -> bool {
        self.sink.wants_input()
    }

    /// Hands a typed line (None: end of input) to a waiting `input()`; false when the
    /// buffer was busy this instant (never waits): try again on the next tick.
    pub fn send_input(&self, line: Option<String>) -> bool {
        self.sink.send_input(line)
    }

    pub fn request_stop(&self) {
        self.sink.request_stop()
    }

    /// Output dropped before it could be taken since the last call: (bytes, lines).
    pub fn take_dropped(&self) -> (usize, usize) {
        self.sink.take_dropped()
    }

    /// Called on every poll. A program still running [`STOP_GRACE_MS`] after Stop (its
    /// main thread caught the KeyboardInterrupt, or is deep in a long builtin) has every
    /// thread abandoned at its next check point. Returns true when it is still not over
    /// [`STOP_DETACH_MS`] after Stop: a thread is inside one long builtin (`10**10**7`
    /// has no check point, in CPython neither); the page then treats the run as stopped
    /// and lets that worker finish in the background, where it ends at its next check
    /// point and its program is freed.
    pub fn enforce_stop(&self) -> bool {
        if self.sink.finished() {
            return false;
        }
        let Some(age) = self.sink.stop_age_ms() else { return false };
        if age > STOP_GRACE_MS {
            self.sink.kill();
        }
        age > STOP_DETACH_MS
    }

    /// The exit code, once every thread of the program has finished.
    pub fn exit_code(&self) -> Option<i32> {
        self.sink.exit_code()
    }

    /// Why the run died, when it did: a thread of it crashed (the message names it), or
    /// a worker failed without saying whose it was while this program was running (shown
    /// at the top of the page) and the program has not finished: it probably never will.
    /// Either way its threads have been told to give up.
    pub fn crash_message(&self) -> Option<String> {
        if let Some(m) = self.sink.crash_message() {
            return Some(m);
        }
        if !self.sink.finished() && spawn::WORKER_FAILURES.load(Ordering::Relaxed) > self.failures_before {
            self.sink.kill();
            return Some("The engine failed while running this program (see the error at the top of the page).".into());
        }
        None
    }

    /// True when the run died (see [`ProgramRun::crash_message`]).
    pub fn crashed(&self) -> bool {
        self.crash_message().is_some()
    }

    /// The timeline, if this run records one.
    pub fn trace(&self) -> Option<&Arc<TraceView>> {
        self.trace.as_ref()
    }
}

/// Runs Python source `code` with `opts` on workers. With `opts.trace` set, a pump
/// worker keeps [`ProgramRun::trace`] up to date while it runs. `input()` reads
/// `opts.stdin`, else nothing (EOFError); see [`start_interactive`].
pub fn start_python(code: &str, opts: Options) -> Result<ProgramRun, String> {
    start(code, opts, false)
}

/// [`start_python`] for the Run button: without `opts.stdin`, `input()` waits for a
/// line the learner types ([`ProgramRun::send_input`]).
pub fn start_interactive(code: &str, opts: Options) -> Result<ProgramRun, String> {
    start(code, opts, true)
}

fn start(code: &str, mut opts: Options, interactive: bool) -> Result<ProgramRun, String> {
    opts.test_faults |= TEST_FAULTS_ARMED.swap(false, Ordering::Relaxed);
    let code = code.to_string();
    let t0 = now_ms();
    let mode = opts.mode;
    let seed = opts.seed;
    let recorder = opts.trace.clone();
    let mut run = ProgramRun::start(move |sink| {
        if interactive {
            sink.set_interactive();
        }
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

/// Set by `threadlab.armTestFaults()`; the next program started may import `_testfault`.
static TEST_FAULTS_ARMED: AtomicBool = AtomicBool::new(false);

/// `threadlab.armTestFaults()`: lets the NEXT program started on this page (by Run, a
/// trial, or `runPython`) import `_testfault` and so kill one of its threads on purpose
/// (`stdlib/testfault.rs`). For the fault tests (tests/e2e/faults.test.mjs); a learner's
/// program cannot reach it by itself.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn arm_test_faults() {
    TEST_FAULTS_ARMED.store(true, Ordering::Relaxed);
}

/// `threadlab.runPython(code, mode, seed, stopAfterMs, files, stdin)` in the page's console (and the
/// end-to-end tests): runs a program on workers and resolves with `{stdout, stderr,
/// exitCode}` (exitCode null and `crash` set when a thread of it crashed). With
/// `stopAfterMs`, presses Stop that long after the start; `stopLatencyMs` then says how
/// long the program went on after Stop (`detached`: the page stopped waiting for it, see
/// [`ProgramRun::enforce_stop`]). `files` (`{"helpers.py": source, "pkg/__init__.py":
/// ...}`) are modules the program can import (CPython's lock and queue tests run so in
/// tests/e2e/cpython-tests.test.mjs). `stdin` is what `input()` reads, then EOF (none:
/// EOF at once, as with an empty pipe). Waits by polling: the main thread never blocks.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn run_python(
    code: String,
    mode: String,
    seed: u32,
    stop_after_ms: Option<f64>,
    files: Option<js_sys::Object>,
    stdin: Option<String>,
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let mut opts = Options::new("main.py");
    opts.stdin = stdin.map(Into::into);
    if let Some(files) = files {
        let mut map = std::collections::BTreeMap::new();
        for pair in js_sys::Object::entries(&files).iter() {
            let pair = js_sys::Array::from(&pair);
            let (Some(path), Some(source)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
                return Err("files: each entry is a path and its source text".into());
            };
            map.insert(path, source);
        }
        opts.files = std::sync::Arc::new(map);
    }
    opts.mode = Mode::parse(&mode).ok_or_else(|| wasm_bindgen::JsValue::from("mode must be gil, free or step"))?;
    opts.seed = seed as u64;
    let run = start_python(&code, opts).map_err(wasm_bindgen::JsValue::from)?;
    let (mut out, mut err) = (String::new(), String::new());
    let mut dropped = (0usize, 0usize);
    let mut drain = || {
        let (b, l) = run.take_dropped();
        dropped = (dropped.0 + b, dropped.1 + l);
        for (stream, text) in run.take_output() {
            match stream {
                Stream::Stdout => out.push_str(&text),
                Stream::Stderr => err.push_str(&text),
                Stream::Input => {}
            }
        }
    };
    let started = now_ms();
    let mut stopped_at = None;
    let mut crash = None;
    let mut detached = false;
    let code = loop {
        // Read the exit code first: output written before the end is then all there.
        let done = run.exit_code();
        drain();
        // A crash first: a run whose worker thread died still ends (exit code 1).
        if let Some(m) = run.crash_message() {
            crash = Some(m);
            break None;
        }
        if let Some(c) = done {
            break Some(c);
        }
        if stopped_at.is_none() && stop_after_ms.is_some_and(|ms| now_ms() - started >= ms) {
            run.request_stop();
            stopped_at = Some(now_ms());
        }
        if run.enforce_stop() {
            detached = true;
            break None;
        }
        super::timer::sleep_ms(5).await;
    };
    // Seen from the page (a worker's clock can be milliseconds off the page's).
    let latency = stopped_at.map(|at| now_ms() - at);
    drop(drain);
    let o = js_sys::Object::new();
    let set = |k: &str, v: wasm_bindgen::JsValue| js_sys::Reflect::set(&o, &k.into(), &v).map(|_| ());
    set("stdout", out.into())?;
    set("stderr", err.into())?;
    set("exitCode", code.map(wasm_bindgen::JsValue::from).unwrap_or(wasm_bindgen::JsValue::NULL))?;
    set("crash", crash.map(wasm_bindgen::JsValue::from).unwrap_or(wasm_bindgen::JsValue::NULL))?;
    set("detached", detached.into())?;
    set("droppedBytes", (dropped.0 as f64).into())?;
    set("droppedLines", (dropped.1 as f64).into())?;
    set("stopLatencyMs", latency.map(wasm_bindgen::JsValue::from).unwrap_or(wasm_bindgen::JsValue::NULL))?;
    Ok(o.into())
}
