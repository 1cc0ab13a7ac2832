"""Connections: one per thread with the same pragmas, transactions that belong to their thread,
and storage errors classified by SQLite's result codes rather than by their wording."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lscp_desktop.models.core.errors import (
    BusyError,
    DamagedDatabaseError,
    DiskError,
    ReadOnlyError,
    StoreError,
)
from lscp_desktop.models.store.connection import release_thread_connections, storage_error
from lscp_desktop.models.store.database import Store


def org(name: str) -> dict[str, Any]:
    return {"name": name, "kind": "other", "sector": "other"}


def on_a_thread(fn: Callable[[], Any]) -> Any:
    """Run *fn* on a new thread as a background job would (its connections released at the
    end); return its result or raise what it raised."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["error"] = exc
        finally:
            release_thread_connections()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in box:
        raise box["error"]
    return box.get("result")


# --------------------------------------------------------------------------- one per thread


def test_each_thread_gets_its_own_connection_with_the_same_pragmas(store: Store) -> None:
    mine = store.conn

    def worker() -> tuple[bool, list[Any], sqlite3.Connection]:
        theirs = store.conn
        pragmas = [store.pragma(p) for p in ("foreign_keys", "synchronous", "journal_mode")]
        return theirs is store.conn, pragmas, theirs

    stable, pragmas, theirs = on_a_thread(worker)
    assert stable and theirs is not mine
    assert pragmas == [1, 2, "wal"]
    assert store.pragma("busy_timeout") >= 5000
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        theirs.total_changes  # noqa: B018 - released (closed) when the thread's work ended
    assert store.conn is mine  # the opening thread keeps its own


def test_a_connection_handed_to_another_thread_refuses_to_work(store: Store) -> None:
    mine = store.conn
    with pytest.raises(sqlite3.ProgrammingError, match="same thread"):
        on_a_thread(lambda: mine.execute("SELECT 1"))


def test_a_write_on_another_thread_never_joins_this_threads_transaction(store: Store) -> None:
    """The bug of issue 13: a second writer used to become a savepoint of the first's
    transaction and be rolled back with it. Now it waits, and survives."""
    started, saved = threading.Event(), threading.Event()
    box: dict[str, Any] = {}

    def save_meanwhile() -> None:
        started.set()
        box["id"] = store.insert("organisations", org("Saved meanwhile"))
        saved.set()

    thread = threading.Thread(target=lambda: on_a_thread(save_meanwhile))
    with pytest.raises(RuntimeError, match="import failed"), store.transaction():
        store.insert("organisations", org("Imported, then rolled back"))
        thread.start()
        assert started.wait(10)
        assert not saved.wait(0.3)  # it queues behind this transaction instead of joining it
        raise RuntimeError("import failed")
    thread.join(15)
    assert saved.is_set()
    assert [r["name"] for r in store.rows("organisations")] == ["Saved meanwhile"]
    assert store.get("organisations", box["id"]) is not None


def test_after_closing_a_worker_is_told_the_database_is_closed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "p.db", daily_backup=False)
    ready, closed = threading.Event(), threading.Event()

    def worker() -> int:
        store.count("organisations")  # opens this thread's connection
        ready.set()
        assert closed.wait(10)
        return store.count("organisations")

    thread_result: dict[str, BaseException] = {}

    def run() -> None:
        try:
            on_a_thread(worker)
        except BaseException as exc:
            thread_result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    assert ready.wait(10)
    store.close()
    closed.set()
    thread.join(10)
    assert isinstance(thread_result.get("error"), StoreError)
    assert "closed" in str(thread_result["error"])


def test_closing_does_not_wait_for_a_job_still_writing(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path, daily_backup=False)
    writing, closed = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def job() -> None:
        with store.transaction():
            store.insert("organisations", org("Half-imported"))
            writing.set()
            assert closed.wait(10)
            store.insert("organisations", org("Never saved"))

    def run() -> None:
        try:
            on_a_thread(job)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    assert writing.wait(10)
    start = time.monotonic()
    store.close()
    assert time.monotonic() - start < 1.0
    closed.set()
    thread.join(10)
    assert len(errors) == 1 and isinstance(errors[0], StoreError)
    with Store.open(path, daily_backup=False) as again:
        assert again.count("organisations") == 0


def test_a_store_is_closed_on_the_thread_that_opened_it(store: Store) -> None:
    with pytest.raises(RuntimeError, match="thread that opened it"):
        on_a_thread(store.close)
    assert store.count("organisations") == 0  # still open


