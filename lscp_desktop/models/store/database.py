"""The one module that talks to SQLite.

Every connection gets the same pragmas; the schema is brought up to date with sqlite-utils'
migrations; every write runs in a ``BEGIN IMMEDIATE`` transaction and is written to the audit
log; backups are consistent copies that are checked before they replace anything.

Domain modules in ``models/`` call the CRUD methods here (which audit every change) and may
compose read-only ``SELECT`` queries through :meth:`Store.query`. Nothing else imports sqlite3.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import re
import socket
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import (
    BusyError,
    DamagedDatabaseError,
    ForeignFileError,
    NewerSchemaError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
)
from lscp_desktop.models.store.schema import MIGRATION_SETS

if TYPE_CHECKING:
    import sqlite_utils

#: 'LSCP' in ASCII: marks a file as ours in the SQLite header.
APPLICATION_ID = 0x4C534350
BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "9p",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
}
_SYNC_FOLDERS = ("onedrive", "dropbox", "google drive", "googledrive", "my drive", "icloud")

Row = dict[str, Any]


def schema_version() -> int:
    """The schema version this build writes: the number of migrations it knows."""
    return sum(len(m.names()) for m in MIGRATION_SETS)


def _known_migrations() -> set[tuple[str, str]]:
    return {(s.name, n) for s in MIGRATION_SETS for n in s.names()}


# --------------------------------------------------------------------------- location


@dataclass(frozen=True)
class Location:
    """Where a database file lives, and what that means for how it is opened."""

    network: bool = False
    sync_service: str | None = None

    @property
    def warning(self) -> str | None:
        if self.network:
            return (
                "This database is on a network drive. If the connection drops while saving, the "
                "file can be damaged, and two people cannot safely use it at once. Keep it on this "
                "computer (the default) and make backups to the network instead."
            )
        if self.sync_service:
            return (
                f"This database is inside a {self.sync_service} folder. Sync services can copy the "
                "file half-written or create conflicting copies, which can lose changes. Keep it "
                "in "
                "the app's own data folder and put backups in the synced folder instead."
            )
        return None

    @property
    def journal_mode(self) -> str:
        # WAL needs shared memory that network file systems and sync clients do not honour.
        return "delete" if (self.network or self.sync_service) else "wal"


def _mount_fstype(path: Path, mounts_text: str) -> str | None:
    best, fstype = "", None
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype


def _is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
        return False
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _mount_fstype(path, mounts) in _NETWORK_FS


def classify_location(path: Path) -> Location:
    path = path.absolute()
    sync = None
    for part in path.parts[:-1]:
        lowered = part.lower()
        for name in _SYNC_FOLDERS:
            if lowered.startswith(name):
                sync = {"my drive": "Google Drive", "googledrive": "Google Drive"}.get(
                    name, name.title().replace("Onedrive", "OneDrive").replace("Icloud", "iCloud")
                )
                break
    return Location(network=_is_network_path(path), sync_service=sync)


# --------------------------------------------------------------------------- lock


@dataclass
class LockHolder:
    host: str
    pid: int
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"


class _FileLock:
    """An OS lock on ``<db>.lock`` held while the app has the database open for writing."""

    _LOCK_OFFSET = 4096  # lock a byte past the JSON so others can still read who holds it

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import msvcrt

                os.lseek(fd, self._LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        holder = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "user": _os_user(),
            "since": dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
        }
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(holder).encode())
        self._fd = fd
        return True

    def holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["host"]), int(data["pid"]), str(data["user"]), data["since"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        os.close(fd)  # closing drops the OS lock


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getpass raises various errors when no user name is set
        return "unknown"


# --------------------------------------------------------------------------- connection


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _friendly(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return BusyError(
            "The database is busy: another copy of LSCP Desktop or another program is saving to "
            "it. Nothing was saved; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(
            f"{path} cannot be written (the file or its folder is read-only). Nothing was saved."
        )
    if "full" in text:
        return StoreError("The disk is full. Nothing was saved; free some space and try again.")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path} is damaged or is not a database ({exc}).")
    if "disk i/o" in text:
        return StoreError(f"The disk could not be read or written ({exc}). Nothing was saved.")
    return StoreError(f"Database error: {exc}")


@dataclass
class AuditEntry:
    at: str
    user: str
    action: str
    table: str
    record_id: int
    field: str
    old: str | None
    new: str | None


@dataclass
class Store:
    """An open LSCP database. Create with :meth:`Store.open`; close with :meth:`close`."""

    path: Path
    conn: sqlite3.Connection
    read_only: bool
    location: Location
    lock_holder: LockHolder | None = None
    warnings: list[str] = field(default_factory=list)
    _lock: _FileLock | None = None
    _db: Any = None
    #: Set once the opening integrity check has finished (at once unless it was deferred).
    _checked: threading.Event = field(default_factory=threading.Event)
    _damage: DamagedDatabaseError | None = None

    # ---- opening ----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        daily_backup: bool = True,
        exclusive: bool = True,
        defer_check: bool = False,
    ) -> Store:
        """Open (or create) the database at *path*, checked, migrated and ready.

        Raises a :class:`StoreError` subclass with a plain message when the file is not ours,
        is from a newer version, is damaged, or cannot be created. With ``exclusive=False`` no
        app lock is taken (for tests of concurrent writers); SQLite's own locking still applies.

        With ``defer_check`` (the window) the page-by-page ``quick_check`` of an up-to-date
        file runs on a thread of its own while the window is built; every write waits for its
        verdict, so a damaged file is still never written to (see :meth:`wait_for_check`).
        """
        path = Path(path).expanduser().absolute()
        location = classify_location(path)
        exists = path.exists() and path.stat().st_size > 0
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file.")
        if exists:
            _check_header(path)
        elif not create:
            raise StoreError(f"There is no database at {path}.")
        elif read_only:
            raise StoreError(f"There is no database at {path} to open read-only.")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the folder {path.parent}: {exc.strerror}."
                ) from exc

        lock: _FileLock | None = None
        holder: LockHolder | None = None
        if not read_only and exclusive:
            lock = _FileLock(path.with_name(path.name + ".lock"))
            try:
                acquired = lock.acquire()
            except OSError:
                acquired = False
                lock = None
                read_only = True  # the folder itself is read-only
            else:
                if not acquired:
                    holder = lock.holder()
                    lock = None
                    read_only = True
            if read_only and not exists:
                raise StoreError(f"Cannot create {path}: the folder is read-only.")

        try:
            conn = _connect(path, read_only=read_only)
        except sqlite3.Error as exc:
            if lock:
                lock.release()
            raise _friendly(exc, path) from exc
        store = cls(path, conn, read_only, location, holder, [], lock)
        try:
            store._prepare(exists, defer_check=defer_check)
        except BaseException:
            store.close()
            raise
        if location.warning:
            store.warnings.append(location.warning)
        if holder is not None:
            store.warnings.append(
                f"This database is already open in LSCP Desktop for {holder.describe()}. "
                "It has been opened read-only: you can look but not change anything."
            )
        if daily_backup and not store.read_only:
            store.backup_if_due()
        return store

    def _prepare(self, existed: bool, *, defer_check: bool = False) -> None:
        conn = self.conn
        try:
            if existed:
                defer = defer_check and self._is_current()
                self._check_existing(quick=not defer)
                if defer:
                    threading.Thread(
                        target=self._background_check, name="quick_check", daemon=True
                    ).start()
                else:
                    self._checked.set()
            else:
                self._checked.set()
            if not self.read_only:
                conn.execute(f"PRAGMA journal_mode = {self.location.journal_mode}")
                if not existed:
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._migrate(existed)
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from exc

    def _is_current(self) -> bool:
        """Whether the schema needs no migration (False if that cannot even be read)."""
        try:
            return _known_migrations() <= self._applied_migrations()
        except sqlite3.DatabaseError:
            return False

    def _quick_check(self, conn: sqlite3.Connection) -> DamagedDatabaseError | None:
        """SQLite's page-by-page check; the error to raise if the file is damaged."""
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            result = [str(exc)]
        if result == ["ok"]:
            return None
        backups = self.list_backups()
        return DamagedDatabaseError(
            f"{self.path.name} is damaged ({'; '.join(result[:3])}). It has not been changed. "
            + (
                f"The latest good backup is {backups[0].name}; restore it from File > "
                "Restore a backup… or with `lscp-desktop restore`."
                if backups
                else "No backup was found; keep a copy of the file and contact IT."
            ),
            self.path,
            backups,
        )

    def _background_check(self) -> None:
        try:
            conn = sqlite3.connect(
                self.path.as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._damage = self._quick_check(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            self._damage = DamagedDatabaseError(
                f"{self.path.name} could not be checked ({exc}). It has not been changed.",
                self.path,
                self.list_backups(),
            )
        finally:
            self._checked.set()

    def wait_for_check(self, timeout: float | None = None) -> None:
        """Wait for the opening integrity check; raise :class:`DamagedDatabaseError` if the
        file failed it (the store is then read-only)."""
        if not self._checked.wait(timeout):
            raise BusyError("The database is still being checked; try again in a moment.")
        if self._damage is not None:
            self.read_only = True
            raise self._damage

    def _check_existing(self, *, quick: bool = True) -> None:
        conn = self.conn
        if quick:
            damage = self._quick_check(conn)
            if damage is not None:
                raise damage
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise ForeignFileError(
                f"{self.path.name} is not an LSCP Desktop database (it belongs to another "
                "program). "
                "Choose a different file; this one has not been changed."
            )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        applied: set[tuple[str, str]] = set()
        if "_sqlite_migrations" in tables:
            applied = {
                (r[0], r[1])
                for r in conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
            }
        unknown = applied - _known_migrations()
        if version > schema_version() or unknown:
            raise NewerSchemaError(
                f"{self.path.name} was saved by a newer version of LSCP Desktop (schema "
                f"{max(version, len(applied))}; this version understands up to "
                f"{schema_version()}). "
                "Install the newer version to open it. The file has not been changed."
            )

    def _applied_migrations(self) -> set[tuple[str, str]]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return set()
        rows = self.conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
        return {(r[0], r[1]) for r in rows}

    def _migrate(self, existed: bool) -> None:
        if _known_migrations() <= self._applied_migrations():
            return  # current: sqlite-utils is not even imported
        if existed and self._has_user_tables():
            self.backup(reason="pre-migration")
        with self.transaction():
            for migration_set in MIGRATION_SETS:
                migration_set.to_sqlite_utils().apply(self.db)
            self.conn.execute(f"PRAGMA user_version = {schema_version()}")

    def _has_user_tables(self) -> bool:
        row = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != '_sqlite_migrations'"
        ).fetchone()
        return bool(row[0])

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils view of the connection, for migrations (imported only when needed)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        try:
            # No checkpoint into a file whose check has not passed (a damaged file is never
            # written to).
            checked = self._checked.wait(30) and self._damage is None
            if checked and not self.read_only and self.location.journal_mode == "wal":
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pragma(self, name: str) -> Any:
        _check_identifier(name)
        return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    # ---- transactions -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """A write transaction, ``BEGIN IMMEDIATE`` so two writers queue instead of failing.

        Nested use becomes a savepoint. Any exception rolls the whole block back.
        """
        self._check_writable()
        conn = self.conn
        if not self._checked.is_set() or self._damage is not None:
            self.wait_for_check(timeout=120)
        if conn.in_transaction:
            name = f"sp_{id(conn)}_{os.urandom(4).hex()}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from exc
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _friendly(exc, self.path) from exc

    def _check_writable(self) -> None:
        if self.read_only:
            why = (
                f"it is open in another copy of the app ({self.lock_holder.describe()})"
                if self.lock_holder
                else "it was opened read-only"
            )
            raise ReadOnlyError(f"Nothing was saved: {why}.")

    # ---- reading ------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Run a read-only query and return rows as dicts."""
        head = sql.lstrip().split(None, 1)[0].upper()
        if head not in {"SELECT", "WITH"}:
            raise ValueError("Store.query is for SELECT statements only")
        try:
            return [dict(r) for r in self.conn.execute(sql, params)]
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from exc

    def iter_query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[Row]:
        """Like :meth:`query`, one row at a time: long lists never hold every row at once."""
        head = sql.lstrip().split(None, 1)[0].upper()
        if head not in {"SELECT", "WITH"}:
            raise ValueError("Store.iter_query is for SELECT statements only")
        try:
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(500):
                for r in batch:
                    yield dict(r)
        except sqlite3.Error as exc:
            raise _friendly(exc, self.path) from exc

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def get(self, table: str, record_id: int) -> Row | None:
        _check_identifier(table)
        rows = self.query(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        return rows[0] if rows else None

    def require(self, table: str, record_id: int, what: str | None = None) -> Row:
        row = self.get(table, record_id)
        if row is None:
            raise NotFoundError(f"There is no {what or table.rstrip('s')} with id {record_id}.")
        return row

    def rows(
        self,
        table: str,
        where: str | None = None,
        params: Sequence[Any] = (),
        order_by: str | None = None,
    ) -> list[Row]:
        _check_identifier(table)
        sql = f"SELECT * FROM {table}"
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        return self.query(sql, params)

    def count(self, table: str, where: str | None = None, params: Sequence[Any] = ()) -> int:
        _check_identifier(table)
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.query(sql, params)[0]["count(*)"])

    # ---- writing (each change audited) --------------------------------------------------

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one record and audit each field; returns the new id."""
        _check_identifier(table)
        cols = list(values)
        for c in cols:
            _check_identifier(c)
        with self.transaction():
            try:
                marks = ", ".join("?" * len(cols))
                cur = self.conn.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                    [values[c] for c in cols],
                )
            except sqlite3.IntegrityError as exc:
                raise _integrity(exc, table) from exc
            new_id = int(cur.lastrowid or values.get("id") or 0)
            self._audit("insert", table, new_id, [(c, None, values[c]) for c in cols if c != "id"])
        return new_id

    def update(self, table: str, record_id: int, changes: dict[str, Any]) -> Row:
        """Change fields of one record, auditing old → new; returns the old values changed."""
        _check_identifier(table)
        with self.transaction():
            current = self.require(table, record_id)
            diff = {k: v for k, v in changes.items() if current.get(k) != v}
            for c in diff:
                _check_identifier(c)
                if c not in current:
                    raise ValueError(f"{table} has no column {c}")
            if diff:
                assignments = ", ".join(f"{c} = ?" for c in diff)
                try:
                    self.conn.execute(
                        f"UPDATE {table} SET {assignments} WHERE id = ?",
                        [*diff.values(), record_id],
                    )
                except sqlite3.IntegrityError as exc:
                    raise _integrity(exc, table) from exc
                self._audit(
                    "update", table, record_id, [(c, current[c], v) for c, v in diff.items()]
                )
        return {c: current[c] for c in diff}

    def delete(self, table: str, record_id: int) -> Row:
        """Delete one record, keeping its last values in the audit log; returns them."""
        _check_identifier(table)
        with self.transaction():
            current = self.require(table, record_id)
            try:
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            except sqlite3.IntegrityError as exc:
                raise _integrity(exc, table) from exc
            self._audit("delete", table, record_id, [("*", json.dumps(current, default=str), None)])
        return current

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert many rows with one ``executemany`` (demo data, imports); audited as one entry."""
        _check_identifier(table)
        for c in columns:
            _check_identifier(c)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        with self.transaction():
            before = self.conn.total_changes
            try:
                self.conn.executemany(sql, rows)
            except sqlite3.IntegrityError as exc:
                raise _integrity(exc, table) from exc
            n = self.conn.total_changes - before
            self._audit("bulk insert", table, 0, [("*", None, f"{n} rows")])
        return n

    def _audit(
        self, action: str, table: str, record_id: int, changes: list[tuple[str, Any, Any]]
    ) -> None:
        now = dt.datetime.now().isoformat(timespec="seconds")
        user = _os_user()
        self.conn.executemany(
            "INSERT INTO audit_log (at, os_user, action, table_name, record_id, field, old, new)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (now, user, action, table, record_id, f, _text(old), _text(new))
                for f, old, new in changes
            ],
        )

    def history(self, table: str, record_id: int) -> list[AuditEntry]:
        """Every recorded change to one record, oldest first."""
        rows = self.query(
            "SELECT at, os_user, action, table_name, record_id, field, old, new FROM audit_log"
            " WHERE table_name = ? AND record_id = ? ORDER BY id",
            (table, record_id),
        )
        return [
            AuditEntry(
                r["at"],
                r["os_user"],
                r["action"],
                r["table_name"],
                r["record_id"],
                r["field"],
                r["old"],
                r["new"],
            )
            for r in rows
        ]

    # ---- settings ----------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            old = self.get_setting(key)
            if old == value:
                return
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._audit("setting", "settings", 0, [(key, old, value)])

    # ---- checks and backups -------------------------------------------------------------

    def check(self) -> list[str]:
        """Full integrity, foreign key and schema check; returns the problems found."""
        problems: list[str] = []
        integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems += [f"integrity: {p}" for p in integrity[:20]]
        for r in self.conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"foreign key: {r[0]} row {r[1]} points to a missing {r[2]}")
        version = self.pragma("user_version")
        if version != schema_version():
            problems.append(f"schema version is {version}; expected {schema_version()}")
        if self.pragma("application_id") != APPLICATION_ID:
            problems.append("application id is not LSCP Desktop's")
        return problems

    @property
    def backup_dir(self) -> Path:
        return self.path.with_name(self.path.stem + "-backups")

    def list_backups(self, directory: Path | None = None) -> list[Path]:
        """Backups of this database, newest first."""
        folder = directory or self.backup_dir
        if not folder.is_dir():
            return []
        found = [p for p in folder.glob(f"{self.path.stem}.*.db") if not p.name.startswith(".")]
        return sorted(found, key=lambda p: p.name.split(".")[-3], reverse=True)

    def last_backup(self) -> dt.datetime | None:
        backups = self.list_backups()
        return _backup_time(backups[0]) if backups else None

    def backup(self, *, reason: str = "manual", directory: Path | None = None) -> Path:
        """A consistent, verified copy: written to a temporary file, checked, then renamed.

        The copy is read through a connection of its own, so it holds exactly what has been
        committed and may be taken on a worker thread while the window goes on saving.
        """
        folder = directory or self.backup_dir
        stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
        final = folder / f"{self.path.stem}.{stamp}.{reason}.db"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(self.path.as_uri() + "?mode=ro", uri=True)
            try:
                source.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                _verified_copy(source, final)
            finally:
                source.close()
        except (OSError, sqlite3.Error, StoreError) as exc:
            raise StoreError(
                f"The backup to {folder} failed: {exc}. The database is unchanged."
            ) from exc
        if directory is None:
            rotate_backups(self.list_backups())
        return final

    def backup_if_due(self, now: dt.datetime | None = None) -> Path | None:
        """The at-most-daily backup taken when the database is opened."""
        now = now or dt.datetime.now()
        last = self.last_backup()
        if last is not None and now - last < dt.timedelta(hours=24):
            return None
        try:
            return self.backup(reason="daily")
        except StoreError as exc:
            self.warnings.append(str(exc))
            return None


