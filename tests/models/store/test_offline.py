"""A read-only offline copy of a team database (issue 22): a SQLite snapshot holding exactly the
server's rows, that refuses writes and says what it is."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.cli import main
from lscp_desktop.models.core.errors import ReadOnlyError, StoreError
from lscp_desktop.models.store import moving
from lscp_desktop.models.store.offline import MARK_TABLE, offline_copy, take_copy
from lscp_desktop.models.store.opening import open_database

TAKEN = dt.datetime(2026, 12, 5, 18, 30)


@pytest.fixture
def demo_url(pg_server: Any, _pg_demo_template: str) -> Iterator[str]:
    name = pg_server.new_database(_pg_demo_template)
    yield pg_server.url(name)
    pg_server.drop(name)


def rows(conn: Any, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    got = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted((tuple(r) for r in got), key=repr)


def test_the_copy_holds_the_servers_rows_and_refuses_writes(demo_url: str, tmp_path: Path) -> None:
    path = tmp_path / "train.db"
    with open_database(demo_url, read_only=True) as server:
        proof = take_copy(server, path, now=TAKEN)
        assert proof.same and proof.rows > 1000
        pg: Any = server.conn
        file = sqlite3.connect(path)
        tables = moving.tables(file)
        assert MARK_TABLE in tables
        tables.remove(MARK_TABLE)
        for table in tables:
            columns = moving.columns(file, table)
            assert rows(file, table, columns) == rows(pg, table, columns), table
        file.close()
        label = getattr(server, "address").label  # noqa: B009 (a server store's)
    copy = offline_copy(path)
    assert copy is not None and copy.source == label
    assert copy.title == f"offline copy of {label} taken 05/12/2026 at 18:30, read-only"
    with open_database(path) as store:
        assert store.read_only
        assert any("offline copy" in w and "merged back" in w for w in store.warnings)
        with pytest.raises(ReadOnlyError, match=r"read-only offline copy of .* merged back"):
            store.insert("organisations", {"name": "New", "kind": "LA", "sector": "LA"})
        assert store.count("actions") > 0
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name != "appdata")
    assert beside == ["train.db"]  # nothing left beside it


def test_an_existing_file_is_never_overwritten(demo_url: str, tmp_path: Path) -> None:
    path = tmp_path / "there.db"
    path.write_bytes(b"mine")
    with (
        open_database(demo_url, read_only=True) as server,
        pytest.raises(StoreError, match="already a file"),
    ):
        take_copy(server, path)
    assert path.read_bytes() == b"mine"


def test_server_snapshot_on_the_command_line(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "copy.db"
    assert main(["server", "snapshot", demo_url, str(path)]) == 0
    out = capsys.readouterr().out
    assert "offline copy" in out and "every count, checksum and money total the same" in out
    assert offline_copy(path) is not None
