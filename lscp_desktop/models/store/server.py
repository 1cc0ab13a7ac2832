"""A team database on a PostgreSQL server: :class:`ServerStore`, opened by
:func:`.opening.open_database` when it is given a ``postgresql://`` address instead of a file.

The same :class:`~lscp_desktop.models.store.database.Store` methods read and write it (every
area's queries run unchanged, through :mod:`.dialect` and :mod:`.pg`). What belongs to a file
does not apply here and is the server's: there is no app lock (colleagues work at once), no
file check (the server keeps its own data sound), and no backups beside a file (IT backs the
server up with pg_dump). Writers queue one after the other, as on a file: every write
transaction takes one advisory lock (:func:`pg.begin_immediate`).

The schema is the same migrations as a file's, translated (:func:`dialect.ddl`) and recorded
by the same names in ``lscp_migrations``; a database holding a migration this version does not
know is refused as newer, one holding other tables and no record of ours as another program's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import psycopg.conninfo

from lscp_desktop.models.core.errors import ForeignFileError, NewerSchemaError, StoreError
from lscp_desktop.models.store import changes, dialect, pg, roles, schema
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.location import Location
from lscp_desktop.models.store.migrations import known_migrations, schema_version

MIGRATIONS_TABLE = "lscp_migrations"


@dataclass(frozen=True)
class Address:
    """A server database's address: the URL psycopg connects with, and how to name it."""

    url: str
    host: str
    database: str

    @property
    def label(self) -> str:
        return f"{self.database} on {self.host}"


