"""A PostgreSQL connection that the store uses as it uses an ``sqlite3.Connection``.

Imported only when a ``postgresql://`` address is opened (psycopg is never loaded by a file
database's start-up). Each statement goes through :mod:`.dialect`; what differs between the
two drivers is made alike here:

- rows are read by name and by position, like ``sqlite3.Row`` (:class:`Row`);
- ``sum()`` of integers (PostgreSQL's ``numeric``) comes back as an ``int``, a fraction as a
  ``float``; a true/false result as 1/0; a Python ``bool`` is stored as 1/0 (the schema's
  flags are integers, as in SQLite);
- ``cursor.lastrowid`` after an ``INSERT`` is the new ``id`` (the statement is sent with
  ``RETURNING id``), and an ``INSERT`` that gives the ``id`` itself moves the table's
  identity past it, as SQLite's rowid would;
- ``total_changes`` and ``in_transaction`` mean what SQLite's do;
- errors become the store's own messages by SQLSTATE (:func:`storage_error`).

The connection runs in autocommit mode: the store begins, commits and rolls back itself
(``BEGIN`` with a transaction-wide advisory lock, see :func:`begin_immediate`), exactly where
it does on SQLite.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import psycopg.adapt
import psycopg.errors
import psycopg.pq
import psycopg.rows

from lscp_desktop.models.core.errors import (
    BusyError,
    DamagedDatabaseError,
    DiskError,
    DuplicateError,
    ReadOnlyError,
    StoreError,
)
from lscp_desktop.models.store import dialect
from lscp_desktop.models.store.connection import BUSY_TIMEOUT_MS, Connections

#: The key of the advisory lock every write transaction takes: writers queue one after the
#: other, as ``BEGIN IMMEDIATE`` makes them on SQLite (b"LSCP" as a number).
WRITE_LOCK = 0x4C534350


# --------------------------------------------------------------------------- values


class _NumericLoader(psycopg.adapt.Loader):
    """``numeric`` as SQLite would give it: a whole number as ``int``, else ``float``."""

    def load(self, data: Any) -> int | float:
        value = Decimal(bytes(data).decode())
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0:
            return int(value)
        return float(value)


class _BoolLoader(psycopg.adapt.Loader):
    """``boolean`` as SQLite gives a comparison: 1 or 0."""

    def load(self, data: Any) -> int:
        return 1 if bytes(data) == b"t" else 0


class _BoolDumper(psycopg.adapt.Dumper):
    """A Python ``bool`` stored as SQLite stores it, 1 or 0 (the flag columns are integers)."""

    oid = psycopg.adapters.types["int8"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class Row(tuple[Any, ...]):
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    _index: ClassVar[dict[str, int]] = {}
    _names: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: Any) -> Any:  # by name as well as by position
        if isinstance(key, str):
            try:
                key = self._index[key]
            except KeyError:
                raise IndexError(f"No item with that key: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def _row_class(names: tuple[str, ...]) -> type[Row]:
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        index = {n: i for i, n in reversed(list(enumerate(names)))}  # the first of a name
        cls = type("Row", (Row,), {"_index": index, "_names": names})
        _ROW_CLASSES[names] = cls
    return cls


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)
    return lambda values: cls(values)


# --------------------------------------------------------------------------- the connection


class Cursor:
    """What ``execute`` returns: the rows, ``rowcount`` and ``lastrowid``."""

    def __init__(self, cursor: psycopg.Cursor[Any], lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount

    @property
    def description(self) -> list[tuple[str, None, None, None, None, None, None]] | None:
        """The columns as ``sqlite3.Cursor.description`` gives them: names, the rest None."""
        got = self._cursor.description
        return None if got is None else [(c.name, None, None, None, None, None, None) for c in got]

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def fetchmany(self, size: int) -> list[Any]:
        return self._cursor.fetchmany(size) if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class Connection:
    """One thread's PostgreSQL connection, used like an ``sqlite3.Connection``."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self.total_changes = 0
        self._identity: set[str] | None = None
        #: The tables written since the transaction began (sent to colleagues on commit).
        self.written: set[str] = set()

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    def _tables_with_identity(self) -> set[str]:
        if self._identity is None:
            rows = self.raw.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                " AND is_identity = 'YES' AND table_schema = current_schema()"
            ).fetchall()
            self._identity = {str(r[0]) for r in rows}
        return self._identity

    def forget_schema(self) -> None:
        """After a migration: which tables have an identity is read again."""
        self._identity = None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        stmt = dialect.statement(sql)
        text = stmt.sql
        wants_id = (
            stmt.insert_into is not None
            and not stmt.returning
            and stmt.insert_into in self._tables_with_identity()
        )
        if wants_id:
            text = text.rstrip().rstrip(";") + " RETURNING id"
        cur = self.raw.cursor()
        cur.execute(text, _params(params))
        lastrowid = None
        if wants_id:
            row = cur.fetchone()
            lastrowid = int(row[0]) if row else None
        if stmt.gives_id and stmt.insert_into:
            self._move_identity(stmt.insert_into)
        if cur.rowcount > 0 and stmt.sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.total_changes += cur.rowcount
        self._note_written(stmt.sql)
        return Cursor(cur, lastrowid)

    def _note_written(self, sql: str) -> None:
        found = _WRITES.match(sql)
        if found:
            self.written.add(found.group(1).lower())

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Cursor:
        stmt = dialect.statement(sql)
        cur = self.raw.cursor()
        cur.executemany(stmt.sql, [_params(p) for p in seq])
        if stmt.gives_id and stmt.insert_into:
            self._move_identity(stmt.insert_into)
        if cur.rowcount > 0:
            self.total_changes += cur.rowcount
        self._note_written(stmt.sql)
        return Cursor(cur, None)

    def insert_ids(self, sql: str, seq: Sequence[Sequence[Any]]) -> list[int]:
        """Run the ``INSERT`` *sql* once for each of *seq* (pipelined); the new ids, in order."""
        stmt = dialect.statement(sql)
        cur = self.raw.cursor()
        cur.executemany(
            stmt.sql.rstrip().rstrip(";") + " RETURNING id",
            [_params(p) for p in seq],
            returning=True,
        )
        ids = []
        while True:
            row = cur.fetchone()
            if row is not None:
                ids.append(int(row[0]))
            if not cur.nextset():
                break
        self.total_changes += len(ids)
        self._note_written(stmt.sql)
        return ids

    def _move_identity(self, table: str) -> None:
        if table in self._tables_with_identity():
            self.raw.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                f" greatest((SELECT max(id) FROM {table}), 1))",
                (table,),
            )

    def close(self) -> None:
        self.raw.close()


