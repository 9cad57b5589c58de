//! Benchmark: the same Python programs in CPython 3.11 and in the engine, each timed in
//! process by the same harness. `cargo bench --bench engine` prints, per program, the
//! median seconds of one run on each side, the ratio (engine / CPython) and the geomean.
//!
//! Honest by construction: CPython is its real binary (`sys.executable` of `python3`, not
//! the pyenv shim), and neither side's start-up, parse or compile is counted: the body
//! is timed with `time.perf_counter()` by `benches/pyperf_shim/pyperf.py`, a stand-in for
//! pyperf that both interpreters import (one warm-up or calibration run, then
//! `BENCH_RUNS` timed runs, default 5; the median is reported). The engine is given the
//! loop count CPython calibrated for each benchmark (`--loops-of`), so both do the same work.
//!
//! Programs: pyperformance's pure-Python benchmarks, fetched at bench time with
//! `pip download --no-deps pyperformance==1.14.0` into `target/pyperf-cache` (never
//! committed) and run unmodified, plus ours in `benches/py`. Programs the engine cannot
//! run are listed with the error it gave. `BENCH_FILTER=a,b` runs only names containing
//! one of the words.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use threadlab::runtime::native_host::NativeHost;
use threadlab::vm::import::ModuleSource;

const PYPERFORMANCE: &str = "1.14.0";

/// pyperformance's benchmarks that need nothing outside CPython's standard library
/// (no third-party packages, files, sockets or subprocesses).
const PYPERFORMANCE_PROGRAMS: &[&str] = &[
    "chaos", "comprehensions", "coroutines", "deepcopy", "deltablue", "fannkuch", "float", "generators", "go",
    "hexiom", "meteor_contest", "nbody", "nqueens", "pidigits", "raytrace", "richards", "richards_super", "scimark",
    "spectral_norm", "unpack_sequence", "json_dumps", "pprint", "logging",
];

/// The engine's library: the stdlib plus the pyperf stand-in.
fn library(name: &str) -> Option<ModuleSource> {
    match name {
        "pyperf" => Some(ModuleSource::Python(include_str!("pyperf_shim/pyperf.py"))),
        _ => threadlab::stdlib::find(name),
    }
}

/// One `BENCH name loops median min runs` line.
struct Timing {
    loops: u64,
    median: f64,
}

fn parse(stdout: &str) -> (BTreeMap<String, Timing>, String) {
    let mut t = BTreeMap::new();
    let mut rest = String::new();
    for line in stdout.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() == 6 && f[0] == "BENCH" {
            if let (Ok(loops), Ok(median)) = (f[2].parse(), f[3].parse()) {
                t.insert(f[1].to_string(), Timing { loops, median });
                continue;
            }
        }
        rest.push_str(line);
        rest.push('\n');
    }
    (t, rest)
}

fn cpython() -> String {
    let out = Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11), sys.version; print(sys.executable)"])
        .output()
        .expect("python3 (CPython 3.11) is needed for this benchmark");
    assert!(out.status.success(), "python3 is not CPython 3.11: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// target/ (the bench binary lives in target/<profile>/deps/).
fn target_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CARGO_TARGET_DIR") {
        return PathBuf::from(d);
    }
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// pyperformance's benchmark directory, downloaded and unpacked once.
fn pyperformance(python: &str) -> PathBuf {
    let cache = target_dir().join("pyperf-cache");
    let bench_dir = cache.join("x/pyperformance/data-files/benchmarks");
    if bench_dir.is_dir() {
        return bench_dir;
    }
    std::fs::create_dir_all(&cache).unwrap();
    let st = Command::new(python)
        .args(["-m", "pip", "download", "--no-deps", &format!("pyperformance=={PYPERFORMANCE}"), "-d"])
        .arg(&cache)
        .status()
        .expect("pip");
    assert!(st.success(), "pip download pyperformance failed");
    let st = Command::new(python)
        .current_dir(&cache)
        .args(["-c", &format!("import zipfile; zipfile.ZipFile('pyperformance-{PYPERFORMANCE}-py3-none-any.whl').extractall('x')")])
        .status()
        .unwrap();
    assert!(st.success() && bench_dir.is_dir(), "could not unpack pyperformance");
    bench_dir
}

