//! Threads benchmark: the programs in benches/threads run in CPython 3.11 and in the
//! engine (GIL and free-threaded modes, native threads), seconds per program and the
//! ratio to CPython. `cargo bench --bench threads`.
//!
//! Both sides are timed the same way, in process: each program runs wrapped between
//! `time.perf_counter()` reads (its first line to its last; start-up and compiling
//! count on neither side), CPython is its real binary (`sys.executable`, not the pyenv
//! shim), and each figure is the median of `BENCH_RUNS` runs (default 3).
//!
//! Read the rows together: `cpu_1thread` vs `cpu_2threads` shows what a second core
//! buys with and without a GIL; `sleepers` should stay near 0.5 s (sleep releases the
//! GIL); `start_latency` is 500 sequential start+join pairs.

use std::process::Command;
use std::sync::Arc;

use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, StdSpawn};
use threadlab::runtime::run;

/// The program between two perf_counter() reads; it prints `BENCH_TIME seconds` last.
fn wrap(src: &str) -> String {
    format!("import time as _bench_time\n_bench_t0 = _bench_time.perf_counter()\n{src}\nprint('BENCH_TIME', _bench_time.perf_counter() - _bench_t0)\n")
}

/// (seconds the program timed itself, its other output).
fn split_time(out: &str) -> (f64, String) {
    let mut secs = f64::NAN;
    let mut rest = String::new();
    for line in out.lines() {
        match line.strip_prefix("BENCH_TIME ") {
            Some(t) => secs = t.trim().parse().unwrap_or(f64::NAN),
            None => {
                rest.push_str(line);
                rest.push('\n');
            }
        }
    }
    (secs, rest)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn engine(src: &str, path: &str, mode: Mode) -> (f64, String) {
    let host = Arc::new(NativeHost::capturing());
    let h = host.clone();
    let src = src.to_string();
    let mut opts = Options::new(path);
    opts.mode = mode;
    let code = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || run::run(&src, opts, h, Arc::new(StdSpawn)))
        .unwrap()
        .join()
        .unwrap();
    let (out, err) = host.captured();
    if code != 0 {
        eprintln!("{path} ({mode:?}) failed: {err}");
    }
    split_time(&out)
}

fn cpython_exe() -> String {
    let out = Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11), sys.version; print(sys.executable)"])
        .output()
        .expect("python3 (CPython 3.11) is needed for this benchmark");
    assert!(out.status.success(), "python3 is not CPython 3.11: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/threads");
    let mut progs: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "py").unwrap_or(false)).collect();
    progs.sort();
    let python = cpython_exe();
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    let tmp = std::env::temp_dir().join(format!("threadlab-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    println!("CPython: {python}; median of {runs} runs, each timed in process (perf_counter)");
    println!("{:<18} {:>10} {:>10} {:>7} {:>10} {:>7}", "program", "cpython s", "gil s", "ratio", "free s", "ratio");
    for p in progs {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let path = p.to_string_lossy().to_string();
        let src = wrap(&std::fs::read_to_string(&p).unwrap());
        let wrapped = tmp.join(format!("{name}.py"));
        std::fs::write(&wrapped, &src).unwrap();
        let mut py_times = vec![];
        let mut py_out = String::new();
        for _ in 0..runs {
            let out = Command::new(&python).arg(&wrapped).output().expect("python3");
            assert!(out.status.success(), "{name} failed in CPython: {}", String::from_utf8_lossy(&out.stderr));
            let (t, o) = split_time(&String::from_utf8_lossy(&out.stdout));
            py_times.push(t);
            py_out = o;
        }
        let py = median(py_times);
        let one = |mode| {
            let mut ts = vec![];
            let mut out = String::new();
            for _ in 0..runs {
                let (t, o) = engine(&src, &path, mode);
                ts.push(t);
                out = o;
            }
            (median(ts), out)
        };
        let (gil, gil_out) = one(Mode::Gil);
        let (free, free_out) = one(Mode::Free);
        let note = |o: &str| if *o == py_out || name.contains("increments") && o.trim().parse::<i64>().is_ok() { "" } else { " (output differs!)" };
        println!(
            "{:<18} {:>10.3} {:>10.3} {:>7.2} {:>10.3} {:>7.2}{}{}",
            name,
            py,
            gil,
            gil / py,
            free,
            free / py,
            note(&gil_out),
            note(&free_out)
        );
    }
}
