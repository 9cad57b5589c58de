//! A running program's output on its way to the page, and the flags between them:
//! the threads write into the [`Sink`] (through `host::WebHost`), the page drains it
//! with `try_lock` only (`program::ProgramRun`), and the Stop request and the exit
//! code pass through it too. A leaf of `web/`: it needs only the common clock.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::clock::now_ms;

/// Which stream a piece of output went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// A line the learner typed for `input()`, echoed as a terminal would (not part of
    /// the program's stdout: checks never see it).
    Input,
}

/// Output waiting for the page is kept to its last this many bytes: a program printing
/// in a tight loop cannot fill the memory while the page is busy. What is dropped (the
/// oldest) is counted, and the page says how much ([`Sink::take_dropped`]).
pub const MAX_PENDING: usize = 1 << 20;

/// Output not yet taken by the page, and what was dropped of it.
#[derive(Default)]
struct Pending {
    chunks: Vec<(Stream, String)>,
    bytes: usize,
    dropped_bytes: usize,
    dropped_lines: usize,
}

impl Pending {
    fn drop_text(&mut self, gone: &str) {
        self.dropped_bytes += gone.len();
        self.dropped_lines += gone.bytes().filter(|&b| b == b'\n').count();
    }
}

/// The first char boundary at or after `i`.
pub fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// What the program's threads write through, and the stop flag they watch.
#[derive(Default)]
pub struct Sink {
    pending: Mutex<Pending>,
    stop: AtomicBool,
    /// When Stop was asked for (`clock::now_ms()`, f64 bits; 0: not yet).
    stop_at: AtomicU64,
    /// The program's kill flag (`Host::kill_switch`): set by a crash, or by the page
    /// when a worker died without saying which program it ran.
    kill: Arc<AtomicBool>,
    /// Why the run died, if a thread of it crashed (`Host::crashed`).
    crash: Mutex<Option<String>>,
    crashed: AtomicBool,
    finished: AtomicBool,
    exit_code: AtomicI32,
    /// `clock::now_ms()` when the program ended (f64 bits).
    ended_at: AtomicU64,
    /// Lines typed on the page for `input()` (None: Ctrl+D, end of input), oldest first.
    typed: Mutex<std::collections::VecDeque<Option<String>>>,
    /// Threads waiting in `input()` now: the page shows the input line while > 0.
    reading: std::sync::atomic::AtomicU32,
    /// Someone can type: `input()` waits for a line ([`Sink::read_line`]). Off for
    /// checks, trials and `runPython`, whose stdin is empty unless given.
    interactive: AtomicBool,
}

impl Sink {
    /// Appends output (called on the program's threads, which may block briefly).
    pub fn write(&self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        // Only the last MAX_PENDING bytes of a huge write can be kept anyway.
        let text = if text.len() > MAX_PENDING {
            let cut = ceil_char_boundary(text, text.len() - MAX_PENDING);
            p.drop_text(&text[..cut]);
            &text[cut..]
        } else {
            text
        };
        // Make room by dropping the oldest output.
        while p.bytes + text.len() > MAX_PENDING && !p.chunks.is_empty() {
            let excess = p.bytes + text.len() - MAX_PENDING;
            let first = &mut p.chunks[0].1;
            if first.len() <= excess {
                let (_, gone) = p.chunks.remove(0);
                p.bytes -= gone.len();
                p.drop_text(&gone);
            } else {
                let cut = ceil_char_boundary(first, excess);
                let gone: String = first.drain(..cut).collect();
                p.bytes -= gone.len();
                p.drop_text(&gone);
            }
        }
        p.bytes += text.len();
        match p.chunks.last_mut() {
            Some((s, buf)) if *s == stream => buf.push_str(text),
            _ => p.chunks.push((stream, text.to_string())),
        }
    }

    /// `input()` on the page (called on the program's thread, with the GIL released):
    /// waits for a line the learner types, checking for Stop every few ms. None at EOF
    /// (Ctrl+D) or when the run is stopped. The typed line is echoed after the prompt.
    pub fn read_line(&self) -> Option<String> {
        if !self.interactive.load(Ordering::Relaxed) {
            return None;
        }
        self.reading.fetch_add(1, Ordering::AcqRel);
        let line = loop {
            if let Some(line) = self.typed.lock().unwrap_or_else(|e| e.into_inner()).pop_front() {
                break line;
            }
            if self.stop_requested() || self.kill.load(Ordering::Relaxed) {
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        self.reading.fetch_sub(1, Ordering::AcqRel);
        if let Some(l) = &line {
            self.write(Stream::Input, &format!("{l}\n"));
        }
        line
    }

    /// Lets `input()` wait for typed lines (the Run button's runs).
    pub fn set_interactive(&self) {
        self.interactive.store(true, Ordering::Relaxed);
    }

    /// True while a thread of the program waits in `input()`.
    pub fn wants_input(&self) -> bool {
        self.reading.load(Ordering::Acquire) > 0
    }

    /// The page sends a typed line (None: end of input). False when the buffer is busy
    /// this instant (never waits): send again on the next tick.
    pub fn send_input(&self, line: Option<String>) -> bool {
        match self.typed.try_lock() {
            Ok(mut typed) => {
                typed.push_back(line);
                true
            }
            Err(_) => false,
        }
    }

    /// Output dropped before the page could take it since the last call: (bytes, lines).
    pub fn take_dropped(&self) -> (usize, usize) {
        match self.pending.try_lock() {
            Ok(mut p) => (std::mem::take(&mut p.dropped_bytes), std::mem::take(&mut p.dropped_lines)),
            Err(_) => (0, 0),
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
            Ok(mut p) => {
                p.bytes = 0;
                std::mem::take(&mut p.chunks)
            }
            Err(_) => Vec::new(),
        }
    }

    /// The page asks the program to stop.
    pub fn request_stop(&self) {
        if !self.stop.swap(true, Ordering::Relaxed) {
            self.stop_at.store(now_ms().to_bits(), Ordering::Relaxed);
        }
    }

    /// How long ago Stop was asked for, in ms (None: it was not).
    pub fn stop_age_ms(&self) -> Option<f64> {
        self.stop_requested().then(|| now_ms() - f64::from_bits(self.stop_at.load(Ordering::Relaxed)))
    }

    /// The program's kill flag, shared with the runtime.
    pub fn kill_switch(&self) -> Arc<AtomicBool> {
        self.kill.clone()
    }

    /// Abandons every thread of the program now (its worker died unreported).
    pub fn kill(&self) {
        self.kill.store(true, Ordering::Relaxed);
    }

    /// A thread of the program crashed (called on the dying worker, which may hold any
    /// lock but this one's): the run is over, with this message.
    pub fn crash(&self, message: &str) {
        if let Ok(mut c) = self.crash.try_lock() {
            c.get_or_insert_with(|| message.to_string());
        }
        // Marked crashed before the kill, so a run seen ending is seen crashed.
        self.crashed.store(true, Ordering::Release);
        self.kill();
    }

    /// The crash message, once a thread of the program crashed.
    pub fn crash_message(&self) -> Option<String> {
        if !self.crashed.load(Ordering::Acquire) {
            return None;
        }
        Some(match self.crash.try_lock() {
            Ok(c) => c.clone().unwrap_or_else(|| "a thread of the program crashed".into()),
            Err(_) => "a thread of the program crashed".into(),
        })
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
