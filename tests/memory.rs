//! A program's objects are freed when it ends, even the reference cycles every program
//! makes (functions <-> their module's globals, a class <-> its MRO, a suspended
//! generator <-> its frame) and cycles through native state (a deque holding itself):
//! the page runs thousands of programs in one wasm memory.
//! One test per file and nothing else in this process, so the allocator's live-byte
//! count is ours alone. `cargo bench --bench memory` prints the long series.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::Arc;

use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, StdSpawn};
use threadlab::runtime::run;
use threadlab::runtime::trace::Recorder;
use threadlab::vm::memory::live;

/// Cycles of every kind the finalizer must break, all reachable from the module.
const CYCLES: &str = r#"import threading, time, queue, collections
class Node:
    def __init__(self):
        self.me = self
        self.kids = [self]
def gen():
    yield 1
    yield 2
g = gen(); next(g)
l = []; l.append(l)
d = {}; d['d'] = d
def outer():
    x = 1
    def inner():
        return x + len(fs)
    return inner
fs = [outer()]
n = Node()
try:
    raise ValueError("kept with its traceback")
except ValueError as e:
    err = e
q = queue.Queue(); q.put(n)
dq = collections.deque([1, 2])
# Cycles through native state: a deque holding itself, an instance and the deque that
# holds it, a suspended generator that was sent itself, a deque in a closure.
dq_self = collections.deque(); dq_self.append(dq_self); dq_self.append([0] * 500)
class Holder:
    pass
h = Holder(); h.q = collections.deque([h, "x" * 2000])
def selfgen():
    me = yield
    yield me
sg = selfgen(); next(sg); sg.send(sg)
def keeper():
    d = collections.deque()
    def f():
        return d
    d.append(f)
    return f
kf = keeper()
def daemon():
    while True:
        time.sleep(0.001)
threading.Thread(target=daemon, daemon=True).start()
lock = threading.Lock()
total = 0
def work():
    global total
    for _ in range(50):
        with lock:
            total += 1
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(total)
"#;

fn run_once(i: u64) {
    let host = Arc::new(NativeHost::capturing());
    let h = host.clone();
    let mut opts = Options::new("cycles.py");
    opts.mode = [Mode::Gil, Mode::Free, Mode::Step][i as usize % 3];
    opts.seed = i;
    opts.trace = Some(Arc::new(Recorder::new(1000)));
    let code = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || run::run(CYCLES, opts, h, Arc::new(StdSpawn)))
        .unwrap()
        .join()
        .unwrap();
    let (out, err) = host.captured();
    assert_eq!((code, out.trim()), (0, "200"), "run {i}: {err}");
}

#[test]
fn runs_leave_nothing_behind() {
    for i in 0..30 {
        run_once(i);
    }
    // Abandoned daemon threads end (and the last one finalizes) shortly after `run`.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let before = live();
    let runs = 150;
    for i in 30..30 + runs {
        run_once(i);
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let grown = live() as f64 - before as f64;
    let per_run = grown / runs as f64;
    eprintln!("live heap: {before} bytes after warm-up, {} after {runs} more runs ({per_run:.0} bytes per run)", live());
    // Before the finalizer every run of this program left about 100 KB behind.
    assert!(per_run < 2_000.0, "each run leaves {per_run:.0} bytes behind ({grown:.0} over {runs} runs)");
}
