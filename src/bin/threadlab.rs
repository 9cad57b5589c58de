//! `threadlab run FILE.py [args...]`: runs a program like `python3 FILE.py`.

use std::sync::Arc;
use threadlab::runtime::host::NativeHost;

fn usage() -> ! {
    eprintln!("usage: threadlab run FILE.py [args...]");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 || args[1] != "run" {
        usage();
    }
    let mut i = 2;
    // Flags reserved for issue 4 (threads): parsed and rejected for now.
    while i < args.len() && args[i].starts_with("--") {
        match args[i].as_str() {
            "--mode" | "--seed" | "--trace" => {
                eprintln!("threadlab: {} is not supported yet (threads come with the runtime)", args[i]);
                std::process::exit(2);
            }
            other => {
                eprintln!("threadlab: unknown option {other}");
                std::process::exit(2);
            }
        }
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
    let mut argv: Vec<String> = args[i..].to_vec();
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
    i += 1;
    let _ = i;
    let host = Arc::new(NativeHost::new());
    // Run on a big-stack thread: the eval loop is stackless for Python calls, but
    // implicit dunder calls from builtins re-enter (bounded by the recursion limit).
    let h2 = host.clone();
    let code = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let a0 = std::mem::take(&mut argv[0]);
            argv[0] = a0;
            threadlab::vm::run_main(&src, &shown, argv.clone(), h2)
        })
        .expect("spawn")
        .join()
        .unwrap_or(1);
    use threadlab::runtime::host::Host;
    host.flush();
    std::process::exit(code);
}
