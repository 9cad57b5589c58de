//! How to run a program: the mode, stepped mode's policy, and how host threads are
//! started. A leaf: every other file of the runtime may use it, it uses none of them
//! but the trace recorder type.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::trace::Recorder;
use crate::vm::host::ThreadNo;

/// Which scheduler runs the program's threads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// CPython 3.11: one thread runs bytecode at a time, switching at check points.
    #[default]
    Gil,
    /// Like CPython 3.13t: no GIL, threads really run in parallel.
    Free,
    /// One host thread runs all Python threads; the seed picks the interleaving.
    Step,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "gil" => Some(Mode::Gil),
            "free" => Some(Mode::Free),
            "step" => Some(Mode::Step),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Mode::Gil => "gil",
            Mode::Free => "free",
            Mode::Step => "step",
        }
    }
}

/// Starts host threads for Python threads.
pub trait Spawn: Send + Sync {
    /// Run `f` on a new (or reused) host thread. Err: no thread could be started (the
    /// Python code sees `RuntimeError: can't start new thread`).
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String>;
}

/// `std::thread` for the native CLI and tests.
pub struct StdSpawn;
impl Spawn for StdSpawn {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        std::thread::Builder::new().stack_size(64 << 20).spawn(f).map(|_| ()).map_err(|e| e.to_string())
    }
}

/// How the next thread is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Policy {
    /// A seeded random pick among the ready threads, random bursts of 1..=200
    /// instructions.
    #[default]
    Random,
    /// Ready threads in turn, in the order they started.
    RoundRobin,
    /// A recorded schedule: (thread number, burst) per turn. Once it runs out (or names a
    /// thread that is not ready: the program changed) the seeded random policy goes on.
    Replay(Vec<(ThreadNo, u32)>),
}

/// Options of stepped mode.
#[derive(Clone, Debug, Default)]
pub struct StepOptions {
    pub policy: Policy,
    /// Instructions per turn; None: random (1..=200).
    pub burst: Option<u32>,
    /// Where every turn's (thread, burst) is appended, to replay the run later.
    pub record: Option<Arc<Mutex<Vec<(ThreadNo, u32)>>>>,
    /// Run every Python thread on the calling host thread (`solo.rs`) instead of one
    /// host thread each (`stepper.rs`).
    pub one_host_thread: bool,
}

/// How to run one program.
#[derive(Clone)]
pub struct Options {
    pub mode: Mode,
    /// Stepped mode: the seed of the random schedule (same seed, same output).
    pub seed: u64,
    /// The file name shown in tracebacks.
    pub filename: String,
    /// `sys.argv` (argv[0] is usually the file name).
    pub argv: Vec<String>,
    /// Where threads record what they do (the timeline), if anyone wants it.
    pub trace: Option<Arc<Recorder>>,
    /// Stepped mode: policy, burst length, schedule recording.
    pub step: StepOptions,
    /// Lets the program import `_testfault` to inject faults (tests only; see
    /// `stdlib/testfault.rs`). Off unless a test turns it on.
    pub test_faults: bool,
    /// Modules the program can import beside it, by path (`helpers.py`,
    /// `pkg/__init__.py`), for a run with no folder of its own (the page); they come
    /// before the host's own folder.
    pub files: Arc<BTreeMap<String, String>>,
    /// What `input()` reads, as if piped in (EOF after it): an exercise's check feeds
    /// its answers so. None: the host's own standard input (the terminal natively, the
    /// output panel's input line on the page).
    pub stdin: Option<Arc<str>>,
    /// Set for a `multiprocessing` child (`process.rs`): the main file runs as
    /// `__mp_main__`, then the child's target from this pickled payload.
    pub child: Option<Arc<ChildBoot>>,
}

/// What a child process is started with.
pub struct ChildBoot {
    /// The parent's pickled `Process` (`multiprocessing/reduction.py`).
    pub payload: String,
}

impl Options {
    pub fn new(filename: &str) -> Options {
        Options { mode: Mode::Gil, seed: 0, filename: filename.into(), argv: vec![filename.into()], trace: None, step: StepOptions::default(), test_faults: false, files: Arc::default(), stdin: None, child: None }
    }
}
