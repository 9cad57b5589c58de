//! Every outcome of a program: a systematic search of its interleavings at bytecode
//! level, and the replay of any schedule it reports.
//!
//! The search is stateless DPOR (dynamic partial-order reduction, Flanagan and
//! Godefroid 2005) over *steps*: a step runs one thread up to, not including, its next
//! instruction of the learner's program that another thread could observe (`solo::peek`:
//! globals, attributes, cells, container items, locks, output; anything unknown counts
//! as "touches everything"). Library code (threading.py, queue.py, ...) runs inside the
//! step that called it, atomically up to its next wait: our library is itself
//! correctly synchronised, so splitting it finer would only multiply equivalent runs.
//! Its footprint is still taken instruction by instruction (its module globals, the
//! attributes, dict items and deques it touches, its locks), and only what cannot be
//! named makes the step `lib`. Three rules keep the relation fine (each checked
//! against brute force in `tests/explore_oracle.rs`): a dict item is keyed by (dict,
//! key), with the dict's shape and insertion order as keys of their own; a lock a step
//! finds free and leaves free was only read; a call into library code adds nothing by
//! itself (its frames say what it does). Two threads x two increments went from 725
//! runs to 118 with them.
//! Each run is replayed from the start on one host thread (`solo::Solo`); after it,
//! every pair of dependent steps of different threads that are not ordered by
//! happens-before (vector clocks) is a race, and the other order is added to the
//! backtrack set of the earlier step's state (one *initial* of the reversed race, as in
//! source-set DPOR, Abdulla et al. 2014) unless one is explored or due there already;
//! threads in a state's sleep set (their step from an equivalent state was explored
//! and nothing since depended on it) are not run from it. The search ends when no
//! state has an
//! unexplored backtrack entry: then every Mazurkiewicz trace (every distinct
//! interleaving up to reordering independent steps) has been run once at least, so
//! every outcome was seen. DPOR rather than preemption bounding: it is complete, not
//! complete-up-to-k, and it needs no state hashing (our heap cannot be hashed cheaply).
//!
//! Why sleeping counts as yielding: `time.sleep` only promises a minimum delay, so any
//! thread may be chosen while another sleeps; a timed lock wait may time out or get
//! the lock depending on when it is chosen. Outcomes that only a slow machine shows are
//! still outcomes.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use super::options::{Mode, Options, Spawn};
use super::program::Program;
use super::run::run_on;
use super::solo::{lib_reaches, Divergence, Foot, Limits, Plan, Record, Solo};
use crate::vm::host::{Host, ThreadNo};

/// A schedule: turns of (thread number, instructions it runs).
pub type Schedule = Vec<(ThreadNo, u32)>;

/// Output captured in memory; the clock is the program's virtual one.
#[derive(Default)]
pub struct CaptureHost {
    out: Mutex<(String, String)>,
}

