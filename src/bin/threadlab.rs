//! `threadlab run FILE.py [args...]`: runs a program like `python3 FILE.py`.

use std::sync::Arc;
use threadlab::runtime::host::NativeHost;
use threadlab::runtime::program::{self, Mode, Options, StdSpawn};
use threadlab::runtime::trace::{self, Recorder};

fn usage() -> ! {
    eprintln!("usage: threadlab run [--mode gil|free|step] [--seed N] [--trace out.json] FILE.py [args...]");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 || args[1] != "run" {
        usage();
    }
    let mut i = 2;
    let mut mode = Mode::Gil;
    let mut seed = 0u64;
    let mut trace_out: Option<String> = None;
    while i < args.len() && args[i].starts_with("--") {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--mode" => {
                mode = Mode::parse(&value).unwrap_or_else(|| {
                    eprintln!("threadlab: --mode must be gil, free or step");
                    std::process::exit(2)
                })
            }
            "--seed" => {
                seed = value.parse().unwrap_or_else(|_| {
                    eprintln!("threadlab: --seed needs a whole number");
                    std::process::exit(2)
                })
            }
            "--trace" => trace_out = Some(value),
            other => {
                eprintln!("threadlab: unknown option {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    if i >= args.len() {
        usage();
    }
    let path = &args[i];
    let src = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("threadlab: can't open file '{}': [Errno {}] {}", path, e.raw_os_error().unwrap_or(2), e);
            std::process::exit(2);
        }
    };
    let argv: Vec<String> = args[i..].to_vec();
    // CPython reports the main script by its absolute path in tracebacks.
    let shown = {
        let p = std::path::Path::new(path);
        if p.is_absolute() {
            path.clone()
        } else {
            match std::env::current_dir() {
                Ok(d) => d.join(p).to_string_lossy().into_owned(),
                Err(_) => path.clone(),
            }
        }
    };
    let host = Arc::new(NativeHost::new());
    // Run on a big-stack thread: the eval loop is stackless for Python calls, but
    // implicit dunder calls from builtins re-enter (bounded by the recursion limit).
    let h2 = host.clone();
    let recorder = trace_out.as_ref().map(|_| Arc::new(Recorder::new(1 << 20)));
    let mut opts = Options::new(&shown);
    opts.mode = mode;
    opts.seed = seed;
    opts.argv = argv;
    opts.trace = recorder.clone();
    let code = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || program::run(&src, opts, h2, Arc::new(StdSpawn)))
        .expect("spawn")
        .join()
        .unwrap_or(1);
    if let (Some(path), Some(r)) = (trace_out, recorder) {
        let json = trace::chrome_json(&r.drain(false), &r.names());
        if let Err(e) = std::fs::write(&path, json) {
            eprintln!("threadlab: can't write trace to {path}: {e}");
        }
    }
    use threadlab::runtime::host::Host;
    host.flush();
    std::process::exit(code);
}