def _check_identifier(name: str) -> None:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not an identifier: {name!r}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _integrity(exc: sqlite3.IntegrityError, table: str) -> StoreError:
    text = str(exc)
    if "FOREIGN KEY" in text:
        return StoreError(
            f"This {table.rstrip('s')} is linked to other records, so the change was not saved."
        )
    if "UNIQUE" in text:
        column = text.rsplit(".", 1)[-1]
        return StoreError(f"Another {table.rstrip('s')} already has that {column}. Nothing saved.")
    return StoreError(f"The change breaks a rule of the database ({text}). Nothing was saved.")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.") from exc
    if header != SQLITE_HEADER:
        raise ForeignFileError(
            f"{path.name} is not an LSCP Desktop database (it is not an SQLite file). "
            "Choose a different file; this one has not been changed."
        )


def _backup_time(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.name.split(".")[-3], "%Y-%m-%d_%H%M%S")
    except (ValueError, IndexError):
        return None


def verify_backup(path: Path) -> None:
    """Raise :class:`StoreError` unless *path* is an intact LSCP database this build can read."""
    _check_header(path)
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path.name} cannot be read as a database ({exc}).") from exc
    if result != ["ok"]:
        raise StoreError(f"{path.name} failed its integrity check ({'; '.join(result[:3])}).")
    if app_id != APPLICATION_ID:
        raise ForeignFileError(f"{path.name} is not an LSCP Desktop database.")
    if version > schema_version():
        raise NewerSchemaError(f"{path.name} was saved by a newer version of LSCP Desktop.")


