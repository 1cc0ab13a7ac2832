"""The :class:`Store`: an open LSCP database, the one door to SQLite for the rest of the app.

Every write runs in a ``BEGIN IMMEDIATE`` transaction and is written to the audit log. Each
thread works through a connection of its own (see :mod:`.connection`), so a transaction belongs
to the thread that opened it. Domain packages call the CRUD methods here (which audit every
change) and their ``queries`` modules compose read-only ``SELECT`` queries through
:meth:`Store.query`. Nothing outside this package imports sqlite3.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from lscp_desktop.models.core.computer import os_user
from lscp_desktop.models.core.errors import NotFoundError, ReadOnlyError
from lscp_desktop.models.store import access, backups, checks, columns, migrations, waiting
from lscp_desktop.models.store.batches import Batches
from lscp_desktop.models.store.cascades import rows_removed_with
from lscp_desktop.models.store.columns import as_json as _json
from lscp_desktop.models.store.connection import Connections, storage_errors
from lscp_desktop.models.store.file_backups import FileBackups
from lscp_desktop.models.store.history import AuditHistory
from lscp_desktop.models.store.location import Location, classify_location
from lscp_desktop.models.store.lock import FileLock, LockHolder
from lscp_desktop.models.store.schema.ddl import ROW_VERSION
from lscp_desktop.models.store.statements import check_identifier, check_select
from lscp_desktop.models.store.transactions import Savepoint, immediate, rehearse

if TYPE_CHECKING:  # the record versions (and the audit log) are imported by the first write
    from lscp_desktop.models.store.versions import Opened

Row = dict[str, Any]


@dataclass
class Store(FileBackups, AuditHistory, Batches):
    """An open LSCP database. Create with :meth:`Store.open`; close with :meth:`close` on the
    same thread. Any thread may use it: each gets its own connection (:attr:`conn`)."""

    path: Path
    _conns: Connections
    read_only: bool
    location: Location
    lock_holder: LockHolder | None = None
    warnings: list[str] = field(default_factory=list)
    _lock: FileLock | None = None
    _check: checks.DeferredCheck = field(default_factory=checks.DeferredCheck)
    _text_columns: dict[str, list[str]] | None = None
    #: Why nothing can be saved, after "Nothing was saved: " (when :attr:`read_only`).
    read_only_reason: str = "it was opened read-only"
    #: The folder of the private copy a database in a read-only folder is read from.
    _copy: Path | None = None
    #: How the opening thread waits for another writer or the opening check without
    #: blocking (the window sets one; see :mod:`.waiting`).
    wait_elsewhere: waiting.Waiter | None = None
    #: The threads in a :meth:`rehearsal`.
    _rehearsing: set[int] = field(default_factory=set)
    #: Whether the app backs this database up itself (a file); a team database's backups
    #: are IT's, on the server.
    keeps_own_backups: ClassVar[bool] = True
    #: Whether another process can open it from :attr:`opened_from` alone (not a server's).
    opens_from_path: ClassVar[bool] = True
    #: The records windows have open, at the versions they read (see :mod:`.versions`).
    opened: Opened = field(default_factory=dict)
    _in_row: set[int] = field(default_factory=set)  # threads inside a savepoint() (see there)

    # ---- opening and closing ----------------------------------------------------------

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
        lock_wait: float = 0.0,
        integrity_check: bool = True,
    ) -> Store:
        """Open (or create) the database at *path*, checked, migrated and ready.

        Raises a :class:`StoreError` subclass with a plain message when the file is not ours,
        is from a newer version, is damaged, or cannot be created; at once, never after a
        wait. With ``exclusive=False`` no app lock is taken (for tests of concurrent writers);
        SQLite's own locking still applies. With *lock_wait* (seconds) an app lock held by
        another copy is waited for that long before the file opens read-only.

        Opening runs SQLite's ``integrity_check``. With ``defer_check`` (the window) the check
        of an up-to-date file runs on a thread of its own once the window is shown
        (:meth:`start_check`); every write waits for its verdict, so a damaged file is still
        never written to (see :meth:`wait_for_check`). Without *integrity_check* it is not run
        at all: only for a second reader of a file the window has opened, and so checked (the
        export worker).

        A ``postgresql://`` address is a team database on a server: open either with
        :func:`lscp_desktop.models.store.opening.open_database` (here it is refused rather than
        taken for a file name).
        """
        if isinstance(path, str) and path.lower().startswith(("postgresql://", "postgres://")):
            raise ValueError("a server database is opened with store.opening.open_database")
        path = Path(path).expanduser().absolute()
        location = classify_location(path)
        exists = checks.existing_file(path, create=create, read_only=read_only)
        got = access.open_file(
            path, existed=exists, read_only=read_only, exclusive=exclusive, lock_wait=lock_wait
        )
        store = cls(path, got.conns, got.read_only, location, got.holder, [], got.lock,
                    read_only_reason=got.reason, _copy=got.copy)  # fmt: skip
        try:
            store._prepare(exists, defer_check=defer_check, integrity_check=integrity_check)
        except BaseException:
            store.close()
            if not exists:
                access.remove_new_file(path)
            raise
        store.warnings += [w for w in (got.warning, location.warning) if w]
        if not store.read_only:
            backups.sweep_temporary(path)
            if daily_backup:
                store.backup_if_due()
        return store

    def _prepare(
        self, existed: bool, *, defer_check: bool = False, integrity_check: bool = True
    ) -> None:
        conn = self.conn
        try:
            if existed:
                defer = defer_check and migrations.is_current(conn)
                if not defer and integrity_check:
                    problems = checks.integrity_check(conn)
                    if problems:
                        raise checks.damage_error(self.path, problems, self.list_backups())
                checks.refuse_foreign_or_newer(conn, self.path)
                if defer:  # it begins with start_check() or the first wait for it
                    self._check.pending(self.data_path, self.list_backups)
            if not self.read_only:
                if not existed:  # marked as ours first: a file cut short is still known
                    conn.execute(f"PRAGMA application_id = {checks.APPLICATION_ID}")
                conn.execute(f"PRAGMA journal_mode = {self.location.journal_mode}")
                self._migrate(existed)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise checks.opening_error(exc, self.path, self.list_backups()) from exc

    def wait_for_check(self, timeout: float | None = None) -> None:
        """Wait for the opening integrity check; raise :class:`DamagedDatabaseError` if the
        file failed it (the store is then read-only)."""
        damage = self._check.wait(timeout)
        if damage is not None:
            self.read_only = True
            self.read_only_reason = (
                "the database failed its integrity check, so it is open read-only; restore the "
                "latest good backup (File > Restore a backup…)"
            )
            raise damage

    def start_check(self) -> None:
        """Begin the deferred opening check (the window, once shown); a write or
        :meth:`wait_for_check` begins it too."""
        self._check.begin()

    def stop_check(self) -> None:
        """Stop the opening check if it is still running (the window is closing): the store
        then writes nothing more, and the file is not emptied of its WAL on closing."""
        self._check.stop()

    def _migrate(self, existed: bool) -> None:
        conn = self.conn
        if migrations.known_migrations() <= migrations.applied_migrations(conn):
            return  # current: sqlite-utils is not even imported
        if existed and migrations.has_user_tables(conn):
            self.backup(reason="pre-migration")
        with self.transaction():
            migrations.apply_pending(conn)

    @property
    def needs_migration(self) -> bool:
        """Whether the file's schema is older than this version's (a read-only store cannot
        bring it up to date)."""
        with self._storage_errors():
            return not migrations.is_current(self.conn)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection: the opening thread's own, or one opened for this thread
        on first use (closed when its background job ends)."""
        return self._conns.current(read_only=self.read_only)

    def close(self) -> None:
        """Close the database; never waits for the opening check. The WAL is emptied into the
        file only if that check has passed (a damaged file is never written to)."""
        wal = self.location.journal_mode == "wal"
        self._conns.close(checkpoint=self._check.passed and not self.read_only and wal)
        if self._lock:
            self._lock.release()
            self._lock = None
        access.remove_copy(self._copy)
        self._copy = None

    @property
    def opened_from(self) -> Path | str:
        """Where it was opened from, to show and remember: its file (a server: its address)."""
        return self.path

    @property
    def data_path(self) -> Path:
        """The file the connections read: :attr:`path`, or the private copy of a database in
        a read-only folder (see :mod:`.access`)."""
        return self._copy / self.path.name if self._copy else self.path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pragma(self, name: str) -> Any:
        check_identifier(name)
        with self._storage_errors():
            return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    def sqlite_version(self) -> str:
        """The version of the SQLite library in use (for diagnostics)."""
        return sqlite3.sqlite_version

    def _storage_errors(self, table: str | None = None) -> contextlib.AbstractContextManager[None]:
        """SQLite's errors as plain messages (see :func:`storage_errors`)."""
        return storage_errors(self.path, table)

    # ---- transactions -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, exclusive: bool = True) -> Iterator[Store]:
        """A write transaction on this thread's connection, ``BEGIN IMMEDIATE`` so two
        writers (two threads, or two programs) queue instead of failing. Nested use on the
        same thread becomes a savepoint (inside :meth:`savepoint`'s block, none: see
        Savepoint). Any exception rolls the whole block back. Another thread's open
        transaction is never joined: its writes wait. ``exclusive=False`` (an import): on a
        team database, only the rows written are locked.
        """
        self._check_writable()
        if threading.get_ident() in self._in_row and self.conn.in_transaction:
            yield self
            return
        waiter = self.wait_elsewhere if self._conns.on_opening_thread() else None
        if not self._check.passed:
            if waiter:
                waiter(waiting.FOR_THE_CHECK, lambda: self._check.wait(120))
            self.wait_for_check(timeout=120)
        with immediate(self.conn, self.path, self.data_path, waiter):
            yield self

    def rehearsal(self) -> contextlib.AbstractContextManager[None]:  # a dry run: see rehearse
        return rehearse(self.transaction(), self._rehearsing)

    def savepoint(self) -> Savepoint:
        """A bare savepoint in this thread's open transaction (for each row of an import)."""
        return Savepoint(self.conn, self.path, self._in_row)

    def _write(self) -> contextlib.AbstractContextManager[Any]:  # none needed in a rehearsal
        rehearsing = threading.get_ident() in self._rehearsing and self.conn.in_transaction
        return contextlib.nullcontext() if rehearsing else self.transaction()

    def lock_numbering(self, table: str, key: int) -> None:
        """Hold *table*'s numbering under *key* till the transaction ends (a file's: all of it)."""

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"Nothing was saved: {self.read_only_reason}.")

    # ---- reading ------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Run a read-only query and return rows as dicts."""
        check_select(sql, "query")
        with self._storage_errors():
            return [dict(r) for r in self.conn.execute(sql, params)]

    def iter_query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Iterator[Row]:
        """Like :meth:`query`, one row at a time: long lists never hold every row at once."""
        check_select(sql, "iter_query")
        with self._storage_errors():
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(500):
                for r in batch:
                    yield dict(r)

    def iter_tuples(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[Sequence[Any]]:
        """Like :meth:`iter_query`, each row a sequence in the query's column order, with no
        dict made per row (for records built from lists of tens of thousands of rows)."""
        check_select(sql, "iter_tuples")
        with self._storage_errors():
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(500):
                yield from batch

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def get(self, table: str, record_id: int) -> Row | None:
        check_identifier(table)
        with self._storage_errors():  # (every write asks: one row, fetched directly)
            row = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
        return dict(row) if row is not None else None

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
        check_identifier(table)
        sql = f"SELECT * FROM {table}"
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        return self.query(sql, params)

    def count(self, table: str, where: str | None = None, params: Sequence[Any] = ()) -> int:
        check_identifier(table)
        sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(next(iter(self.query(sql, params)[0].values())))

    def text_columns(self) -> dict[str, list[str]]:
        """Every table's TEXT columns, from the schema (read once, then kept)."""
        if self._text_columns is None:
            with self._storage_errors():
                self._text_columns = columns.text_columns(self.conn)
        return self._text_columns

    # ---- writing (each change audited; every text through the door of core.text_policy) ----

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one record and audit each field; returns the new id. Its texts are cleaned
        and checked first (:func:`text_policy.admit`): a refusal writes nothing."""
        check_identifier(table)
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        values = text_policy.admit_values(table, values)
        cols = list(values)
        for c in cols:
            check_identifier(c)
        with self._write(), self._storage_errors(table):
            marks = ", ".join("?" * len(cols))
            cur = self.conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                [values[c] for c in cols],
            )
            new_id = int(cur.lastrowid or values.get("id") or 0)
            self._audit("insert", table, new_id, [(c, None, values[c]) for c in cols if c != "id"])
        return new_id

    def update(self, table: str, record_id: int, changes: dict[str, Any]) -> Row:
        """Change fields of one record, auditing old → new; returns the old values changed.
        Texts are cleaned, and those that change are checked (:mod:`text_policy`). The store
        keeps ``row_version`` itself (:mod:`.versions`)."""
        check_identifier(table)
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        changes = text_policy.clean_values(table, changes)
        with self._write():
            current = self.require(table, record_id)
            diff = {k: v for k, v in changes.items() if current.get(k) != v and k != ROW_VERSION}
            for c, v in diff.items():
                check_identifier(c)
                if c not in current:
                    raise ValueError(f"{table} has no column {c}")
                text_policy.check_value(table, c, v)
            if diff:  # the record's version goes up; refused over a colleague's change
                from lscp_desktop.models.store.versions import write_version  # (not to open)

                with self._storage_errors(table):
                    write_version(self, table, record_id, current, diff)
                    self._audit(
                        "update", table, record_id, [(c, current[c], v) for c, v in diff.items()]
                    )
        return {c: current[c] for c in diff}

    def delete(self, table: str, record_id: int) -> Row:
        """Delete one record, keeping its last values (and those of each row it takes with it,
        ``ON DELETE CASCADE``) in the audit log; returns them."""
        check_identifier(table)
        with self._write():
            current = self.require(table, record_id)
            with self._storage_errors(table):
                for child, row in rows_removed_with(self, table, record_id):
                    self._audit(
                        "delete (cascade)", child, int(row["id"]), [("*", _json(row), None)]
                    )
                self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
                self._audit("delete", table, record_id, [("*", _json(current), None)])
        return current

    def bulk_insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert many rows with one ``executemany`` (demo data, imports); audited as one entry.
        Each row's texts pass the door; a refusal (naming the row) rolls them all back."""
        check_identifier(table)
        for c in columns:
            check_identifier(c)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        from lscp_desktop.models.core import text_policy  # writes only: not to start

        with self.transaction(), self._storage_errors(table):
            conn = self.conn
            before = conn.total_changes
            conn.executemany(sql, text_policy.admit_rows(table, columns, rows))
            n = conn.total_changes - before
            self._audit("bulk insert", table, 0, [("*", None, f"{n} rows")])
        return n

    def _audit(
        self, action: str, table: str, record_id: int, changes: list[tuple[str, Any, Any]]
    ) -> None:
        if threading.get_ident() not in self._rehearsing:
            from lscp_desktop.models.store import audit  # the first write, not to open

            audit.record(self.conn, action, table, record_id, changes, self.user)

    @property
    def user(self) -> str:
        """Who the audit log says made a change: the operating-system user on a file (a team
        database: the user signed in to it)."""
        return os_user()

    # ---- privacy: the history rewritten (history.py), the file compacted (models/privacy) ----

    def compact(self) -> None:
        """Leave nothing replaced or deleted in the file or its WAL (after an erasure): with
        ``secure_delete`` on, VACUUM rebuilds the file and a TRUNCATE checkpoint empties the WAL."""
        self._check_writable()
        conn = self.conn
        if conn.in_transaction:
            raise RuntimeError("compact() runs outside any transaction")
        with self._storage_errors():
            conn.execute("VACUUM")
            if self.location.journal_mode == "wal":
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # ---- settings ----------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self._storage_errors():
            row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            old = self.get_setting(key)
            if old == value:
                return
            with self._storage_errors("settings"):
                self.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
                self._audit("setting", "settings", 0, [(key, old, value)])

    # ---- checks (backups: FileBackups) ------------------------------------------------

    def check(self) -> list[str]:
        """Full integrity, foreign key and schema check; returns the problems found."""
        with self._storage_errors():
            return checks.full_check(self.conn)
