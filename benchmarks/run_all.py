"""Run every benchmarks/bench_*.py against one freshly built large demo database.

Usage: python benchmarks/run_all.py [--keep]. Each script gets the database path as argv[1]
and prints lines "name: value (budget) OK|OVER". The combined output is also written to
benchmarks/results.txt so the figures in the README can be checked against a real run.
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


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores",
        f"large demo database built in {build * 1000:.0f} ms ({db.stat().st_size // 1024} KiB)",
    ]
    print("\n".join(lines), flush=True)
    failed = False
    for script in sorted(HERE.glob("bench_*.py")):
        result = subprocess.run(
            [sys.executable, str(script), str(db)], capture_output=True, text=True, check=False
        )
        out = result.stdout.strip()
        if result.returncode != 0:
            out += f"\n{script.name} failed:\n{result.stderr.strip()[-2000:]}"
            failed = True
        block = f"\n## {script.stem}\n{out}"
        print(block, flush=True)
        lines.append(block)
        failed = failed or " OVER" in out
    (HERE / "results.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