impl CaptureHost {
    pub fn take(&self) -> (String, String) {
        std::mem::take(&mut *self.out.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Host for CaptureHost {
    fn write_stdout(&self, s: &str) {
        self.out.lock().unwrap_or_else(|e| e.into_inner()).0.push_str(s)
    }
    fn write_stderr(&self, s: &str) {
        self.out.lock().unwrap_or_else(|e| e.into_inner()).1.push_str(s)
    }
    fn now(&self) -> f64 {
        0.0
    }
    fn wall(&self) -> f64 {
        0.0
    }
    fn wait_until(&self, _t: f64) {}
}

/// The one-host-thread runner never spawns.
struct NoSpawn;
impl Spawn for NoSpawn {
    fn spawn(&self, _f: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        Err("no host threads here".into())
    }
}

/// One run's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunResult {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// Runs `src` once under `plan` on the calling host thread.
pub fn run_once(src: &str, filename: &str, plan: Plan, limits: Limits) -> (RunResult, Record) {
    run_with_sleep(src, filename, plan, limits, vec![], usize::MAX)
}

fn run_with_sleep(src: &str, filename: &str, plan: Plan, limits: Limits, sleep: Vec<(ThreadNo, Foot)>, from: usize) -> (RunResult, Record) {
    super::solo::reset_stable_keys();
    let host = Arc::new(CaptureHost::default());
    let prog = Program::new(Mode::Step, host.clone(), Arc::new(NoSpawn), None, filename);
    let mut opts = Options::new(filename);
    opts.mode = Mode::Step;
    opts.stdin = limits.stdin.clone();
    let solo = Solo::new(prog.clone(), plan, limits);
    solo.set_sleep(sleep, from);
    let exit_code = run_on(src, &opts, &prog, solo.clone());
    let rec = solo.take_record();
    solo.release();
    let (stdout, stderr) = host.take();
    (RunResult { stdout, stderr, exit_code }, rec)
}

/// A replayed schedule: the run, where the schedule stopped fitting (None: it fit),
/// and the turns really taken (replaying those fits).
#[derive(Clone, Debug)]
pub struct Replay {
    pub result: RunResult,
    pub diverged: Option<Divergence>,
    pub schedule: Schedule,
}

/// Runs `src` with `schedule`; where it stops fitting (edited code) the run goes on
/// with the default policy and `diverged` says where.
pub fn replay(src: &str, filename: &str, schedule: &[(ThreadNo, u32)]) -> Replay {
    let (result, rec) = run_once(src, filename, Plan::Turns(schedule.to_vec()), Limits { max_instructions: 50_000_000, stop: None, stdin: None });
    Replay { result, diverged: rec.diverged, schedule: rec.turns }
}

/// The step explorer's state after a schedule and one more move: the run so far, the
/// paused threads, the turns that reach this state exactly (replaying them pauses
/// here again), and where the schedule stopped fitting, if it did.
#[derive(Clone, Debug)]
pub struct Paused {
    /// Output so far; the exit code is only meaningful once `ended`.
    pub result: RunResult,
    pub snapshot: super::snapshot::Snapshot,
    pub schedule: Schedule,
    pub diverged: Option<Divergence>,
    /// Every thread finished (or the program deadlocked): nothing left to step.
    pub ended: bool,
    /// The move stopped at `MOVE_BUDGET` instructions, or the whole replay at
    /// `max_instructions`, before it got where it was going.
    pub cut: Option<String>,
}

/// Replays `schedule`, runs `then`'s move, and pauses (see [`Paused`]); at most
/// `max_instructions` in all, and `stop` ends it at once.
pub fn pause(src: &str, filename: &str, schedule: &[(ThreadNo, u32)], then: Option<(ThreadNo, super::solo::Move)>, max_instructions: u64, stop: Option<Arc<AtomicBool>>) -> Paused {
    let plan = Plan::Pause { turns: schedule.to_vec(), then };
    let (result, rec) = run_once(src, filename, plan, Limits { max_instructions, stop, stdin: None });
    let paused = rec.cut.as_deref() == Some("paused");
    let ended = !paused && rec.cut.is_none();
    let cut = if rec.move_cut {
        Some(format!("the move stopped after {} instructions: this thread does not block or change line", super::solo::MOVE_BUDGET))
    } else if !paused {
        rec.cut.clone()
    } else {
        None
    };
    let mut diverged = rec.diverged;
    if ended && diverged.is_none() && rec.turns.len() < schedule.len() {
        diverged = Some(Divergence { turn: rec.turns.len(), reason: format!("the program ended after {} of the schedule's {} turns", rec.turns.len(), schedule.len()) });
    }
    let mut snapshot = rec.paused.unwrap_or_default();
    if ended && result.exit_code != 0 && result.stderr.contains("Deadlock:") {
        snapshot.deadlock = true;
    }
    Paused { result, snapshot, schedule: rec.turns, diverged, ended, cut }
}

/// How to explore.
#[derive(Clone)]
pub struct ExploreOptions {
    pub max_runs: usize,
    /// Instructions one run may take before it is cut (a program that spins forever).
    pub max_instructions: u64,
    pub stop: Option<Arc<AtomicBool>>,
    /// Sleep sets on top of DPOR (fewer repeated runs; on by default). A sleeping
    /// step's footprint comes from an earlier run, so it is compared by
    /// `Foot::stable` names, never by addresses. Off: plain DPOR, to cross-check.
    pub sleep_sets: bool,
    /// No reduction at all: every enabled thread is tried at every step (the oracle
    /// the reduced search is tested against; exponential, for tiny programs only).
    pub exhaustive: bool,
    /// What `input()` reads in every run (see `Options::stdin`).
    pub stdin: Option<Arc<str>>,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions { max_runs: 1000, max_instructions: 2_000_000, stop: None, sleep_sets: true, exhaustive: false, stdin: None }
    }
}

/// One distinct outcome, how many runs ended in it, and a schedule that reproduces it.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    pub runs: usize,
    pub schedule: Schedule,
}

#[derive(Clone, Debug)]
pub struct Exploration {
    /// Every distinct interleaving was run (within max_runs, no run cut short).
    pub complete: bool,
    pub runs: usize,
    pub outcomes: Vec<Outcome>,
    /// Unexplored branches left when the search stopped (0 when complete).
    pub pending: usize,
    /// The longest run, in steps.
    pub max_steps: usize,
    /// Why the search is incomplete, and what to shrink.
    pub note: Option<String>,
}

struct Node {
    enabled: Vec<ThreadNo>,
    chosen: ThreadNo,
    done: BTreeSet<ThreadNo>,
    backtrack: BTreeSet<ThreadNo>,
    /// Sleep set on arrival, and the steps already explored from here.
    sleep: Vec<(ThreadNo, Foot)>,
    explored: Vec<(ThreadNo, Foot)>,
}

/// Explores `src` (see the module comment).
pub fn explore(src: &str, filename: &str, opts: &ExploreOptions) -> Exploration {
    let mut path: Vec<Node> = Vec::new();
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut index: HashMap<(String, String, i32), usize> = HashMap::new();
    let mut runs = 0;
    let mut max_steps = 0;
    let mut note: Option<String> = None;
    let limits = Limits { max_instructions: opts.max_instructions, stop: opts.stop.clone(), stdin: opts.stdin.clone() };
    loop {
        if runs >= opts.max_runs {
            note = Some(format!(
                "stopped after {runs} runs (max_runs) with interleavings left to try: fewer threads, fewer loop iterations or fewer shared variables make the search finish"
            ));
            break;
        }
        let prefix: Vec<ThreadNo> = path.iter().map(|n| n.chosen).collect();
        // The sleep set after the last choice: what was asleep there, and what was
        // already explored from there (Solo drops those the new step depends on).
        let sleep: Vec<(ThreadNo, Foot)> = match path.last() {
            Some(n) => n.sleep.iter().chain(n.explored.iter()).filter(|(u, _)| *u != n.chosen).cloned().collect(),
            None => vec![],
        };
        let from = if opts.sleep_sets && !opts.exhaustive { prefix.len() } else { usize::MAX };
        let (res, rec) = run_with_sleep(src, filename, Plan::Choices(prefix), limits.clone(), sleep, from);
        runs += 1;
        if std::env::var("THREADLAB_EXPLORE_DEBUG").ok().and_then(|v| v.parse::<usize>().ok()) == Some(runs) {
            for (i, s) in rec.steps.iter().enumerate() {
                eprintln!("step {i}: thread {} of {:?}: {:?} sleep {:?}", s.thread, s.enabled, s.foot, s.sleep);
            }
        }
        if std::env::var_os("THREADLAB_EXPLORE_TRACE").is_some() {
            let threads: String = rec.steps.iter().map(|s| char::from_digit(s.thread as u32 % 36, 36).unwrap_or('?')).collect();
            let sl: Vec<String> = rec.steps.iter().enumerate().filter(|(_, s)| !s.sleep.is_empty()).map(|(i, s)| format!("{i}:{:?}", s.sleep.iter().map(|x| x.0).collect::<Vec<_>>())).collect();
            eprintln!("run {runs}: from {} {threads} {} {:?} sleep {}", path.len().min(rec.steps.len()), if rec.redundant { "REDUNDANT" } else { "" }, res.stdout.trim(), sl.join(" "));
        }
        max_steps = max_steps.max(rec.steps.len());
        if let Some(d) = &rec.diverged {
            note = Some(format!("internal: a replayed prefix did not fit ({})", d.reason));
            break;
        }
        for (i, s) in rec.steps.iter().enumerate() {
            if i >= path.len() {
                path.push(Node {
                    enabled: s.enabled.clone(),
                    chosen: s.thread,
                    done: [s.thread].into(),
                    backtrack: [s.thread].into(),
                    sleep: s.sleep.clone(),
                    explored: vec![],
                });
            }
            let n = &mut path[i];
            if !n.explored.iter().any(|(u, _)| *u == s.thread) {
                n.explored.push((s.thread, s.foot.clone()));
            }
        }
        path.truncate(rec.steps.len());
        if rec.redundant {
            // Not an outcome of its own: an equivalent run was explored already.
        } else if let Some(why) = &rec.cut {
            if opts.stop.as_ref().map(|s| s.load(std::sync::atomic::Ordering::Relaxed)).unwrap_or(false) {
                note = Some("stopped".into());
                break;
            }
            note = Some(format!("a run was cut short ({why}): a loop that waits for another thread by spinning has no end to explore"));
        } else {
            let k = (res.stdout.clone(), res.stderr.clone(), res.exit_code);
            match index.get(&k) {
                Some(&i) => outcomes[i].runs += 1,
                None => {
                    index.insert(k, outcomes.len());
                    outcomes.push(Outcome { stdout: res.stdout, stderr: res.stderr, exit_code: res.exit_code, runs: 1, schedule: rec.turns.clone() });
                }
            }
        }
        if opts.exhaustive {
            for n in path.iter_mut() {
                let all = n.enabled.clone();
                n.backtrack.extend(all);
            }
        } else {
            add_races(&rec, &mut path);
        }
        let mut next = false;
        while let Some(last) = path.last_mut() {
            let todo: Vec<ThreadNo> = last.backtrack.difference(&last.done).copied().collect();
            let mut pick = None;
            for t in todo {
                last.done.insert(t);
                if !last.sleep.iter().any(|(u, _)| *u == t) {
                    pick = Some(t);
                    break;
                }
            }
            if let Some(t) = pick {
                last.chosen = t;
                next = true;
                break;
            }
            path.pop();
        }
        if !next {
            break;
        }
    }
    let pending = path.iter().map(|n| n.backtrack.difference(&n.done).count()).sum::<usize>();
    let complete = note.is_none() && pending == 0;
    Exploration { complete, runs, outcomes, pending, max_steps, note }
}

fn join(a: &mut Vec<u32>, b: &[u32]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x = (*x).max(*y);
    }
}