fn run_cpython(python: &str, shim: &Path, prog: &Path, runs: u32) -> Result<(BTreeMap<String, Timing>, String), String> {
    let out = Command::new(python)
        .env("PYTHONPATH", shim)
        .arg(prog)
        .arg(format!("--runs={runs}"))
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(last_line(&String::from_utf8_lossy(&out.stderr)));
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

fn run_engine(prog: &Path, runs: u32, loops: &str) -> Result<(BTreeMap<String, Timing>, String), String> {
    let src = std::fs::read_to_string(prog).unwrap();
    let path = prog.to_string_lossy().to_string();
    let argv = vec![path.clone(), format!("--runs={runs}"), format!("--loops-of={loops}")];
    let host = Arc::new(NativeHost::capturing());
    let h = host.clone();
    let code = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || threadlab::vm::run_main(&src, &path, argv, h, library))
        .unwrap()
        .join()
        .map_err(|_| "the engine panicked".to_string())?;
    let (out, err) = host.captured();
    if code != 0 {
        return Err(last_line(&err));
    }
    Ok(parse(&out))
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("(no message)").trim().to_string()
}

fn main() {
    let python = cpython();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shim = root.join("benches/pyperf_shim");
    let runs: u32 = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let filter: Vec<String> = std::env::var("BENCH_FILTER").unwrap_or_default().split(',').filter(|s| !s.is_empty()).map(String::from).collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));

    let mut progs: Vec<(String, PathBuf)> = Vec::new();
    let bm = pyperformance(&python);
    for name in PYPERFORMANCE_PROGRAMS {
        progs.push((name.to_string(), bm.join(format!("bm_{name}/run_benchmark.py"))));
    }
    let mut own: Vec<PathBuf> = std::fs::read_dir(root.join("benches/py")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "py")).collect();
    own.sort();
    for p in own {
        progs.push((format!("own/{}", p.file_stem().unwrap().to_string_lossy()), p));
    }

    println!("CPython: {python}; median of {runs} in-process runs each side (time.perf_counter)");
    println!("{:<28} {:>7} {:>11} {:>11} {:>7}", "program", "loops", "cpython s", "engine s", "ratio");
    let mut ratios = Vec::new();
    let mut failed = Vec::new();
    for (name, path) in progs.iter().filter(|(n, _)| wanted(n)) {
        let (py, py_rest) = match run_cpython(&python, &shim, path, runs) {
            Ok(x) => x,
            Err(e) => {
                failed.push(format!("{name}: CPython failed: {e}"));
                continue;
            }
        };
        // Each benchmark of the program with the loop count CPython calibrated for it.
        let loops = py.iter().map(|(bench, t)| format!("{bench}:{}", t.loops)).collect::<Vec<_>>().join(",");
        let (en, en_rest) = match run_engine(path, runs, &loops) {
            Ok(x) => x,
            Err(e) => {
                failed.push(format!("{name}: {e}"));
                continue;
            }
        };
        let note = if py_rest == en_rest { "" } else { "  (output differs!)" };
        for (bench, t) in &py {
            let Some(e) = en.get(bench) else {
                failed.push(format!("{name}: engine printed no timing for {bench}"));
                continue;
            };
            let label = if name.ends_with(bench.as_str()) { name.clone() } else { format!("{name}:{bench}") };
            if e.loops != t.loops {
                failed.push(format!("{label}: the engine ran {} loops, CPython {}", e.loops, t.loops));
                continue;
            }
            let r = e.median / t.median;
            ratios.push(r);
            println!("{:<28} {:>7} {:>11.4} {:>11.4} {:>7.2}{note}", label, t.loops, t.median, e.median, r);
        }
    }
    if !ratios.is_empty() {
        let geo = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
        println!("{:<28} {:>7} {:>11} {:>11} {:>7.2}   ({} programs; goal <= 1.50)", "geomean", "", "", "", geo, ratios.len());
    }
    if !failed.is_empty() {
        println!("\nnot run ({}):", failed.len());
        for f in &failed {
            println!("  {f}");
        }
    }
}
