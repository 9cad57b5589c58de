#!/usr/bin/env python3
"""Run the thread corpus under CPython (the reference) and check it.

exact/*.py     run 3 times each; stdout, exit code and the last stderr line must be
               identical across the runs.
property/*.py  run 5 times each; every `# property:` line of the header (and every
               `# property[gil]:` line, CPython being the GIL reference) must hold on
               every run, and the exit code must be the one in `# exit: N` (default 0).

Prints one line per failure and ends with `N passed, N failed`; exits 1 on any failure.
The property parser and checker (parse_header, check_properties) are written so a
harness for our engine can import this file and reuse them:

    from check_cpython import parse_header, check_properties
    spec = parse_header(source_text)
    problems = check_properties(spec, stdout, exit_code, mode="free")

Usage: python3 check_cpython.py [--python python3] [--jobs N] [FILE_OR_NAME ...]
"""
import argparse
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT = 10
EXACT_RUNS = 3
PROPERTY_RUNS = 5
MODES = ("gil", "free", "step")

PROPERTY_RE = re.compile(r"^#\s*property(?:\[([a-z,]+)\])?:\s*(\S+)\s*(.*?)\s*$")
EXPECT_RE = re.compile(r"^# \| ?(.*)$")
EXIT_RE = re.compile(r"^#\s*exit:\s*(-?\d+)\s*$")


class Spec:
    def __init__(self):
        self.properties = []   # (modes or None, kind, argument string)
        self.expected = []     # lines of the `# | ` block
        self.exit_code = 0


def parse_header(source):
    """Parse the leading comment block of a property program."""
    spec = Spec()
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        m = PROPERTY_RE.match(line)
        if m:
            modes = tuple(m.group(1).split(",")) if m.group(1) else None
            for mode in modes or ():
                if mode not in MODES:
                    raise ValueError("unknown mode %r in %r" % (mode, line))
            if m.group(2) not in KINDS:
                raise ValueError("unknown property kind %r" % m.group(2))
            spec.properties.append((modes, m.group(2), m.group(3)))
            continue
        m = EXPECT_RE.match(line)
        if m:
            spec.expected.append(m.group(1))
            continue
        m = EXIT_RE.match(line)
        if m:
            spec.exit_code = int(m.group(1))
    return spec


def _lines(stdout):
    return stdout.splitlines()


def k_lines_sorted_equal(arg, lines, spec):
    if sorted(lines) != sorted(spec.expected):
        missing = sorted(set(spec.expected) - set(lines))[:3]
        extra = sorted(set(lines) - set(spec.expected))[:3]
        return "sorted lines differ (%d vs %d expected; missing %r, unexpected %r)" % (
            len(lines), len(spec.expected), missing, extra)


def k_lines_set_equal(arg, lines, spec):
    if set(lines) != set(spec.expected):
        return "set of lines differs: missing %r, unexpected %r" % (
            sorted(set(spec.expected) - set(lines))[:3],
            sorted(set(lines) - set(spec.expected))[:3])


def k_each_line_matches(arg, lines, spec):
    rx = re.compile(arg)
    for line in lines:
        if not rx.fullmatch(line):
            return "line %r does not match %r" % (line, arg)


def k_line_count(arg, lines, spec):
    if len(lines) != int(arg):
        return "%d lines, expected %s" % (len(lines), arg)


def k_last_line_int_between(arg, lines, spec):
    lo, hi = (int(x) for x in arg.split())
    if not lines:
        return "no output"
    try:
        value = int(lines[-1].strip())
    except ValueError:
        return "last line %r is not an int" % lines[-1]
    if not lo <= value <= hi:
        return "last line %d not in [%d, %d]" % (value, lo, hi)


def k_per_key_in_order(arg, lines, spec):
    def groups(ls):
        g = {}
        for line in ls:
            g.setdefault(line.split(" ", 1)[0], []).append(line)
        return g
    got, want = groups(lines), groups(spec.expected)
    for key in sorted(set(got) | set(want)):
        if got.get(key, []) != want.get(key, []):
            return "lines of key %r out of order or different: %r" % (key, got.get(key, [])[:5])


def k_field_sorted_equal(arg, lines, spec):
    n = int(arg)
    try:
        fields = [line.split()[n - 1] for line in lines]
    except IndexError:
        return "a line has fewer than %d fields" % n
    key = lambda s: (0, int(s)) if s.lstrip("-").isdigit() else (1, s)
    if sorted(fields, key=key) != sorted(spec.expected, key=key):
        return "field %d sorted differs from the expected list" % n


KINDS = {
    "lines-sorted-equal": k_lines_sorted_equal,
    "lines-set-equal": k_lines_set_equal,
    "each-line-matches": k_each_line_matches,
    "line-count": k_line_count,
    "last-line-int-between": k_last_line_int_between,
    "per-key-in-order": k_per_key_in_order,
    "field-sorted-equal": k_field_sorted_equal,
}


def check_properties(spec, stdout, exit_code, mode="gil"):
    """Return a list of problems (empty when every applicable property holds)."""
    problems = []
    if exit_code != spec.exit_code:
        problems.append("exit code %s, expected %d" % (exit_code, spec.exit_code))
    lines = _lines(stdout)
    for modes, kind, arg in spec.properties:
        if modes is not None and mode not in modes:
            continue
        why = KINDS[kind](arg, lines, spec)
        if why:
            problems.append("%s%s %s: %s" % (kind, "[%s]" % ",".join(modes) if modes else "", arg, why))
    return problems


def run(python, path):
    try:
        p = subprocess.run([python, str(path)], capture_output=True, text=True,
                           timeout=TIMEOUT, cwd=str(path.parent))
    except subprocess.TimeoutExpired:
        return None
    err = p.stderr.rstrip("\n").splitlines()
    return p.stdout, p.returncode, (err[-1] if err else "")


def check_exact(python, path):
    results = [run(python, path) for _ in range(EXACT_RUNS)]
    if any(r is None for r in results):
        return ["timed out after %d s" % TIMEOUT]
    problems = []
    first = results[0]
    for i, r in enumerate(results[1:], 2):
        for what, a, b in (("stdout", first[0], r[0]), ("exit code", first[1], r[1]),
                           ("last stderr line", first[2], r[2])):
            if a != b:
                problems.append("run %d: %s differs from run 1 (%r vs %r)" % (
                    i, what, _short(b), _short(a)))
    return problems


def _short(x):
    x = str(x)
    return x if len(x) < 80 else x[:77] + "..."


def check_property(python, path):
    spec = parse_header(path.read_text())
    if not spec.properties:
        return ["no `# property:` line in the header"]
    problems = []
    for i in range(PROPERTY_RUNS):
        r = run(python, path)
        if r is None:
            return ["run %d: timed out after %d s" % (i + 1, TIMEOUT)]
        for p in check_properties(spec, r[0], r[1], mode="gil"):
            problems.append("run %d: %s" % (i + 1, p))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="python3")
    ap.add_argument("--jobs", type=int, default=4)
    ap.add_argument("only", nargs="*", help="restrict to these files or names")
    args = ap.parse_args()

    tasks = []
    for folder, checker in (("exact", check_exact), ("property", check_property)):
        for path in sorted((HERE / folder).glob("*.py")):
            if args.only and not any(o in str(path) for o in args.only):
                continue
            tasks.append((folder + "/" + path.name, checker, path))

    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        outcomes = list(ex.map(lambda t: (t[0], t[1](args.python, t[2])), tasks))

    passed = failed = 0
    for name, problems in outcomes:
        if problems:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems[:3])))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
