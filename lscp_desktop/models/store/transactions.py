"""Write transactions on one connection: ``BEGIN IMMEDIATE`` (so two writers queue instead of
failing; on the window's thread the queueing is waited for off that thread, see
:mod:`.waiting`), a savepoint when one is already open, and a rollback that never hides the
error that caused it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from lscp_desktop.models.store import waiting
from lscp_desktop.models.store.connection import storage_error, storage_errors


@contextlib.contextmanager
def immediate(
    conn: sqlite3.Connection, path: Path, data_path: Path, waiter: waiting.Waiter | None
) -> Iterator[None]:
    """A write transaction on *conn* (a savepoint if *conn* is in one): committed when the
    block ends, rolled back whole if it raises. SQLite's errors become plain messages about
    *path*; *data_path* is the file the connections read, where another writer is waited for."""
    if conn.in_transaction:
        name = f"sp_{id(conn)}_{os.urandom(4).hex()}"
        with storage_errors(path):
            conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            _undo(conn, f"ROLLBACK TO SAVEPOINT {name}", f"RELEASE SAVEPOINT {name}")
            raise
        with storage_errors(path):
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    with storage_errors(path):
        waiting.begin(conn, data_path, waiter)
    try:
        yield
    except BaseException:
        _undo(conn, "ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _undo(conn, "ROLLBACK")
        raise storage_error(exc, path) from exc


def _undo(conn: sqlite3.Connection, *statements: str) -> None:
    """Roll back after a failure without hiding it: if SQLite has rolled back already (a full
    disk can make it) or cannot, the first error is the one the user sees."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            for statement in statements:
                conn.execute(statement)


class _Rehearsed(Exception):
    """Ends a rehearsal, rolling it back."""


class Savepoint:
    """A savepoint inside an open transaction: released when the block ends, rolled back to
    if it raises. For a block run thousands of times (each row of an import): no more than its
    two statements, where :func:`immediate` also names each savepoint afresh.

    While the block runs, this thread is in *rows*, and the store's nested transactions take
    no savepoint of their own (two statements each, four or more a row): a failure inside
    leaves the whole block (the engine catches it only here, and the models catch only to
    raise again), and this savepoint undoes all of it, as theirs would have undone their part.
    """

    _NAME = "lscp_row"  # nested ones may share it: SQLite means the latest of that name

    def __init__(self, conn: sqlite3.Connection, path: Path, rows: set[int]) -> None:
        self.conn, self.path, self.rows = conn, path, rows

    def __enter__(self) -> None:
        if not self.conn.in_transaction:
            raise RuntimeError("a savepoint is taken inside an open transaction")
        self._run(f"SAVEPOINT {self._NAME}")
        self.me = threading.get_ident()
        self.outer = self.me in self.rows  # (a savepoint in another's block leaves it to that)
        self.rows.add(self.me)

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if not self.outer:
            self.rows.discard(self.me)
        if kind is None:
            self._run(f"RELEASE SAVEPOINT {self._NAME}")
        else:
            _undo(
                self.conn, f"ROLLBACK TO SAVEPOINT {self._NAME}", f"RELEASE SAVEPOINT {self._NAME}"
            )

    def _run(self, statement: str) -> None:
        try:
            self.conn.execute(statement)
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc


@contextlib.contextmanager
def rehearse(transaction: AbstractContextManager[object], threads: set[int]) -> Iterator[None]:
    """*transaction*, always rolled back at its end, with this thread in *threads* meanwhile:
    the store audits no write of a thread in it (nothing it writes is ever kept), and takes no
    savepoint for each (one statement is atomic)."""
    with contextlib.suppress(_Rehearsed), transaction:
        threads.add(me := threading.get_ident())
        try:
            yield
        finally:
            threads.discard(me)
        raise _Rehearsed
