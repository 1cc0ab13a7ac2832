"""Waiting for another writer (or for the opening check) without freezing the window.

SQLite makes a second writer wait in its busy handler, inside the ``BEGIN IMMEDIATE`` call, for
up to the busy timeout. On the window's thread that would freeze the window for as long. So a
store can be given a *waiter* (the window gives one): on the thread that opened the store,
``BEGIN IMMEDIATE`` is tried without waiting; if another writer holds the lock, the waiting is
done on a thread of its own (a connection there waits in SQLite's busy handler, and lets go at
once) while the waiter shows a message and keeps the window alive; then it is tried again,
until the busy timeout has passed. The command line, and background jobs, have no waiter and
wait in SQLite's busy handler as before.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from lscp_desktop.models.store.connection import BUSY_TIMEOUT_MS, connect, error_code

#: Runs a function that blocks (on a thread of its own), showing *message* meanwhile.
Waiter = Callable[[str, Callable[[], object]], None]

FOR_ANOTHER_WRITER = (
    "Another program (or another copy of LSCP Desktop) is saving to this database. Your change "
    "will be saved as soon as it has finished, within 10 seconds…"
)
FOR_THE_CHECK = "Checking the database before the first save…"

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_TRY = 50  # ms: how long the window's thread itself waits for the lock each time


def begin(conn: sqlite3.Connection, path: Path, waiter: Waiter | None) -> None:
    """``BEGIN IMMEDIATE`` on *conn*; with a *waiter*, any wait for another writer happens
    off this thread (see the module's docstring). Raises SQLite's busy error once the busy
    timeout has passed."""
    if waiter is None:
        conn.execute("BEGIN IMMEDIATE")
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    conn.execute(f"PRAGMA busy_timeout = {_TRY}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                code = error_code(exc)
                if code is None or code & 0xFF not in _BUSY or time.monotonic() >= deadline:
                    raise
            waiter(FOR_ANOTHER_WRITER, lambda: _until_free(path, deadline))
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _until_free(path: Path, deadline: float) -> None:
    """Wait (on the caller's thread, with a connection of its own) until no other writer holds
    the database, or the deadline passes; take nothing."""
    left = max(0, int((deadline - time.monotonic()) * 1000))
    conn = connect(path, read_only=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {left}")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        pass  # still busy at the deadline: the caller's next try says so
    finally:
        conn.close()
