//! Fuzz-ish robustness test: random bytes and mutated corpus programs go through
//! parse + compile + run (with a step budget); nothing may panic.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

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

#[test]
fn fuzz_no_panics() {
    let corpus_dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pycorpus");
    let mut corpus: Vec<String> = std::fs::read_dir(&corpus_dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "py")).map(|p| std::fs::read_to_string(p).unwrap_or_default()).collect();
    corpus.sort();
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000usize);
    // Big stack: implicit dunder calls re-enter the eval loop (bounded by the recursion limit).
    let h = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut rng = Rng(0x9e3779b97f4a7c15);
            let mut failures = vec![];
            for case in 0..cases {
                let src: String = match case % 4 {
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
                };
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
