//! A program running on a worker, seen from the page: its output so far, whether it
//! has finished, and a Stop request. The page never blocks on it: it only `try_lock`s
//! the output buffer when polling, and a busy buffer just means "look again later".

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};

use super::spawn::{self, SpawnError};

/// Which stream a piece of output went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What the program's threads write through, and the stop flag they watch.
#[derive(Default)]
pub struct Sink {
    pending: Mutex<Vec<(Stream, String)>>,
    stop: AtomicBool,
    finished: AtomicBool,
    exit_code: AtomicI32,
}

impl Sink {
    /// Appends output (called on the program's threads, which may block briefly).
    pub fn write(&self, stream: Stream, text: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        match pending.last_mut() {
            Some((s, buf)) if *s == stream => buf.push_str(text),
            _ => pending.push((stream, text.to_string())),
        }
    }

    /// True once the page asked the program to stop.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// The page's handle on a running program.
#[derive(Clone)]
pub struct ProgramRun {
    sink: Arc<Sink>,
}

impl PartialEq for ProgramRun {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.sink, &other.sink)
    }
}

impl ProgramRun {
    /// Starts `main` on a worker; its return value is the exit code.
    pub fn start(main: impl FnOnce(&Sink) -> i32 + Send + 'static) -> Result<ProgramRun, SpawnError> {
        let sink = Arc::new(Sink::default());
        let worker_sink = sink.clone();
        spawn::spawn(move || {
            let code = main(&worker_sink);
            worker_sink.exit_code.store(code, Ordering::Relaxed);
            worker_sink.finished.store(true, Ordering::Release);
        })?;
        Ok(ProgramRun { sink })
    }

    /// Output written since the last call; empty when there is none or the buffer is
    /// busy this instant (never waits).
    pub fn take_output(&self) -> Vec<(Stream, String)> {
        match self.sink.pending.try_lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => Vec::new(),
        }
    }

    pub fn request_stop(&self) {
        self.sink.stop.store(true, Ordering::Relaxed);
    }

    /// The exit code, once every thread of the program has finished.
    pub fn exit_code(&self) -> Option<i32> {
        self.sink.finished.load(Ordering::Acquire).then(|| self.sink.exit_code.load(Ordering::Relaxed))
    }
}
