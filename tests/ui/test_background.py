"""The background runner, threaded for real (not the synchronous stand-in the page tests use):
a job works on a connection of its own, so the window never joins its transaction."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers.sheets import write_csv

from lscp_desktop.models.core.errors import BusyError
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner, Cancelled, Progress


def org(name: str) -> dict[str, Any]:
    return {"name": name, "kind": "other", "sector": "other"}


class Outcome:
    """What a job reported back on the GUI thread."""

    def __init__(self) -> None:
        self.results: list[Any] = []
        self.failures: list[BaseException] = []

    @property
    def done(self) -> bool:
        return bool(self.results or self.failures)


def run(runner: BackgroundRunner, fn: Any) -> tuple[Progress, Outcome]:
    outcome = Outcome()
    job = runner.run(fn, on_success=outcome.results.append, on_failure=outcome.failures.append)
    return job, outcome


def test_a_save_from_the_window_survives_a_background_import_being_rolled_back(
    qtbot: Any, store: Store, tmp_path: Path
) -> None:
    """Issue 13: a save made from the window while an import runs used to join the import's
    transaction and vanish when the import was cancelled. Now it waits for the import's write
    lock and is kept."""
    rows = "".join(f"Imported agency {i},other\n" for i in range(500))
    sheet = write_csv(tmp_path / "organisations.csv", "Organisation,Sector\n" + rows)
    writing, window_saving, window_saved = threading.Event(), threading.Event(), threading.Event()
    seen_while_importing: list[bool] = []

    def import_in_background(progress: Progress) -> object:
        def report(done: int, total: int, text: str) -> None:
            if not writing.is_set():  # rows are written in the import's open transaction
                writing.set()
                assert window_saving.wait(10)
                time.sleep(0.3)  # the window's save is now waiting on the write lock
                seen_while_importing.append(window_saved.is_set())
            progress.report(done, total, text)  # raises Cancelled: the user cancelled

        return run_import(store, import_kind("organisations"), sheet, progress=report)

    runner = BackgroundRunner()
    job, outcome = run(runner, import_in_background)
    assert writing.wait(10)
    job.cancel()
    window_saving.set()
    saved = store.insert("organisations", org("Saved from the window"))
    window_saved.set()
    qtbot.waitUntil(lambda: outcome.done, timeout=10_000)
    assert runner.wait(10_000)

    assert len(outcome.failures) == 1 and isinstance(outcome.failures[0], Cancelled)
    assert [r["name"] for r in store.rows("organisations")] == ["Saved from the window"]
    assert seen_while_importing == [False]  # the save waited; it did not join the import
    assert store.history("organisations", saved)[0].action == "insert"


def test_a_storage_error_in_a_job_is_classified_by_its_sqlite_code(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window holds a write transaction; a job's write is refused with SQLITE_BUSY (it
    used to join the window's transaction) and reaches the window as a BusyError."""
    monkeypatch.setattr("lscp_desktop.models.store.connection.BUSY_TIMEOUT_MS", 100)
    store = Store.open(tmp_path / "p.db", daily_backup=False)
    try:
        runner = BackgroundRunner()
        with store.transaction():
            store.insert("organisations", org("Saved by the window"))
            _job, outcome = run(runner, lambda _p: store.insert("organisations", org("By a job")))
            qtbot.waitUntil(lambda: outcome.done, timeout=10_000)
        assert runner.wait(10_000)
        assert outcome.results == []
        error = outcome.failures[0]
        assert isinstance(error, BusyError) and "busy" in str(error)
        assert isinstance(error.__cause__, sqlite3.Error)
        assert error.__cause__.sqlite_errorname == "SQLITE_BUSY"
        assert [r["name"] for r in store.rows("organisations")] == ["Saved by the window"]
    finally:
        store.close()


def test_a_jobs_connection_is_its_own_and_is_closed_when_the_job_ends(
    qtbot: Any, store: Store
) -> None:
    runner = BackgroundRunner()
    _job, outcome = run(runner, lambda _p: (store.conn, store.count("organisations")))
    qtbot.waitUntil(lambda: outcome.done, timeout=10_000)
    assert runner.wait(10_000)
    conn, count = outcome.results[0]
    assert count == 0 and conn is not store.conn
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.total_changes  # noqa: B018 - the runner closed it on the pool thread


def test_jobs_held_for_the_first_paint_start_when_released_or_are_dropped(qtbot: Any) -> None:
    """The main window holds the loads asked for while it is built (issue 21): they start on
    release, in order; a wait() before release (the window closing) drops them unstarted."""
    runner = BackgroundRunner()
    runner.hold()
    started: list[int] = []
    first = run(runner, lambda _p: started.append(1) or 1)[1]
    second = run(runner, lambda _p: started.append(2) or 2)[1]
    time.sleep(0.05)
    qtbot.wait(20)
    assert started == [] and not first.done
    runner.release()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=5000)
    assert first.results == [1] and second.results == [2]
    after = run(runner, lambda _p: 3)[1]  # released: later jobs start at once
    qtbot.waitUntil(lambda: after.done, timeout=5000)

    runner.hold()
    dropped = run(runner, lambda _p: started.append(4))[1]
    assert runner.wait()
    runner.release()
    assert runner.wait()
    qtbot.wait(20)
    assert 4 not in started and not dropped.done


def test_a_synchronous_runner_is_never_held(qapp: Any) -> None:
    runner = BackgroundRunner(synchronous=True)
    runner.hold()
    assert run(runner, lambda _p: 5)[1].results == [5]


class Witness:
    """Something of the window's handed to a job (a page its function reads, a widget its
    callback is bound to): records the thread it is freed on."""

    freed_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Witness.freed_on.append(threading.current_thread().name)


class Receiver(Witness):
    delivered: ClassVar[list[str]] = []

    def took(self, value: object) -> None:
        Receiver.delivered.append(type(value).__name__)


def start(runner: BackgroundRunner, *, fails: bool) -> None:
    held, receiver = Witness(), Receiver()

    def fn(_p: Progress) -> Witness:
        if fails:
            raise ValueError(held)
        return held

    runner.run(fn, on_success=receiver.took, on_failure=receiver.took)


def test_what_a_job_was_given_is_freed_on_the_windows_thread(qtbot: Any) -> None:
    """Freed on a pool thread, a Qt object's destructor runs on the wrong thread (a crash),
    and a Python object connected to a signal disconnects it there holding Qt's lock while
    waiting for the interpreter (a hang): both were seen in CI and here, once in 25 exports."""
    Witness.freed_on, Receiver.delivered = [], []
    runner = BackgroundRunner()
    start(runner, fails=False)
    start(runner, fails=True)
    qtbot.waitUntil(lambda: len(Witness.freed_on) == 4, timeout=10_000)
    assert runner.wait(10_000)
    assert sorted(Receiver.delivered) == ["ValueError", "Witness"]
    assert Witness.freed_on == [threading.main_thread().name] * 4
