"""An offline copy of a team database (issue 22): a read-only SQLite snapshot, to prepare and
export papers on a train. Nothing in it is ever merged back.

:func:`take_copy` reads the server in one ``REPEATABLE READ`` transaction (every table as of
one moment), writes a new file with the same schema (a new database's own rows replaced by the
server's), copies every table with :mod:`.moving`'s helpers in the other direction, and proves
the copy with :func:`.moving.prove` (counts, checksums and money totals) before it is kept. The
file records where and when it was taken (:data:`MARK_TABLE`); :func:`.opening.open_database`
opens such a file read-only, saying so (:func:`offline_copy`), and every write is refused with
that message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from lscp_desktop.models.core.errors import StoreError
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:  # imported when a copy is taken: the window reads only offline_copy()
    from lscp_desktop.models.store import moving

#: The table in an offline copy saying what it is a copy of, and when it was taken (not one
#: of the server's tables: the proof leaves it out).
MARK_TABLE = "_lscp_offline_copy"


class OfflineCopy(NamedTuple):
    """What an offline copy is a copy of, and when it was taken."""

    source: str
    taken: dt.datetime

    @property
    def taken_text(self) -> str:
        return f"{self.taken:%d/%m/%Y at %H:%M}"

    @property
    def title(self) -> str:
        """The title bar's mark."""
        return f"offline copy of {self.source} taken {self.taken_text}, read-only"

    @property
    def reason(self) -> str:
        """Why nothing can be saved (after "Nothing was saved: ")."""
        return (
            f"this is a read-only offline copy of {self.source}, taken {self.taken_text}; "
            "make changes on the team database itself (nothing in a copy is merged back)"
        )


def offline_copy(path: Path) -> OfflineCopy | None:
    """What the database file at *path* is an offline copy of (``None``: not a copy, or not a
    file that can be read: opening it says why)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute(f"SELECT source, taken_at FROM {MARK_TABLE}").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if not row:
        return None
    return OfflineCopy(str(row[0]), dt.datetime.fromisoformat(str(row[1])))


def take_copy(
    server: Store,
    path: Path,
    progress: Callable[[str, int], None] | None = None,
    *,
    now: dt.datetime | None = None,
) -> moving.Proof:
    """Copy the team database *server* into a new file at *path* and prove it; raises
    :class:`StoreError` (and leaves no file) if *path* exists or any table differs."""
    from lscp_desktop.models.store import moving

    address = getattr(server, "address", None)
    if address is None:
        raise StoreError(f"{server.path} is already a file: copy it with File › Save a copy.")
    path = Path(path).absolute()
    if path.exists():
        raise StoreError(f"There is already a file at {path}: choose a new name.")
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    pg: Any = server.conn
    try:
        with Store.open(partial, daily_backup=False, exclusive=False) as copy:
            src = copy.conn
            tables = moving.tables(src)
            pg.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                _copy_tables(pg, src, tables, progress)
                proof = moving.prove(copy, server, tables)
            finally:
                pg.raw.execute("ROLLBACK")
            if not proof.same:
                raise StoreError(
                    "The offline copy differs from the team database, so it was not kept:\n"
                    + "\n".join(proof.lines())
                )
            taken = (now or dt.datetime.now()).isoformat(timespec="seconds")
            src.execute(f"CREATE TABLE {MARK_TABLE} (source TEXT NOT NULL, taken_at TEXT NOT NULL)")
            src.execute(f"INSERT INTO {MARK_TABLE} VALUES (?, ?)", (address.label, taken))
            src.execute("PRAGMA journal_mode = DELETE")  # one file to carry away
        os.replace(partial, path)
    finally:
        for leftover in (
            partial,
            *(partial.with_name(partial.name + s) for s in ("-wal", "-shm", ".lock")),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return proof


def _copy_tables(
    pg: Any,
    src: sqlite3.Connection,
    tables: list[str],
    progress: Callable[[str, int], None] | None,
) -> None:
    """Every table's rows from the server into the new file, in one transaction, with the
    foreign keys checked once at the end (tables are copied in name order)."""
    from lscp_desktop.models.store import moving

    src.execute("PRAGMA foreign_keys = OFF")
    src.execute("BEGIN IMMEDIATE")
    try:
        for table in tables:
            src.execute(f"DELETE FROM {table}")  # a new database's own rows: the server's
            columns = moving.columns(src, table)
            listed = ", ".join(columns)
            insert = f"INSERT INTO {table} ({listed}) VALUES ({', '.join('?' for _ in columns)})"
            done = 0
            for rows in moving.batches(pg.execute(f"SELECT {listed} FROM {table}")):
                src.executemany(insert, [tuple(r) for r in rows])
                done += len(rows)
                if progress:
                    progress(table, done)
        broken = src.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(f"The copy's references do not hold ({len(broken)} rows); not kept.")
    except BaseException:
        src.execute("ROLLBACK")
        raise
    src.execute("COMMIT")
    src.execute("PRAGMA foreign_keys = ON")
