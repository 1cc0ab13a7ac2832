"""Backups: verified copies, one file each, restore with a safety copy, daily, rotation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.faults import killed, once
from helpers.store import add_org, digest

from lscp_desktop.models.core import tempfiles
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


# --------------------------------------------------------------------------- issue 19


def _backups(folder: Path, stamps_and_reasons: list[tuple[dt.datetime, str]]) -> list[Path]:
    paths = []
    for when, reason in stamps_and_reasons:
        p = folder / f"p.{when:%Y-%m-%d_%H%M%S}.{reason}.db"
        p.write_text("x")
        paths.append(p)
    return paths


def test_rotation_keeps_every_manual_backup_and_each_days_first_daily(tmp_path: Path) -> None:
    morning = dt.datetime(2026, 11, 22, 8, 30)
    paths = _backups(
        tmp_path,
        [(morning, "daily"), (morning + dt.timedelta(hours=2), "manual"),
         (morning + dt.timedelta(hours=5), "daily")]  # a second copy of the app, later
        + [(morning - dt.timedelta(days=d), "manual") for d in range(1, 60)],
    )  # fmt: skip
    rotate_backups(paths)
    kept = {p.name for p in tmp_path.iterdir()}
    assert "p.2026-11-22_083000.daily.db" in kept  # the day's first daily backup
    assert "p.2026-11-22_133000.daily.db" not in kept
    assert len([k for k in kept if ".manual." in k]) == 60  # every manual backup


def test_two_backups_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        add_org(store, "Council")
        made = [store.backup(), store.backup(), store.backup(reason="daily")]
        made.append(store.backup())
    assert len(set(made)) == 4
    assert all(p.exists() for p in made)  # every path reported "verified" is there


def _temporary_copies(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if (tempfiles.final_name(p) or "").endswith(".db")]


def _back_up_and_hang(db: str) -> None:
    """In a child: take a backup, but stop for good just before the checked copy is renamed."""
    import os
    import time

    os.replace = lambda *_a, **_k: time.sleep(3600)  # type: ignore[assignment]
    with Store.open(db, daily_backup=False) as store:
        store.backup()


def test_a_killed_backups_temporary_file_is_swept_on_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path, daily_backup=False) as store:
        for i in range(200):
            add_org(store, f"Organisation {i}")
        folder = store.backup_dir
    folder.mkdir(exist_ok=True)
    theirs = folder / "notes.txt.tmp"  # not ours: never touched
    theirs.write_text("keep me")
    seen: set[Path] = set()

    def a_new_copy() -> bool:  # each backup sweeps what the one killed before it left
        fresh = set(_temporary_copies(folder)) - seen
        seen.update(fresh)
        return bool(fresh)

    for _ in range(3):
        killed(  # once the copy is written and checked: the child waits in os.replace
            lambda: _back_up_and_hang(str(path)), once(a_new_copy, then=0.5)
        )
    assert [p for p in folder.iterdir() if p.name.startswith(".")]  # left behind
    with Store.open(path, daily_backup=False):
        pass
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt.tmp"]
    assert theirs.read_text() == "keep me"


def test_a_backups_time_is_read_from_its_name_as_strptime_reads_it() -> None:
    from lscp_desktop.models.store.backups import backup_time

    for stamp in ("2026-11-22_093000", "2026-11-22_093000-2", "2024-02-29_235959"):
        name = Path(f"partnership.{stamp}.daily.db")
        assert backup_time(name) == dt.datetime.strptime(stamp[:17], "%Y-%m-%d_%H%M%S")
    for stamp in ("2026-02-30_093000", "2026-11-22_0930", "2026-11-22-093000", "x"):
        assert backup_time(Path(f"partnership.{stamp}.daily.db")) is None
