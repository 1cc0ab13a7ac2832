"""Storage errors on the command line: one plain line on stderr, exit status 1, no traceback."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from helpers.cli import run_cli
from helpers.faults import full_disk
from helpers.sheets import write_csv

from lscp_desktop.cli import main
from lscp_desktop.cli.common import open_existing
from lscp_desktop.models.store.database import Store


def test_a_busy_database_is_one_line_and_nothing_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lscp_desktop.models.store.connection.BUSY_TIMEOUT_MS", 50)
    db = tmp_path / "p.db"
    Store.open(db, daily_backup=False).close()
    sheet = write_csv(tmp_path / "o.csv", "Organisation,Sector\nNorthshire Police,police\n")
    other = sqlite3.connect(db, isolation_level=None)  # another program, mid-write
    try:
        other.execute("BEGIN IMMEDIATE")
        code = main(["import", "organisations", str(db), str(sheet)])
    finally:
        other.close()
    _out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        "lscp-desktop: The database is busy: another copy of LSCP Desktop or another program is "
        "saving to it. Nothing was saved; try again in a moment."
    ]
    with Store.open(db, daily_backup=False) as store:
        assert store.count("organisations") == 0


def test_a_read_only_command_takes_no_lock_and_never_blocks_the_window(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Store.open(db, daily_backup=False).close()
    with open_existing(db) as reader:  # e.g. a long export
        assert reader.count("organisations") == 0
        with Store.open(db, daily_backup=False) as window:
            assert not window.read_only
            assert window.warnings == []


def test_a_cli_writer_waits_its_turn_for_another(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    Store.open(db, daily_backup=False).close()
    held = threading.Event()

    def first_writer() -> None:  # e.g. an import run from a script
        with open_existing(db, write=True):
            held.set()
            time.sleep(0.5)

    first = threading.Thread(target=first_writer)
    first.start()
    try:
        assert held.wait(10)
        with open_existing(db, write=True) as second:  # waits for the first to finish
            assert not second.read_only
    finally:
        first.join()


def test_closing_never_waits_for_another_programs_reader(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db, daily_backup=False) as store:
        store.set_setting("x", "1")
    reader = sqlite3.connect(db, isolation_level=None)  # another program, mid-read
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM settings").fetchone()
        with open_existing(db, write=True) as store:
            store.set_setting("x", "2")
            start = time.monotonic()
        assert time.monotonic() - start < 2  # a hang bound: the busy timeout is 10 s
    finally:
        reader.close()


def test_a_full_disk_is_called_a_full_disk_whatever_the_command(tmp_path: Path) -> None:
    """Not "disk I/O error", nor "the folder is read-only": the disk is full, nothing was saved,
    and the file is intact once there is space again. (Even reading needs a little space, for
    SQLite's shared-memory file, when no other copy has the database open.)"""
    with full_disk() as disk:
        db = disk.folder / "p.db"
        assert main(["demo", str(db)]) == 0
        (disk.folder / "p.db.lock").unlink()
        disk.fill()
        for command in (
            ["list", "organisations", db],
            ["init", disk.folder / "new.db", "--name", "Eastmere LSCP"],
            ["finance", "add-year", db, "--year", "2030/31"],
        ):
            code, err = disk.run(run_cli, *command)
            assert code == 1 and "The disk is full" in err, err
            assert "read-only" not in err and "I/O" not in err and "Traceback" not in err
        assert not (disk.folder / "new.db").exists()  # no empty file left to be refused later
        disk.free()
        assert main(["check", str(db)]) == 0
        assert main(["list", "organisations", str(db)]) == 0
