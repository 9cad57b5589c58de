//! Threads benchmark: the programs in benches/threads run in CPython 3.11 and in the
//! engine (GIL and free-threaded modes, native threads), wall-clock seconds per
//! program and the ratio to CPython. `cargo bench --bench threads`.
//!
//! Read the rows together: `cpu_1thread` vs `cpu_2threads` shows what a second core
//! buys with and without a GIL; `sleepers` should stay near 0.5 s (sleep releases the
//! GIL); `start_latency` is 500 sequential start+join pairs.

use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, StdSpawn};
use threadlab::runtime::run;

fn engine(src: &str, path: &str, mode: Mode) -> (f64, String) {
    let host = Arc::new(NativeHost::capturing());
    let h = host.clone();
    let src = src.to_string();
    let mut opts = Options::new(path);
    opts.mode = mode;
    let t = Instant::now();
    let code = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || run::run(&src, opts, h, Arc::new(StdSpawn)))
        .unwrap()
        .join()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    let (out, err) = host.captured();
    if code != 0 {
        eprintln!("{path} ({mode:?}) failed: {err}");
    }
    (secs, out)
}

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/threads");
    let mut progs: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "py").unwrap_or(false)).collect();
    progs.sort();
    println!("{:<18} {:>10} {:>10} {:>7} {:>10} {:>7}", "program", "cpython s", "gil s", "ratio", "free s", "ratio");
    for p in progs {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let path = p.to_string_lossy().to_string();
        let src = std::fs::read_to_string(&p).unwrap();
        let t0 = Instant::now();
        let out = Command::new("python3").arg(&p).output().expect("python3");
        let py = t0.elapsed().as_secs_f64();
        let py_out = String::from_utf8_lossy(&out.stdout).into_owned();
        let (gil, gil_out) = engine(&src, &path, Mode::Gil);
        let (free, free_out) = engine(&src, &path, Mode::Free);
        let note = |o: &str| if o == py_out || name.contains("increments") && o.trim().parse::<i64>().is_ok() { "" } else { " (output differs!)" };
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
