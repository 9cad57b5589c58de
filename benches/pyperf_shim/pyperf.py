"""Threadlab's stand-in for the few parts of pyperf that pyperformance's benchmarks use.

The same file is `pyperf` in both interpreters (CPython: on PYTHONPATH; the engine: the
bench's library hands it out), so both sides time the benchmark body the same way, in
process, with time.perf_counter(). Written for benches/engine.rs, which reads the
`BENCH` lines it prints.

Command line (after the script name), as benches/engine.rs passes it:
  --runs=N    timed runs after one warm-up run (default 5); the median is reported
  --loops=N   loops per run; without it, loops double from 1 until one run takes
              at least 0.1 s (CPython is calibrated, the engine is given CPython's count
              so both sides do the same work)
  --loops-of=NAME:N,NAME:N
              the same per benchmark, for a program that times several (deepcopy's
              three want 512, 65536 and 4096 loops); overrides --loops for those names
"""

import sys
import time

perf_counter = time.perf_counter

_RUNS = 5
_LOOPS = 0
_LOOPS_OF = {}
for _arg in sys.argv[1:]:
    if _arg.startswith("--runs="):
        _RUNS = int(_arg[7:])
    elif _arg.startswith("--loops="):
        _LOOPS = int(_arg[8:])
    elif _arg.startswith("--loops-of="):
        for _pair in _arg[11:].split(","):
            _name, _n = _pair.rsplit(":", 1)
            _LOOPS_OF[_name] = int(_n)

_MIN_RUN = 0.1


class _Args:
    """What parse_args returns: one attribute per declared option, at its default."""


class _ArgParser:
    """Records options' defaults; pyperformance's options are never given here."""

    def __init__(self):
        self._defaults = {}

    def add_argument(self, *names, **kwargs):
        dest = kwargs.get("dest")
        if dest is None:
            longs = [n for n in names if n.startswith("--")]
            if longs:
                dest = longs[0][2:]
            else:
                dest = names[0].lstrip("-")
            dest = dest.replace("-", "_")
        self._defaults[dest] = kwargs.get("default")

    def parse_args(self, args=None):
        ns = _Args()
        for k in self._defaults:
            setattr(ns, k, self._defaults[k])
        return ns


def _median(xs):
    xs = sorted(xs)
    n = len(xs)
    if n % 2 == 1:
        return xs[n // 2]
    return (xs[n // 2 - 1] + xs[n // 2]) / 2


class Runner:
    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgParser()

    def parse_args(self, args=None):
        return self.argparser.parse_args()

    def _measure(self, name, timed):
        loops = _LOOPS_OF.get(name, _LOOPS)
        if loops <= 0:
            loops = 1
            while True:
                if timed(loops) >= _MIN_RUN or loops >= 1 << 20:
                    break
                loops *= 2
        else:
            timed(loops)
        times = []
        for _ in range(_RUNS):
            times.append(timed(loops))
        print("BENCH %s %d %r %r %d" % (name, loops, _median(times), min(times), _RUNS))

    def bench_time_func(self, name, func, *args, **kwargs):
        """func(loops, *args) times itself and returns the seconds."""

        def timed(loops):
            return func(loops, *args)

        self._measure(name, timed)

    def bench_func(self, name, func, *args, **kwargs):
        """func(*args) is called `loops` times inside one perf_counter() pair."""

        def timed(loops):
            t0 = perf_counter()
            for _ in range(loops):
                func(*args)
            return perf_counter() - t0

        self._measure(name, timed)
