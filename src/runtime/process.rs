//! `multiprocessing` children: each is a whole program of its own, as a process started
//! with CPython's "spawn" method is. It gets a new interpreter (its own modules and
//! objects, so globals are not shared), its own runner (its own GIL: CPU-bound children
//! run in parallel even in GIL mode) and a host thread of its own from the program's
//! [`Spawn`](super::options::Spawn) (a Web Worker on the page). It runs the parent's main
//! file again as `__mp_main__`, then `multiprocessing.process._child_main`, which
//! unpickles the `Process` the parent sent and runs its target. Everything that crosses
//! is pickled text (`multiprocessing/reduction.py`, channels in `stdlib/mp.rs`).
//!
//! The child writes through its parent's host, so its output reaches the same page or
//! terminal, and is abandoned with it (Stop, or the parent's end).

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Arc;

use super::options::ChildBoot;
use super::program::{Program, ProgramHost};
use crate::vm::host::{Host, HttpRequest, HttpResponse, LocalModule, NetError, ProcessLink, MAIN_PID};

/// Most children alive at once, over every program of the page or process: each holds
/// a host thread (a worker) for its main thread, and more for its own threads.
#[cfg(target_arch = "wasm32")]
const MAX_PROCESSES: usize = 16;
#[cfg(not(target_arch = "wasm32"))]
const MAX_PROCESSES: usize = 64;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static NEXT_PID: AtomicU32 = AtomicU32::new(MAIN_PID + 1);

/// Starts a child of `parent` (see the module comment).
pub fn start(parent: &Arc<Program>, payload: String) -> Result<Arc<ProcessLink>, String> {
    let Some((src, mut opts)) = parent.launch.lock().unwrap_or_else(|e| e.into_inner()).clone() else {
        return Err("processes cannot be started here (the explorer runs one process)".into());
    };
    if parent.killed() {
        return Err("the program is over".into());
    }
    if LIVE.fetch_add(1, Ordering::AcqRel) >= MAX_PROCESSES {
        LIVE.fetch_sub(1, Ordering::AcqRel);
        return Err(format!("too many processes: at most {MAX_PROCESSES} may run at once here"));
    }
    let pid = NEXT_PID.fetch_add(1, Ordering::Relaxed);
    let link = Arc::new(ProcessLink::new(pid));
    let host: Arc<dyn Host> = Arc::new(ChildHost { parent: parent.host.clone(), link: link.clone(), ppid: parent.host.process_ids().0 });
    // The timeline and a recorded schedule are the parent's; the files are shared
    // through the host, not seeded again over what the parent wrote since.
    opts.trace = None;
    opts.step.record = None;
    opts.files = Arc::default();
    opts.stdin = Some(Arc::from(""));
    opts.seed = opts.seed.wrapping_mul(31).wrapping_add(pid as u64);
    opts.child = Some(Arc::new(ChildBoot { payload }));
    let spawn = parent.spawn.clone();
    let ran = {
        let link = link.clone();
        let spawn2 = spawn.clone();
        spawn.spawn(Box::new(move || {
            let code = super::run::run(&src, opts, host, spawn2);
            // terminate(): CPython's child dies of SIGTERM, exit code -15.
            let code = if link.terminated.load(Ordering::Relaxed) { -15 } else { code };
            LIVE.fetch_sub(1, Ordering::AcqRel);
            link.finish(code);
        }))
    };
    if let Err(e) = ran {
        LIVE.fetch_sub(1, Ordering::AcqRel);
        return Err(e);
    }
    Ok(link)
}

/// A child's host: its parent's, with its own pid and kill switch (`terminate()`).
struct ChildHost {
    parent: Arc<ProgramHost>,
    link: Arc<ProcessLink>,
    ppid: u32,
}

impl Host for ChildHost {
    fn write_stdout(&self, s: &str) {
        self.parent.write_stdout(s)
    }
    fn write_stderr(&self, s: &str) {
        self.parent.write_stderr(s)
    }
    fn flush(&self) {
        self.parent.flush()
    }
    fn now(&self) -> f64 {
        self.parent.now()
    }
    fn wall(&self) -> f64 {
        self.parent.wall()
    }
    fn wait_until(&self, t: f64) {
        self.parent.wait_until(t)
    }
    /// The parent's Stop, or the parent's end, ends the child too.
    fn stop_requested(&self) -> bool {
        self.parent.stop_requested()
    }
    fn crashed(&self, message: &str) {
        self.parent.crashed(message)
    }
    fn kill_switch(&self) -> Option<Arc<std::sync::atomic::AtomicBool>> {
        Some(self.link.kill.clone())
    }
    fn test_faults(&self) -> bool {
        self.parent.test_faults()
    }
    fn local_module(&self, name: &str) -> Option<LocalModule> {
        self.parent.local_module(name)
    }
    fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        self.parent.read_file(path)
    }
    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        self.parent.list_dir(path)
    }
    fn files(&self) -> Option<&crate::vm::files::Files> {
        self.parent.files()
    }
    fn fetch(&self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        self.parent.fetch(req)
    }
    fn origin(&self) -> Option<String> {
        self.parent.origin()
    }
    fn process_ids(&self) -> (u32, u32) {
        (self.link.pid, self.ppid)
    }
}