#: The table an ``INSERT``, ``UPDATE`` or ``DELETE`` writes (a ``WITH`` before it is not seen).
_WRITES = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:\w+\.)?(\w+)", re.I
)


def _params(params: Sequence[Any] | dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
    return params if isinstance(params, dict) else tuple(params)


def connect(url: str, *, read_only: bool) -> Connection:
    """A new connection to *url* with the store's settings (autocommit, rows by name, SQLite's
    numbers); raises psycopg's error (see :func:`opening_error`)."""
    raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
    try:
        raw.adapters.register_loader("numeric", _NumericLoader)
        raw.adapters.register_loader("bool", _BoolLoader)
        raw.adapters.register_dumper(bool, _BoolDumper)
        raw.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            raw.execute("SET default_transaction_read_only = on")
    except BaseException:
        raw.close()
        raise
    return Connection(raw)


class ServerConnections(Connections):
    """The connections of one open server database: one per thread, as for a file."""

    def __init__(self, url: str, label: str, *, read_only: bool) -> None:
        self.url = url
        self.label = label
        super().__init__(Path(label), read_only=read_only)

    def _connect(self, *, read_only: bool) -> Any:
        return connect(self.url, read_only=read_only)

    def _connect_here(self, *, read_only: bool) -> Any:
        try:
            return connect(self.url, read_only=read_only)
        except psycopg.Error as exc:
            raise opening_error(exc, self.label) from exc


# --------------------------------------------------------------------------- transactions


def begin_immediate(conn: Connection, *, exclusive: bool = True) -> None:
    """Begin a write transaction that waits (up to the busy timeout) for any other writer to
    finish, as SQLite's ``BEGIN IMMEDIATE`` does; not *exclusive* (an import), one that
    queues for nothing and locks only the rows it writes."""
    conn.raw.execute("BEGIN")
    if not exclusive:
        return
    try:
        conn.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    except BaseException:
        with contextlib.suppress(psycopg.Error):
            conn.raw.execute("ROLLBACK")
        raise


def lock_key(conn: Connection, key: str) -> None:
    """Hold a lock named *key* until the transaction ends (waiting up to the busy timeout for
    the writer holding it): a body's action numbering, say."""
    conn.raw.execute("SELECT pg_advisory_xact_lock(%s::integer, hashtext(%s))", (WRITE_LOCK, key))


# --------------------------------------------------------------------------- errors

_BUSY = {"40001", "40P01", "55P03", "55006", "57014"}
_READ_ONLY = {"25006"}
_CONNECTION = ("08", "57P")


def storage_error(exc: psycopg.Error, label: str, table: str | None = None) -> StoreError:
    """The message for a failed operation on a server database, chosen by SQLSTATE; *table*
    names the records a write was about (the same messages as a file's)."""
    state = exc.sqlstate or ""
    if state in _BUSY:
        return BusyError(
            "The database is busy: a colleague (or another program) is saving to it. Nothing "
            "was saved; try again in a moment."
        )
    if state in _READ_ONLY:
        return ReadOnlyError(
            "Nothing was saved: your account on the database server may only read it; ask "
            "the partnership's business manager or IT if you need to make changes."
        )
    if state == "42501":
        denied = re.search(r"permission denied for (?:table|view|sequence) (\w+)", str(exc))
        what = f" ({denied.group(1).replace('_', ' ')})" if denied else ""
        return ReadOnlyError(
            f"Your account on the database server is not allowed to do this{what}, so nothing "
            "was saved. Finance and the partnership's settings are for its managers; ask the "
            "business manager or IT if you need this."
        )
    if state in ("53100", "53200", "53300", "53400"):
        return DiskError(
            f"The database server has run out of room or resources ({_first_line(exc)}). "
            "Nothing was saved; ask IT to look at the server, then try again."
        )
    if state.startswith("XX"):
        return DamagedDatabaseError(
            f"The database server reports damage ({_first_line(exc)}). Nothing was saved; "
            "ask IT to check the server and restore its last good backup.",
            Path(label),
            [],
        )
    if state.startswith(_CONNECTION) or (isinstance(exc, psycopg.OperationalError) and not state):
        return DiskError(
            f"The connection to the database server was lost ({_first_line(exc)}). Nothing "
            "was saved; check the network (or VPN) is connected, then try again."
        )
    if state.startswith("23"):
        return _constraint_error(exc, state, table)
    return StoreError(f"Database error: {_first_line(exc)}")


_KEY = re.compile(r"Key \((?:lower\()?(?P<column>[A-Za-z_][A-Za-z0-9_]*)")


def _constraint_error(exc: psycopg.Error, state: str, table: str | None) -> StoreError:
    what = table.rstrip("s") if table else None
    if what and state == "23503":
        return StoreError(f"This {what} is linked to other records, so the change was not saved.")
    if what and state == "23505":
        found = _KEY.match(exc.diag.message_detail or "")
        column = found.group("column") if found else "value"
        return DuplicateError(f"Another {what} already has that {column}. Nothing saved.")
    return StoreError(
        f"The change breaks a rule of the database ({_first_line(exc)}). Nothing was saved."
    )


@contextlib.contextmanager
def storage_errors(label: str, table: str | None = None) -> Iterator[None]:
    """psycopg's errors as the store's plain messages (see :func:`storage_error`)."""
    try:
        yield
    except psycopg.Error as exc:
        raise storage_error(exc, label, table) from exc


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


_OPENING = [
    (re.compile(r"password authentication failed|no password supplied|authentication failed"),
     "The database server refused the user name or password for {label}. Check them (your "
     "sign-in for the team database, not your Windows password unless IT says so) and try "
     "again."),
    (re.compile(r'database "[^"]*" does not exist'),
     "There is no database {db} on the server at {host}. Check the address, or ask IT to "
     "create it (the runbook says how)."),
    (re.compile(r'role "[^"]*" does not exist'),
     "The database server at {host} has no user of that name. Check the user name in the "
     "address, or ask IT to add you."),
    (re.compile(r"Connection refused|could not translate host name|timeout expired|"
                r"No route to host|Network is unreachable|No such file or directory|"
                r"could not connect|server closed the connection"),
     "The database server at {host} could not be reached ({reason}). Check the network (or "
     "VPN) is connected and the address is right; if it still fails, ask IT whether the "
     "server is running."),
]  # fmt: skip


def opening_error(exc: psycopg.Error, label: str, host: str = "", db: str = "") -> StoreError:
    """The message for a server database that cannot be opened: a wrong password, a server
    that cannot be reached, a database that does not exist (psycopg gives these without a
    SQLSTATE, so they are known by the server's words)."""
    text = str(exc)
    for pattern, message in _OPENING:
        if pattern.search(text):
            reason = _first_line(exc).rsplit("failed: ", 1)[-1].strip()
            return StoreError(message.format(label=label, host=host or label, db=db or label,
                                             reason=reason))  # fmt: skip
    return storage_error(exc, label)
