"""Writer processes: two at once both succeed; a killed writer never loses a committed row."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lscp_desktop.models.store.database import Store

WRITER = Path(__file__).parents[2] / "helpers" / "writer.py"


def _writer(path: Path, start: int, count: int, pause: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(start), str(count), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writer_processes_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    a, b = _writer(path, 0, 300), _writer(path, 1000, 300)
    _out_a, err_a = a.communicate(timeout=120)
    _out_b, err_b = b.communicate(timeout=120)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    with Store.open(path, daily_backup=False) as store:
        assert store.count("organisations") == 600
        assert store.check() == []


@pytest.mark.slow
def test_killed_writer_never_loses_a_committed_row(tmp_path: Path) -> None:
    """SIGKILL a writer mid-stream 50 times: every reported commit survives, integrity holds."""
    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    rng = random.Random(20261122)
    committed: set[int] = set()
    for trial in range(50):
        proc = _writer(path, trial * 10_000, 5_000)
        assert proc.stdout is not None
        deadline = time.monotonic() + rng.uniform(0.35, 0.9)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("committed"):
                committed.add(int(line.split()[1]))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        committed.update(int(x.split()[1]) for x in rest.splitlines() if x.startswith("committed"))
        with Store.open(path, daily_backup=False) as store:
            assert store.check() == [], f"trial {trial}"
            names = {r["name"] for r in store.query("SELECT name FROM organisations")}
        missing = {n for n in committed if f"Org {n}" not in names}
        assert not missing, f"trial {trial}: lost {sorted(missing)[:5]}"
    assert len(committed) > 50
