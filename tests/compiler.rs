//! Compiler unit tests: disassembly snapshots of small programs.
//!
//! Each case compiles its source with the engine's compiler (`threadlab::python::compile`)
//! and compares `Code::disassemble()` (src/vm/dis.rs) with tests/dis/NAME.txt, which
//! holds the source and the expected disassembly. A missing snapshot fails. After an
//! intended compiler change, rewrite the snapshots with
//!
//!     UPDATE_SNAPSHOTS=1 cargo test --test compiler
//!
//! and read the diff: the snapshots are reviewed like code.
// Native only: `wasm-pack test` builds every test target for wasm, and this one needs
// processes and files.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

const CASES: &[(&str, &str)] = &[
    (
        "global_counter_loop",
        "counter = 0\n\ndef work(n):\n    global counter\n    for i in range(n):\n        counter += 1\n",
    ),
    (
        "if_elif_else",
        "def sign(x):\n    if x < 0:\n        return -1\n    elif x == 0:\n        return 0\n    else:\n        return 1\n",
    ),
    (
        "call_keywords",
        "def show(words, x):\n    print('total', x, sep=': ', end='\\n')\n    return sorted(words, key=len, reverse=True)\n",
    ),
    (
        "try_except",
        "def parse(s):\n    try:\n        n = int(s)\n    except ValueError as e:\n        print('bad:', e)\n        n = 0\n    return n\n",
    ),
    (
        "with_lock",
        "import threading\nlock = threading.Lock()\n\ndef bump(d, k):\n    with lock:\n        d[k] = d.get(k, 0) + 1\n",
    ),
    ("list_comprehension", "def odd_squares(n):\n    return [i * i for i in range(n) if i % 2]\n"),
    (
        "closure",
        "def make_counter():\n    count = 0\n    def inc(step=1):\n        nonlocal count\n        count += step\n        return count\n    return inc\n",
    ),
    (
        "class_body",
        "class Account(Base):\n    rate = 0.5\n\n    def __init__(self, owner):\n        self.owner = owner\n        self.balance = 0\n\n    def deposit(self, amount):\n        self.balance += amount\n        return self.balance\n",
    ),
    (
        "match_patterns",
        "def shape(v):\n    match v:\n        case [x, *_] if x:\n            return x\n        case {'k': k, **rest}:\n            return rest\n        case Point(a, y=0) | Point(y=a):\n            return a\n        case _:\n            return None\n",
    ),
];

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dis")
}

fn render(name: &str, src: &str) -> String {
    let code = match threadlab::python::compile(src, &format!("{name}.py")).map(threadlab::vm::code::Code::load) {
        Ok(c) => c,
        Err(e) => panic!("{name}: does not compile: {}", e.render()),
    };
    format!("# source\n{src}# disassembly\n{}", code.disassemble())
}

#[test]
fn disassembly_snapshots() {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let dir = snapshot_dir();
    let mut failures = vec![];
    for (name, src) in CASES {
        let got = render(name, src);
        let path = dir.join(format!("{name}.txt"));
        if update {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
                std::fs::write(&path, &got).unwrap();
                eprintln!("rewrote {}", path.display());
            }
            continue;
        }
        match std::fs::read_to_string(&path) {
            Err(e) => failures.push(format!("{name}: no snapshot {} ({e}); create it with UPDATE_SNAPSHOTS=1 and review it", path.display())),
            Ok(want) if want != got => failures.push(format!("{name}: disassembly differs from {}\n--- snapshot\n{want}--- now\n{got}", path.display())),
            Ok(_) => {}
        }
    }
    eprintln!("disassembly snapshots: {} cases, {} differ", CASES.len(), failures.len());
    assert!(failures.is_empty(), "{}\n(after an intended compiler change: UPDATE_SNAPSHOTS=1 cargo test --test compiler, then review the diff)", failures.join("\n\n"));
}

/// Every snapshot file belongs to a case (a renamed or removed case leaves none behind).
#[test]
fn no_orphan_snapshots() {
    let orphans: Vec<String> = std::fs::read_dir(snapshot_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !CASES.iter().any(|(c, _)| format!("{c}.txt") == *n))
        .collect();
    assert!(orphans.is_empty(), "snapshots without a case in tests/compiler.rs: {orphans:?}");
}

/// The disassembler resolves what it can see: a jump's target is an instruction, every
/// name/constant argument resolves (no `<bad ...>`), and nested code objects follow.
#[test]
fn disassembly_resolves_arguments() {
    for (name, src) in CASES {
        let text = render(name, src);
        assert!(!text.contains("<bad "), "{name}: unresolved argument\n{text}");
        let code = threadlab::python::compile(src, "t.py").map(threadlab::vm::code::Code::load).ok().unwrap();
        let headers = text.matches("Disassembly of <code ").count();
        fn count(c: &threadlab::vm::code::Code) -> usize {
            1 + c.codes.iter().map(|c| count(c)).sum::<usize>()
        }
        assert_eq!(headers, count(&code), "{name}: one header per code object");
    }
}
