"""The store: pragmas on every way of opening, refusals, damage, backups, concurrency, kills."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lscp_desktop.models.core.errors import (
    DamagedDatabaseError,
    ForeignFileError,
    NewerSchemaError,
    ReadOnlyError,
    StoreError,
    ValidationError,
)
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.store import schema
from lscp_desktop.models.store.database import (
    APPLICATION_ID,
    Location,
    Store,
    _mount_fstype,
    classify_location,
    restore_backup,
    rotate_backups,
    schema_version,
)
from lscp_desktop.models.store.schema.ddl import Migrations

WRITER = Path(__file__).parents[1] / "helpers" / "writer.py"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_org(store: Store, name: str) -> int:
    return save_organisation(store, {"name": name, "kind": "other", "sector": "other"})


def assert_pragmas(store: Store, journal: str) -> None:
    assert store.pragma("foreign_keys") == 1
    assert store.pragma("synchronous") == 2  # FULL
    assert store.pragma("busy_timeout") >= 5000
    assert store.pragma("application_id") == APPLICATION_ID
    assert store.pragma("journal_mode") == journal
    assert store.pragma("user_version") == schema_version()


# --------------------------------------------------------------------------- opening


def test_pragmas_on_a_new_file(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.db", daily_backup=False) as store:
        assert_pragmas(store, "wal")
        assert not store.read_only


def test_pragmas_on_reopening_an_existing_file(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db", daily_backup=False).close()
    with Store.open(tmp_path / "a.db", create=False, daily_backup=False) as store:
        assert_pragmas(store, "wal")


def test_second_copy_opens_read_only_and_names_the_holder(tmp_path: Path) -> None:
    first = Store.open(tmp_path / "a.db", daily_backup=False)
    add_org(first, "Council")
    try:
        second = Store.open(tmp_path / "a.db", daily_backup=False)
        try:
            assert second.read_only
            assert second.lock_holder is not None and second.lock_holder.pid == os.getpid()
            assert any("read-only" in w and str(os.getpid()) in w for w in second.warnings)
            assert_pragmas(second, "wal")
            with pytest.raises(ReadOnlyError, match="another copy"):
                add_org(second, "Police")
            assert [o.name for o in list_organisations(second)] == ["Council"]
        finally:
            second.close()
    finally:
        first.close()
    # Once the first copy has closed, the file opens for writing again.
    with Store.open(tmp_path / "a.db", daily_backup=False) as third:
        assert not third.read_only


def test_network_path_uses_rollback_journal_and_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lscp_desktop.models.store.database._is_network_path", lambda _p: True)
    with Store.open(tmp_path / "share.db", daily_backup=False) as store:
        assert_pragmas(store, "delete")
        assert any("network drive" in w for w in store.warnings)


def test_sync_folder_is_detected_and_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Northbridge Council" / "LSCP"
    folder.mkdir(parents=True)
    assert classify_location(folder / "p.db").sync_service == "OneDrive"
    assert classify_location(tmp_path / "Dropbox" / "p.db").sync_service == "Dropbox"
    assert classify_location(tmp_path / "Documents" / "p.db").sync_service is None
    with Store.open(folder / "p.db", daily_backup=False) as store:
        assert_pragmas(store, "delete")
        assert any("OneDrive folder" in w for w in store.warnings)


def test_mount_table_classifies_network_file_systems() -> None:
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "//server/share /mnt/council cifs rw 0 0\n"
        "nas:/vol /mnt/nfs nfs4 rw 0 0\n"
    )
    assert _mount_fstype(Path("/mnt/council/lscp/p.db"), mounts) == "cifs"
    assert _mount_fstype(Path("/mnt/nfs/p.db"), mounts) == "nfs4"
    assert _mount_fstype(Path("/home/me/p.db"), mounts) == "ext4"
    assert Location(network=True).journal_mode == "delete"
    assert Location().warning is None


# --------------------------------------------------------------------------- refusals


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


def test_damaged_file_is_not_written_and_backups_are_offered(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        for i in range(300):
            add_org(store, f"Organisation number {i} with a long enough name to fill pages")
        good = store.backup()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
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
    with Store.open(path, daily_backup=False) as store:
        for i in range(600):
            add_org(store, f"Organisation number {i} with a long enough name to fill pages")
        good = store.backup()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - 3 * page, len(data) - page):
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
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


# --------------------------------------------------------------------------- transactions


def test_exception_inside_transaction_saves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        add_org(store, "Council")
        raise RuntimeError("boom")
    assert store.count("organisations") == 0


def test_nested_transaction_rolls_back_only_the_inner_block(store: Store) -> None:
    with store.transaction():
        add_org(store, "Council")
        with pytest.raises(ValidationError), store.transaction():
            add_org(store, "Police")
            add_org(store, "")  # invalid: name missing
    assert [o.name for o in list_organisations(store)] == ["Council"]


def test_every_change_is_audited_with_old_and_new(store: Store) -> None:
    org = add_org(store, "Council")
    save_organisation(
        store, {"name": "Northbridge Council", "kind": "other", "sector": "other"}, org
    )
    entries = store.history("organisations", org)
    renamed = [e for e in entries if e.action == "update" and e.field == "name"]
    assert len(renamed) == 1
    assert (renamed[0].old, renamed[0].new) == ("Council", "Northbridge Council")
    assert renamed[0].user


# --------------------------------------------------------------------------- migrations


def test_pending_migration_takes_a_verified_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
    extra = Migrations("test_extra")

    @extra()
    def m001_add_table(db: object) -> None:
        db.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")  # type: ignore[attr-defined]

    monkeypatch.setattr(schema, "MIGRATION_SETS", [*schema.MIGRATION_SETS, extra])
    monkeypatch.setattr("lscp_desktop.models.store.database.MIGRATION_SETS", schema.MIGRATION_SETS)
    with Store.open(path, daily_backup=False) as store:
        assert store.pragma("user_version") == schema_version()
        assert store.count("extra") == 0
        backups = store.list_backups()
        assert len(backups) == 1 and ".pre-migration." in backups[0].name
    with Store.open(backups[0], read_only=True, daily_backup=False) as old:
        assert old.count("organisations") == 1


# --------------------------------------------------------------------------- backups


def test_backup_restore_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
        backup = store.backup(directory=tmp_path / "safe")
        add_org(store, "Police")
    safety = restore_backup(backup, path)
    with Store.open(path, daily_backup=False) as store:
        assert [o.name for o in list_organisations(store)] == ["Council"]
        assert store.check() == []
    assert safety is not None and ".pre-restore." in safety.name
    with Store.open(safety, read_only=True, daily_backup=False) as before:
        assert before.count("organisations") == 2


def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    """A copy of a WAL database leaves no -wal/-shm files beside it in the backups folder."""
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        assert store.pragma("journal_mode") == "wal"
        add_org(store, "Council")
        backup = store.backup()
        assert {p.suffix for p in store.backup_dir.iterdir()} == {".db"}
    with Store.open(backup, read_only=True, daily_backup=False) as copy:
        assert copy.pragma("journal_mode") == "delete"
        assert copy.count("organisations") == 1


def test_restore_refuses_a_broken_backup_and_keeps_the_database(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    before = digest(path)
    with pytest.raises(StoreError):
        restore_backup(bad, path)
    assert digest(path) == before


def test_restore_refuses_while_the_app_has_the_file_open(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        backup = store.backup()
        with pytest.raises(StoreError, match="Close LSCP Desktop"):
            restore_backup(backup, path)


def test_daily_backup_happens_at_most_once_a_day(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        assert len(store.list_backups()) == 1
        assert store.backup_if_due() is None
        later = dt.datetime.now() + dt.timedelta(hours=25)
        assert store.backup_if_due(now=later) is not None


def test_rotation_keeps_daily_weekly_monthly_and_recent_safety_copies(tmp_path: Path) -> None:
    start = dt.datetime(2026, 11, 22, 9, 0)
    paths = []
    for day in range(400):
        stamp = (start - dt.timedelta(days=day)).strftime("%Y-%m-%d_%H%M%S")
        p = tmp_path / f"p.{stamp}.daily.db"
        p.write_text("x")
        paths.append(p)
    for i in range(8):
        stamp = (start - dt.timedelta(days=i, hours=1)).strftime("%Y-%m-%d_%H%M%S")
        p = tmp_path / f"p.{stamp}.pre-migration.db"
        p.write_text("x")
        paths.append(p)
    rotate_backups(paths)
    kept = sorted(p.name for p in tmp_path.iterdir())
    daily = [k for k in kept if ".daily." in k]
    assert len([k for k in kept if ".pre-migration." in k]) == 5
    # 7 days + older weekly and monthly representatives, never more than 7 + 4 + 12.
    assert 12 <= len(daily) <= 23
    assert "p.2026-11-22_090000.daily.db" in daily
    assert "p.2026-11-16_090000.daily.db" in daily
    oldest_kept = min(daily)
    assert oldest_kept >= "p.2025-11"


# --------------------------------------------------------------------------- concurrency


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
