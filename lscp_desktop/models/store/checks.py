"""Whether a file is ours, current and intact: the SQLite header, the application id, the schema
version and migrations, and SQLite's own page checks. Every refusal leaves the file untouched."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from lscp_desktop.models.core.errors import (
    BusyError,
    DamagedDatabaseError,
    ForeignFileError,
    NewerSchemaError,
    StoreError,
)
from lscp_desktop.models.store.connection import (
    BUSY_TIMEOUT_MS,
    is_damage,
    not_utf8,
    storage_error,
)
from lscp_desktop.models.store.migrations import known_migrations, schema_version

#: 'LSCP' in ASCII: marks a file as ours in the SQLite header.
APPLICATION_ID = 0x4C534350
SQLITE_HEADER = b"SQLite format 3\x00"


def existing_file(path: Path, *, create: bool, read_only: bool) -> bool:
    """Whether *path* holds a database to open; refuses a folder, a non-SQLite file, or a
    missing file that may not or cannot be created (its folder is made if needed)."""
    exists = path.exists()
    if exists and path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if exists:
        check_header(path)
    elif not create:
        raise StoreError(f"There is no database at {path}.")
    elif read_only:
        raise StoreError(f"There is no database at {path} to open read-only.")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder {path.parent}: {exc.strerror}.") from exc
    return exists


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database at all."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not header:
        raise ForeignFileError(
            f"{path.name} is empty (0 bytes), so it is not an LSCP Desktop database; perhaps "
            "a copy was cut short. Choose a different file, or a new name to start a new "
            "database. This one has not been changed."
        )
    if header != SQLITE_HEADER:
        raise ForeignFileError(
            f"{path.name} is not an LSCP Desktop database (it is not an SQLite file). "
            "Choose a different file; this one has not been changed."
        )


def refuse_foreign_or_newer(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse another program's database, or one written by a newer version of the app."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if app_id != APPLICATION_ID:  # the app marks a file as its own before anything else
        raise ForeignFileError(
            f"{path.name} is not an LSCP Desktop database (it belongs to another "
            "program). "
            "Choose a different file; this one has not been changed."
        )
    version = user_version(conn)
    applied: set[tuple[str, str]] = set()
    if "_sqlite_migrations" in tables:
        applied = {
            (r[0], r[1]) for r in conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
        }
    unknown = applied - known_migrations()
    if version > schema_version() or unknown:
        raise NewerSchemaError(
            f"{path.name} was saved by a newer version of LSCP Desktop (schema "
            f"{max(version, len(applied))}; this version understands up to "
            f"{schema_version()}). "
            "Install the newer version to open it. The file has not been changed."
        )


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version in the file's header, read as the unsigned number it is written as
    (SQLite reports 2³¹ and above as negative)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0]) & 0xFFFF_FFFF


def integrity_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's full check: ``[]`` if the file is intact, else the first problems.

    ``integrity_check`` rather than ``quick_check``: only it compares every index with its
    table, and a damaged UNIQUE index would let duplicate references in. On the large demo
    (13 MB) it takes under a tenth of a second.
    """
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    return [] if result == ["ok"] else result


def damage_error(path: Path, problems: list[str], backups: list[Path]) -> DamagedDatabaseError:
    """The refusal of a damaged file, naming the latest good backup (*backups*, newest first)."""
    return DamagedDatabaseError(
        f"{path.name} is damaged ({'; '.join(problems[:3])}). It has not been changed. "
        + (
            f"The latest good backup is {backups[0].name}; restore it from File > "
            "Restore a backup… or with `lscp-desktop restore`."
            if backups
            else "No backup was found; keep a copy of the file and contact IT."
        ),
        path,
        backups,
    )


def full_check(conn: sqlite3.Connection) -> list[str]:
    """Full integrity, foreign key and schema check; returns the problems found."""
    problems: list[str] = []
    problems += [f"integrity: {p}" for p in integrity_check(conn)]
    for r in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(f"foreign key: {r[0]} row {r[1]} points to a missing {r[2]}")
    version = user_version(conn)
    if version != schema_version():
        problems.append(f"schema version is {version}; expected {schema_version()}")
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        problems.append("application id is not LSCP Desktop's")
    return problems


class DeferredCheck:
    """The opening :func:`integrity_check` of an up-to-date file, run on a thread of its own
    with a read-only connection so the window need not wait for it. Until it has passed, the
    store writes nothing.

    It is pending from :meth:`pending` and runs from :meth:`begin` (the window begins it once
    it is shown, so the check does not compete with drawing it) or from the first
    :meth:`wait`, whichever comes first."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._done.set()  # nothing pending until started
        self.damage: DamagedDatabaseError | None = None
        self._stopped = False
        self._to_run: tuple[Path, Callable[[], list[Path]]] | None = None
        self._begun = threading.Lock()

    def pending(self, path: Path, backups: Callable[[], list[Path]]) -> None:
        """The check of *path* is due: writes wait for it from now on."""
        self._done.clear()
        self._to_run = (path, backups)

    def start(self, path: Path, backups: Callable[[], list[Path]]) -> None:
        """:meth:`pending` and :meth:`begin` at once."""
        self.pending(path, backups)
        self.begin()

    def begin(self) -> None:
        """Start the pending check (once; not after :meth:`stop`)."""
        with self._begun:
            to_run, self._to_run = self._to_run, None
            stopped = self._stopped
        if to_run is None:
            return
        if stopped:
            self._done.set()  # stopped before it began: no verdict
            return
        threading.Thread(target=self._run, args=to_run, name="integrity_check", daemon=True).start()

    def _run(self, path: Path, backups: Callable[[], list[Path]]) -> None:
        try:
            conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                # Every 10,000 steps: stop when asked (SQLite then reports "interrupted").
                conn.set_progress_handler(lambda: self._stopped, 10_000)
                problems = integrity_check(conn)
            finally:
                conn.close()
            if problems and not self._stopped:  # an interrupted check found nothing
                self.damage = damage_error(path, problems, backups())
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            if self._stopped:
                return
            self.damage = DamagedDatabaseError(
                f"{path.name} could not be checked ({exc}). It has not been changed.",
                path,
                backups(),
            )
        finally:
            self._done.set()

    def stop(self) -> None:
        """Stop a check still running (the window is closing, and need not wait for it): it
        gives no verdict, so the file is neither written to nor called damaged, and
        :meth:`wait` raises :class:`BusyError`."""
        if not self._done.is_set():
            self._stopped = True
            with self._begun:
                never_begun, self._to_run = self._to_run is not None, None
            if never_begun:
                self._done.set()

    @property
    def passed(self) -> bool:
        """Finished (or never needed) without being stopped, and the file is intact."""
        return self._done.is_set() and not self._stopped and self.damage is None

    def wait(self, timeout: float | None = None) -> DamagedDatabaseError | None:
        """Wait for the verdict: the damage found, if any (the check begins if it has not)."""
        self.begin()
        if not self._done.wait(timeout):
            raise BusyError("The database is still being checked; try again in a moment.")
        if self._stopped:
            raise BusyError("The database check was stopped as the window closed.")
        return self.damage


def opening_error(
    exc: sqlite3.Error | UnicodeDecodeError, path: Path, backups: list[Path]
) -> StoreError:
    """Why a file could not be opened; a damaged one names the latest good backup."""
    error = not_utf8(exc) if isinstance(exc, UnicodeDecodeError) else exc
    if is_damage(error):
        return damage_error(path, [str(error)], backups)
    return storage_error(error, path)
