"""``lscp-desktop move-to-server``: a partnership's SQLite file copied into an empty team
database, and the copy proved (issue 22).

The file is only read (opened read-only, no app lock taken, nothing written beside it). The
copy is one transaction on the server: the foreign keys are dropped, every table's rows are
inserted in batches (``executemany``) with their own ids, each identity sequence is moved past
the largest id, and the foreign keys are added back, which checks every reference again. Then
each table is counted and summed on both sides, each by its own engine, and a checksum of
every row's values is compared; the money columns (``*_pence``) are totalled to the penny. Any
difference rolls the whole copy back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.store.database import Store

BATCH = 2000
#: The server's record of its migrations (the file's is sqlite-utils' ``_sqlite_migrations``,
#: which is not copied: each side records the same migrations its own way).
MIGRATIONS_TABLE = "lscp_migrations"


@dataclass(frozen=True)
class TableProof:
    """One table on both sides: rows, a checksum of every row, and its money totals."""

    table: str
    rows_file: int
    rows_server: int
    checksum_file: str
    checksum_server: str
    money: tuple[tuple[str, int, int], ...] = ()  # (column, file total, server total)

    @property
    def same(self) -> bool:
        return (
            self.rows_file == self.rows_server
            and self.checksum_file == self.checksum_server
            and all(a == b for _, a, b in self.money)
        )


@dataclass
class Proof:
    tables: list[TableProof] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return all(t.same for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.rows_file for t in self.tables)

    def lines(self) -> list[str]:
        """The proof as a plain-text table (money in pounds and pence)."""
        out = [f"{'table':<28} {'rows (file)':>11} {'rows (server)':>13}  checksum      money",
               "-" * 96]  # fmt: skip
        for t in self.tables:
            mark = "same" if t.checksum_file == t.checksum_server else "DIFFERENT"
            money = "; ".join(
                f"{c} £{a / 100:,.2f}" + ("" if a == b else f" ≠ £{b / 100:,.2f}")
                for c, a, b in t.money
            )
            out.append(f"{t.table:<28} {t.rows_file:>11,} {t.rows_server:>13,}  "
                       f"{t.checksum_file[:8]} {mark:<4} {money}".rstrip())  # fmt: skip
        return out


def _sqlite(store: Store) -> sqlite3.Connection:
    return store.conn


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '\\_sqlite%' ESCAPE '\\' ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]


def _checksum(rows: Iterable[Any]) -> str:
    """A checksum of a table's rows that does not depend on their order: the sum of each
    row's SHA-256 (values as JSON, so 1 and 1.0 or '1' differ), modulo 2**256."""
    import hashlib  # not on the window's start path (OpenSSL's loading: ~2.5 ms)

    total = 0
    for row in rows:
        text = json.dumps([v.hex() if isinstance(v, bytes) else v for v in row],
                          ensure_ascii=False)  # fmt: skip
        total = (total + int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")) % 2**256
    return f"{total:064x}"


def _batches(cursor: Any) -> Iterator[list[Any]]:
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield rows


def _fresh_contents() -> dict[str, tuple[list[str], int, str]]:
    """The rows a new database starts with (the migrations' own: recipients of documents…),
    per table: (columns, rows, checksum)."""
    import tempfile

    out = {}
    with (
        tempfile.TemporaryDirectory(prefix="lscp-fresh-") as folder,
        Store.open(Path(folder) / "fresh.db", daily_backup=False) as fresh,
    ):
        src = _sqlite(fresh)
        for table in _tables(src):
            n = int(src.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            if n:
                columns = _columns(src, table)
                rows = src.execute(f"SELECT {', '.join(columns)} FROM {table}")
                out[table] = (columns, n, _checksum(rows))
    return out


def check_empty(server: Store) -> list[str]:
    """Refuse a team database that holds records (only an empty one is copied into, so
    nothing is ever overwritten). Returns the tables holding only what a new database starts
    with (the copy replaces those rows with the file's)."""
    pg: Any = server.conn
    fresh = _fresh_contents()
    seeded = []
    for table in _server_tables(pg):
        if not pg.raw.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
            continue
        if table in fresh:
            columns, n, checksum = fresh[table]
            count = pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            rows = pg.execute(f"SELECT {', '.join(columns)} FROM {table}")
            if count == n and _checksum(rows) == checksum:
                seeded.append(table)
                continue
        address = getattr(server, "address", None)
        raise StoreError(
            f"The team database {address.label if address else server.path.name} already "
            f"holds records (in {table}): a file is only ever copied into an empty one, so "
            "nothing is overwritten. Ask IT for a new, empty database (the runbook says how). "
            "Nothing was changed."
        )
    return seeded


def _server_tables(pg: Any) -> list[str]:
    rows = pg.raw.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_type = 'BASE TABLE' AND table_name <> %s ORDER BY table_name",
        (MIGRATIONS_TABLE,),
    ).fetchall()
    return [str(r[0]) for r in rows]


def move(source: Store, server: Store, progress: Callable[[str, int], None] | None = None) -> Proof:
    """Copy every row of the file *source* into the empty team database *server* and prove
    it (see the module's docstring); raises :class:`StoreError` (nothing kept) if the
    server is not empty, the schemas differ, or any table's proof differs."""
    if source.needs_migration:
        raise StoreError(
            f"{source.path} is from an older version of LSCP Desktop: open it once in this "
            "version (which brings it up to date), then move it. Nothing was changed."
        )
    src = _sqlite(source)
    pg: Any = server.conn
    tables = _tables(src)
    missing = sorted(set(tables) - set(_server_tables(pg)))
    if missing:
        raise StoreError(
            f"The team database lacks tables the file has ({', '.join(missing)}): it was set "
            "up by another version of LSCP Desktop. Nothing was changed."
        )
    seeded = check_empty(server)
    with server.transaction():
        keys = pg.raw.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        ).fetchall()
        for table, name, _ in keys:
            pg.raw.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for table in seeded:  # a new database's own rows: the file has its own
            pg.raw.execute(f"DELETE FROM {table}")
        for table in tables:
            columns = _columns(src, table)
            insert = (
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
            )
            cursor = src.execute(f"SELECT {', '.join(columns)} FROM {table}")
            done = 0
            for rows in _batches(cursor):
                pg.executemany(insert, [tuple(r) for r in rows])
                done += len(rows)
                if progress:
                    progress(table, done)
        for table, name, definition in keys:
            pg.raw.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        proof = prove(source, server, tables)
        if not proof.same:
            raise StoreError(
                "The copy on the server differs from the file, so it was not kept:\n"
                + "\n".join(proof.lines())
            )
        # The planner's statistics for the rows just copied (else it plans on guesses until
        # the server's autovacuum comes round to them).
        pg.raw.execute("ANALYZE")
    return proof