/// The race analysis of one run: for each step, the latest earlier step of another
/// thread that it depends on and that does not happen before this thread's previous
/// step; the earlier step's state gets this thread (or, if it could not run there,
/// every thread that could) to try next.
fn add_races(rec: &Record, path: &mut [Node]) {
    let mut ids: HashMap<ThreadNo, usize> = HashMap::new();
    let id = |t: ThreadNo, ids: &mut HashMap<ThreadNo, usize>| {
        let n = ids.len();
        *ids.entry(t).or_insert(n)
    };
    // Per thread: its clock, its step count, its latest steps by kind.
    let mut clock: Vec<Vec<u32>> = Vec::new();
    let mut seq: Vec<u32> = Vec::new();
    let mut last_any: Vec<Option<usize>> = Vec::new();
    let mut last_nonempty: Vec<Option<usize>> = Vec::new();
    // Latest step with `lib`, and latest step touching a key library code reaches
    // (or `any`/`lib`: what a `lib` step depends on).
    let mut last_lib: Vec<Option<usize>> = Vec::new();
    let mut last_obj: Vec<Option<usize>> = Vec::new();
    let mut last_read: Vec<HashMap<u64, usize>> = Vec::new();
    let mut last_write: Vec<HashMap<u64, usize>> = Vec::new();
    let mut step_seq: Vec<u32> = Vec::with_capacity(rec.steps.len());
    let mut step_thread: Vec<usize> = Vec::with_capacity(rec.steps.len());
    let mut step_clock: Vec<Vec<u32>> = Vec::with_capacity(rec.steps.len());
    // Per key: the join of all accesses' clocks, and of writes'.
    let mut kc: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut kw: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut all_clock: Vec<u32> = Vec::new();
    let mut any_clock: Vec<u32> = Vec::new();
    let mut lib_clock: Vec<u32> = Vec::new();
    let mut obj_clock: Vec<u32> = Vec::new();
    let mut child_init: HashMap<ThreadNo, Vec<u32>> = HashMap::new();
    let pending_any = Foot { any: true, ..Foot::default() };
    let events = rec.steps.iter().map(|s| (s.thread, &s.foot, &s.spawned[..])).chain(rec.pending.iter().map(|&t| (t, &pending_any, &[][..])));
    let n_steps = rec.steps.len();
    for (i, (p, foot, spawned)) in events.enumerate() {
        let pi = id(p, &mut ids);
        while clock.len() <= pi {
            clock.push(Vec::new());
            seq.push(0);
            last_any.push(None);
            last_nonempty.push(None);
            last_lib.push(None);
            last_obj.push(None);
            last_read.push(HashMap::new());
            last_write.push(HashMap::new());
        }
        if seq[pi] == 0 {
            if let Some(c) = child_init.remove(&p) {
                clock[pi] = c;
            }
        }
        let before = clock[pi].clone();
        // This event's clock (its own entry is set below).
        let mut c = before.clone();
        if !foot.is_empty() {
            if foot.any {
                join(&mut c, &all_clock);
            } else {
                join(&mut c, &any_clock);
                if foot.lib {
                    join(&mut c, &obj_clock);
                }
                if foot.acc.iter().any(|(k, _)| lib_reaches(*k)) {
                    join(&mut c, &lib_clock);
                }
                for (k, w) in &foot.acc {
                    let src = if *w { kc.get(k) } else { kw.get(k) };
                    if let Some(s) = src {
                        let s = s.clone();
                        join(&mut c, &s);
                    }
                }
            }
        }
        if !foot.is_empty() {
            let mut best: Option<usize> = None;
            for q in 0..clock.len() {
                if q == pi {
                    continue;
                }
                let j = if foot.any {
                    last_nonempty[q]
                } else {
                    let mut j = last_any[q];
                    if foot.lib {
                        j = j.max(last_obj[q]);
                    }
                    for (k, w) in &foot.acc {
                        let r = if *w { last_read[q].get(k).copied().max(last_write[q].get(k).copied()) } else { last_write[q].get(k).copied() };
                        j = j.max(r);
                        if lib_reaches(*k) {
                            j = j.max(last_lib[q]);
                        }
                    }
                    j
                };
                if let Some(j) = j {
                    if step_seq[j] > before.get(q).copied().unwrap_or(0) {
                        best = best.max(Some(j));
                    }
                }
            }
            if let Some(j) = best {
                // Source sets (Abdulla et al., optimal DPOR): what must run first at j to
                // reverse the race is any *initial* of the steps after j that do not
                // happen after j, followed by this one: a thread whose first such step
                // has no happens-before predecessor among them. One initial there
                // already is enough; adding every enabled thread (when this thread
                // could not run at j) multiplied the runs.
                let hb = |k: usize, clk: &[u32]| clk.get(step_thread[k]).copied().unwrap_or(0) >= step_seq[k];
                let (tj, sj) = (step_thread[j], step_seq[j]);
                let mut seen: Vec<usize> = Vec::new();
                let mut seq_k: Vec<usize> = Vec::new();
                let mut initials: Vec<ThreadNo> = Vec::new();
                for k in j + 1..i.min(n_steps) {
                    if step_clock[k].get(tj).copied().unwrap_or(0) >= sj {
                        continue;
                    }
                    let tk = step_thread[k];
                    if !seen.contains(&tk) {
                        seen.push(tk);
                        if !seq_k.iter().any(|&m| hb(m, &step_clock[k])) {
                            initials.push(rec.steps[k].thread);
                        }
                    }
                    seq_k.push(k);
                }
                if !seen.contains(&pi) && !seq_k.iter().any(|&m| hb(m, &c)) {
                    initials.push(p);
                }
                if let Some(node) = path.get_mut(j) {
                    if initials.iter().any(|q| node.backtrack.contains(q)) {
                        // Covered: one initial is explored or due from j.
                    } else if let Some(&q) = initials.iter().find(|&&q| q == p && node.enabled.contains(&q)).or_else(|| initials.iter().find(|q| node.enabled.contains(q))) {
                        node.backtrack.insert(q);
                    } else {
                        node.backtrack.extend(node.enabled.iter().copied());
                    }
                }
            }
        }
        if i >= n_steps {
            continue;
        }
        seq[pi] += 1;
        if c.len() <= pi {
            c.resize(pi + 1, 0);
        }
        c[pi] = seq[pi];
        step_seq.push(seq[pi]);
        step_thread.push(pi);
        step_clock.push(c.clone());
        if !foot.is_empty() {
            join(&mut all_clock, &c);
            last_nonempty[pi] = Some(i);
            if foot.any {
                join(&mut any_clock, &c);
                last_any[pi] = Some(i);
            }
            if foot.lib || foot.any {
                join(&mut lib_clock, &c);
                last_lib[pi] = Some(i);
            }
            if foot.lib || foot.any || foot.acc.iter().any(|(k, _)| lib_reaches(*k)) {
                join(&mut obj_clock, &c);
                last_obj[pi] = Some(i);
            }
            for (k, w) in &foot.acc {
                join(kc.entry(*k).or_default(), &c);
                if *w {
                    join(kw.entry(*k).or_default(), &c);
                    last_write[pi].insert(*k, i);
                } else {
                    last_read[pi].insert(*k, i);
                }
            }
        }
        for ch in spawned {
            child_init.insert(*ch, c.clone());
        }
        clock[pi] = c;
    }
}

