//! `threadlab run FILE.py [args...]`: runs a program like `python3 FILE.py`.

use std::fmt::Write as _;
use std::sync::Arc;
use threadlab::runtime::native_host::NativeHost;
use threadlab::runtime::options::{Mode, Options, Policy, StdSpawn, StepOptions};
use threadlab::runtime::run;
use threadlab::runtime::trace::{self, Recorder};

fn usage() -> ! {
    eprintln!("usage: threadlab run [--mode gil|free|step] [--seed N] [--policy random|round-robin] [--burst N]\n                     [--record schedule.txt] [--replay schedule.txt] [--one-thread] [--test-faults] [--trace out.json] FILE.py [args...]\n       threadlab explore [--max-runs N] [--json] [--sleep-sets on|off] [--replay THREAD:N,...] FILE.py");
    std::process::exit(2)
}

fn read_source(path: &str) -> String {
    match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("threadlab: can't open file '{}': [Errno {}] {}", path, e.raw_os_error().unwrap_or(2), e);
            std::process::exit(2);
        }
    }
}

/// `threadlab explore FILE.py`: every outcome of the program, each with a schedule
/// that reproduces it (`--replay` runs one such schedule).
fn explore_main(args: &[String]) -> ! {
    use threadlab::runtime::explore;
    let mut opts = explore::ExploreOptions::default();
    let mut json = false;
    let mut replay: Option<String> = None;
    let mut file: Option<String> = None;
    let mut i = 2;
    while i < args.len() {
        match args[i].as_str() {
            "--max-runs" => {
                i += 1;
                opts.max_runs = args.get(i).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                    eprintln!("threadlab: --max-runs needs a whole number");
                    std::process::exit(2)
                });
            }
            "--json" => json = true,
            "--sleep-sets" => {
                i += 1;
                opts.sleep_sets = match args.get(i).map(|s| s.as_str()) {
                    Some("on") => true,
                    Some("off") => false,
                    _ => {
                        eprintln!("threadlab: --sleep-sets needs on or off");
                        std::process::exit(2)
                    }
                };
            }
            "--replay" => {
                i += 1;
                replay = Some(args.get(i).cloned().unwrap_or_else(|| usage()));
            }
            a if a.starts_with("--") => {
                eprintln!("threadlab: unknown option {a}");
                std::process::exit(2);
            }
            a => file = Some(a.to_string()),
        }
        i += 1;
    }
    let Some(path) = file else { usage() };
    let src = read_source(&path);
    let work = move || -> i32 {
        if let Some(text) = replay {
            let sched = match explore::parse_schedule(&text) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("threadlab: {e}");
                    return 2;
                }
            };
            let r = explore::replay(&src, &path, &sched);
            emit(&r.result.stdout);
            eprint!("{}", r.result.stderr);
            if let Some(d) = &r.diverged {
                eprintln!("threadlab: the schedule diverged at {}; the rest ran with the default policy", d.reason);
            }
            return r.result.exit_code;
        }
        let t0 = std::time::Instant::now();
        let e = explore::explore(&src, &path, &opts);
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        let mut out = String::new();
        if json {
            let _ = writeln!(out, "{}", e.to_json());
        } else {
            let _ = writeln!(
                out,
                "{} outcome(s) in {} run(s), {:.1} ms: {}",
                e.outcomes.len(),
                e.runs,
                ms,
                if e.complete { "complete (every interleaving covered)".to_string() } else { format!("INCOMPLETE, {} branch(es) left", e.pending) }
            );
            if let Some(n) = &e.note {
                let _ = writeln!(out, "note: {n}");
            }
            for (k, o) in e.outcomes.iter().enumerate() {
                let _ = writeln!(out, "--- outcome {} ({} run(s)), exit code {}, schedule {}", k + 1, o.runs, o.exit_code, explore::schedule_text(&o.schedule));
                for l in o.stdout.lines() {
                    let _ = writeln!(out, "  | {l}");
                }
                for l in o.stderr.lines() {
                    let _ = writeln!(out, "  ! {l}");
                }
            }
        }
        emit(&out);
        if e.complete { 0 } else { 3 }
    };
    let code = std::thread::Builder::new().stack_size(256 << 20).spawn(work).expect("spawn").join().unwrap_or(1);
    std::process::exit(code)
}

