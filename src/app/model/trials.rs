//! Many runs of one program (exercise checks, the race histogram). Stepped runs go to
//! the trial pool (`web::pool`: one run per pool thread, all queued at once); GIL and
//! free runs keep one worker per Python thread, a few runs at a time. The page only
//! polls: it never waits on a lock.

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use crate::runtime::options::{Mode, Options};
use crate::web::clock::now_ms;
use crate::web::pool::{self, Batch};
use crate::web::program::{start_python, ProgramRun};
use crate::web::sink::Stream;
use crate::web::timer::sleep_ms;

/// One run's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Trial {
    pub mode: Mode,
    pub seed: u64,
    pub stdout: String,
    pub stderr: String,
    /// None: it was stopped (too slow, cancelled, or its worker failed).
    pub exit_code: Option<i32>,
}

impl Trial {
    /// The last non-empty line of stdout (the outcome a race histogram counts).
    pub fn last_line(&self) -> Option<&str> {
        self.stdout.lines().rev().find(|l| !l.trim().is_empty()).map(str::trim)
    }

    /// The last line of stderr (for a traceback, the exception).
    pub fn error_line(&self) -> Option<&str> {
        self.stderr.lines().rev().find(|l| !l.trim().is_empty()).map(str::trim)
    }
}

/// A shared "stop now" flag for a batch of trials.
#[derive(Clone, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.set(true);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.get()
    }
}

struct Active {
    run: ProgramRun,
    index: usize,
    stdout: String,
    stderr: String,
    started: f64,
    stopping: bool,
}

/// Where a batch's stepped runs go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Stepped runs on the trial pool (`web::pool`, started on first use), each run on
    /// one pool thread; GIL and free runs, and stepped ones if the pool cannot start,
    /// on the spawner's workers (one per Python thread).
    Auto,
    /// Every run on the spawner's workers, as before the pool (the benchmark's
    /// baseline).
    Workers,
}

/// Runs `code` once per `(mode, seed)`: stepped runs all at once on the trial pool,
/// the others at most `parallel` at a time on workers, where a run longer than
/// `limit_ms` is stopped (a pooled run is cut after `runtime::trial::MAX_INSTRUCTIONS`
/// instead). `progress(done, trial)` is called as runs end; returning false from
/// `keep_going` stops starting new runs. Results come back in the order of `jobs`,
/// without the runs that never started.
pub async fn run_trials(
    code: &str,
    stdin: Option<Arc<str>>,
    jobs: Vec<(Mode, u64)>,
    parallel: usize,
    limit_ms: f64,
    cancel: Cancel,
    progress: impl FnMut(usize, &Trial),
    keep_going: impl Fn(&Trial) -> bool,
) -> Result<Vec<Trial>, String> {
    run_trials_on(Route::Auto, code, stdin, jobs, parallel, limit_ms, cancel, progress, keep_going).await
}