/// `2:5,3:4`: a schedule as text (share links, the command line).
pub fn schedule_text(s: &[(ThreadNo, u32)]) -> String {
    s.iter().map(|(t, n)| format!("{t}:{n}")).collect::<Vec<_>>().join(",")
}

/// Parses `schedule_text`'s format (spaces or commas between turns).
pub fn parse_schedule(s: &str) -> Result<Schedule, String> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let (t, n) = w.split_once(':').ok_or_else(|| format!("bad turn '{w}': expected THREAD:INSTRUCTIONS"))?;
            Ok((t.parse().map_err(|_| format!("bad thread in '{w}'"))?, n.parse().map_err(|_| format!("bad count in '{w}'"))?))
        })
        .collect()
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

impl Exploration {
    /// `{ complete, runs, outcomes: [{ stdout, stderr, exitCode, runs, schedule }] }`
    /// (plus pending, maxSteps, note); a schedule is `[[thread, instructions], ...]`.
    pub fn to_json(&self) -> String {
        let outs: Vec<String> = self
            .outcomes
            .iter()
            .map(|o| {
                let sched: Vec<String> = o.schedule.iter().map(|(t, n)| format!("[{t},{n}]")).collect();
                format!(
                    "{{\"stdout\":{},\"stderr\":{},\"exitCode\":{},\"runs\":{},\"schedule\":[{}]}}",
                    json_str(&o.stdout),
                    json_str(&o.stderr),
                    o.exit_code,
                    o.runs,
                    sched.join(",")
                )
            })
            .collect();
        format!(
            "{{\"complete\":{},\"runs\":{},\"pending\":{},\"maxSteps\":{},\"note\":{},\"outcomes\":[{}]}}",
            self.complete,
            self.runs,
            self.pending,
            self.max_steps,
            self.note.as_deref().map(json_str).unwrap_or_else(|| "null".into()),
            outs.join(",")
        )
    }
}
