"""Connections to the database file: one per thread, each with the same pragmas, and SQLite's
errors turned into messages by their result codes.

Why one per thread. A transaction belongs to a connection, so two threads sharing one
connection share its transaction: a save made from the window while a background import runs
would join the import's transaction and be rolled back with it. So every thread that touches a
:class:`~lscp_desktop.models.store.database.Store` gets a connection of its own:

- the thread that opened the store (the GUI thread, or the command line's only thread) uses
  the connection opened with it;
- any other thread (a background job: an import, an export, a backup, the start-up check, a
  chart reading the store) gets its own connection the first time it asks, with the same
  pragmas; SQLite's locking then makes a second writer queue (``BEGIN IMMEDIATE`` waits up to
  the busy timeout) instead of joining the first writer's transaction;
- every connection is made with ``check_same_thread=True``, so handing one to another thread
  raises at once instead of silently sharing a transaction.

The store hands the connection out by thread (``Store.conn``) rather than giving each job a
store bound to a connection, so every caller that captures the window's ``store`` in a job
keeps working unchanged. A save from the window while a job is writing waits for the job's
commit or rollback (at most the busy timeout, then a :class:`BusyError`: nothing is lost).

A connection must be closed on its own thread. Thread-pool threads are reused, so a job's
connection is closed when the job ends: ``BackgroundRunner`` calls
:func:`release_thread_connections` after every job (any other thread that used a store should
do the same before it ends). The opening thread's connection is closed by ``Store.close()``;
after that, a worker that asks for its connection gets a :class:`StoreError`.
What belongs to the database rather than to a connection (read-only or damaged, the app lock,
the opening check) stays on the ``Store``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import (
    BusyError,
    DamagedDatabaseError,
    DiskError,
    DuplicateError,
    ReadOnlyError,
    StoreError,
)

BUSY_TIMEOUT_MS = 10_000

# Primary result codes, the low byte of the extended codes Python reports in
# ``sqlite3.Error.sqlite_errorcode`` (e.g. SQLITE_READONLY_DIRECTORY is SQLITE_READONLY | 6<<8).
_PRIMARY = 0xFF
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_UNIQUE = {sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY}


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A new connection to *path* with the app's pragmas, usable only on this thread."""
    if read_only:
        uri = path.absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")  # what is deleted is overwritten (erasure)
    except BaseException:
        conn.close()
        raise
    return conn


# --------------------------------------------------------------------------- per thread

_this_thread = threading.local()


