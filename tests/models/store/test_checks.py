"""Refusals at opening: a newer, foreign, non-SQLite, missing or damaged file is refused at
once and left untouched; a deferred check never lets a damaged file be written."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.faults import damage_index
from helpers.store import add_org, digest

from lscp_desktop.models.core.errors import (
    DamagedDatabaseError,
    ForeignFileError,
    NewerSchemaError,
    StoreError,
)
from lscp_desktop.models.store.backups import restore_backup
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.migrations import schema_version


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store.open(path, daily_backup=False).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 3}")
    conn.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError, match="newer version of LSCP Desktop"):
        Store.open(path)
    assert digest(path) == before


def test_unknown_migration_is_refused_as_newer(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store.open(path, daily_backup=False).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('core', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError):
        Store.open(path)


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignFileError, match="not an LSCP Desktop database"):
        Store.open(path)
    assert digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Minutes of the executive\n" * 20)
    with pytest.raises(ForeignFileError, match="not an SQLite file"):
        Store.open(path)
    assert path.read_text().startswith("Minutes")


def test_missing_file_without_create_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="There is no database"):
        Store.open(tmp_path / "missing.db", create=False)


PAGE = 4096


def _file_with_a_backup(path: Path, organisations: int) -> Path:
    """A database holding *organisations* long-named organisations; returns its backup."""
    with Store.open(path, daily_backup=False) as store:
        with store.transaction():  # one commit: quick to build
            for i in range(organisations):
                add_org(store, f"Organisation number {i} with a long enough name to fill pages")
        return store.backup()


def _damage(path: Path, start: int, end: int) -> None:
    """Overwrite the bytes of *path* from *start* up to *end* with 0xA5."""
    data = bytearray(path.read_bytes())
    for offset in range(start, min(len(data), end)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_damaged_file_is_not_written_and_backups_are_offered(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    good = _file_with_a_backup(path, 300)
    _damage(path, PAGE * 2, PAGE * 6)
    before = digest(path)
    with pytest.raises(DamagedDatabaseError) as info:
        Store.open(path)
    assert info.value.backups == [good]
    assert "has not been changed" in str(info.value)
    assert digest(path) == before
    # The offered backup restores cleanly and the damaged file is kept aside.
    kept = restore_backup(good, path)
    assert kept is not None and kept.name.endswith(".damaged") and kept.exists()
    with Store.open(path, daily_backup=False) as store:
        assert store.count("organisations") == 300
        assert store.check() == []


def test_deferred_check_lets_a_healthy_file_be_written(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
    with Store.open(path, daily_backup=False, defer_check=True) as store:
        add_org(store, "Police")  # waits for the check, which passes
        store.wait_for_check(timeout=10)
        assert store.count("organisations") == 2 and not store.read_only


def test_deferred_check_never_writes_to_a_damaged_file(tmp_path: Path) -> None:
    """Damage far into the file passes the cheap checks at opening; the first write waits for
    the background quick_check, is refused, and the file is left exactly as it was."""
    path = tmp_path / "p.db"
    good = _file_with_a_backup(path, 600)
    size = path.stat().st_size
    _damage(path, size - 3 * PAGE, size - PAGE)
    before = digest(path)
    store = Store.open(path, daily_backup=False, defer_check=True)
    try:
        with pytest.raises(DamagedDatabaseError) as info:
            add_org(store, "Police")
        assert info.value.backups == [good]
        assert store.read_only
        with pytest.raises(DamagedDatabaseError):
            store.wait_for_check(timeout=10)
    finally:
        store.close()
    assert digest(path) == before


def _newer_file(path: Path) -> Path:
    Store.open(path, daily_backup=False).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    return path


def _foreign_file(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    return path


def _page_damaged_file(path: Path) -> Path:
    _file_with_a_backup(path, 300)
    _damage(path, PAGE * 2, PAGE * 6)
    return path


@pytest.mark.parametrize("defer_check", [False, True], ids=["command line", "window"])
@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (_newer_file, NewerSchemaError),
        (_foreign_file, ForeignFileError),
        (_page_damaged_file, DamagedDatabaseError),
    ],
    ids=["newer", "foreign", "page-damaged"],
)
def test_opening_a_refused_file_returns_or_raises_at_once(
    tmp_path: Path, make: Any, refusal: type[StoreError], defer_check: bool
) -> None:
    """A hang bound, not a benchmark: opening (and closing) never waits for a check."""
    path = make(tmp_path / "p.db")
    start = time.monotonic()
    try:
        store = Store.open(path, daily_backup=False, defer_check=defer_check)
    except StoreError as exc:
        assert isinstance(exc, refusal)
    else:  # the window may open a current file and find the damage in the background
        assert defer_check and refusal is DamagedDatabaseError
        store.close()
    assert time.monotonic() - start < 1.0


# --------------------------------------------------------------------------- issue 19


def _organisations_file(path: Path) -> Path:
    """Three organisations and a backup of them; returns the backup."""
    with Store.open(path, daily_backup=False) as store:
        for name in ("Council", "Police", "Health"):
            add_org(store, name)
        return store.backup()


def test_an_index_damaged_file_is_refused_for_writing(tmp_path: Path) -> None:
    """Damage inside an index passes ``quick_check``; ``integrity_check`` finds it, and the file
    is never written to, opened from the command line or from the window."""
    path = tmp_path / "p.db"
    good = _organisations_file(path)
    damage_index(path, "sqlite_autoindex_organisations_1", b"Police", b"Polica")
    before = digest(path)
    with pytest.raises(DamagedDatabaseError, match="missing from index") as info:
        Store.open(path)
    assert info.value.backups == [good]
    store = Store.open(path, daily_backup=False, defer_check=True)
    try:
        with pytest.raises(DamagedDatabaseError):
            add_org(store, "Education")
        assert store.read_only
    finally:
        store.close()
    assert digest(path) == before
    assert [p.name for p in backups_of(path)] == [good.name]  # no backup taken of the damage


def backups_of(path: Path) -> list[Path]:
    folder = path.with_name(path.stem + "-backups")
    return sorted(p for p in folder.iterdir() if p.suffix == ".db")


def test_a_zero_byte_file_is_refused_not_adopted(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(ForeignFileError, match="empty"):
        Store.open(path)
    assert path.stat().st_size == 0


def test_an_empty_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE scratch (x)")
    conn.execute("DROP TABLE scratch")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignFileError, match="not an LSCP Desktop database"):
        Store.open(path)
    assert digest(path) == before


def test_a_schema_version_past_two_to_the_31_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    data = bytearray(path.read_bytes())
    data[60:64] = (2**31).to_bytes(4, "big")  # the header's user_version
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(NewerSchemaError):
        Store.open(path)
    assert digest(path) == before


def test_damaged_schema_text_is_a_damaged_file_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    junk = "CAST(X'6a756e6bff' AS TEXT)"  # 'junk' and a byte that is not UTF-8
    conn.execute(
        f"UPDATE sqlite_master SET name = {junk}, tbl_name = {junk}, "
        "sql = CAST(X'435245415445205441424c45206a756e6b2878292d2dff' AS TEXT) "
        "WHERE name = 'settings'"
    )
    conn.commit()
    conn.close()
    for defer_check in (False, True):
        with pytest.raises(StoreError, match="damaged"):
            Store.open(path, daily_backup=False, defer_check=defer_check).close()


def test_a_check_stopped_as_the_window_closes_gives_no_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exit does not wait for the opening check: stopping it interrupts its query, and it then
    calls the file neither damaged nor intact (so the store writes nothing, not even the WAL
    checkpoint at closing)."""
    import threading

    from lscp_desktop.models.core.errors import BusyError
    from lscp_desktop.models.store import checks

    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    started = threading.Event()

    def endless_check(conn: sqlite3.Connection) -> list[str]:  # runs until interrupted
        started.set()
        endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        try:
            conn.execute(endless + "SELECT count(*) FROM c").fetchall()
        except sqlite3.DatabaseError as exc:  # as integrity_check reports it
            return [str(exc)]
        return []

    monkeypatch.setattr(checks, "integrity_check", endless_check)
    check = checks.DeferredCheck()
    check.start(path, list)
    assert started.wait(10)
    check.stop()
    with pytest.raises(BusyError, match="stopped"):
        check.wait(10)
    assert not check.passed and check.damage is None


