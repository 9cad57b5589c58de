//! A thread that dies inside the engine (here: a Rust panic injected with `_testfault`)
//! ends its run with a message naming it, its other threads are stopped, their host
//! threads are given back, the program is freed, and the next run works. The browser's
//! kinds of death (traps, failed allocations) are tested in tests/e2e/faults.test.mjs.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and host threads.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, Spawn};
use threadlab::runtime::run;

/// `std::thread` with a count of host threads still running a job.
struct CountingSpawn(Arc<AtomicUsize>);

impl Spawn for CountingSpawn {
    fn spawn(&self, f: Box<dyn FnOnce() + Send>) -> Result<(), String> {
        let live = self.0.clone();
        live.fetch_add(1, Ordering::SeqCst);
        std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || {
                // Counted down even when the job panics (it must not, but if it did the
                // test would still see the thread end).
                struct Done(Arc<AtomicUsize>);
                impl Drop for Done {
                    fn drop(&mut self) {
                        self.0.fetch_sub(1, Ordering::SeqCst);
                    }
                }
                let _done = Done(live);
                f()
            })
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    /// Host threads of the program still running 3 s after `run` returned.
    threads_left: usize,
    /// True when the program (its registry, host and interpreter) was dropped.
    freed: bool,
}

/// Runs `src` with fault injection armed; fails if the run does not end within 10 s.
fn run_armed(src: &str, mode: Mode) -> Outcome {
    let host = Arc::new(NativeHost::capturing());
    let live = Arc::new(AtomicUsize::new(0));
    let (h, l, src) = (host.clone(), live.clone(), src.to_string());
    let mut opts = Options::new("faults.py");
    opts.mode = mode;
    opts.seed = 7;
    opts.test_faults = true;
    let worker = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || run::run(&src, opts, h, Arc::new(CountingSpawn(l))))
        .unwrap();
    let t0 = Instant::now();
    while !worker.is_finished() {
        assert!(t0.elapsed() < Duration::from_secs(10), "the run did not end within 10 s ({mode:?})");
        std::thread::sleep(Duration::from_millis(5));
    }
    let code = worker.join().expect("run itself panicked");
    let t1 = Instant::now();
    while live.load(Ordering::SeqCst) > 0 && t1.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(5));
    }
    // The program holds the host; once it is finalized and dropped, only we do.
    let t2 = Instant::now();
    while Arc::strong_count(&host) > 1 && t2.elapsed() < Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let (stdout, stderr) = host.captured();
    Outcome { code, stdout, stderr, threads_left: live.load(Ordering::SeqCst), freed: Arc::strong_count(&host) == 1 }
}

/// A worker thread panics while two others spin forever (non-daemon: without the crash
/// ending the run, `threading._shutdown` would wait for them for ever).
const PANIC_IN_THREAD: &str = r#"import threading, _testfault
def spin():
    n = 0
    while True:
        n += 1
def boom():
    for i in range(1000):
        pass
    _testfault.panic("boom in a worker")
print("start", flush=True)
for _ in range(2):
    threading.Thread(target=spin).start()
t = threading.Thread(target=boom, name="Thread-boom")
t.start()
t.join()
print("not reached")
"#;

#[test]
fn a_panic_in_a_thread_ends_the_run_in_every_mode() {
    for mode in [Mode::Gil, Mode::Free, Mode::Step] {
        let o = run_armed(PANIC_IN_THREAD, mode);
        assert_eq!(o.code, 1, "{mode:?}: {}", o.stderr);
        assert_eq!(o.stdout, "start\n", "{mode:?}");
        assert!(
            o.stderr.contains("The program's thread 'Thread-boom' crashed: a Rust panic: boom in a worker"),
            "{mode:?}: stderr was {:?}",
            o.stderr
        );
        assert_eq!(o.threads_left, 0, "{mode:?}: the spinning threads were not stopped");
        assert!(o.freed, "{mode:?}: the program was not freed (the dead thread stayed registered?)");
    }
}

#[test]
fn a_panic_in_the_main_thread_stops_the_others() {
    let src = r#"import threading, _testfault
def spin():
    while True:
        pass
threading.Thread(target=spin).start()
_testfault.panic("main died")
"#;
    for mode in [Mode::Gil, Mode::Free, Mode::Step] {
        let o = run_armed(src, mode);
        assert_eq!(o.code, 1, "{mode:?}");
        assert!(o.stderr.contains("The program's thread 'MainThread' crashed: a Rust panic: main died"), "{mode:?}: {:?}", o.stderr);
        assert_eq!(o.threads_left, 0, "{mode:?}: the spinning thread was not stopped");
        assert!(o.freed, "{mode:?}: the program was not freed");
    }
}

#[test]
fn the_gil_holder_dying_does_not_block_the_waiters() {
    // Four CPU-bound threads take turns on the GIL; one dies while it holds it, and
    // one waits on a lock the dead thread holds (a wait inside `with`, no timeout).
    let src = r#"import threading, _testfault, sys
sys.setswitchinterval(0.001)
held = threading.Lock()
def spin():
    while True:
        pass
def waiter():
    with held:
        pass
def holder():
    held.acquire()
    for i in range(20000):
        pass
    _testfault.panic("died holding the GIL and a lock")
ts = [threading.Thread(target=spin) for _ in range(3)]
ts.append(threading.Thread(target=holder, name="holder"))
ts.append(threading.Thread(target=waiter))
for t in ts: t.start()
for t in ts: t.join()
"#;
    let o = run_armed(src, Mode::Gil);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("thread 'holder' crashed"), "{:?}", o.stderr);
    assert_eq!(o.threads_left, 0, "threads still waiting for the GIL or the lock");
    assert!(o.freed);
}

#[test]
fn the_next_run_works_and_programs_cannot_import_it_unarmed() {
    let crashed = run_armed(PANIC_IN_THREAD, Mode::Gil);
    assert!(crashed.stderr.contains("crashed"));
    let ok = run_armed("import threading\nts=[threading.Thread(target=print, args=(i,)) for i in range(3)]\n[t.start() for t in ts]\n[t.join() for t in ts]\nprint('ok')\n", Mode::Gil);
    assert_eq!((ok.code, ok.stdout.lines().last()), (0, Some("ok")), "{}", ok.stderr);
    assert!(ok.freed && ok.threads_left == 0);

    // Unarmed (the default), the module does not exist.
    let host = Arc::new(NativeHost::capturing());
    let code = run::run("import _testfault\n", Options::new("x.py"), host.clone(), Arc::new(CountingSpawn(Default::default())));
    let (_, err) = host.captured();
    assert_eq!(code, 1);
    assert!(err.ends_with("ModuleNotFoundError: No module named '_testfault'\n"), "{err:?}");
}

#[test]
fn the_command_line_reports_a_crash_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("threadlab-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("boom.py");
    std::fs::write(&file, PANIC_IN_THREAD).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadlab"))
        .args(["run", "--test-faults", "--mode", "free"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("The program's thread 'Thread-boom' crashed: a Rust panic: boom in a worker"), "{err}");
    // Without the flag the program gets a plain ModuleNotFoundError.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadlab")).arg("run").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("ModuleNotFoundError: No module named '_testfault'"));
    let _ = std::fs::remove_dir_all(&dir);
}
