"""Writer processes: two at once both succeed. (Killed writers: tests/faults/.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
