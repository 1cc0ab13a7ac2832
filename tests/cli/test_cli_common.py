"""Storage errors on the command line: one plain line on stderr, exit status 1, no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.sheets import write_csv

from lscp_desktop.cli import main
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