class Connections:
    """The connections of one open database: the opening thread's, and one per other thread."""

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.path = path
        self._local = threading.local()
        self._closed = False
        self._elsewhere = 0  # connections open on other threads
        self._count_lock = threading.Lock()
        self._main = self._connect(read_only=read_only)
        self._local.conn = self._main
        self._local.owner = True

    def current(self, *, read_only: bool) -> sqlite3.Connection:
        """This thread's connection, opened now (read-only if *read_only*) if it has none."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if self._closed:  # a job's own connection is closed (and rolled back) as it ends
            raise StoreError("The database has been closed; nothing was read or saved.")
        if conn is None:
            conn = self._connect_here(read_only=read_only)
            self._local.conn = conn
            with self._count_lock:
                self._elsewhere += 1
            if not hasattr(_this_thread, "used"):
                _this_thread.used = []
            _this_thread.used.append(self)
        return conn

    def _connect(self, *, read_only: bool) -> Any:
        """A new connection (a PostgreSQL store's connections override this and the next)."""
        return connect(self.path, read_only=read_only)

    def _connect_here(self, *, read_only: bool) -> Any:
        """A new connection for a thread other than the opening one, errors as messages."""
        try:
            return connect(self.path, read_only=read_only)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc

    def on_opening_thread(self) -> bool:
        """Whether this is the thread that opened the store (the window's, or the command
        line's)."""
        return bool(getattr(self._local, "owner", False))

    def release(self) -> None:
        """Close this thread's connection, unless it is the opening thread's."""
        if getattr(self._local, "owner", False):
            return
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            del self._local.conn
            conn.close()  # rolls back anything a job left uncommitted
            with self._count_lock:
                self._elsewhere -= 1

    def close(self, *, checkpoint: bool) -> None:
        """Close the opening thread's connection (on that thread); *checkpoint* first empties
        the WAL into the file. Other threads' connections close as their jobs end."""
        if self._closed:
            return
        if not getattr(self._local, "owner", False):
            raise RuntimeError("A store is closed on the thread that opened it.")
        self._closed = True
        if checkpoint:
            # Empty the WAL into the file if nobody else is using it; never wait for anyone
            # (another program's reader would hold the exit up for the whole busy timeout).
            # With a job of ours still running, copy what can be copied.
            with self._count_lock:
                mode = "PASSIVE" if self._elsewhere else "TRUNCATE"
            try:
                self._main.execute("PRAGMA busy_timeout = 0")
                self._main.execute(f"PRAGMA wal_checkpoint({mode})")
            except sqlite3.Error:
                pass
        self._main.close()


def release_thread_connections() -> None:
    """Close every connection this thread opened on any store: called as a background job ends."""
    used: list[Connections] = getattr(_this_thread, "used", [])
    _this_thread.used = []
    for connections in used:
        connections.release()


# --------------------------------------------------------------------------- errors


def error_code(exc: sqlite3.Error) -> int | None:
    """SQLite's extended result code for *exc*, if SQLite raised it (Python's own misuse
    errors, such as a closed connection, have none)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite found the file damaged (or not a database at all)."""
    code = error_code(exc)
    return code is not None and code & _PRIMARY in _DAMAGED


def not_utf8(exc: UnicodeDecodeError) -> sqlite3.DatabaseError:
    """Text in the file that is not UTF-8 (a damaged schema, or a damaged record) as the
    error SQLite gives for a damaged file. Python raises it while decoding a value, or the
    message of an error whose text quotes the damaged schema."""
    error = sqlite3.DatabaseError(f"text in the file is not valid UTF-8: {exc.reason}")
    error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
    return error


#: Files SQLite keeps beside a database while it is open.
SIDECARS = ("-wal", "-shm", "-journal")

#: Why a file can only be read, in words that follow "Nothing was saved: ".
REASONS = {
    "file": "the database file is read-only",
    "folder": "the folder holding the database (or its disk) is read-only",
}
DISK_FULL = (
    "The disk is full (or the file has grown as large as this computer allows), so nothing was "
    "saved; SQLite needs a little free space even to read. Free some space, for example by "
    "emptying the recycle bin, and try again."
)
_LOW_SPACE = 1024 * 1024
#: What to do about a read-only file or folder, after its reason.
READ_ONLY_REMEDY = "; ask IT to make it writable, or copy the database to a folder you can save in"


def read_only_cause(path: Path, exists: bool = True) -> str | None:
    """``"folder"`` if *path*'s folder (or disk) cannot be written, ``"file"`` if the file
    cannot, else None. SQLite needs both for a write: the folder for its journal."""
    if not os.access(path.parent, os.W_OK):
        return "folder"
    if exists and not os.access(path, os.W_OK):
        return "file"
    return None


def _read_only_reason(path: Path, code: int | None) -> str:
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return (
            "the database file was moved, renamed or deleted while it was open (a sync "
            "service may have replaced it); close the app and open the file again"
        )
    cause = "folder" if code == sqlite3.SQLITE_READONLY_DIRECTORY else None
    cause = cause or read_only_cause(path, path.exists())
    if cause:
        return REASONS[cause]
    for suffix in SIDECARS:
        side = path.with_name(path.name + suffix)
        if side.exists() and not os.access(side, os.W_OK):
            return f"{side.name}, a file SQLite keeps beside the database, is read-only"
    return "the database could not be written (it is read-only)"


def disk_full(path: Path) -> bool:
    """Whether the disk holding *path* has (next to) no space left, or this process may not
    make files any larger (a file-size limit), the likely cause of a failed write."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if shutil.disk_usage(folder).free < _LOW_SPACE:
            return True
    except OSError:
        pass
    if sys.platform != "win32":
        import resource

        return resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY
    return False  # pragma: no cover - Windows


@contextlib.contextmanager
def storage_errors(path: Path, table: str | None = None) -> Iterator[None]:
    """Turn an SQLite error into a :class:`StoreError` with a plain message (text that is not
    UTF-8 can only come from a damaged file); see :func:`storage_error`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error(exc, path, table) from exc
    except UnicodeDecodeError as exc:
        raise storage_error(not_utf8(exc), path, table) from exc


def storage_error(exc: sqlite3.Error, path: Path, table: str | None = None) -> StoreError:
    """The message for a failed database operation, chosen by SQLite's result code; *table*
    names the records a write was about, for the constraint messages."""
    code = error_code(exc)
    primary = None if code is None else code & _PRIMARY
    if primary in _BUSY:
        return BusyError(
            "The database is busy: another copy of LSCP Desktop or another program is saving to "
            "it. Nothing was saved; try again in a moment."
        )
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyError(
            f"Nothing was saved: {_read_only_reason(path, code)}"
            + ("." if code == sqlite3.SQLITE_READONLY_DBMOVED else f"{READ_ONLY_REMEDY}.")
        )
    if primary == sqlite3.SQLITE_FULL or (
        primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) and disk_full(path)
    ):
        return DiskError(DISK_FULL)
    if primary in _DAMAGED:
        return DamagedDatabaseError(
            f"{path} is damaged or is not a database ({exc}). Nothing was saved.", path, []
        )
    if primary == sqlite3.SQLITE_IOERR:
        return DiskError(
            f"The disk could not be read or written ({exc}). Nothing was saved; if it is a "
            "network or removable drive, check it is connected, then try again."
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        return DiskError(
            f"{path} could not be opened ({exc}). Check that the drive is connected and that "
            "you may read the folder, then try again."
        )
    if primary == sqlite3.SQLITE_CONSTRAINT or (
        code is None and isinstance(exc, sqlite3.IntegrityError)
    ):
        return _constraint_error(exc, code, table)
    return StoreError(f"Database error: {exc}")


def _constraint_error(exc: sqlite3.Error, code: int | None, table: str | None) -> StoreError:
    what = table.rstrip("s") if table else None
    if what and code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
        return StoreError(f"This {what} is linked to other records, so the change was not saved.")
    if what and code in _UNIQUE:
        column = str(exc).rsplit(".", 1)[-1]  # "UNIQUE constraint failed: people.email"
        return DuplicateError(f"Another {what} already has that {column}. Nothing saved.")
    return StoreError(f"The change breaks a rule of the database ({exc}). Nothing was saved.")
