//! A running program's output on its way to the page, and the flags between them:
//! the threads write into the [`Sink`] (through `host::WebHost`), the page drains it
//! with `try_lock` only (`program::ProgramRun`), and the Stop request and the exit
//! code pass through it too. A leaf of `web/`: it needs only the common clock.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::clock::now_ms;

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

    /// Output written since the last call; empty when there is none or the buffer is
    /// busy this instant (never waits).
    pub fn take_output(&self) -> Vec<(Stream, String)> {
        match self.pending.try_lock() {
            Ok(mut pending) => {
                self.pending_bytes.store(0, Ordering::Relaxed);
                std::mem::take(&mut *pending)
            }
            Err(_) => Vec::new(),
        }
    }

    /// The page asks the program to stop.
    pub fn request_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// The program's main function returned `code` (called once, on its worker).
    pub fn finish(&self, code: i32) {
        self.ended_at.store(now_ms().to_bits(), Ordering::Relaxed);
        self.exit_code.store(code, Ordering::Relaxed);
        self.finished.store(true, Ordering::Release);
    }

    /// The exit code, once the program's main function has returned.
    pub fn exit_code(&self) -> Option<i32> {
        self.finished().then(|| self.exit_code.load(Ordering::Relaxed))
    }
}
