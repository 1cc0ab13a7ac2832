"""Temporary files: named for their writer, swept only when that writer is gone, never a file
that is not the app's."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from lscp_desktop.models.core import tempfiles


def _temp_of(pid: int, folder: Path, final: str, host: str | None = None) -> Path:
    path = folder / f".~lscp-{host or tempfiles._host()}-{pid}-0123abcd.{final}"
    path.write_text("half an export")
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_temporary_file_of_a_finished_process_is_swept(tmp_path: Path) -> None:
    dead = _temp_of(_dead_pid(), tmp_path, "agenda.docx")
    journal = _temp_of(_dead_pid(), tmp_path, "p.2026-11-22_093000.daily.db-journal")
    assert tempfiles.final_name(dead) == "agenda.docx"
    assert sorted(tempfiles.sweep(tmp_path)) == sorted([dead, journal])
    assert list(tmp_path.iterdir()) == []


def test_a_running_writer_and_files_not_ours_are_left_alone(tmp_path: Path) -> None:
    mine = _temp_of(os.getpid(), tmp_path, "agenda.docx")  # this process: still writing
    parent = _temp_of(os.getppid(), tmp_path, "minutes.docx")  # a live process
    other_computer = _temp_of(_dead_pid(), tmp_path, "pack.docx", host="00000000")
    users = [tmp_path / n for n in (".agenda-abcd1234.docx", "~$agenda.docx", ".~lscp-notes.txt")]
    for path in users:
        path.write_text("the user's")
    assert tempfiles.sweep(tmp_path) == []
    assert all(p.exists() for p in [mine, parent, other_computer, *users])


def test_any_temporary_file_of_ours_over_a_day_old_is_swept(tmp_path: Path) -> None:
    other_computer = _temp_of(_dead_pid(), tmp_path, "pack.docx", host="00000000")
    day_ago = time.time() - tempfiles.STALE_AFTER - 60
    os.utime(other_computer, (day_ago, day_ago))
    assert tempfiles.sweep(tmp_path) == [other_computer]


def test_only_temporary_files_for_the_names_asked_for_are_swept(tmp_path: Path) -> None:
    ours = _temp_of(_dead_pid(), tmp_path, "p.2026-11-22_093000.manual.db")
    another_db = _temp_of(_dead_pid(), tmp_path, "q.2026-11-22_093000.manual.db")
    assert tempfiles.sweep(tmp_path, for_name="p.") == [ours]
    assert another_db.exists()


def test_a_new_temporary_file_has_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    path = tempfiles.create_temp(tmp_path / "agenda.docx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert tempfiles.final_name(path) == "agenda.docx"