def test_read_only_state_and_damage_belong_to_the_store_not_a_connection(store: Store) -> None:
    store.read_only = True
    with pytest.raises(ReadOnlyError):
        on_a_thread(lambda: store.insert("organisations", org("Police")))
    store.read_only = False
    on_a_thread(lambda: store.insert("organisations", org("Police")))
    assert store.count("organisations") == 1


# --------------------------------------------------------------------------- classified errors


def sqlite_error(
    code: int, message: str, cls: type[sqlite3.Error] = sqlite3.OperationalError
) -> Any:
    exc = cls(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    exc.sqlite_errorname = "constructed"  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("code", "message", "kind", "says"),
    [
        (sqlite3.SQLITE_BUSY, "nothing in these words", BusyError, "The database is busy"),
        (sqlite3.SQLITE_LOCKED, "no hint here", BusyError, "The database is busy"),
        (sqlite3.SQLITE_READONLY_DIRECTORY, "opaque", ReadOnlyError, "folder holding the"),
        (sqlite3.SQLITE_FULL, "database is locked", DiskError, "The disk is full"),
        (sqlite3.SQLITE_CORRUPT, "disk is full", DamagedDatabaseError, "is damaged or is not a"),
        (sqlite3.SQLITE_NOTADB, "readonly", DamagedDatabaseError, "is damaged or is not a"),
        (sqlite3.SQLITE_IOERR_WRITE, "database is locked", DiskError, "could not be read or"),
        (sqlite3.SQLITE_CANTOPEN, "disk full, busy, read-only", DiskError, "could not be op"),
    ],
)
def test_storage_errors_are_classified_by_code_not_wording(
    code: int, message: str, kind: type[StoreError], says: str
) -> None:
    error = storage_error(sqlite_error(code, message), Path("/data/p.db"))
    assert type(error) is kind
    assert says in str(error)


def test_constraint_errors_are_told_apart_by_their_extended_codes() -> None:
    def told(code: int, message: str) -> str:
        exc = sqlite_error(code, message, sqlite3.IntegrityError)
        return str(storage_error(exc, Path("p.db"), "organisations"))

    assert "is linked to other records" in told(sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY, "x.y")
    assert told(sqlite3.SQLITE_CONSTRAINT_UNIQUE, "failed: organisations.name") == (
        "Another organisation already has that name. Nothing saved."
    )
    assert "breaks a rule" in told(sqlite3.SQLITE_CONSTRAINT_NOTNULL, "UNIQUE FOREIGN KEY")


def test_real_constraint_failures_keep_their_messages(store: Store) -> None:
    council = store.insert("organisations", org("Council"))
    store.insert("people", {"name": "Sam Lee", "organisation_id": council})
    with pytest.raises(StoreError, match="Another organisation already has that name"):
        store.insert("organisations", org("Council"))
    with pytest.raises(StoreError, match="organisation is linked to other records"):
        store.delete("organisations", council)
    with pytest.raises(StoreError, match="breaks a rule"):
        store.insert("organisations", {"name": "No kind"})


def test_a_real_read_only_refusal_from_sqlite_is_a_read_only_error(tmp_path: Path) -> None:
    """The file vanished under a rollback-journal database (a sync folder): SQLite refuses the
    write with SQLITE_READONLY_DBMOVED, and the user is told what happened."""
    folder = tmp_path / "OneDrive - Council"
    store = Store.open(folder / "p.db", daily_backup=False, exclusive=False)
    try:
        assert store.pragma("journal_mode") == "delete"
        (folder / "p.db").unlink()
        with pytest.raises(ReadOnlyError, match="moved, renamed or deleted") as info:
            store.insert("organisations", org("Police"))
        cause = info.value.__cause__
        assert isinstance(cause, sqlite3.Error)
        assert cause.sqlite_errorname == "SQLITE_READONLY_DBMOVED"
    finally:
        store.close()


def test_a_real_busy_database_is_a_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lscp_desktop.models.store.connection.BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "p.db"
    store = Store.open(path, daily_backup=False)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(BusyError) as info:
            store.insert("organisations", org("Police"))
        assert isinstance(info.value.__cause__, sqlite3.Error)
        assert info.value.__cause__.sqlite_errorname == "SQLITE_BUSY"
    finally:
        other.close()
        store.close()
