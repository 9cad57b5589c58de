//! The timeline of a running program, prepared off the page's main thread.
//!
//! A pump on a pool worker drains the program's [`Recorder`] (it may wait for the
//! threads' buffers there), keeps the events (thinning line events when there are very
//! many), turns them into lanes and publishes a snapshot. The page only `try_lock`s the
//! latest snapshot, so it never waits and never touches the recorder's locks.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::clock::now_ms;
use super::sink::Sink;
use crate::runtime::options::Mode;
use crate::runtime::trace::{self, Event, Lane, Recorder, What};
use crate::vm::host::ThreadNo;

/// Line events kept before older ones are thinned out.
const MAX_LINE_EVENTS: usize = 40_000;
/// Other events (GIL hand-overs, waits) kept at most; beyond that the oldest go.
const MAX_STATE_EVENTS: usize = 200_000;
/// How often the pump publishes while the program runs.
const PUMP_MS: u64 = 40;

/// What the timeline shows at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceSnapshot {
    pub lanes: Vec<Lane>,
    /// Length of the run so far (ms since it started; virtual time in stepped mode).
    pub now_ms: f64,
    /// Taken after the program ended: nothing will change any more.
    pub finished: bool,
    /// Events lost (full buffers or thinning), so the page can say the picture is partial.
    pub dropped: u64,
    /// Counts up with every snapshot.
    pub version: u64,
    pub mode: Mode,
}

/// The latest snapshot, shared between the pump and the page.
#[derive(Default)]
pub struct TraceView {
    latest: Mutex<Option<Arc<TraceSnapshot>>>,
    version: AtomicU64,
}

impl TraceView {
    /// The newest snapshot, or None when there is none yet or the pump is publishing
    /// this instant (never waits).
    pub fn latest(&self) -> Option<Arc<TraceSnapshot>> {
        self.latest.try_lock().ok().and_then(|s| s.clone())
    }

    /// The version of the newest snapshot (0: none yet).
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    fn publish(&self, mut snap: TraceSnapshot) {
        snap.version = self.version.load(Ordering::Relaxed) + 1;
        let snap = Arc::new(snap);
        *self.latest.lock().unwrap_or_else(|e| e.into_inner()) = Some(snap.clone());
        self.version.store(snap.version, Ordering::Release);
    }
}

/// Events kept for the timeline: every state change, and line events thinned so that
/// each thread keeps at most one per `gap_ms` once there are too many.
#[derive(Default)]
pub struct Events {
    pub events: Vec<Event>,
    lines: usize,
    gap_ms: f64,
    last_line: HashMap<ThreadNo, f64>,
    pub thinned: u64,
    pub max_ms: f64,
    /// The first event's time: the timeline starts there, not when Run was pressed
    /// (the main thread's worker and the compiler take a moment before that).
    pub origin: Option<f64>,
}

impl Events {
    pub fn add(&mut self, new: Vec<Event>) {
        for mut e in new {
            let origin = *self.origin.get_or_insert(e.at_ms);
            e.at_ms = (e.at_ms - origin).max(0.0);
            self.max_ms = self.max_ms.max(e.at_ms);
            if let What::Line(_) = e.what {
                if let Some(last) = self.last_line.get(&e.thread) {
                    if e.at_ms - last < self.gap_ms {
                        self.thinned += 1;
                        continue;
                    }
                }
                self.last_line.insert(e.thread, e.at_ms);
                self.lines += 1;
            }
            self.events.push(e);
        }
        if self.lines > MAX_LINE_EVENTS {
            self.thin();
        }
        let states = self.events.len() - self.lines;
        if states > MAX_STATE_EVENTS {
            // Keep the newest state changes; the start of a very long run goes first.
            let cut = self.events.len() / 4;
            self.thinned += cut as u64;
            self.events.drain(..cut);
            self.lines = self.events.iter().filter(|e| matches!(e.what, What::Line(_))).count();
        }
    }

    /// Doubles the gap between kept line events until they fit again.
    fn thin(&mut self) {
        while self.lines > MAX_LINE_EVENTS / 2 {
            self.gap_ms = if self.gap_ms == 0.0 { (self.max_ms / MAX_LINE_EVENTS as f64).max(0.001) } else { self.gap_ms * 2.0 };
            let gap = self.gap_ms;
            let mut last: HashMap<ThreadNo, f64> = HashMap::new();
            let before = self.events.len();
            self.events.retain(|e| {
                if !matches!(e.what, What::Line(_)) {
                    return true;
                }
                match last.get(&e.thread) {
                    Some(l) if e.at_ms - l < gap => false,
                    _ => {
                        last.insert(e.thread, e.at_ms);
                        true
                    }
                }
            });
            let removed = before - self.events.len();
            self.thinned += removed as u64;
            self.lines -= removed;
            self.last_line = last;
        }
    }
}

/// Runs on a pool worker until the program has ended, publishing snapshots.
pub fn pump(recorder: Arc<Recorder>, view: Arc<TraceView>, sink: Arc<Sink>, t0_ms: f64, mode: Mode) {
    let mut events = Events::default();
    loop {
        let ended = sink.ended_at_ms();
        events.add(recorder.drain(false));
        let names = recorder.names();
        // Event times count from the program's start (t0_ms); lanes from the first event.
        let origin = events.origin.unwrap_or(0.0);
        let now = match (mode, ended) {
            (Mode::Step, _) => events.max_ms,
            (_, Some(end)) => (end - t0_ms - origin).max(events.max_ms),
            (_, None) => (now_ms() - t0_ms - origin).max(events.max_ms),
        };
        // Stepped mode records its turns like the GIL (taken / dropped), so a ready
        // thread that does not hold the turn shows as waiting for it.
        let lanes = trace::lanes(&events.events, &names, now, mode != Mode::Free);
        view.publish(TraceSnapshot {
            lanes,
            now_ms: now,
            finished: ended.is_some(),
            dropped: recorder.dropped() + events.thinned,
            version: 0,
            mode,
        });
        if ended.is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(PUMP_MS));
    }
}