def parse_address(url: str) -> Address:
    """*url* (``postgresql://[user@]host[:port]/database[?options]``) checked and named;
    a malformed one is refused with a plain message."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError(
            f"'{_without_password(url)}' is not a database address ({exc}). Write it like "
            "postgresql://server.council.local/lscp."
        ) from exc
    database = str(parts.get("dbname") or "")
    if not database:
        raise StoreError(
            f"'{_without_password(url)}' names no database: write it like "
            "postgresql://server.council.local/lscp."
        )
    host = str(parts.get("host") or "localhost")
    if host.startswith("/"):
        host = "this computer"
    elif parts.get("port"):
        host = f"{host}:{parts['port']}"
    return Address(url, host, database)


def _without_password(url: str) -> str:
    """*url* fit to show: any password taken out (``user:password@`` or ``?password=``)."""
    from lscp_desktop.models.store.credentials import without_password

    return without_password(url)


@dataclass
class ServerStore(Store):
    """An open team database on a PostgreSQL server (see the module's docstring)."""

    address: Address | None = None
    #: The user signed in to the server (``current_user``): the audit log's "who".
    db_user: str = ""
    #: This store's session, sent with each save's notification (its own are not refreshed).
    session: str = field(default_factory=lambda: os.urandom(8).hex())
    #: Tables written since the last :meth:`compact` (which vacuums them).
    _written: set[str] = field(default_factory=set)
    #: The tables the last :meth:`compact` vacuumed (none named: the whole database).
    vacuumed: tuple[str, ...] = ()
    keeps_own_backups: ClassVar[bool] = False
    opens_from_path: ClassVar[bool] = False

    @property
    def opened_from(self) -> Path | str:
        return _without_password(self.address.url) if self.address else self.path

    @classmethod
    def open_server(cls, url: str, *, read_only: bool = False, create: bool = True) -> Store:
        """Connect to the database at *url*, refuse another program's or a newer version's,
        and bring its schema up to date (a new, empty database gets the whole schema when
        *create*). Every failure is a :class:`StoreError` with a plain message."""
        address = parse_address(url)
        try:
            conns = pg.ServerConnections(url, address.label, read_only=read_only)
        except psycopg.Error as exc:
            raise pg.opening_error(exc, address.label, address.host, address.database) from exc
        store = cls(_folder(address), conns, read_only, Location(), address=address)
        store.read_only_reason = "the team database was opened read-only"
        try:
            store._prepare_server(create=create)
            store._sign_in()
        except BaseException:
            store.close()
            raise
        return store

    def _sign_in(self) -> None:
        """Who is signed in, and whether they may change anything (a reader may not: the
        store is then read-only, and says why)."""
        with self._storage_errors():
            row = self._pg.raw.execute(
                "SELECT current_user, has_table_privilege('public.audit_log', 'INSERT')"
            ).fetchone()
        self.db_user = str(row[0]) if row else ""
        if row and not row[1] and not self.read_only:
            self.read_only = True
            self.read_only_reason = (
                f"you can read this team database but not change it (your account, "
                f"{self.db_user}, is a reader's); ask the partnership's business manager or IT "
                "if you need to make changes"
            )

    @property
    def user(self) -> str:
        return self.db_user or super().user

    def _prepare_server(self, *, create: bool) -> None:
        with self._storage_errors():
            applied = applied_migrations(self._pg)
            tables = user_tables(self._pg)
        label = self._label
        if not applied and tables - {MIGRATIONS_TABLE}:
            raise ForeignFileError(
                f"The database {label} is not an LSCP Desktop database (it holds another "
                "program's tables). Check the address; nothing has been changed."
            )
        unknown = applied - known_migrations()
        if unknown:
            raise NewerSchemaError(
                f"The database {label} was set up by a newer version of LSCP Desktop (schema "
                f"{len(applied)}; this version understands up to {schema_version()}). Install "
                "the newer version to open it. Nothing has been changed."
            )
        if known_migrations() <= applied:
            return
        if not applied and not create:
            raise StoreError(
                f"The database {label} is empty: it has not been set up for LSCP Desktop yet."
            )
        if self.read_only:
            raise StoreError(
                f"The database {label} needs its schema brought up to date, which a read-only "
                "connection cannot do. Open it once with an account that may change it."
            )
        try:
            with self.transaction():
                apply_pending(self._pg)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"The database {label} needs its schema brought up to date for this version "
                "of LSCP Desktop, which this account may not do. Ask IT to run `lscp-desktop "
                "server init` on it (the runbook's step after an upgrade). Nothing has been "
                "changed."
            ) from exc
        if applied:  # an upgrade: the roles' grants and the reader's views follow the schema
            warning = roles.refresh_after_upgrade(self)
            if warning:
                self.warnings.append(warning)

    # ---- what differs from a file ----------------------------------------------------

    @property
    def _pg(self) -> pg.Connection:
        conn: Any = self.conn
        return conn  # Store.conn is typed as a file's connection

    @property
    def _label(self) -> str:
        return self.address.label if self.address else str(self.path)

    @property
    def data_path(self) -> Path:
        return self.path

    @property
    def needs_migration(self) -> bool:
        with self._storage_errors():
            return not known_migrations() <= applied_migrations(self._pg)

    def close(self) -> None:
        self._conns.close(checkpoint=False)

    def _storage_errors(self, table: str | None = None) -> contextlib.AbstractContextManager[None]:
        return pg.storage_errors(self._label, table)

    @contextlib.contextmanager
    def transaction(self, *, exclusive: bool = True) -> Iterator[Store]:
        """A write transaction on this thread's connection: other writers wait for it (up to
        the busy timeout); nested use becomes a savepoint; any exception rolls the block back.
        With ``exclusive=False`` (an import) the writers' queue is not joined: PostgreSQL
        locks the rows written, and numbering takes its own lock (:meth:`lock_numbering`),
        so colleagues go on saving other records while a long import runs."""
        self._check_writable()
        conn = self._pg
        if conn.in_transaction:
            name = f"sp_{os.urandom(4).hex()}"
            with self._storage_errors():
                conn.raw.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                _undo(conn, f"ROLLBACK TO SAVEPOINT {name}", f"RELEASE SAVEPOINT {name}")
                raise
            with self._storage_errors():
                conn.raw.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.written.clear()
        with self._storage_errors():
            pg.begin_immediate(conn, exclusive=exclusive)
        try:
            yield self
            if conn.written:  # delivered to colleagues only if the commit succeeds
                with self._storage_errors():
                    changes.notify(conn.raw, conn.written, self.session)
        except BaseException:
            _undo(conn, "ROLLBACK")
            conn.written.clear()
            raise
        try:
            conn.raw.execute("COMMIT")
        except psycopg.Error as exc:
            _undo(conn, "ROLLBACK")
            raise pg.storage_error(exc, self._label) from exc
        finally:
            written, conn.written = set(conn.written), set()
        self._written |= written

    def _insert_ids(self, sql: str, rows: Sequence[Sequence[Any]]) -> list[int]:
        ids = self._pg.insert_ids(sql, rows)
        if len(ids) != len(rows):
            raise RuntimeError("a batch insert wrote another number of rows")
        return ids

    def lock_numbering(self, table: str, key: int) -> None:
        if self._pg.in_transaction:
            with self._storage_errors():
                pg.lock_key(self._pg, f"numbering:{table}:{key}")

    def pragma(self, name: str) -> Any:
        """The little of SQLite's pragmas that means something here: the schema version."""
        if name == "user_version":
            with self._storage_errors():
                return len(applied_migrations(self._pg))
        raise StoreError(f"A team database has no setting {name!r} (it is not a file).")

    def sqlite_version(self) -> str:
        with self._storage_errors():
            row = self._pg.raw.execute("SHOW server_version").fetchone()
        return f"not used (PostgreSQL {row[0] if row else '?'} server)"

    def text_columns(self) -> dict[str, list[str]]:
        if self._text_columns is None:
            with self._storage_errors():
                rows = self._pg.raw.execute(
                    "SELECT table_name, column_name FROM information_schema.columns"
                    " WHERE table_schema = current_schema() AND data_type = 'text'"
                    " AND table_name <> %s ORDER BY table_name, ordinal_position",
                    (MIGRATIONS_TABLE,),
                ).fetchall()
            out: dict[str, list[str]] = {}
            for table, column in rows:
                out.setdefault(str(table), []).append(str(column))
            self._text_columns = out
        return self._text_columns

    def compact(self) -> None:
        """After an erasure: ``VACUUM FULL`` rewrites the tables this store has written since
        it last compacted (all of them if none), leaving none of what was replaced or deleted
        in them (the server's backups and WAL archives are IT's to expire)."""
        self._check_writable()
        if self._pg.in_transaction:
            raise RuntimeError("compact() runs outside any transaction")
        tables = sorted(t for t in self._written if t.isidentifier())
        with self._storage_errors():
            self._pg.raw.execute("VACUUM FULL " + ", ".join(tables))
        self.vacuumed = tuple(tables)
        self._written.clear()

    def check(self) -> list[str]:
        """The server keeps its data sound itself; what can be checked here is the schema."""
        with self._storage_errors():
            missing = known_migrations() - applied_migrations(self._pg)
        return [f"migration {s}/{n} has not been applied" for s, n in sorted(missing)]

    @property
    def backup_dir(self) -> Path:
        return self.path / "backups"

    def list_backups(self, directory: Path | None = None) -> list[Path]:
        return []

    def last_backup(self) -> dt.datetime | None:
        return None

    def backup(self, *, reason: str = "manual", directory: Path | None = None) -> Path:
        raise StoreError(
            "A team database is backed up on its server (pg_dump), by IT: LSCP Desktop does not "
            "copy it. Ask IT when the last backup was taken."
        )

    def backup_if_due(self, now: dt.datetime | None = None) -> Path | None:
        return None