def test_stopping_a_check_that_has_passed_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    with Store.open(path, daily_backup=False, defer_check=True) as store:
        store.wait_for_check(timeout=10)
        store.stop_check()
        store.wait_for_check(timeout=10)
        add_org(store, "Police")
        assert store.count("organisations") == 1


def test_the_windows_check_begins_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window opens the file with the check pending and begins it once shown
    (``start_check``), so the check does not compete with drawing the window; a write or a
    wait before then begins it too, and stopping a check never begun gives no verdict."""
    from lscp_desktop.models.core.errors import BusyError
    from lscp_desktop.models.store import checks

    path = tmp_path / "p.db"
    Store.open(path, daily_backup=False).close()
    ran = threading.Event()
    real = checks.integrity_check

    def counted(conn: sqlite3.Connection) -> list[str]:
        ran.set()
        return real(conn)

    monkeypatch.setattr(checks, "integrity_check", counted)
    with Store.open(path, daily_backup=False, defer_check=True) as store:
        assert not ran.wait(0.2) and not store._check.passed
        store.start_check()
        store.wait_for_check(timeout=10)
        assert ran.is_set() and store._check.passed
    ran.clear()
    with Store.open(path, daily_backup=False, defer_check=True) as store:
        add_org(store, "Police")  # waits for the check, which the write begins
        assert ran.is_set()
    ran.clear()
    with Store.open(path, daily_backup=False, defer_check=True) as store:
        store.stop_check()
        with pytest.raises(BusyError, match="stopped"):
            store.wait_for_check(timeout=10)
        assert not ran.is_set() and not store._check.passed
