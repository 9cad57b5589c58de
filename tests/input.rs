//! `input()`: read from standard input like CPython (prompt on stdout, EOFError at the
//! end), with the GIL released while it waits, so other threads run meanwhile.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Reads lines until EOF, echoing them upper-cased; a prompt on every call.
const ECHO: &str = "count = 0
while True:
    try:
        line = input('> ')
    except EOFError:
        print('end after', count)
        break
    count += 1
    print(line.upper())
";

fn piped(cmd: &str, args: &[&str], stdin: &str) -> (String, String, i32) {
    let mut child = Command::new(cmd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

#[test]
fn piped_input_reads_like_cpython() {
    assert!(common::has_python(), "python3 is needed to compare input() with CPython");
    let dir = std::env::temp_dir().join(format!("threadlab-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("echo.py");
    std::fs::write(&file, ECHO).unwrap();
    let file = file.to_str().unwrap();
    for stdin in ["ada\nbob\n", "no newline at the end", ""] {
        let want = piped("python3", &[file], stdin);
        for mode in ["gil", "free", "step"] {
            let got = piped(env!("CARGO_BIN_EXE_threadlab"), &["run", "--mode", mode, file], stdin);
            assert_eq!(got, want, "{mode} mode, stdin {stdin:?}");
        }
    }
    // A prompt that is not a string is printed with str(); input() takes one argument.
    std::fs::write(dir.join("args.py"), "x = input(42)\nprint(repr(x))\ninput('a', 'b')\n").unwrap();
    let args = dir.join("args.py");
    let want = piped("python3", &[args.to_str().unwrap()], "7\n");
    let got = piped(env!("CARGO_BIN_EXE_threadlab"), &["run", args.to_str().unwrap()], "7\n");
    assert_eq!(got.0, want.0);
    assert_eq!(common::last_line(&got.1), common::last_line(&want.1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// While the main thread waits in input(), a worker thread prints all its lines: the
/// wait releases the GIL. The line is sent only after the worker's last line came.
#[test]
fn other_threads_run_while_input_waits() {
    let dir = std::env::temp_dir().join(format!("threadlab-input-wait-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ticker.py");
    std::fs::write(
        &file,
        "import threading, time
def ticker():
    for i in range(3):
        print('tick', i, flush=True)
        time.sleep(0.01)
t = threading.Thread(target=ticker)
t.start()
name = input()
t.join()
print('hello', name)
",
    )
    .unwrap();
    for mode in ["gil", "free"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_threadlab"))
            .args(["run", "--mode", mode, file.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // If input() held the GIL the worker could never print: the reads below would
        // wait forever, so a watchdog kills the run after 20 s (the test then fails).
        let pid = child.id().to_string();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(20));
            let _ = Command::new("kill").args(["-9", &pid]).status();
        });
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let t0 = Instant::now();
        let mut seen = String::new();
        while !seen.contains("tick 2\n") {
            assert!(t0.elapsed() < Duration::from_secs(20), "{mode}: the worker printed only {seen:?} while input() waited");
            let mut line = String::new();
            if stdout.read_line(&mut line).unwrap() == 0 {
                break;
            }
            seen.push_str(&line);
        }
        assert!(seen.contains("tick 2\n"), "{mode}: {seen:?}");
        stdin.write_all(b"ada\n").unwrap();
        drop(stdin);
        stdout.read_to_string(&mut seen).unwrap();
        assert!(child.wait().unwrap().success(), "{mode}: {seen:?}");
        assert_eq!(seen, "tick 0\ntick 1\ntick 2\nhello ada\n", "{mode}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