/// Writes a report to stdout; a reader that went away (`threadlab explore x.py | head -1`)
/// ends the output quietly instead of panicking as `print!` does on a closed pipe.
fn emit(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes()).and_then(|_| o.flush());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 2 && args[1] == "explore" {
        explore_main(&args);
    }
    if args.len() < 3 || args[1] != "run" {
        usage();
    }
    let mut i = 2;
    let mut mode = Mode::Gil;
    let mut seed = 0u64;
    let mut trace_out: Option<String> = None;
    let mut step = StepOptions::default();
    let mut record_out: Option<String> = None;
    let mut test_faults = false;
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
            "--policy" => {
                step.policy = match value.as_str() {
                    "random" => Policy::Random,
                    "round-robin" => Policy::RoundRobin,
                    _ => {
                        eprintln!("threadlab: --policy must be random or round-robin");
                        std::process::exit(2)
                    }
                }
            }
            "--burst" => {
                step.burst = Some(value.parse().unwrap_or_else(|_| {
                    eprintln!("threadlab: --burst needs a whole number of instructions");
                    std::process::exit(2)
                }))
            }
            "--record" => record_out = Some(value),
            "--one-thread" => {
                step.one_host_thread = true;
                i += 1;
                continue;
            }
            // Lets the program import `_testfault` (fault-injection tests only).
            "--test-faults" => {
                test_faults = true;
                i += 1;
                continue;
            }
            "--replay" => {
                let text = std::fs::read_to_string(&value).unwrap_or_else(|e| {
                    eprintln!("threadlab: can't read schedule {value}: {e}");
                    std::process::exit(2)
                });
                let turns = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| {
                        let mut it = l.split_whitespace().map(|w| w.parse::<u64>());
                        match (it.next(), it.next()) {
                            (Some(Ok(t)), Some(Ok(b))) => Some((t, b as u32)),
                            _ => None,
                        }
                    })
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_else(|| {
                        eprintln!("threadlab: {value}: each line must be `thread burst`");
                        std::process::exit(2)
                    });
                step.policy = Policy::Replay(turns);
            }
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
    let mut host = NativeHost::new();
    // `import helpers` finds helpers.py beside the program, as CPython's sys.path[0] does.
    host.module_dir = Some(std::path::Path::new(&shown).parent().map(|d| d.to_path_buf()).unwrap_or_default());
    let host = Arc::new(host);
    // Run on a big-stack thread: the eval loop is stackless for Python calls, but
    // implicit dunder calls from builtins re-enter (bounded by the recursion limit).
    let h2 = host.clone();
    let recorder = trace_out.as_ref().map(|_| Arc::new(Recorder::new(1 << 20)));
    let mut opts = Options::new(&shown);
    opts.mode = mode;
    opts.seed = seed;
    opts.argv = argv;
    opts.test_faults = test_faults;
    opts.trace = recorder.clone();
    let schedule = record_out.as_ref().map(|_| Arc::new(std::sync::Mutex::new(Vec::new())));
    step.record = schedule.clone();
    opts.step = step;
    let code = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || run::run(&src, opts, h2, Arc::new(StdSpawn)))
        .expect("spawn")
        .join()
        .unwrap_or(1);
    if let (Some(path), Some(s)) = (record_out, schedule) {
        let turns = s.lock().unwrap_or_else(|e| e.into_inner());
        let text: String = turns.iter().map(|(t, b)| format!("{t} {b}\n")).collect();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("threadlab: can't write schedule to {path}: {e}");
        }
    }
    if let (Some(path), Some(r)) = (trace_out, recorder) {
        let json = trace::chrome_json(&r.drain(false), &r.names());
        if let Err(e) = std::fs::write(&path, json) {
            eprintln!("threadlab: can't write trace to {path}: {e}");
        }
    }
    use threadlab::vm::host::Host;
    host.flush();
    std::process::exit(code);
}
