"""Getting at a database file: whether it may be written (the app lock, a read-only file,
folder or disk) and the connections that read it, with the reason it can only be read.

A read-only file, a read-only folder or read-only media opens read-only.

Such a file opens read-only (``mode=ro``), never ``immutable``: an immutable connection ignores
the ``-wal`` file, where committed rows can still be. SQLite reads a WAL database through a
``-shm`` file beside it; in a folder that cannot be written, where no ``-shm`` can be created,
the file and its ``-wal`` are read from a private copy taken as it opens (SQLite replays the
WAL there), so every committed row is shown. A read-only spell leaves no ``-wal``/``-shm`` that
stops a later save: SQLite gives those the permissions of the file, so they are given the
file's own permissions back once it is writable again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

from lscp_desktop.models.core import tempfiles
from lscp_desktop.models.core.errors import ReadOnlyError, StoreError
from lscp_desktop.models.store.backups import list_backups
from lscp_desktop.models.store.checks import opening_error
from lscp_desktop.models.store.connection import (
    READ_ONLY_REMEDY,
    REASONS,
    SIDECARS,
    Connections,
    error_code,
    read_only_cause,
)
from lscp_desktop.models.store.lock import FileLock, LockHolder, take_app_lock

_SNAPSHOT_PREFIX = "lscp-read-only-"
#: What SQLite says when it cannot read a WAL database in a folder where it cannot make files.
_NEEDS_A_COPY = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)

WARNINGS = {
    "file": "This database file is read-only, so it has been opened read-only: you can look "
    "but not change anything. To make changes, ask IT to make the file writable, or copy it to "
    "a folder of your own.",
    "folder": "The folder holding this database is read-only (or it is on a read-only disk), "
    "so the database has been opened read-only: you can look but not change anything. To make "
    "changes, copy the file to a folder you can save in.",
}


class Access(NamedTuple):
    """How a store reaches its file: see :func:`open_file`."""

    conns: Connections
    read_only: bool
    #: The app lock, held while the store is open for writing.
    lock: FileLock | None
    #: Who holds the app lock, when another copy of the app does (the file is then read-only).
    holder: LockHolder | None
    #: The folder of the private copy the connections read (a WAL file in a read-only folder).
    copy: Path | None
    #: Why nothing can be saved, after "Nothing was saved: ", and the warning shown on opening.
    reason: str = "it was opened read-only"
    warning: str | None = None


def open_file(
    path: Path, *, existed: bool, read_only: bool, exclusive: bool, lock_wait: float
) -> Access:
    """The connections to *path* and whether they may write: not if asked to read only, nor
    if the file, its folder or its disk is read-only, nor (when *exclusive*) if another copy
    of the app holds the app lock after *lock_wait* seconds. A file that cannot be created is
    refused; a failure releases the lock taken."""
    cause = read_only_cause(path, existed)
    if cause and not existed:
        raise ReadOnlyError(f"Cannot create {path}: {REASONS[cause]}.")
    lock: FileLock | None = None
    holder: LockHolder | None = None
    if not read_only and not cause and exclusive:
        lock, holder = take_app_lock(path, wait=lock_wait)
        if lock is None and not existed:
            raise ReadOnlyError(f"Cannot create {path}: {REASONS['folder']}.")
    read_only = read_only or cause is not None or (exclusive and lock is None)
    try:
        conns, copy = connect(path, read_only=read_only, cause=cause, existed=existed)
    except BaseException:
        if lock:
            lock.release()
        raise
    if cause:
        reason, warning = REASONS[cause] + READ_ONLY_REMEDY, WARNINGS[cause]
    elif holder is not None:
        reason = f"it is open in another copy of the app ({holder.describe()})"
        warning = (
            f"This database is already open in LSCP Desktop for {holder.describe()}. "
            "It has been opened read-only: you can look but not change anything."
        )
    else:
        return Access(conns, read_only, lock, holder, copy)
    return Access(conns, read_only, lock, holder, copy, reason, warning)


def repair_sidecars(path: Path) -> None:
    """Give a ``-wal``/``-shm`` left read-only by a read-only spell the writable file's own
    permissions (SQLite copies the file's when it creates them). Best effort: one that is not
    ours stays as it is, and the save then says which file is read-only."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    for suffix in SIDECARS:
        side = path.with_name(path.name + suffix)
        if side.exists() and not os.access(side, os.W_OK):
            with contextlib.suppress(OSError):
                side.chmod(mode | stat.S_IWUSR)


def connect(
    path: Path, *, read_only: bool, cause: str | None, existed: bool
) -> tuple[Connections, Path | None]:
    """The connections of a store being opened (see :func:`connect_read_only`); a failure is
    the plain message for it, and a file the attempt created is removed."""
    try:
        if read_only:
            return connect_read_only(path, cause)
        repair_sidecars(path)
        return Connections(path, read_only=False), None
    except (sqlite3.Error, UnicodeDecodeError, OSError) as exc:
        if not existed:
            remove_new_file(path)
        if isinstance(exc, OSError):
            raise StoreError(f"Cannot open {path}: {exc.strerror or exc}.") from exc
        raise opening_error(exc, path, list_backups(path)) from exc


def connect_read_only(path: Path, cause: str | None) -> tuple[Connections, Path | None]:
    """Connections reading *path*, and the folder of the private copy they read if one was
    needed (to be removed with :func:`remove_copy` when the store closes)."""
    conns: Connections | None = None
    try:
        conns = Connections(path, read_only=True)
        if cause == "folder":  # can SQLite read it here, without a -shm of its own?
            conns.current(read_only=True).execute("SELECT count(*) FROM sqlite_master")
        return conns, None
    except sqlite3.OperationalError as exc:
        code = error_code(exc)
        unreadable = code is not None and code & 0xFF in _NEEDS_A_COPY
        if conns is not None:
            conns.close(checkpoint=False)
        if cause != "folder" or not unreadable:
            raise
    copy = private_copy(path)
    return Connections(copy, read_only=True), copy.parent


def private_copy(path: Path) -> Path:
    """Copy *path* and any ``-wal``/``-journal`` into a private folder, let SQLite recover
    them there (replaying the WAL, rolling back a hot journal), and return the copy."""
    _sweep_copies()
    folder = Path(tempfile.mkdtemp(prefix=f"{_SNAPSHOT_PREFIX}{os.getpid()}-"))
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        for suffix in ("-wal", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                shutil.copyfile(side, copy.with_name(copy.name + suffix))
        conn = sqlite3.connect(copy)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()  # the last connection: the WAL is checkpointed into the copy
    except BaseException:
        remove_copy(folder)
        raise
    return copy


def remove_copy(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _sweep_copies() -> None:
    """Remove the private copies of runs that ended without closing (they hold user data)."""
    with contextlib.suppress(OSError):
        for folder in Path(tempfile.gettempdir()).glob(f"{_SNAPSHOT_PREFIX}*"):
            pid = folder.name[len(_SNAPSHOT_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and not tempfiles.process_alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def remove_new_file(path: Path) -> None:
    """Remove the file (and what SQLite keeps beside it) an opening that failed had created:
    an empty file left behind would be refused as "not a database" next time."""
    for name in (path.name, *(path.name + suffix for suffix in SIDECARS)):
        with contextlib.suppress(OSError):
            path.with_name(name).unlink()
