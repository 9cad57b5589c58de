//! Benchmark: the same CPU-bound programs in CPython and in the engine.
//! `cargo bench --bench engine` prints program, CPython seconds, engine seconds, ratio.

use std::process::Command;
use std::sync::Arc;
use std::time::Instant;
use threadlab::runtime::native_host::NativeHost;

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/py");
    let mut progs: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "py").unwrap_or(false)).collect();
    progs.sort();
    println!("{:<14} {:>10} {:>10} {:>7}", "program", "cpython s", "engine s", "ratio");
    for p in progs {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&p).unwrap();
        let t0 = Instant::now();
        let out = Command::new("python3").arg(&p).output();
        let py = t0.elapsed().as_secs_f64();
        let py_out = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
        let host = Arc::new(NativeHost::capturing());
        let t1 = Instant::now();
        let code = threadlab::vm::run_main(&src, &p.to_string_lossy(), vec![p.to_string_lossy().into()], host.clone(), threadlab::stdlib::find);
        let en = t1.elapsed().as_secs_f64();
        let (eo, ee) = host.captured();
        let same = if eo == py_out && code == 0 { "" } else { "  (output differs!)" };
        if !ee.is_empty() {
            eprintln!("{name}: {ee}");
        }
        println!("{:<14} {:>10.3} {:>10.3} {:>7.2}{}", name, py, en, en / py, same);
    }
}
