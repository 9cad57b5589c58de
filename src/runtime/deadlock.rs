//! Deadlock reports: what a blocked thread waits for, described for people
//! ([`WaitInfo`], found from the thread's frames by [`describe_wait`]), and the report
//! printed when every thread waits for good ([`deadlock_text`]). A leaf of the runtime.

use crate::vm::interp::Vm;
use crate::vm::lock::Lock;

/// What a blocked thread waits for, described for people.
#[derive(Clone, Debug)]
pub struct WaitInfo {
    /// "lock", "rlock", "join", "event", "queue", "condition", "semaphore", ...
    pub kind: &'static str,
    /// The API the program called, e.g. `Thread.join` or `Lock.acquire`.
    pub api: String,
    /// The program's line that waits, and its source text.
    pub line: u32,
    pub text: String,
}

/// The source text of line `line` of the program `filename`.
fn source_line(vm: &Vm, filename: &str, line: u32) -> String {
    let sources = vm.interp.sources.lock().unwrap_or_else(|e| e.into_inner());
    sources
        .get(filename)
        .and_then(|s| s.lines().nth(line.saturating_sub(1) as usize))
        .map(|l| l.trim().to_string())
        .unwrap_or_default()
}

/// What `vm` is waiting in, from its frames: the library function the program
/// (`filename`) called (`Thread.join`, `Queue.get`...), or a bare lock.
pub fn describe_wait(vm: &Vm, filename: &str, lock: Option<&Lock>) -> WaitInfo {
    let mut api: Option<String> = None;
    for f in vm.frames.iter().rev() {
        if *f.code.filename == *filename {
            break;
        }
        api = Some(f.code.qualname.to_string());
    }
    let (line, _) = vm.user_line(filename).unwrap_or((0, "".into()));
    let text = source_line(vm, filename, line);
    let class = api.as_deref().and_then(|a| a.split('.').next()).unwrap_or("");
    let method = api.as_deref().and_then(|a| a.rsplit('.').next()).unwrap_or("");
    let kind = match class {
        // Thread.start waits (on an Event) until the new thread is running.
        "Thread" | "Timer" | "_MainThread" if method == "start" => "event",
        "Thread" | "Timer" | "_MainThread" => "join",
        "Event" => "event",
        "Queue" | "LifoQueue" | "PriorityQueue" | "SimpleQueue" | "_PySimpleQueue" => "queue",
        "Condition" => "condition",
        "Semaphore" | "BoundedSemaphore" => "semaphore",
        "Barrier" => "barrier",
        "Future" | "as_completed" | "wait" => "future",
        "ThreadPoolExecutor" | "Executor" | "_shutdown" => "join",
        _ if lock.map(|l| l.is_reentrant()).unwrap_or(false) => "rlock",
        _ => "lock",
    };
    let api = api.unwrap_or_else(|| if kind == "rlock" { "RLock.acquire".into() } else { "Lock.acquire".into() });
    WaitInfo { kind, api, line, text }
}

/// The deadlock report: one line per blocked thread, then a Python-style error line.
pub fn deadlock_text(blocked: impl Iterator<Item = (String, WaitInfo, Option<String>)>) -> String {
    let mut out = String::from("Deadlock: every thread is waiting and none of them can go on.\n");
    let mut n = 0;
    for (name, info, holder) in blocked {
        n += 1;
        let what = match (&holder, info.kind) {
            (Some(h), "lock" | "rlock") => format!("waits for a lock held by {h}"),
            (None, "lock" | "rlock") => "waits for a lock nobody will release".to_string(),
            _ => format!("waits in {}()", info.api),
        };
        out.push_str(&format!("  {name} {what}, line {}: {}\n", info.line, info.text));
    }
    out.push_str(&format!("RuntimeError: deadlock: all {n} threads are blocked forever\n"));
    out
}

/// The wait-for graph's edges, read back from a deadlock report (`deadlock_text`):
/// the page draws them for any run or outcome whose stderr holds a report.
/// One waiting thread: the lock it waits for, and who holds that lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitEdge {
    pub thread: String,
    pub lock: String,
    pub holder: Option<String>,
}

/// The lock a line of source waits for: `with a:` -> `a`, `b.acquire()` -> `b`.
fn lock_in(text: &str) -> Option<String> {
    let t = text.trim();
    let name = if let Some(rest) = t.strip_prefix("with ") {
        rest.trim_end_matches(':').split(',').next()?.split(" as ").next()?.trim().to_string()
    } else if let Some(i) = t.find(".acquire(") {
        t[..i].rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '[' || c == ']')).next()?.to_string()
    } else {
        return None;
    };
    (!name.is_empty()).then_some(name)
}

/// The edges of a deadlock report (empty when `stderr` holds none).
pub fn edges_from_report(stderr: &str) -> Vec<WaitEdge> {
    let Some(start) = stderr.find("Deadlock:") else { return vec![] };
    let mut out = Vec::new();
    for line in stderr[start..].lines().skip(1) {
        let Some(l) = line.strip_prefix("  ") else { break };
        let (who, rest) = if let Some(i) = l.find(" waits for a lock held by ") {
            (&l[..i], Some(&l[i + " waits for a lock held by ".len()..]))
        } else if let Some(i) = l.find(" waits ") {
            (&l[..i], None)
        } else {
            continue;
        };
        let (holder, tail) = match rest {
            Some(r) => match r.find(", line ") {
                Some(j) => (Some(r[..j].to_string()), &r[j..]),
                None => (Some(r.to_string()), ""),
            },
            None => (None, l.find(", line ").map(|j| &l[j..]).unwrap_or("")),
        };
        // `, line 6: with b:`
        let (line_no, text) = tail.strip_prefix(", line ").and_then(|t| t.split_once(": ")).unwrap_or(("?", ""));
        // `waits in Thread.join()`: what it waits in; a lock: its name in the source.
        let api = l.split_once(" waits in ").map(|(_, r)| r.split(", line ").next().unwrap_or(r).to_string());
        let lock = match (&holder, api) {
            (None, Some(api)) => api,
            _ => lock_in(text).unwrap_or_else(|| format!("lock (line {line_no})")),
        };
        out.push(WaitEdge { thread: who.to_string(), lock, holder });
    }
    out
}

/// Threads on a cycle of "waits for a lock held by".
pub fn cycle(edges: &[WaitEdge]) -> Vec<String> {
    let next = |t: &str| edges.iter().find(|e| e.thread == t).and_then(|e| e.holder.clone());
    for e in edges {
        let mut path: Vec<String> = vec![e.thread.clone()];
        let mut at = e.thread.clone();
        while let Some(n) = next(&at) {
            if let Some(i) = path.iter().position(|p| *p == n) {
                return path[i..].to_vec();
            }
            path.push(n.clone());
            at = n;
        }
    }
    vec![]
}

