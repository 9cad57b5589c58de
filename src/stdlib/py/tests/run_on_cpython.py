"""Differential runner: each program runs twice, under plain python3 and with
Threadlab's threading/queue/heapq/concurrent shadowing CPython's (on CPython's
own _thread). stdout, exit code and the last stderr line must agree.

usage: python3 run_on_cpython.py [FILE_OR_DIR ...]
   (default: tests/programs/ and, if present, <repo>/tests/threadcorpus/exact/)
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(PYDIR)))
OURS = ('threading', 'queue', 'heapq', 'concurrent')

SHIM = r'''
import sys, importlib.machinery, importlib.util, runpy
PYDIR = sys.argv[1]
OURS = %r
class _Finder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.split('.')[0] not in OURS:
            return None
        return importlib.machinery.PathFinder.find_spec(name, [PYDIR] if path is None or name.count('.') == 0 else path)
for m in list(sys.modules):
    if m.split('.')[0] in OURS:
        del sys.modules[m]
sys.meta_path.insert(0, _Finder)
import threading
assert threading.__file__.startswith(PYDIR), threading.__file__
import queue, concurrent.futures
assert queue.__file__.startswith(PYDIR) and concurrent.futures.__file__.startswith(PYDIR)
prog = sys.argv[2]
sys.argv = sys.argv[2:]
code = 0
try:
    runpy.run_path(prog, run_name='__main__')
except SystemExit as e:
    c = e.code
    if c is None:
        code = 0
    elif isinstance(c, int):
        code = c
    else:
        print(c, file=sys.stderr)
        code = 1
except BaseException:
    import traceback
    t, v, tb = sys.exc_info()
    traceback.print_exception(t, v, tb.tb_next)
    code = 1
threading._shutdown()
sys.stdout.flush()
sys.stderr.flush()
import os
os._exit(code)
''' % (OURS,)


def run(cmd, timeout=60):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return ('<timeout>', -1, '<timeout>')
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    return (p.stdout, p.returncode, lines[-1] if lines else '')


def programs(args):
    if not args:
        args = [os.path.join(HERE, 'programs'),
                os.path.join(REPO, 'tests', 'threadcorpus', 'exact')]
    out = []
    for a in args:
        if os.path.isdir(a):
            out += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith('.py'))
        elif os.path.exists(a):
            out.append(a)
    return out


def main():
    passed = failed = 0
    for prog in programs(sys.argv[1:]):
        ref = run([sys.executable, prog])
        prog = os.path.abspath(prog)
        ours = run([sys.executable, '-c', SHIM, PYDIR, prog])
        what = []
        if ref[0] != ours[0]:
            what.append('stdout')
        if ref[1] != ours[1]:
            what.append('exit %s != %s' % (ours[1], ref[1]))
        if ref[2] != ours[2]:
            what.append('stderr %r != %r' % (ours[2], ref[2]))
        if what:
            failed += 1
            print('MISMATCH %s: %s' % (os.path.relpath(prog), '; '.join(what)))
        else:
            passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
