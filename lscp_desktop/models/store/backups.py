"""Backups: consistent copies taken with SQLite's backup API and checked before they are kept,
their rotation, and the restore that keeps a safety copy of what it replaces.

Every copy is read through a connection of its own, so it holds exactly what has been committed
and may be taken on a worker thread while the window goes on saving.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import ForeignFileError, NewerSchemaError, StoreError
from lscp_desktop.models.store.checks import APPLICATION_ID, check_header, integrity_check
from lscp_desktop.models.store.connection import BUSY_TIMEOUT_MS, connect, disk_full
from lscp_desktop.models.store.lock import FileLock
from lscp_desktop.models.store.migrations import schema_version


def backup_folder(database: Path) -> Path:
    """Where the backups of *database* go by default: ``<stem>-backups`` beside it."""
    return database.with_name(database.stem + "-backups")


def list_backups(database: Path, folder: Path | None = None) -> list[Path]:
    """Backups of *database* in *folder* (the default folder if not given), newest first."""
    folder = folder or backup_folder(database)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{database.stem}.*.db") if not p.name.startswith(".")]
    return sorted(found, key=_stamp, reverse=True)


def _stamp(path: Path) -> str:
    """The time part of a backup's name: ``2026-11-22_093000``, or ``…_093000-2`` for the
    second backup taken in that second (which sorts after the first)."""
    parts = path.name.split(".")
    return parts[-3] if len(parts) >= 4 else ""


# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_STAMP = r"[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{6}"


def backup_time(path: Path) -> dt.datetime | None:
    """When the backup *path* was taken, from its name."""
    try:
        # As strptime(…, "%Y-%m-%d_%H%M%S") read it, without loading strptime at start-up.
        s = _stamp(path)[:17]
        if not re.fullmatch(_STAMP, s):
            return None
        return dt.datetime(int(s[:4]), int(s[5:7]), int(s[8:10]),
                           int(s[11:13]), int(s[13:15]), int(s[15:17]))  # fmt: skip
    except ValueError:  # 2026-02-30 and the like
        return None


def backup_reason(path: Path) -> str:
    """Why the backup *path* was taken (``daily``, ``manual``, ``pre-migration``…)."""
    return path.name.split(".")[-2]


def take_backup(
    database: Path,
    *,
    reason: str = "manual",
    folder: Path | None = None,
    source: Path | None = None,
) -> Path:
    """A consistent, verified copy of *database* (read from *source*, a private copy of it, if
    given): written to a temporary file, checked, then renamed to a name no other backup has.
    Backups in the default folder are rotated afterwards, never deleting this one."""
    target_folder = folder or backup_folder(database)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    name = target_folder / f"{database.stem}.{stamp}.{reason}.db"
    try:
        target_folder.mkdir(parents=True, exist_ok=True)
        tempfiles.sweep(target_folder, for_name=f"{database.stem}.")
        conn = sqlite3.connect((source or database).as_uri() + "?mode=ro", uri=True)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            final = _verified_copy(conn, name, unique=True)
        finally:
            conn.close()
    except (OSError, sqlite3.Error, StoreError) as exc:
        why: object = exc
        if disk_full(name):
            why = "the disk is full; free some space and try again"
        elif isinstance(exc, PermissionError) or getattr(exc, "errno", None) == errno.EROFS:
            why = "the folder cannot be written (it, or its disk, is read-only)"
        raise StoreError(
            f"The backup to {target_folder} failed: {why}. The database is unchanged."
        ) from exc
    if folder is None:
        rotate_backups(list_backups(database), keep=final)
    return final


def save_copy(database: Path, target: str | os.PathLike[str]) -> Path:
    """A consistent, verified copy of *database* saved as *target* (File › Save a copy…); the
    database stays the file in use. A file open in LSCP Desktop is never replaced."""
    database = Path(database).absolute()
    final = Path(target).expanduser().absolute()
    if final == database:
        raise StoreError("That is the database itself; choose another name for the copy.")
    # Only a file the app has opened has a lock beside it; none is left beside a new copy.
    lock = FileLock.beside(final) if FileLock.beside(final).path.exists() else None
    try:
        if lock is not None and not lock.acquire():
            raise StoreError(f"{final.name} is open in LSCP Desktop; choose another name.")
    except OSError as exc:
        raise StoreError(f"Cannot save a copy in {final.parent}: {exc.strerror}.") from exc
    try:
        source = sqlite3.connect(database.as_uri() + "?mode=ro", uri=True)
        try:
            source.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _verified_copy(source, final, before_rename=lambda: _remove_sidecars(final))
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"The copy to {final} failed: {exc}. Nothing was changed.") from exc
    finally:
        if lock is not None:
            lock.release()
    return final


#: How a backup's temporary file was named before tempfiles named them all alike.
_OLD_TEMPORARY = r"^\..+\.\d{4}-\d\d-\d\d_\d{6}\.[a-z-]+\.db\.tmp(-journal|-wal|-shm)?$"


def sweep_temporary(database: Path) -> list[Path]:
    """Delete the temporary files that killed backups and restores of *database* left (in its
    backups folder, and beside it); return what was deleted. See :mod:`tempfiles`."""
    folder = backup_folder(database)
    removed = tempfiles.sweep(folder, for_name=f"{database.stem}.")
    removed += tempfiles.sweep(database.parent, for_name=database.name)
    with contextlib.suppress(OSError):
        for path in folder.iterdir() if folder.is_dir() else []:
            if re.match(_OLD_TEMPORARY, path.name) and time.time() - path.stat().st_mtime > (
                tempfiles.STALE_AFTER
            ):
                path.unlink()
                removed.append(path)
    return removed


def _unused_name(path: Path) -> Path:
    """*path*, or the same name with ``-2``, ``-3``… after its time if it is taken."""
    stem, stamp, reason = path.name.rsplit(".", 3)[:3]
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{stem}.{stamp}-{n}.{reason}.db")
    return candidate


def verify_backup(path: Path) -> None:
    """Raise :class:`StoreError` unless *path* is an intact LSCP database this build can read."""
    check_header(path)
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            problems = integrity_check(conn)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path.name} cannot be read as a database ({exc}).") from exc
    if problems:
        raise StoreError(f"{path.name} failed its integrity check ({'; '.join(problems[:3])}).")
    if app_id != APPLICATION_ID:
        raise ForeignFileError(f"{path.name} is not an LSCP Desktop database.")
    if version > schema_version():
        raise NewerSchemaError(f"{path.name} was saved by a newer version of LSCP Desktop.")


def rotate_backups(
    backups: list[Path],
    *,
    keep: Path | None = None,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
    safety: int = 5,
) -> list[Path]:
    """Delete the automatic backups no longer needed; return what was deleted.

    The retention: every manual backup is kept (the user took it; the user deletes it). Of the
    daily backups taken on opening, the first of each day is kept for the last *daily* days
    that have one, the first of each of the last *weekly* ISO weeks, and the first of each of
    the last *monthly* months; the others are deleted. The *safety* newest copies taken
    before a migration, a restore or an import are kept. *keep* (the backup just taken and
    reported as verified) is never deleted, nor is a backup of a kind this version does not
    know.
    """
    timed = [(p, t) for p in backups if (t := backup_time(p)) is not None]
    timed.sort(key=lambda pt: (pt[1], _stamp(pt[0])))  # oldest first
    dailies = [(p, t) for p, t in timed if backup_reason(p) == "daily"]
    safeties = [p for p, _ in timed if backup_reason(p).startswith("pre-")]
    kept: set[Path] = set(safeties[-safety:] if safety else [])
    firsts: dict[Any, Path] = {}  # the first daily backup of each day
    for p, t in dailies:
        firsts.setdefault(t.date(), p)
    for limit, period in (
        (daily, lambda d: d),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ):
        seen: dict[Any, Path] = {}
        for day in sorted(firsts):  # oldest first, so each period keeps its first day
            seen.setdefault(period(day), firsts[day])
        kept.update(list(seen.values())[-limit:] if limit else [])
    removed = []
    for p in [p for p, _ in dailies] + safeties:
        if p not in kept and p != keep:
            with contextlib.suppress(OSError):
                p.unlink()
                removed.append(p)
    return removed


def restore_backup(backup: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path | None:
    """Replace the database at *target* with a verified *backup*.

    The current file is first backed up (or, if damaged, moved aside untouched) so a restore
    can itself be undone. Returns the path of that safety copy, if there was a file.
    """
    backup_path = Path(backup).absolute()
    target_path = Path(target).absolute()
    if not backup_path.is_file():
        raise StoreError(f"There is no backup file at {backup_path}.")
    verify_backup(backup_path)
    safety: Path | None = None
    lock = FileLock.beside(target_path)
    try:
        if not lock.acquire():
            holder = lock.holder()
            raise StoreError(
                "Close LSCP Desktop before restoring: the database is open"
                + (f" for {holder.describe()}." if holder else " in another copy of the app.")
            )
    except OSError as exc:
        raise StoreError(f"Cannot restore into {target_path.parent}: {exc.strerror}.") from exc
    try:
        if target_path.exists() and target_path.stat().st_size > 0:
            safety = _safety_copy(target_path)
        src = sqlite3.connect(f"{backup_path.as_uri()}?mode=ro", uri=True)
        try:
            _verified_copy(src, target_path, before_rename=lambda: _remove_sidecars(target_path))
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"The restore failed ({exc}); the database was not changed.") from exc
    finally:
        lock.release()
    return safety


def _verified_copy(
    source: sqlite3.Connection,
    final: Path,
    before_rename: Callable[[], None] | None = None,
    *,
    unique: bool = False,
) -> Path:
    """Copy a live database with SQLite's backup API to a temporary file beside *final*,
    check the copy, then rename it into place (with *unique*, to a name not yet taken);
    return where it went. A failure leaves *final* as it was."""
    tmp = tempfiles.temp_path(final)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # A copy of a WAL database is itself in WAL mode; a backup is a single
            # self-contained file, so switch it back (no -wal/-shm left beside it).
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        verify_backup(tmp)
        if before_rename:
            before_rename()
        if unique:
            final = _unused_name(final)
        os.replace(tmp, final)
        return final
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _remove_sidecars(tmp)


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def _safety_copy(path: Path) -> Path:
    """Back up a healthy database before it is replaced, or move a damaged one aside."""
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, read_only=False)
        healthy = integrity_check(conn) == []
    except sqlite3.Error:
        healthy = False
    if healthy and conn is not None:
        final = folder / f"{path.stem}.{stamp}.pre-restore.db"
        try:
            final = _verified_copy(conn, final, unique=True)
        finally:
            conn.close()
        return final
    if conn is not None:
        conn.close()
    damaged = folder / f"{path.stem}.{stamp}.damaged"
    os.replace(path, damaged)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, damaged.with_name(damaged.name + suffix))
    return damaged