def prove(source: Store, server: Store, tables: list[str] | None = None) -> Proof:
    """Each table counted, checksummed and its money totalled on both sides."""
    src = _sqlite(source)
    pg: Any = server.conn
    proof = Proof()
    for table in tables or _tables(src):
        columns = _columns(src, table)
        listed = ", ".join(columns)
        money = [c for c in columns if c.endswith("pence") and c.split("_")[-1] == "pence"]
        totals = []
        for column in money:
            a = src.execute(f"SELECT coalesce(sum({column}), 0) FROM {table}").fetchone()[0]
            b = pg.execute(f"SELECT coalesce(sum({column}), 0) FROM {table}").fetchone()[0]
            totals.append((column, int(a), int(b)))
        proof.tables.append(
            TableProof(
                table,
                int(src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]),
                int(pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]),
                _checksum(src.execute(f"SELECT {listed} FROM {table}")),
                _checksum(pg.execute(f"SELECT {listed} FROM {table}")),
                tuple(totals),
            )
        )
    return proof


def file_is_not_server(path: Path) -> None:
    """*path* must be a database file (the first argument of ``move-to-server``)."""
    if str(path).lower().startswith(("postgresql:", "postgres:")):
        raise StoreError(
            "The first argument is the partnership's database file (FILE.db), the second the "
            "team database's address."
        )


#: For the offline copy (:mod:`.offline`), which copies the other way.
tables, columns, batches = _tables, _columns, _batches
