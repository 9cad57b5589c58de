//! Memory benchmark (issue 15): many programs run one after another in one process, the
//! way the page runs them in one wasm memory, and the process's resident memory is
//! printed every 500 runs. After warm-up the series must stay flat (growth under 1 MB
//! per 1,000 runs). `cargo bench --bench memory` (RUNS=5000 by default).
//!
//! Each run cycles the modes (gil, free, step), records a trace as the page does, and
//! every tenth run compiles a program with fresh names, so interned names, code objects
//! and module tables that outlive their run show up as growth.

use std::sync::Arc;

use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, StdSpawn};
use threadlab::runtime::run;
use threadlab::runtime::trace::Recorder;

/// The program both memory benchmarks run (benches/browser/memory.mjs reads it too).
const COUNTER: &str = include_str!("memory/counter.py");

/// Resident set size in bytes, from /proc/self/statm (Linux).
fn rss() -> f64 {
    let s = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm (this benchmark needs Linux)");
    let pages: f64 = s.split_whitespace().nth(1).and_then(|p| p.parse().ok()).expect("statm's resident field");
    pages * 4096.0
}

/// Live heap bytes as the engine's counting allocator sees them (exact, unlike RSS).
fn live() -> f64 {
    threadlab::vm::memory::live() as f64
}

fn run_once(i: usize) -> String {
    let mode = [Mode::Gil, Mode::Free, Mode::Step][i % 3];
    let src = if i % 10 == 9 {
        // Fresh identifiers every time: a run must not leave its names behind.
        format!("v{i} = {i}\ndef f{i}(a{i}):\n    return a{i} + 1\nclass C{i}:\n    attr{i} = 1\nprint(f{i}(v{i}) - {i} + 1599 + C{i}.attr{i} - 1)\n")
    } else {
        COUNTER.to_string()
    };
    let host = Arc::new(NativeHost::capturing());
    let h = host.clone();
    let mut opts = Options::new("memory.py");
    opts.mode = mode;
    opts.seed = i as u64;
    opts.trace = Some(Arc::new(Recorder::new(10_000)));
    let code = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || run::run(&src, opts, h, Arc::new(StdSpawn)))
        .expect("spawn")
        .join()
        .expect("run thread");
    let (out, err) = host.captured();
    assert_eq!(code, 0, "run {i} ({mode:?}) failed: {err}");
    out
}

fn main() {
    let runs: usize = std::env::var("RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5000);
    println!("memory benchmark: {runs} runs in one process (gil/free/step, 8 threads x 200 locked increments; every 10th run has fresh names)");
    println!("{:>6} runs  live heap {:7.2} MiB  rss {:7.1} MiB", 0, live() / 1048576.0, rss() / 1048576.0);
    let mut at_500 = None;
    for i in 0..runs {
        let out = run_once(i);
        assert_eq!(out.trim(), "1600", "run {i} printed {out:?}");
        if (i + 1) % 500 == 0 {
            let now = live();
            println!("{:>6} runs  live heap {:7.2} MiB  rss {:7.1} MiB", i + 1, now / 1048576.0, rss() / 1048576.0);
            if at_500.is_none() {
                at_500 = Some((i + 1, now));
            }
        }
    }
    if let Some((n, m)) = at_500 {
        let per_1000 = (live() - m) / ((runs - n).max(1) as f64) * 1000.0;
        println!("live heap growth after warm-up ({n} runs): {:.1} KiB per 1,000 runs (goal < 1 MB)", per_1000 / 1024.0);
    }
    trials();
    explorations();
}

/// The page's exploration loop natively: `runtime::explore` of a two-thread race,
/// EXPLORES times (200 by default), as `threadlab.explore` runs it on one worker.
fn explorations() {
    const RACY: &str = "import threading\nx = 0\ndef inc():\n    global x\n    x = x + 1\nts = [threading.Thread(target=inc) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(x)\n";
    let n: usize = std::env::var("EXPLORES").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    println!("{n} explorations of a two-thread race");
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let mut first = None;
            for i in 0..n {
                let e = threadlab::runtime::explore::explore(RACY, "main.py", &threadlab::runtime::explore::ExploreOptions::default());
                drop(e);
                if (i + 1) % 50 == 0 {
                    let now = live();
                    println!("{:>6} explorations live heap {:7.2} MiB  rss {:7.1} MiB", i + 1, now / 1048576.0, rss() / 1048576.0);
                    first.get_or_insert((i + 1, now));
                }
            }
            if let Some((k, m)) = first {
                let per = (live() - m) / ((n - k).max(1) as f64);
                println!("live heap growth after {k} explorations: {:.1} KiB per exploration", per / 1024.0);
            }
        })
        .expect("spawn")
        .join()
        .expect("explorations thread");
}

/// "Run 200 times" natively: stepped trials on one host thread (`runtime::trial`, what
/// each task of the page's trial pool runs), TRIALS of them (4,000 by default).
fn trials() {
    let trials: usize = std::env::var("TRIALS").ok().and_then(|s| s.parse().ok()).unwrap_or(4000);
    println!("{trials} stepped trials on one host thread (the trial pool's task)");
    let mut at_500 = None;
    let worker = std::thread::Builder::new().stack_size(64 << 20);
    worker
        .spawn(move || {
            for i in 0..trials {
                let (result, cut) = threadlab::runtime::trial::solo_trial(COUNTER, i as u64, None);
                assert!(cut.is_none(), "trial {i} was cut: {cut:?}");
                assert_eq!(result.stdout.trim(), "1600", "trial {i} printed {:?}", result.stdout);
                if (i + 1) % 500 == 0 {
                    let now = live();
                    println!("{:>6} trials live heap {:7.2} MiB  rss {:7.1} MiB", i + 1, now / 1048576.0, rss() / 1048576.0);
                    at_500.get_or_insert((i + 1, now));
                }
            }
            if let Some((n, m)) = at_500 {
                let per_1000 = (live() - m) / ((trials - n).max(1) as f64) * 1000.0;
                println!("live heap growth after warm-up ({n} trials): {:.1} KiB per 1,000 trials (goal < 1 MB)", per_1000 / 1024.0);
            }
        })
        .expect("spawn")
        .join()
        .expect("trials thread");
}
