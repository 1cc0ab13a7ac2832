"""Backups: verified copies, one file each, restore with a safety copy, daily, rotation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.store import add_org, digest

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.store.backups import restore_backup, rotate_backups
from lscp_desktop.models.store.database import Store


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
