//! What the threads did, as timestamped events: one buffer per thread, written by that
//! thread and read by another while the program runs (the page's timeline polls it; the
//! buffers live in the shared wasm memory). A full buffer drops its oldest events and
//! counts them, so a long run never grows memory without bound.

use std::collections::VecDeque;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::vm::host::ThreadNo;

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    Started,
    Finished,
    /// The thread reached a new source line.
    Line(u32),
    GilTaken,
    GilDropped,
    /// Began waiting for a lock, event, queue, join... (`kind`, `label`).
    Waiting(&'static str, String),
    /// The wait ended: true if it got what it waited for, false on timeout.
    Woke(bool),
    /// Began sleeping for this many seconds.
    Sleeping(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Milliseconds since the program started (one clock for every thread).
    pub at_ms: f64,
    pub thread: ThreadNo,
    pub what: What,
}

/// One thread's buffer.
#[derive(Debug)]
pub struct ThreadTrace {
    pub no: ThreadNo,
    name: Mutex<String>,
    events: Mutex<VecDeque<Event>>,
    dropped: AtomicU64,
    capacity: usize,
}

impl crate::vm::host::LineTrace for ThreadTrace {
    fn line(&self, at_ms: f64, line: u32) {
        self.push(at_ms, What::Line(line));
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl ThreadTrace {
    pub fn push(&self, at_ms: f64, what: What) {
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        if events.len() == self.capacity {
            events.pop_front();
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
        events.push_back(Event { at_ms, thread: self.no, what });
    }

    pub fn set_name(&self, name: &str) {
        *self.name.lock().unwrap_or_else(|e| e.into_inner()) = name.to_string();
    }

    pub fn name(&self) -> String {
        self.name.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// All threads' buffers for one program run.
#[derive(Debug)]
pub struct Recorder {
    threads: Mutex<Vec<Arc<ThreadTrace>>>,
    capacity: usize,
}

impl Recorder {
    /// `capacity`: events kept per thread before the oldest are dropped.
    pub fn new(capacity: usize) -> Recorder {
        Recorder { threads: Mutex::new(Vec::new()), capacity: capacity.max(1) }
    }

    /// A buffer for a new thread; the thread keeps the `Arc` and pushes to it.
    pub fn thread(&self, no: ThreadNo, name: &str) -> Arc<ThreadTrace> {
        let t = Arc::new(ThreadTrace {
            no,
            name: Mutex::new(name.to_string()),
            events: Mutex::new(VecDeque::new()),
            dropped: AtomicU64::new(0),
            capacity: self.capacity,
        });
        self.threads.lock().unwrap_or_else(|e| e.into_inner()).push(t.clone());
        t
    }

    /// `names`, or None when a thread is registering this instant (for the page's
    /// main thread, which may not wait).
    pub fn try_names(&self) -> Option<Vec<(ThreadNo, String)>> {
        let threads = self.threads.try_lock().ok()?;
        threads.iter().map(|t| t.name.try_lock().ok().map(|n| (t.no, n.clone()))).collect()
    }

    /// A thread's Python name changed.
    pub fn rename(&self, no: ThreadNo, name: &str) {
        let threads = self.threads.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = threads.iter().find(|t| t.no == no) {
            t.set_name(name);
        }
    }

    /// Threads so far, with their current names.
    pub fn names(&self) -> Vec<(ThreadNo, String)> {
        self.threads.lock().unwrap_or_else(|e| e.into_inner()).iter().map(|t| (t.no, t.name())).collect()
    }

    /// Takes every buffered event, oldest first per thread, merged by time. Skips a
    /// buffer its thread is writing this instant when `never_wait` (the page's main
    /// thread may not wait); its events come with the next call.
    pub fn drain(&self, never_wait: bool) -> Vec<Event> {
        let threads: Vec<Arc<ThreadTrace>> = match self.threads.try_lock() {
            Ok(t) => t.clone(),
            Err(_) if never_wait => return Vec::new(),
            Err(_) => self.threads.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        };
        let mut out = Vec::new();
        for t in threads {
            let events = if never_wait { t.events.try_lock().ok() } else { Some(t.events.lock().unwrap_or_else(|e| e.into_inner())) };
            if let Some(mut events) = events {
                // Taken whole, not drained: a buffer that once filled while the pump
                // lagged (50k events, ~3 MB) would otherwise keep its size until the
                // run is forgotten.
                out.extend(std::mem::take(&mut *events));
            }
        }
        out.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
        out
    }

    /// Events lost to full buffers, over all threads.
    pub fn dropped(&self) -> u64 {
        self.threads.lock().unwrap_or_else(|e| e.into_inner()).iter().map(|t| t.dropped.load(Ordering::Relaxed)).sum()
    }
}

/// A thread's state over a stretch of time, as the timeline colours it.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    /// Holding the GIL (or, without a GIL, simply running).
    Running,
    /// Ready to run but waiting for the GIL.
    WaitingForGil,
    /// Blocked on a lock, event, queue, join...: (kind, label).
    Blocked(&'static str, String),
    Sleeping,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub from_ms: f64,
    pub to_ms: f64,
    pub state: State,
}

/// One thread's row on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub thread: ThreadNo,
    pub name: String,
    pub spans: Vec<Span>,
    /// (time, line) each time the thread reached a new line.
    pub lines: Vec<(f64, u32)>,
    /// When the thread finished, if it has.
    pub finished_ms: Option<f64>,
}

/// Turns events (in time order) into lanes of state spans, up to `now_ms`.
/// `gil`: whether threads outside a wait are "waiting for the GIL" when they do not
/// hold it (GIL mode), or simply running (free-threaded and stepped modes).
pub fn lanes(events: &[Event], names: &[(ThreadNo, String)], now_ms: f64, gil: bool) -> Vec<Lane> {
    struct Open {
        since: f64,
        state: State,
    }
    let mut lanes: Vec<Lane> = names
        .iter()
        .map(|(no, name)| Lane { thread: *no, name: name.clone(), spans: vec![], lines: vec![], finished_ms: None })
        .collect();
    let mut open: Vec<Option<Open>> = lanes.iter().map(|_| None).collect();
    let ready = if gil { State::WaitingForGil } else { State::Running };
    for e in events {
        let Some(i) = lanes.iter().position(|l| l.thread == e.thread) else { continue };
        let next = match &e.what {
            What::Started => Some(ready.clone()),
            What::Finished => {
                lanes[i].finished_ms = Some(e.at_ms);
                None
            }
            What::Line(n) => {
                lanes[i].lines.push((e.at_ms, *n));
                continue;
            }
            What::GilTaken => Some(State::Running),
            // Dropping the GIL to block does not end the wait.
            What::GilDropped if matches!(open[i], Some(Open { state: State::Blocked(..), .. })) => continue,
            What::GilDropped => Some(ready.clone()),
            What::Waiting(kind, label) => Some(State::Blocked(kind, label.clone())),
            What::Woke(_) => Some(ready.clone()),
            What::Sleeping(secs) => {
                // A sleep is recorded once with its length; the thread is ready after.
                let until = e.at_ms + secs * 1000.0;
                if let Some(o) = open[i].take() {
                    push_span(&mut lanes[i], o.since, e.at_ms, o.state);
                }
                push_span(&mut lanes[i], e.at_ms, until.min(now_ms), State::Sleeping);
                open[i] = Some(Open { since: until.min(now_ms), state: ready.clone() });
                continue;
            }
        };
        let at = e.at_ms.max(open[i].as_ref().map_or(e.at_ms, |o| o.since));
        if let Some(o) = open[i].take() {
            push_span(&mut lanes[i], o.since, at, o.state);
        }
        open[i] = next.map(|state| Open { since: at, state });
    }
    for (lane, o) in lanes.iter_mut().zip(open) {
        if let Some(o) = o {
            push_span(lane, o.since, now_ms, o.state);
        }
    }
    lanes
}

fn push_span(lane: &mut Lane, from_ms: f64, to_ms: f64, state: State) {
    if to_ms <= from_ms {
        return;
    }
    match lane.spans.last_mut() {
        Some(last) if last.state == state && last.to_ms >= from_ms => last.to_ms = to_ms,
        _ => lane.spans.push(Span { from_ms, to_ms, state }),
    }
}

/// Chrome's trace-event JSON (opens in Perfetto and chrome://tracing): one track per
/// thread, slices for waits, sleeps and GIL holding, instant events for lines.
pub fn chrome_json(events: &[Event], names: &[(ThreadNo, String)]) -> String {
    let mut out = String::from("{\"traceEvents\":[\n");
    let mut first = true;
    let mut item = |out: &mut String, body: String| {
        if !first {
            out.push_str(",\n");
        }
        first = false;
        out.push_str(&body);
    };
    for (no, name) in names {
        item(&mut out, format!("{{\"ph\":\"M\",\"pid\":1,\"tid\":{no},\"name\":\"thread_name\",\"args\":{{\"name\":{}}}}}", json_str(name)));
    }
    for e in events {
        let ts = e.at_ms * 1000.0; // microseconds
        let head = format!("\"pid\":1,\"tid\":{},\"ts\":{ts:.3}", e.thread);
        let body = match &e.what {
            What::Started => format!("{{{head},\"ph\":\"i\",\"s\":\"t\",\"name\":\"started\"}}"),
            What::Finished => format!("{{{head},\"ph\":\"i\",\"s\":\"t\",\"name\":\"finished\"}}"),
            What::Line(n) => format!("{{{head},\"ph\":\"i\",\"s\":\"t\",\"name\":\"line {n}\"}}"),
            What::GilTaken => format!("{{{head},\"ph\":\"B\",\"name\":\"holds GIL\"}}"),
            What::GilDropped => format!("{{{head},\"ph\":\"E\",\"name\":\"holds GIL\"}}"),
            What::Waiting(kind, label) => {
                format!("{{{head},\"ph\":\"B\",\"name\":{}}}", json_str(&format!("waits for {kind} {label}")))
            }
            What::Woke(got) => format!("{{{head},\"ph\":\"E\",\"args\":{{\"acquired\":{got}}}}}"),
            What::Sleeping(s) => format!("{{{head},\"ph\":\"X\",\"dur\":{:.3},\"name\":\"sleep({s})\"}}", s * 1e6),
        };
        item(&mut out, body);
    }
    out.push_str("\n],\"displayTimeUnit\":\"ms\"}\n");
    out
}

/// The same trace format built from the timeline's lanes (what the page has once the
/// events are folded): one complete slice per state span, an instant per line reached.
/// The page's "Download trace" uses it.
pub fn chrome_json_from_lanes(lanes: &[Lane]) -> String {
    let mut out = String::from("{\"traceEvents\":[\n");
    let mut items: Vec<String> = Vec::new();
    for lane in lanes {
        let tid = lane.thread;
        items.push(format!("{{\"ph\":\"M\",\"pid\":1,\"tid\":{tid},\"name\":\"thread_name\",\"args\":{{\"name\":{}}}}}", json_str(&lane.name)));
        for s in &lane.spans {
            let name = match &s.state {
                State::Running => "running".to_string(),
                State::WaitingForGil => "waiting for the GIL".to_string(),
                State::Blocked(kind, label) => format!("waits for {kind} {label}"),
                State::Sleeping => "sleeping".to_string(),
            };
            items.push(format!(
                "{{\"ph\":\"X\",\"pid\":1,\"tid\":{tid},\"ts\":{:.3},\"dur\":{:.3},\"name\":{}}}",
                s.from_ms * 1000.0,
                (s.to_ms - s.from_ms) * 1000.0,
                json_str(&name)
            ));
        }
        for (at, line) in &lane.lines {
            items.push(format!("{{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":{tid},\"ts\":{:.3},\"name\":\"line {line}\"}}", at * 1000.0));
        }
        if let Some(f) = lane.finished_ms {
            items.push(format!("{{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":{tid},\"ts\":{:.3},\"name\":\"finished\"}}", f * 1000.0));
        }
    }
    out.push_str(&items.join(",\n"));
    out.push_str("\n],\"displayTimeUnit\":\"ms\"}\n");
    out
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_from_lanes_has_a_slice_per_span() {
        let events = vec![
            Event { at_ms: 0.0, thread: 1, what: What::Started },
            Event { at_ms: 0.0, thread: 1, what: What::GilTaken },
            Event { at_ms: 1.0, thread: 1, what: What::Line(3) },
            Event { at_ms: 2.0, thread: 1, what: What::Waiting("lock", "\"L\"".into()) },
            Event { at_ms: 5.0, thread: 1, what: What::Woke(true) },
            Event { at_ms: 6.0, thread: 1, what: What::Finished },
        ];
        let lanes = lanes(&events, &[(1, "Main".into())], 6.0, true);
        let json = chrome_json_from_lanes(&lanes);
        assert!(json.starts_with("{\"traceEvents\":["), "{json}");
        assert!(json.contains("\"name\":\"waits for lock \\\"L\\\"\""), "{json}");
        assert!(json.contains("\"ts\":2000.000,\"dur\":3000.000"), "{json}");
        assert!(json.contains("\"name\":\"line 3\""), "{json}");
        assert_eq!(json.matches("\"ph\":\"X\"").count(), lanes[0].spans.len());
    }

    #[test]
    fn buffers_drop_oldest_and_drain_merges_by_time() {
        let r = Recorder::new(3);
        let a = r.thread(1, "MainThread");
        let b = r.thread(2, "Thread-1 (work)");
        for i in 0..5 {
            a.push(i as f64 * 2.0, What::Line(i));
        }
        b.push(5.0, What::Started);
        let events = r.drain(false);
        let seen: Vec<(f64, ThreadNo)> = events.iter().map(|e| (e.at_ms, e.thread)).collect();
        assert_eq!(seen, vec![(4.0, 1), (5.0, 2), (6.0, 1), (8.0, 1)]);
        assert_eq!(r.dropped(), 2);
        assert!(r.drain(true).is_empty());
    }

    #[test]
    fn lanes_follow_gil_waits_and_sleeps() {
        let ev = |at_ms: f64, thread: ThreadNo, what: What| Event { at_ms, thread, what };
        let events = vec![
            ev(0.0, 1, What::Started),
            ev(0.0, 1, What::GilTaken),
            ev(1.0, 1, What::Line(3)),
            ev(2.0, 2, What::Started),
            ev(5.0, 1, What::GilDropped),
            ev(5.0, 2, What::GilTaken),
            ev(6.0, 2, What::Waiting("Lock", "lock".into())),
            ev(6.0, 2, What::GilDropped),
            ev(6.5, 1, What::GilTaken),
            ev(7.0, 1, What::Sleeping(0.002)),
            ev(9.0, 2, What::Woke(true)),
            ev(10.0, 2, What::Finished),
        ];
        let names = vec![(1, "MainThread".to_string()), (2, "Thread-1 (f)".to_string())];
        let lanes = lanes(&events, &names, 12.0, true);
        let summary = |l: &Lane| l.spans.iter().map(|s| (s.from_ms, s.to_ms, s.state.clone())).collect::<Vec<_>>();
        assert_eq!(
            summary(&lanes[0]),
            vec![
                (0.0, 5.0, State::Running),
                (5.0, 6.5, State::WaitingForGil),
                (6.5, 7.0, State::Running),
                (7.0, 9.0, State::Sleeping),
                (9.0, 12.0, State::WaitingForGil),
            ]
        );
        assert_eq!(
            summary(&lanes[1]),
            vec![
                (2.0, 5.0, State::WaitingForGil),
                (5.0, 6.0, State::Running),
                (6.0, 9.0, State::Blocked("Lock", "lock".into())),
                (9.0, 10.0, State::WaitingForGil),
            ]
        );
        assert_eq!(lanes[0].lines, vec![(1.0, 3)]);
        assert_eq!(lanes[1].finished_ms, Some(10.0));
        // Without a GIL, a thread between waits is running.
        let free = super::lanes(&events[..4], &names, 4.0, false);
        assert_eq!(summary(&free[1]), vec![(2.0, 4.0, State::Running)]);
    }

    #[test]
    fn chrome_json_is_valid_json_with_thread_names() {
        let r = Recorder::new(100);
        let t = r.thread(7, "Thread-1 \"quoted\"\n");
        t.push(0.5, What::Started);
        t.push(1.0, What::Waiting("Lock", "lock_a".into()));
        t.push(2.0, What::Woke(true));
        t.push(2.5, What::Sleeping(0.25));
        t.push(3.0, What::Finished);
        let json = chrome_json(&r.drain(false), &r.names());
        let check = std::process::Command::new("python3")
            .args(["-c", "import json,sys; d=json.load(sys.stdin); print(len(d['traceEvents']), d['traceEvents'][0]['args']['name'])"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut p| {
                use std::io::Write as _;
                p.stdin.take().unwrap().write_all(json.as_bytes())?;
                p.wait_with_output()
            })
            .expect("python3 runs");
        assert!(check.status.success(), "{json}");
        assert_eq!(String::from_utf8_lossy(&check.stdout), "6 Thread-1 \"quoted\"\n\n");
    }
}
