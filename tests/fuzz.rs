//! Fuzz-ish robustness test: random bytes and mutated corpus programs go through
//! parse + compile + run (with a step budget); nothing may panic.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::{Arc, Mutex};
use threadlab::vm::host::{Host, SingleThread};
use threadlab::vm::interp::{run_thread, Interpreter, RunOutcome};

struct QuietHost {
    out: Mutex<usize>,
    polls: std::sync::atomic::AtomicUsize,
}
impl Host for QuietHost {
    fn write_stdout(&self, s: &str) {
        *self.out.lock().unwrap() += s.len();
    }
    fn write_stderr(&self, s: &str) {
        *self.out.lock().unwrap() += s.len();
    }
    fn now(&self) -> f64 {
        0.0
    }
    fn wait_until(&self, _t: f64) {}
    // Stop runaway cases (long loops inside builtins) after a while.
    fn stop_requested(&self) -> bool {
        self.polls.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 200
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn run_one(src: &str) {
    let host = Arc::new(QuietHost { out: Mutex::new(0), polls: Default::default() });
    let interp = Interpreter::new(host, Arc::new(SingleThread), vec!["fuzz.py".into()], threadlab::stdlib::find);
    let Ok(code) = interp.compile(src, "fuzz.py") else { return };
    let mut vm = interp.main_thread(code, "__main__");
    for _ in 0..40 {
        match run_thread(&mut vm, 2_000) {
            RunOutcome::Yielded | RunOutcome::Blocked(_) => continue,
            RunOutcome::Finished(Err(e)) => {
                let _ = vm.format_exception(&e);
                return;
            }
            RunOutcome::Finished(Ok(_)) => return,
        }
    }
}

const TOKENS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "+", "-", "*", "**", "/", "//", "%", "<", ">", "==", "!=", " ", "\n", "    ", "\t", "'", "\"", "\"\"\"", "#", "def ", "class ", "return ", "yield ", "lambda ", "if ", "else", "elif ", "for ", "in ", "while ", "try:", "except", "finally:", "with ", "as ", "import ", "from ", "global ", "nonlocal ", "del ", "pass", "break", "continue", "raise ", "assert ", "not ", "and ", "or ", "is ", "None", "True", "0", "1", "-1", "10**9", "2**70", "1.5", "x", "y", "f", "self", "print", "len", "range", "list", "dict", "str", "int", "super()", "__init__", "__eq__", "@property", "*", "**kw", "f\"{x}\"", "b'a'", "[0]*9", "...", ";", "\\", "await ", "async ", ":=", "->", "|", "&", "^", "~", "<<", ">>",
];

/// The `case`-th input: token soup, random bytes, a mutated corpus program, or calls of
/// builtins with random arguments.
fn make_case(rng: &mut Rng, corpus: &[String], case: usize) -> String {
    match case % 4 {
        3 => {
            // calls of builtins and methods with random arguments
            const CALLEES: &[&str] = &["len", "abs", "min", "max", "sum", "sorted", "reversed", "enumerate", "zip", "map", "filter", "iter", "next", "isinstance", "issubclass", "hash", "getattr", "setattr", "hasattr", "round", "divmod", "pow", "chr", "ord", "hex", "format", "int", "float", "str", "bool", "list", "dict", "set", "tuple", "bytes", "range", "repr", "'abc'.split", "'a b'.join", "'x'.center", "'%s'.format", "[3,1].sort", "[1].pop", "[1].insert", "{}.get", "{1:2}.pop", "{1}.add", "(1,).index", "math.sqrt", "math.gcd", "math.comb", "math.log", "random.randint", "random.choice", "random.sample", "random.randrange", "random.choices", "hashlib.sha256", "collections.deque", "itertools.islice", "itertools.permutations", "time.sleep", "sys.exit", "super", "type", "object", "property", "slice", "frozenset", "'x'.replace", "'x'.zfill", "'a'.startswith", "b'a'.decode", "(1).to_bytes", "print"];
            const ARGS: &[&str] = &["", "1", "-1", "0", "2**70", "1.5", "'s'", "b'b'", "[1, 2]", "(3,)", "{1: 2}", "{1}", "None", "True", "len", "lambda x: x", "range(3)", "int", "x", "key=len", "reverse=True", "*[1]", "**{'k': 1}", "10**9", "-2**80", "float('nan')", "'10'", "[]", "()"];
            let mut out = String::from("import math, random, hashlib, collections, itertools, time, sys\nx = 3\n");
            for _ in 0..1 + rng.below(6) {
                let c = CALLEES[rng.below(CALLEES.len())];
                let n = rng.below(4);
                let args: Vec<&str> = (0..n).map(|_| ARGS[rng.below(ARGS.len())]).filter(|a| !a.is_empty()).collect();
                out.push_str(&format!("try:\n    print({}({}))\nexcept Exception as e:\n    print(type(e).__name__)\n", c, args.join(", ")));
            }
            out
        }
        0 => {
            // random token soup
            let n = 1 + rng.below(40);
            (0..n).map(|_| TOKENS[rng.below(TOKENS.len())]).collect()
        }
        1 => {
            // random bytes (valid UTF-8 lossily)
            let n = rng.below(60);
            let bytes: Vec<u8> = (0..n).map(|_| rng.below(256) as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => {
            // mutated corpus program
            let base = &corpus[rng.below(corpus.len())];
            let mut s: Vec<char> = base.chars().collect();
            for _ in 0..1 + rng.below(4) {
                if s.is_empty() {
                    break;
                }
                let i = rng.below(s.len());
                match rng.below(4) {
                    0 => {
                        s.remove(i);
                    }
                    1 => {
                        let t = TOKENS[rng.below(TOKENS.len())];
                        for (k, c) in t.chars().enumerate() {
                            s.insert(i + k, c);
                        }
                    }
                    2 => {
                        let j = (i + rng.below(40)).min(s.len());
                        let chunk: Vec<char> = s[i..j].to_vec();
                        for (k, c) in chunk.into_iter().enumerate() {
                            s.insert(j + k, c);
                        }
                    }
                    _ => {
                        let j = (i + rng.below(20)).min(s.len());
                        s.drain(i..j);
                    }
                }
            }
            s.into_iter().collect()
        }
    }
}

fn read_corpus(dir: &str) -> Vec<String> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "py")).collect();
    names.sort();
    names.into_iter().map(|p| std::fs::read_to_string(p).unwrap_or_default()).collect()
}