def _folder(address: Address) -> Path:
    """Where this computer keeps its own files for a team database (papers' copies)."""
    from lscp_desktop.paths import data_dir

    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in address.label)
    folder = data_dir() / "team databases" / safe
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _undo(conn: pg.Connection, *statements: str) -> None:
    """Roll back after a failure without hiding it."""
    if conn.in_transaction:
        with contextlib.suppress(psycopg.Error):
            for statement in statements:
                conn.raw.execute(statement)


# --------------------------------------------------------------------------- migrations


def user_tables(conn: pg.Connection) -> set[str]:
    rows = conn.raw.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ).fetchall()
    return {str(r[0]) for r in rows}


def applied_migrations(conn: pg.Connection) -> set[tuple[str, str]]:
    """The migrations recorded in the database (none in a new one)."""
    exists = conn.raw.execute("SELECT to_regclass(%s)", (MIGRATIONS_TABLE,)).fetchone()
    if not exists or exists[0] is None:
        return set()
    rows = conn.raw.execute(f"SELECT migration_set, name FROM {MIGRATIONS_TABLE}").fetchall()
    return {(str(r[0]), str(r[1])) for r in rows}


class _Migrating:
    """What a migration function is given in place of sqlite-utils' ``Database``: ``execute``,
    with each statement translated (:func:`dialect.ddl`)."""

    def __init__(self, conn: pg.Connection, migration: dialect.Migration) -> None:
        self._conn = conn
        self._migration = migration

    def execute(self, sql: str, params: Any = ()) -> pg.Cursor:
        return self._conn.execute(dialect.ddl(sql, self._migration), params or ())


def apply_pending(conn: pg.Connection) -> None:
    """Apply every migration the database lacks, in order, recording each; the caller holds
    the write transaction (so two copies opening a new database at once do not both migrate)."""
    conn.raw.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} (migration_set TEXT NOT NULL,"
        " name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, name))"
    )
    done = applied_migrations(conn)
    # One set of migrations can refer to a table another set, applied after it, creates (as
    # SQLite allows): the foreign keys and unique indexes are added once all have run.
    migration = dialect.Migration()
    migrating: Any = _Migrating(conn, migration)  # in place of sqlite-utils' Database
    for migration_set in schema.MIGRATION_SETS:
        for name, fn, _transactional in migration_set.entries:
            if (migration_set.name, name) in done:
                continue
            fn(migrating)
            conn.raw.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at)"
                " VALUES (%s, %s, %s)",
                (migration_set.name, name, str(dt.datetime.now(dt.UTC))),
            )
    for statement in migration.later:
        conn.raw.execute(statement)
    conn.forget_schema()