def rotate_backups(
    backups: list[Path], *, daily: int = 7, weekly: int = 4, monthly: int = 12
) -> list[Path]:
    """Keep the newest backup of each of the last *daily* days, *weekly* ISO weeks and *monthly*
    months, plus the five newest pre-migration/pre-restore copies; delete the rest."""
    keep: set[Path] = set()
    timed = [(p, t) for p in backups if (t := _backup_time(p)) is not None]
    timed.sort(key=lambda pt: pt[1], reverse=True)
    special = [p for p, _ in timed if p.name.split(".")[-2].startswith("pre-")]
    keep.update(special[:5])
    regular = [(p, t) for p, t in timed if p not in special]
    for limit, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[Any] = []
        for p, t in regular:
            k = key(t)
            if k not in seen:
                if len(seen) >= limit:
                    break
                seen.append(k)
                keep.add(p)
    removed = []
    for p, _ in timed:
        if p not in keep:
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
    lock = _FileLock(target_path.with_name(target_path.name + ".lock"))
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
    source: sqlite3.Connection, final: Path, before_rename: Callable[[], None] | None = None
) -> None:
    """Copy a live database with SQLite's backup API to a temporary file beside *final*,
    check the copy, then rename it into place. A failure leaves *final* as it was."""
    tmp = final.with_name(f".{final.name}.tmp")
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
        os.replace(tmp, final)
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
    folder = path.with_name(path.stem + "-backups")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, read_only=False)
        healthy = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] == ["ok"]
    except sqlite3.Error:
        healthy = False
    if healthy and conn is not None:
        final = folder / f"{path.stem}.{stamp}.pre-restore.db"
        try:
            _verified_copy(conn, final)
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