#[test]
fn fuzz_no_panics() {
    let corpus = read_corpus("tests/pycorpus");
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000usize);
    // Big stack: implicit dunder calls re-enter the eval loop (bounded by the recursion limit).
    let h = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rng = Rng(0x9e3779b97f4a7c15);
            let mut failures = vec![];
            for case in 0..cases {
                let src = make_case(&mut rng, &corpus, case);
                let r = std::panic::catch_unwind(|| run_one(&src));
                if r.is_err() {
                    failures.push(src);
                }
            }
            failures
        })
        .unwrap();
    let failures = h.join().unwrap();
    for f in failures.iter().take(5) {
        eprintln!("--- panicking input:\n{}\n", f);
    }
    assert!(failures.is_empty(), "{} inputs panicked", failures.len());
}

/// Line-level mutations of a (threaded) program: delete, duplicate or swap lines, change
/// a number.
fn mutate_lines(rng: &mut Rng, src: &str) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    const NUMBERS: &[&str] = &["0", "1", "-1", "2", "100", "10**6", "2**63", "-2**70", "0.5"];
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            _ => {
                let l = &lines[i];
                if let Some(at) = l.find(|c: char| c.is_ascii_digit()) {
                    let end = l[at..].find(|c: char| !c.is_ascii_digit()).map(|e| at + e).unwrap_or(l.len());
                    lines[i] = format!("{}{}{}", &l[..at], NUMBERS[rng.below(NUMBERS.len())], &l[end..]);
                }
            }
        }
    }
    lines.join("\n") + "\n"
}

/// A mutated thread program, run for real (host threads, every mode) and stopped after
/// 2 s. Returns what went wrong, if anything: a crash (a panic caught by the runtime) or
/// a run that went on more than 5 s after Stop.
fn run_threaded(src: &str, mode: threadlab::runtime::options::Mode, seed: u64) -> Option<String> {
    let (host, run) = common::start_in_process(src, "fuzz.py", mode, seed);
    let t0 = std::time::Instant::now();
    while !run.is_finished() {
        let t = t0.elapsed().as_secs_f64();
        if t > 2.0 {
            host.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        if t > 7.0 {
            return Some(format!("still running 5 s after Stop ({mode:?})"));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let (_, err) = host.captured();
    if err.contains("crashed: a Rust panic") || run.join().is_err() {
        return Some(format!("crashed ({mode:?}): {}", err.lines().rev().find(|l| l.contains("crashed")).unwrap_or("run panicked")));
    }
    None
}

/// The long fuzz (README): `FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored
/// --nocapture` runs the generators above plus mutated thread programs in every mode for
/// that long (FUZZ_SEED picks the sequence) and lists every input that panicked.
#[test]
#[ignore]
fn fuzz_for_a_while() {
    let seconds: f64 = std::env::var("FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(600.0);
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_2026);
    eprintln!("fuzzing for {seconds} s, seed {seed} (FUZZ_SEED)");
    let corpus = read_corpus("tests/pycorpus");
    let mut threaded = read_corpus("tests/threadcorpus/exact");
    threaded.extend(read_corpus("tests/threadcorpus/property"));
    let h = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rng = Rng(seed | 1);
            let t0 = std::time::Instant::now();
            let mut last_report = 0.0;
            let (mut cases, mut threaded_cases) = (0usize, 0usize);
            let mut failures: Vec<(String, String)> = vec![];
            while t0.elapsed().as_secs_f64() < seconds {
                if cases % 5 == 4 {
                    let base = &threaded[rng.below(threaded.len())];
                    let src = mutate_lines(&mut rng, base);
                    let mode = [threadlab::runtime::options::Mode::Gil, threadlab::runtime::options::Mode::Free, threadlab::runtime::options::Mode::Step][rng.below(3)];
                    if let Some(why) = run_threaded(&src, mode, rng.next()) {
                        failures.push((why, src));
                    }
                    threaded_cases += 1;
                } else {
                    let src = make_case(&mut rng, &corpus, cases);
                    if std::panic::catch_unwind(|| run_one(&src)).is_err() {
                        failures.push(("panicked".into(), src));
                    }
                }
                cases += 1;
                let t = t0.elapsed().as_secs_f64();
                if t - last_report >= 60.0 {
                    last_report = t;
                    eprintln!("{t:5.0} s: {cases} inputs ({threaded_cases} threaded programs), {} failures", failures.len());
                }
            }
            eprintln!("done: {cases} inputs ({threaded_cases} threaded programs) in {:.0} s, {} failures", t0.elapsed().as_secs_f64(), failures.len());
            failures
        })
        .unwrap();
    let failures = h.join().unwrap();
    for (why, src) in failures.iter().take(10) {
        eprintln!("--- {why}:\n{src}\n");
    }
    assert!(failures.is_empty(), "{} inputs failed", failures.len());
}
