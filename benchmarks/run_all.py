"""Run every benchmarks/bench_*.py against one freshly built large demo database.

Usage: python benchmarks/run_all.py [--scale 1,3,10]. Each script gets the database path as
argv[1] and prints lines "name: value (budget) OK|OVER" (comparisons with a floor: the median
of alternating pairs' ratios, with min, max and n; see pairs.py). The combined output is also
written to benchmarks/results.txt so the figures in the README can be checked against a real
run. With --scale (``make bench-scale``), the scripts whose work grows with the action log
(SCALED) run again on copies of the demo with its actions repeated 3 and 10 times
(scale.py); that output goes to benchmarks/results-scale.txt.

The page and filter scripts (team_server.PAGE_SCRIPTS) also run on PostgreSQL (issue 22): a
server of the run's own on this machine, the large demo moved into it by ``move-to-server``;
their figures are printed side by side, "name sqlite: X ms, postgresql: Y ms (budget 50 ms)".
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

#: The scripts run at each scale by ``--scale``: those whose work grows with the action log.
SCALED = ("bench_actions.py", "bench_cli_json.py", "bench_pages.py", "bench_workbooks.py")


def machine() -> str:
    """The machine the figures come from, and what else was running on it."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        load = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        load = ["?"]
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; "
        f"load average at the start {' '.join(load)}"
    )


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scales = [1]
    if "--scale" in sys.argv:
        scales = [int(x) for x in sys.argv[sys.argv.index("--scale") + 1].split(",")]
    work = Path(tempfile.mkdtemp(prefix="lscp-bench-"))
    os.environ["LSCP_DESKTOP_DATA"] = str(work / "appdata")
    db = work / "large.db"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lscp_desktop", "demo", str(db), "--size", "large", "--seed", "1"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    build = time.perf_counter() - t0
    lines = [
        f"# LSCP Desktop benchmarks — {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{platform.python_implementation()} {platform.python_version()}",
        f"machine: {machine()}",
        f"large demo database built in {build * 1000:.0f} ms ({db.stat().st_size // 1024} KiB)",
    ]
    print("\n".join(lines), flush=True)
    failed = False
    server, url = None, None
    if scales == [1]:
        from team_server import Server, Unavailable, moved

        t0 = time.perf_counter()
        try:
            server = Server()
            url, said = moved(server, db)
        except (Unavailable, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            said, failed = f"PostgreSQL run not possible: {detail.strip()[-2000:]}", True
        line = f"PostgreSQL (same machine, Unix socket): {said} ({time.perf_counter() - t0:.1f} s)"
        print(line, flush=True)
        lines.append(line)
    try:
        failed = _run(scales, db, work, url, lines) or failed
    finally:
        if server is not None:
            server.stop()
    name = "results-scale.txt" if len(scales) > 1 else "results.txt"
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


def _script(script: Path, target: object, scale: int) -> tuple[str, bool]:
    """One script's output on *target* (a file or a server's address), and whether it
    crashed (a figure over budget is not a crash)."""
    result = subprocess.run(
        [sys.executable, str(script), str(target)],
        capture_output=True, text=True, check=False,
        env=dict(os.environ, LSCP_BENCH_SCALE=str(scale)),
    )  # fmt: skip
    out = result.stdout.strip()
    if result.returncode != 0 and " OVER" not in out:
        return out + f"\n{script.name} failed:\n{result.stderr.strip()[-2000:]}", True
    return out, False


def _run(scales: list[int], db: Path, work: Path, url: str | None, lines: list[str]) -> bool:
    from team_server import PAGE_SCRIPTS, side_by_side

    failed = False
    for scale in scales:
        if scale == 1:
            target = db
        else:
            from scale import scaled_copy

            target = scaled_copy(db, scale, work / f"large-x{scale}.db")
        scripts = sorted(HERE.glob("bench_*.py"))
        if len(scales) > 1:
            scripts = [s for s in scripts if s.name in SCALED]
        for script in scripts:
            out, crashed = _script(script, target, scale)
            if url is not None and script.name in PAGE_SCRIPTS:
                theirs, pg_crashed = _script(script, url, scale)
                out, crashed = side_by_side(out, theirs), crashed or pg_crashed
            failed = failed or crashed
            block = f"\n## {script.stem}" + (f" at {scale}x the actions" if scale > 1 else "")
            block += f" (load average {os.getloadavg()[0]:.2f} as it ended)"
            block += f"\n{out}"
            print(block, flush=True)
            lines.append(block)
            failed = failed or " OVER" in out
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
