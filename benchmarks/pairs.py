"""The one way every benchmark compares the app with its floor: alternating pairs.

A shared 2-core machine is noisy: a ratio of two medians taken one after the other can swing
either way with whatever else runs. Here app and floor run as a pair, one straight after the
other (the order alternates pair by pair, so neither always gets the warmer cache), and the
figure reported is the median of the pairs' ratios, with their min and max and the number of
pairs. A comparison is OVER only when that median is over its budget.

Each measurement function returns a dict of figures ({"s": seconds, "mb": peak MB, ...}); a
comparison names which figures it holds to which budget.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Figures = dict[str, float]
Measure = Callable[[], Figures]

#: Pairs for figures under a second, and for longer ones (the issue's rule: n >= 15 and >= 5).
N_FAST = int(os.environ.get("LSCP_BENCH_PAIRS_FAST", "15"))
N_SLOW = int(os.environ.get("LSCP_BENCH_PAIRS_SLOW", "5"))

UNITS = {"s": ("s", 1.0), "ms": ("ms", 1.0), "mb": ("MB", 1.0)}


@dataclass
class Comparison:
    name: str
    app: dict[str, list[float]]
    floor: dict[str, list[float]]
    budgets: Mapping[str, float]

    def ratios(self, key: str) -> list[float]:
        return [a / f for a, f in zip(self.app[key], self.floor[key], strict=True) if f > 0]

    def ok(self, key: str) -> bool:
        return statistics.median(self.ratios(key)) <= self.budgets[key]

    @property
    def all_ok(self) -> bool:
        return all(self.ok(k) for k in self.budgets)

    def lines(self) -> list[str]:
        out = []
        n = len(next(iter(self.app.values())))
        for key, budget in self.budgets.items():
            r = self.ratios(key)
            unit, _ = UNITS.get(key, (key, 1.0))
            a, f = statistics.median(self.app[key]), statistics.median(self.floor[key])
            out.append(
                f"{self.name} [{unit}]: app {_fmt(a)} {unit}, floor {_fmt(f)} {unit}; "
                f"ratio {statistics.median(r):.2f}x (min {min(r):.2f}, max {max(r):.2f}, "
                f"n={n}) (budget {budget:.2f}x) {'OK' if self.ok(key) else 'OVER'}"
            )
        return out


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def compare(
    name: str,
    app: Measure,
    floor: Measure,
    budgets: Mapping[str, float],
    n: int | None = None,
    warm_up: bool = True,
) -> Comparison:
    """Run *n* alternating pairs of *app* and *floor*; print and return the comparison.

    Without *n*, a quick first pair decides: N_FAST pairs if the app took under a second,
    else N_SLOW.
    """
    if warm_up:
        app()
        floor()
    runs_a: dict[str, list[float]] = {}
    runs_f: dict[str, list[float]] = {}
    i = 0
    while n is None or i < n:
        first, second = (app, floor) if i % 2 == 0 else (floor, app)
        r1, r2 = first(), second()
        ra, rf = (r1, r2) if i % 2 == 0 else (r2, r1)
        for key, value in ra.items():
            runs_a.setdefault(key, []).append(value)
        for key, value in rf.items():
            runs_f.setdefault(key, []).append(value)
        i += 1
        if n is None:
            seconds = ra.get("s", ra.get("ms", 0.0) / 1000)
            n = N_FAST if seconds < 1 else N_SLOW
    result = Comparison(name, runs_a, runs_f, budgets)
    for text in result.lines():
        print(text, flush=True)
    return result


@dataclass
class Absolute:
    name: str
    values: list[float]
    budget: float | None
    unit: str = "ms"

    @property
    def ok(self) -> bool:
        return self.budget is None or statistics.median(self.values) <= self.budget

    def line(self) -> str:
        v = self.values
        head = (
            f"{self.name}: {_fmt(statistics.median(v))} {self.unit} "
            f"(median; min {_fmt(min(v))}, max {_fmt(max(v))}, n={len(v)})"
        )
        if self.budget is None:
            return head + " (no budget)"
        return head + f" (budget {self.budget:g} {self.unit}) {'OK' if self.ok else 'OVER'}"


def absolute(
    name: str, fn: Callable[[], object], budget: float | None, n: int = N_FAST
) -> Absolute:
    """A figure with a fixed budget (no floor): the median of *n* runs of *fn*, in ms."""
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    result = Absolute(name, times, budget)
    print(result.line(), flush=True)
    return result


# ---- measuring a whole process --------------------------------------------------------------

#: Appended to a child's code: its own peak resident set (VmHWM), which at fork would otherwise
#: include the parent's (ru_maxrss).
PEAK = r"""
def _peak_mb():
    try:
        status = open("/proc/self/status").read()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


#: A small launcher: it forks and runs the command, then writes the command's peak memory. Run
#: from here directly, the command's peak would include this (larger) process's own at the
#: fork (Linux counts the memory a child shared before it ran the command).
_LAUNCH = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    os.execvp(sys.argv[2], sys.argv[2:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def process(
    cmd: list[str],
    env: Mapping[str, str] | None = None,
    stdout: int | None = None,
    memory: bool = True,
) -> Figures:
    """A whole process: its wall time (s) and, with *memory*, its own peak memory (MB; then the
    time includes the launcher's ~20 ms, as the floor's does)."""
    import tempfile

    if not memory:
        t0 = time.perf_counter()
        done = subprocess.run(
            cmd, env=dict(env) if env is not None else None, check=False,
            stdout=subprocess.DEVNULL if stdout is None else stdout, stderr=subprocess.PIPE,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
            raise subprocess.CalledProcessError(done.returncode, cmd)
        return {"s": seconds}

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        t0 = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-S", "-c", _LAUNCH, out.name, *cmd],
            env=dict(env) if env is not None else None,
            stdout=subprocess.DEVNULL if stdout is None else stdout,
            stderr=subprocess.PIPE, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        if result.returncode != 0:
            sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
            raise subprocess.CalledProcessError(result.returncode, cmd)
        kib = int(out.read() or 0)
    return {"s": seconds, "mb": kib / 1024}


def verdict(*results: Comparison | Absolute | bool) -> int:
    """0 when every result is within budget, else 1 (the exit status of a bench script)."""
    ok = True
    for r in results:
        if isinstance(r, Comparison):
            ok &= r.all_ok
        elif isinstance(r, Absolute):
            ok &= r.ok
        else:
            ok &= bool(r)
    return 0 if ok else 1
