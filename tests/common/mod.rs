//! What the test files share: running a program (CPython or the engine's CLI), reading
//! its output, and the CPython recordings kept beside the corpus programs.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Out {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `cmd args` in `dir`, killed after `secs` seconds (a hang fails the test instead
/// of stalling it), with a fixed hash seed so set/dict orders repeat.
pub fn run(cmd: &str, args: &[&str], dir: &Path, secs: u32) -> Out {
    run_with_stdin(cmd, args, dir, secs, None)
}

/// [`run`] with `stdin` piped in (None: an empty stdin, EOF at once).
pub fn run_with_stdin(cmd: &str, args: &[&str], dir: &Path, secs: u32, stdin: Option<&str>) -> Out {
    use std::io::Write;
    let mut child = Command::new("timeout")
        .arg(secs.to_string())
        .arg(cmd)
        .args(args)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let mut pipe = child.stdin.take().expect("stdin");
    let text = stdin.unwrap_or("").to_string();
    // Written from a thread: a program that prints a lot before reading cannot block us.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().expect("run");
    let _ = writer.join();
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// `threadlab run --mode MODE --seed SEED FILE` in `dir`.
pub fn engine(mode: &str, seed: u64, file: &str, dir: &Path) -> Out {
    engine_with_stdin(mode, seed, file, dir, None)
}

/// [`engine`] with `stdin` piped in.
pub fn engine_with_stdin(mode: &str, seed: u64, file: &str, dir: &Path, stdin: Option<&str>) -> Out {
    run_with_stdin(env!("CARGO_BIN_EXE_threadlab"), &["run", "--mode", mode, "--seed", &seed.to_string(), file], dir, 60, stdin)
}

/// The last non-blank line (the exception line of a traceback).
pub fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

pub fn has_python() -> bool {
    Command::new("python3").arg("--version").output().is_ok()
}

/// Re-records the corpus recordings (see tests/pycorpus/README.md).
pub const RECORDER: &str = "scripts/record-cpython.py";

/// Whether `python3` is CPython 3.11, the interpreter the recordings come from: Ok, or
/// Err saying what was found instead. Asked once per test process.
pub fn live_cpython() -> Result<(), String> {
    static ANSWER: OnceLock<Result<(), String>> = OnceLock::new();
    ANSWER
        .get_or_init(|| {
            let probe = "import platform, sys; print(platform.python_implementation(), '%d.%d' % sys.version_info[:2])";
            match Command::new("python3").args(["-c", probe]).output() {
                Err(e) => Err(format!("python3 not found ({e})")),
                Ok(o) if !o.status.success() => Err(format!("python3 does not run: {}", String::from_utf8_lossy(&o.stderr).trim())),
                Ok(o) => match String::from_utf8_lossy(&o.stdout).trim() {
                    "CPython 3.11" => Ok(()),
                    other => Err(format!("python3 is {other}, not CPython 3.11")),
                },
            }
        })
        .clone()
}

/// Says loudly, once per test, that the live re-check is off and why; returns whether
/// live CPython is there to re-check the recordings.
pub fn live_check_or_warn(test: &str) -> bool {
    match live_cpython() {
        Ok(()) => true,
        Err(why) => {
            eprintln!(
                "\n!!! {test}: {why}: the recordings are NOT re-checked against live CPython.\n!!! The engine is still compared with the recorded CPython output.\n"
            );
            false
        }
    }
}

/// The recorded CPython run of `dir/name` (NAME.stdout, NAME.stderr, NAME.code beside
/// NAME.py); Err names what is missing. `{DIR}` in the recording is `dir`'s absolute
/// path; compare it with [`normalized`] output.
pub fn recording(dir: &Path, name: &str) -> Result<Out, String> {
    let stem = name.strip_suffix(".py").unwrap_or(name);
    let read = |ext: &str| {
        let p = dir.join(format!("{stem}.{ext}"));
        std::fs::read_to_string(&p).map_err(|e| format!("{} has no recording: {} ({e}); run {RECORDER}", dir.join(name).display(), p.display()))
    };
    let stdout = read("stdout")?;
    let stderr = read("stderr")?;
    let code = read("code")?;
    let code = code.trim().parse().map_err(|_| format!("{}: exit code recording {:?} is not a number; run {RECORDER}", dir.join(format!("{stem}.code")).display(), code))?;
    Ok(Out { stdout, stderr, code })
}

/// `out` with `dir`'s absolute path written `{DIR}`, as in the recordings.
pub fn normalized(out: Out, dir: &Path) -> Out {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let abs = abs.to_string_lossy();
    Out { stdout: out.stdout.replace(&*abs, "{DIR}"), stderr: out.stderr.replace(&*abs, "{DIR}"), code: out.code }
}

/// Recording files in `dir` whose program is gone.
pub fn orphan_recordings(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "stdout" || x == "stderr" || x == "code"))
        .filter(|p| !p.with_extension("py").exists())
        .map(|p| format!("{}: orphan recording, no {}", p.display(), p.with_extension("py").file_name().unwrap().to_string_lossy()))
        .collect();
    v.sort();
    v
}

/// Compares live CPython's run with the recording (stdout, exit code, and the whole
/// stderr or only its last line): None when they agree.
pub fn stale(recorded: &Out, live: &Out, whole_stderr: bool) -> Option<String> {
    let mut parts = vec![];
    if live.stdout != recorded.stdout {
        parts.push(format!("stdout\n--- recorded\n{}--- live cpython\n{}", recorded.stdout, live.stdout));
    }
    if live.code != recorded.code {
        parts.push(format!("exit code: recorded {} live cpython {}", recorded.code, live.code));
    }
    if whole_stderr && live.stderr != recorded.stderr {
        parts.push(format!("stderr\n--- recorded\n{}--- live cpython\n{}", recorded.stderr, live.stderr));
    }
    if !whole_stderr && last_line(&live.stderr) != last_line(&recorded.stderr) {
        parts.push(format!("last stderr line: recorded {:?} live cpython {:?}", last_line(&recorded.stderr), last_line(&live.stderr)));
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!("recording stale: rerun {RECORDER} (live CPython differs from the recording in {})", parts.join("\n")))
    }
}

/// CPython's real binary (not the pyenv shim), after checking python3 is CPython 3.11.
pub fn cpython_exe() -> String {
    if let Err(why) = live_cpython() {
        panic!("this test compares with CPython 3.11 as python3: {why}");
    }
    let o = Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().unwrap();
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// Starts `src` in this process (not the CLI) in `mode` with `seed`, on a thread with a
/// 64 MiB stack, its output captured by the returned host (whose `stop` presses Stop).
pub fn start_in_process(src: &str, file: &str, mode: threadlab::runtime::options::Mode, seed: u64) -> (std::sync::Arc<threadlab::runtime::native_host::NativeHost>, std::thread::JoinHandle<i32>) {
    use std::sync::Arc;
    use threadlab::runtime::native_host::NativeHost;
    use threadlab::runtime::options::{Options, StdSpawn};
    let host = Arc::new(NativeHost::capturing());
    let mut opts = Options::new(file);
    opts.mode = mode;
    opts.seed = seed;
    let (h, s) = (host.clone(), src.to_string());
    let run = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || threadlab::runtime::run::run(&s, opts, h, Arc::new(StdSpawn)))
        .unwrap();
    (host, run)
}