/// [`run_trials`] with the route chosen.
#[allow(clippy::too_many_arguments)]
pub async fn run_trials_on(
    route: Route,
    code: &str,
    stdin: Option<Arc<str>>,
    jobs: Vec<(Mode, u64)>,
    parallel: usize,
    limit_ms: f64,
    cancel: Cancel,
    mut progress: impl FnMut(usize, &Trial),
    keep_going: impl Fn(&Trial) -> bool,
) -> Result<Vec<Trial>, String> {
    let mut results: Vec<Option<Trial>> = vec![None; jobs.len()];
    let pooled = |m: Mode| m == Mode::Step;
    let use_pool = route == Route::Auto && jobs.iter().any(|j| pooled(j.0)) && pool::ensure_pool().await.is_ok();
    // Jobs for the spawner's workers, in order.
    let mut queue: VecDeque<usize> = (0..jobs.len()).filter(|&i| !(use_pool && pooled(jobs[i].0))).collect();
    let batch = use_pool.then(|| {
        let on_pool = (0..jobs.len()).filter(|&i| pooled(jobs[i].0)).map(|i| (i, jobs[i].1)).collect();
        Batch::start(code, stdin.clone(), on_pool)
    });
    let mut batch_done = batch.is_none();
    let mut batch_cancelled = false;
    // A pooled trial is cut after `runtime::trial::MAX_INSTRUCTIONS` (seconds, not
    // minutes): a batch where none ends for this long lost a pool worker unnoticed.
    const STALL_MS: f64 = 120_000.0;
    let mut last_ended = now_ms();
    let mut active: Vec<Active> = Vec::new();
    let mut done = 0;
    let mut stop_starting = false;
    loop {
        while !stop_starting && !cancel.is_cancelled() && active.len() < parallel.max(1) {
            let Some(index) = queue.pop_front() else { break };
            let (mode, seed) = jobs[index];
            let mut opts = Options::new("main.py");
            opts.mode = mode;
            opts.seed = seed;
            opts.stdin = stdin.clone();
            let run = match start_python(code, opts) {
                Ok(run) => run,
                Err(e) => {
                    stop_all(&active, batch.as_ref());
                    return Err(e);
                }
            };
            active.push(Active { run, index, stdout: String::new(), stderr: String::new(), started: now_ms(), stopping: false });
        }
        if let Some(b) = &batch {
            if cancel.is_cancelled() && !batch_cancelled {
                b.cancel();
                batch_cancelled = true;
            }
            if let Some(f) = b.failure() {
                stop_all(&active, batch.as_ref());
                return Err(format!("a trial failed: {f}"));
            }
            // Read "over" first: everything it covers is in the buffer by then.
            let over = b.is_over();
            if !over && now_ms() - last_ended > STALL_MS {
                stop_all(&active, batch.as_ref());
                return Err("the trial pool stopped answering (no run ended for 2 minutes)".into());
            }
            if let Some(ended) = b.take_ended() {
                if !ended.is_empty() {
                    last_ended = now_ms();
                }
                for t in ended {
                    if cancel.is_cancelled() && t.cut.as_deref() == Some("stopped") {
                        // Cut by Cancel: not an outcome of the program.
                        continue;
                    }
                    if t.needs_host_threads() && !stop_starting && !cancel.is_cancelled() {
                        // A wait inside a builtin's callback: run it with host threads.
                        queue.push_back(t.index);
                        continue;
                    }
                    let mut stderr = t.result.stderr;
                    if let Some(cut) = t.cut.as_deref().filter(|c| c.contains("instructions")) {
                        stderr.push_str(&format!("\n[{cut}: too long]\n"));
                    }
                    let trial = Trial {
                        mode: Mode::Step,
                        seed: t.seed,
                        stdout: t.result.stdout,
                        stderr,
                        exit_code: if t.cut.is_some() { None } else { Some(t.result.exit_code) },
                    };
                    done += 1;
                    progress(done, &trial);
                    if !keep_going(&trial) && !stop_starting {
                        stop_starting = true;
                        b.stop_starting();
                    }
                    results[t.index] = Some(trial);
                }
                batch_done = over;
            }
        }
        let nothing_to_start = queue.is_empty() || stop_starting || cancel.is_cancelled();
        if active.is_empty() && nothing_to_start && batch_done {
            break;
        }
        sleep_ms(if batch_done { 10 } else { 4 }).await;
        let mut i = 0;
        while i < active.len() {
            let a = &mut active[i];
            collect(a);
            let too_long = now_ms() - a.started > limit_ms;
            if (cancel.is_cancelled() || too_long) && !a.stopping {
                a.run.request_stop();
                a.stopping = true;
                if too_long {
                    a.stderr.push_str(&format!("\n[stopped after {:.0} s: too long]\n", limit_ms / 1000.0));
                }
            }
            let detached = a.run.enforce_stop();
            let ended = a.run.exit_code();
            let crashed = a.run.crashed();
            // A run still inside one long builtin after Stop is left to end by itself.
            let abandoned = a.stopping && (detached || now_ms() - a.started > limit_ms + 5_000.0);
            if ended.is_some() || crashed || abandoned {
                collect(a);
                let a = active.swap_remove(i);
                let (mode, seed) = jobs[a.index];
                let trial = Trial {
                    mode,
                    seed,
                    stdout: a.stdout,
                    stderr: a.stderr,
                    exit_code: if a.stopping || crashed { None } else { ended },
                };
                done += 1;
                progress(done, &trial);
                if !keep_going(&trial) {
                    stop_starting = true;
                    if let Some(b) = &batch {
                        b.stop_starting();
                    }
                }
                results[a.index] = Some(trial);
            } else {
                i += 1;
            }
        }
    }
    Ok(results.into_iter().flatten().collect())
}

fn stop_all(active: &[Active], batch: Option<&Batch>) {
    for a in active {
        a.run.request_stop();
    }
    if let Some(b) = batch {
        b.cancel();
    }
}

fn collect(a: &mut Active) {
    for (stream, text) in a.run.take_output() {
        match stream {
            Stream::Stdout => a.stdout.push_str(&text),
            Stream::Stderr => a.stderr.push_str(&text),
            Stream::Input => {}
        }
    }
}

/// `threadlab.benchTrials(code, n, route)`: "Run n times" in stepped mode (seeds 1..=n)
/// through [`run_trials_on`], `route` "pool" or "workers" (the race histogram's old
/// path: 3 runs at a time, a worker per Python thread), for benches/browser/trials.mjs.
/// Resolves with `{ millis, done, poolThreads, outcomes: { lastLine: count } }`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = benchTrials)]
pub async fn bench_trials(code: String, n: u32, route: String) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    use wasm_bindgen::JsValue;
    let route = match route.as_str() {
        "pool" => Route::Auto,
        "workers" => Route::Workers,
        _ => return Err("route must be pool or workers".into()),
    };
    let jobs: Vec<(Mode, u64)> = (1..=n as u64).map(|seed| (Mode::Step, seed)).collect();
    let mut counts: std::collections::BTreeMap<String, u32> = Default::default();
    let start = now_ms();
    let trials = run_trials_on(route, &code, None, jobs, 3, 30_000.0, Cancel::default(), |_, _| {}, |_| true).await?;
    let millis = now_ms() - start;
    for t in &trials {
        let key = match t.exit_code {
            Some(0) => t.last_line().unwrap_or("(no output)").to_string(),
            Some(_) => format!("error: {}", t.error_line().unwrap_or("?")),
            None => "(stopped)".to_string(),
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    let outcomes = js_sys::Object::new();
    for (k, v) in &counts {
        js_sys::Reflect::set(&outcomes, &k.into(), &(*v).into())?;
    }
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&o, &k.into(), &v).map(|_| ());
    set("millis", millis.into())?;
    set("done", (trials.len() as u32).into())?;
    set("poolThreads", pool::pool_threads().map(|n| n as u32).into())?;
    set("outcomes", outcomes.into())?;
    Ok(o.into())
}
