#!/usr/bin/env python3
"""Runs every ```python block in lessons/*.md with python3 and checks exercise solutions.

Parsing follows src/lessons.rs: front matter between --- lines, fenced blocks by info
string (python [flags], python exercise, python solution, hint, check)."""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")


def parse_front(text, name):
    if not text.startswith("---\n"):
        raise ValueError("missing front matter")
    rest = text[4:]
    end = rest.find("\n---\n")
    if end < 0:
        raise ValueError("front matter not closed")
    meta = {}
    for line in rest[:end].splitlines():
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        if key.strip() not in ("title", "slug", "order", "summary"):
            raise ValueError(f"unknown front matter key {key!r}")
        meta[key.strip()] = value.strip()
    for key in ("title", "slug", "order"):
        if key not in meta:
            raise ValueError(f"front matter has no {key}")
    int(meta["order"])
    if not re.fullmatch(r"[a-z0-9-]+", meta["slug"]):
        raise ValueError("bad slug")
    return meta, rest[end + 5:]


def fenced_blocks(body):
    """Yields (info, text) for top-level fenced code blocks."""
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            fence, info = m.group(1), m.group(2).strip()
            buf = []
            i += 1
            while i < len(lines) and not (lines[i].startswith(fence) and lines[i].strip(fence[0]).strip() == ""):
                buf.append(lines[i] + "\n")
                i += 1
            yield info, "".join(buf)
        i += 1


def parse_check(text):
    check = {"runs": 1, "modes": ["gil"], "compare": "exact", "stdout": None}
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines):
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        key, sep, value = t.partition(":")
        if not sep:
            raise ValueError(f"check: expected key: value, got {t!r}")
        value = value.split("#")[0].strip()
        key = key.strip()
        if key == "runs":
            check["runs"] = int(value)
        elif key == "modes":
            check["modes"] = value.split()
            if any(m not in ("gil", "free", "step") for m in check["modes"]):
                raise ValueError("check: unknown mode")
        elif key == "compare":
            if value not in ("exact", "sorted-lines"):
                raise ValueError("check: unknown compare")
            check["compare"] = value
        elif key == "stdout":
            check["stdout"] = "".join(lines[n + 1:])
            break
        else:
            raise ValueError(f"check: unknown key {key}")
    if check["stdout"] is None:
        raise ValueError("check: no stdout: line")
    return check


def accepts(check, out):
    if check["compare"] == "exact":
        return out == check["stdout"]
    return sorted(out.splitlines()) == sorted(check["stdout"].splitlines())


def run(code):
    try:
        p = subprocess.run([sys.executable if os.environ.get("USE_SELF") else "python3", "-c", code],
                           capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return None, "timeout after 10 s"
    return p.returncode, p.stdout if p.returncode == 0 else p.stderr


def main():
    passed = failed = 0
    files = sorted(glob.glob(os.path.join(ROOT, "lessons", "*.md")))
    slugs, orders = set(), set()

    def report(ok, label, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"PASS {label}")
        else:
            failed += 1
            print(f"FAIL {label}: {detail}")

    for path in files:
        name = os.path.basename(path)
        text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
        try:
            meta, body = parse_front(text, name)
            if meta["slug"] in slugs or meta["order"] in orders:
                raise ValueError("duplicate slug or order")
            slugs.add(meta["slug"])
            orders.add(meta["order"])
        except ValueError as e:
            report(False, name, str(e))
            continue
        ex_no = 0
        example_no = 0
        pending = None  # [starter, solution, check]
        for info, code in fenced_blocks(body):
            words = info.split()
            if words[:1] != ["python"] and words not in (["hint"], ["check"]):
                continue
            if words == ["python", "exercise"]:
                ex_no += 1
                pending = {"n": ex_no}
                rc, out = run(code)
                report(rc == 0, f"{name} exercise {ex_no} starter", out[-400:] if out else "")
            elif words == ["python", "solution"]:
                if pending is None:
                    report(False, name, "solution without exercise")
                    continue
                pending["solution"] = code
            elif words == ["hint"]:
                if pending is None:
                    report(False, name, "hint without exercise")
            elif words == ["check"]:
                if pending is None or "solution" not in pending:
                    report(False, name, "check without exercise/solution")
                    continue
                try:
                    check = parse_check(code)
                except ValueError as e:
                    report(False, f"{name} exercise {pending['n']} check", str(e))
                    pending = None
                    continue
                bad = None
                for r in range(check["runs"]):
                    rc, out = run(pending["solution"])
                    if rc != 0:
                        bad = f"run {r + 1} exited {rc}: {out[-400:]}"
                        break
                    if not accepts(check, out):
                        bad = f"run {r + 1} stdout {out!r} != expected {check['stdout']!r}"
                        break
                report(bad is None, f"{name} exercise {pending['n']} solution x{check['runs']}", bad or "")
                pending = None
            else:
                example_no += 1
                rc, out = run(code)
                report(rc == 0, f"{name} example {example_no} ({info})", out[-400:] if out else "")
        if pending is not None:
            report(False, f"{name} exercise {pending['n']}", "incomplete exercise (no check)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
