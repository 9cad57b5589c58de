#!/usr/bin/env python3
"""Record what CPython 3.11 does with every corpus program.

For each tests/pycorpus/NAME.py and tests/threadcorpus/exact/NAME.py this writes, beside
the program:

    NAME.stdout   the program's stdout, byte for byte
    NAME.stderr   its stderr, byte for byte (empty file when it writes nothing)
    NAME.code     its exit code, in decimal, then a newline

Programs run exactly as the Rust tests run them: `python3 NAME.py` with the program's
folder as the working directory, PYTHONHASHSEED=0, and a timeout (120 s for pycorpus,
60 s for the thread corpus). CPython prints absolute paths in tracebacks, so the
absolute path of the program's folder is replaced by `{DIR}` and CPython's standard
library folder by `{STDLIB}` in both recorded streams; the tests put the folder back
(`{STDLIB}` only appears in thread tracebacks, whose last line alone is compared).

tests/threadcorpus/property/ has no recordings: those programs' output depends on the
thread schedule; their header is the specification (check them on CPython with
tests/threadcorpus/check_cpython.py).

Usage:
    python3 scripts/record-cpython.py            # re-record everything
    python3 scripts/record-cpython.py err_ queue_  # only programs whose path contains one of these
    python3 scripts/record-cpython.py --check    # write nothing; exit 1 if any recording is stale or missing

Refuses to run on anything but CPython 3.11. The programs run with this interpreter's
own binary (sys.executable), not the `python3` found on PATH (which may be a shim).
"""
import argparse
import os
import platform
import re
import subprocess
import sys
import sysconfig
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (folder, timeout in seconds, whole stderr compared?): as the Rust tests run and
# compare them. The thread corpus compares only the last stderr line.
FOLDERS = [
    (ROOT / "tests" / "pycorpus", 120, True),
    (ROOT / "tests" / "threadcorpus" / "exact", 60, False),
]
SUFFIXES = (".stdout", ".stderr", ".code")


def normalize(text, folder):
    text = text.replace(str(folder), "{DIR}")
    stdlib = sysconfig.get_paths()["stdlib"]
    return text.replace(os.path.realpath(stdlib), "{STDLIB}").replace(stdlib, "{STDLIB}")


def last_line(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def compared(rec, whole_stderr):
    """The parts of a recording the Rust tests compare."""
    out, err, code = rec
    return out, (err if whole_stderr else last_line(err)), code


def run(prog, timeout, whole_stderr):
    folder = prog.parent.resolve()
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        p = subprocess.run([sys.executable, prog.name], cwd=folder, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    # Decoded as the Rust tests decode (from_utf8_lossy), then written back as UTF-8.
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    err = normalize(err, folder)
    if not whole_stderr:
        # Only the last line is compared; object addresses in the lines above it
        # (`<Future at 0x7f...>`) would make every re-recording differ.
        err = re.sub(r"\b0x[0-9a-f]{6,}\b", "0xADDR", err)
    return normalize(out, folder), err, p.returncode


def read(prog):
    try:
        return tuple(prog.with_suffix(s).read_text(encoding="utf-8") for s in SUFFIXES[:2]) + (
            int(prog.with_suffix(".code").read_text().strip()),
        )
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("filters", nargs="*", help="only programs whose path contains one of these")
    ap.add_argument("--check", action="store_true", help="compare with the recordings, write nothing")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()

    if platform.python_implementation() != "CPython" or sys.version_info[:2] != (3, 11):
        sys.exit("record-cpython: needs CPython 3.11, this is %s %s (%s)"
                 % (platform.python_implementation(), platform.python_version(), sys.executable))

    progs = []
    for folder, timeout, whole in FOLDERS:
        for p in sorted(folder.glob("*.py")):
            if not a.filters or any(f in str(p) for f in a.filters):
                progs.append((p, timeout, whole))
        # Recordings whose program is gone.
        for s in SUFFIXES:
            for r in sorted(folder.glob("*" + s)):
                if not r.with_suffix(".py").exists():
                    print("orphan recording (no %s): %s" % (r.with_suffix(".py").name, r.relative_to(ROOT)))

    def one(item):
        prog, timeout, whole = item
        return prog, whole, run(prog, timeout, whole)

    problems = 0
    written = 0
    with ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for prog, whole, got in ex.map(one, progs):
            rel = prog.relative_to(ROOT)
            if got is None:
                print("TIMEOUT, not recorded: %s" % rel)
                problems += 1
                continue
            if a.check:
                have = read(prog)
                if have is None:
                    print("missing recording: %s" % rel)
                    problems += 1
                elif compared(have, whole) != compared(got, whole):
                    which = [n for n, x, y in zip(("stdout", "stderr", "exit code"), compared(have, whole), compared(got, whole)) if x != y]
                    print("stale recording (%s): %s" % (", ".join(which), rel))
                    problems += 1
                continue
            out, err, code = got
            for suffix, text in ((".stdout", out), (".stderr", err), (".code", "%d\n" % code)):
                path = prog.with_suffix(suffix)
                old = path.read_text(encoding="utf-8") if path.exists() else None
                if old != text:
                    path.write_text(text, encoding="utf-8")
                    written += 1
    verb = "checked" if a.check else "recorded"
    print("%s %d programs with %s (%s); %d files changed, %d problems"
          % (verb, len(progs), sys.executable, platform.python_version(), written, problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
