//! What the test files share: running a program (CPython or the engine's CLI) and
//! reading its output.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub struct Out {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `cmd args` in `dir`, killed after `secs` seconds (a hang fails the test instead
/// of stalling it), with a fixed hash seed so set/dict orders repeat.
pub fn run(cmd: &str, args: &[&str], dir: &Path, secs: u32) -> Out {
    let out = Command::new("timeout")
        .arg(secs.to_string())
        .arg(cmd)
        .args(args)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("run");
    Out {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// `threadlab run --mode MODE --seed SEED FILE` in `dir`.
pub fn engine(mode: &str, seed: u64, file: &str, dir: &Path) -> Out {
    run(env!("CARGO_BIN_EXE_threadlab"), &["run", "--mode", mode, "--seed", &seed.to_string(), file], dir, 60)
}

/// The last non-blank line (the exception line of a traceback).
pub fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

pub fn has_python() -> bool {
    Command::new("python3").arg("--version").output().is_ok()
}
