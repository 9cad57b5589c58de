//! Many runs of one program (exercise checks, the race histogram), a few at a time on
//! workers. The page only polls: it never waits on a lock.

use std::cell::Cell;
use std::rc::Rc;

use crate::runtime::options::{Mode, Options};
use crate::web::clock::now_ms;
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

/// Runs `code` once per `(mode, seed)`, at most `parallel` at a time; a run longer than
/// `limit_ms` is stopped. `progress(done, results so far)` is called as runs end;
/// returning false from `keep_going` (checked after each run) stops the batch early.
/// Results come back in the order of `jobs`, without the runs that never started.
pub async fn run_trials(
    code: &str,
    jobs: Vec<(Mode, u64)>,
    parallel: usize,
    limit_ms: f64,
    cancel: Cancel,
    mut progress: impl FnMut(usize, &Trial),
    keep_going: impl Fn(&Trial) -> bool,
) -> Result<Vec<Trial>, String> {
    let mut results: Vec<Option<Trial>> = vec![None; jobs.len()];
    let mut next = 0;
    let mut active: Vec<Active> = Vec::new();
    let mut done = 0;
    let mut stop_starting = false;
    loop {
        while !stop_starting && !cancel.is_cancelled() && active.len() < parallel.max(1) && next < jobs.len() {
            let (mode, seed) = jobs[next];
            let mut opts = Options::new("main.py");
            opts.mode = mode;
            opts.seed = seed;
            let run = match start_python(code, opts) {
                Ok(run) => run,
                Err(e) => {
                    for a in &active {
                        a.run.request_stop();
                    }
                    return Err(e);
                }
            };
            active.push(Active { run, index: next, stdout: String::new(), stderr: String::new(), started: now_ms(), stopping: false });
            next += 1;
        }
        if active.is_empty() {
            break;
        }
        sleep_ms(10).await;
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
            let ended = a.run.exit_code();
            let crashed = a.run.crashed();
            // A run that ignores Stop for 5 s more is abandoned.
            let abandoned = a.stopping && now_ms() - a.started > limit_ms + 5_000.0;
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
                }
                results[a.index] = Some(trial);
            } else {
                i += 1;
            }
        }
    }
    Ok(results.into_iter().flatten().collect())
}

fn collect(a: &mut Active) {
    for (stream, text) in a.run.take_output() {
        match stream {
            Stream::Stdout => a.stdout.push_str(&text),
            Stream::Stderr => a.stderr.push_str(&text),
        }
    }
}
