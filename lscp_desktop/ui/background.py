"""Run long work off the GUI thread and call back on it.

The function receives a :class:`Progress` it may report to and check for cancellation; it must
never touch widgets. A job that uses the store gets a connection of its own on its pool thread
(see ``models.store.connection``), closed when the job ends, so it never shares a transaction
with the window. Nothing the window handed a job is freed on its pool thread (:class:`_Relay`).
Tests pass ``synchronous=True`` so work runs inline and deterministically (on the GUI thread's
connection).
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from typing import Any

# QtCore.Qt and QtWidgets.QProgressDialog (their enums) only once a dialog needs them
# (ui/first_paint.py)
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.connection import release_thread_connections


class Cancelled(LscpError):
    """The user cancelled the work; nothing was written."""


class Progress:
    """Handed to background work: report progress, and stop early when cancelled."""

    def __init__(
        self,
        emit: Callable[[int, int, str], None],
        partial: Callable[[object], None] | None = None,
    ) -> None:
        self._emit = emit
        self._partial = partial
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled("Cancelled; nothing was saved.")
        self._emit(done, total, text)

    def partial(self, result: object) -> None:
        """Hand part of the result to the GUI thread before the whole is ready (the first
        screenful of a long list): the job's ``on_partial`` receives it there. The job then
        waits (at most a second) until the window has turned its event loop once, so has
        shown it: the rest of the work does not compete with the showing for the interpreter.
        """
        if self._partial is not None and not self._cancel.is_set():
            self._partial(result)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    """Carries the jobs' news from their pool threads to the GUI thread.

    One for the process, made on the GUI thread and never deleted. A job's thread holds
    nothing of the window's but the job's number: what the job was given (its function, which
    may hold a page, and the callbacks, bound to widgets) and what it produced stay in the
    job's :class:`_Entry`, which only the GUI thread removes. So nothing of the window's is
    ever freed on a pool thread. (It was: a Qt object freed there runs its C++ destructor on
    the wrong thread, and a Python object connected to a signal, freed there, disconnected it
    holding Qt's lock while waiting for the interpreter, which the GUI thread held while
    waiting for that lock. A crash and a hang, each about once in 25 runs of three exports.)"""

    progress = Signal(int, int, int, str)  # job, done, total, text
    partial = Signal(int, object)  # job, part of the result
    finished = Signal(int)  # job: its outcome is in its entry

    def __init__(self) -> None:
        super().__init__()
        self.progress.connect(self._on_progress)
        self.partial.connect(self._on_partial)
        self.finished.connect(self._on_finished)

    def _on_progress(self, number: int, done: int, total: int, text: str) -> None:
        entry = _ENTRIES.get(number)
        if entry is not None and entry.on_progress is not None:
            entry.on_progress(done, total, text)

    def _on_partial(self, number: int, result: object) -> None:
        entry = _ENTRIES.get(number)
        if entry is None:
            return
        try:
            if entry.on_partial is not None:
                entry.on_partial(result)
        finally:  # the job goes on once the window has turned its event loop (Progress.partial)
            QTimer.singleShot(0, entry.shown.set)

    def _on_finished(self, number: int) -> None:
        entry = _ENTRIES.pop(number, None)
        if entry is None or entry.outcome is None:
            return  # not expected: a started job's entry is removed only here, after _work
        succeeded, value = entry.outcome
        (entry.on_success if succeeded else entry.on_failure)(value)


class _Entry:
    """A job as the GUI thread knows it, from :meth:`BackgroundRunner.run` until its outcome
    has been delivered. (A plain class: a dataclass is built at import, on the start path.)"""

    __slots__ = ("fn", "on_failure", "on_partial", "on_progress", "on_success", "outcome",
                 "progress", "shown")  # fmt: skip

    def __init__(
        self,
        fn: Callable[[Progress], Any],
        progress: Progress,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None,
        on_partial: Callable[[Any], None] | None,
        shown: threading.Event,
    ) -> None:
        self.fn, self.progress = fn, progress
        self.on_success, self.on_failure = on_success, on_failure
        self.on_progress, self.on_partial = on_progress, on_partial
        #: Set once the window has shown the last partial result.
        self.shown = shown
        #: (True, result) or (False, exception), left by the job's thread.
        self.outcome: tuple[bool, Any] | None = None


#: The jobs not yet delivered, by number (added and removed on the GUI thread only).
_ENTRIES: dict[int, _Entry] = {}
_NUMBERS = itertools.count(1)
_RELAY: _Relay | None = None


def _relay() -> _Relay:
    """The process's relay (made by the first runner, on the GUI thread)."""
    global _RELAY
    if _RELAY is None:
        _RELAY = _Relay()
    return _RELAY


class _Job(QRunnable):
    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def run(self) -> None:
        try:
            _work(self.number)
        finally:
            # Pool threads are reused: close the connections this job opened, on their thread.
            release_thread_connections()
            _relay().finished.emit(self.number)


def _work(number: int) -> None:
    """Run job *number* on this thread and leave its outcome in its entry. The references
    taken here are dropped while the entry still holds what they refer to."""
    entry = _ENTRIES.get(number)
    if entry is None:
        return
    entry.outcome = _call(entry.fn, entry.progress)
    # A failure's traceback keeps this frame (it is the caller of _call's): holding the entry,
    # it would make a cycle, freed by a collection rather than when the GUI thread is done.
    del entry


def _call(fn: Callable[[Progress], Any], progress: Progress) -> tuple[bool, Any]:
    try:
        return True, fn(progress)
    except BaseException as exc:  # reported on the GUI thread, never lost
        if not isinstance(exc, LscpError):
            exc.details = traceback.format_exc()  # type: ignore[attr-defined]
        return False, exc


class BackgroundRunner:
    """Starts jobs on a thread pool; callbacks arrive on the GUI thread via queued signals."""

    def __init__(self, *, synchronous: bool = False) -> None:
        self.synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._relay = _relay()
        #: Jobs (by number) not started until :meth:`release` (the window's first paint), or None.
        self._held: list[int] | None = None
        #: What is to be done on :meth:`release` (see :meth:`after_release`).
        self._then: list[Callable[[], object]] = []

    def hold(self, at_most_ms: int | None = None) -> None:
        """Start no job until :meth:`release` (or *at_most_ms* from now): the main window
        holds the loads its pages ask for while it is built, so that they do not compete with
        its first paint. A synchronous runner (tests) still runs each job at once."""
        if self._held is None:
            self._held = []
        if at_most_ms is not None:
            QTimer.singleShot(at_most_ms, self.release)

    def after_release(self, fn: Callable[[], object]) -> None:
        """Call *fn* now, or on :meth:`release` if jobs are held."""
        if self.holding:
            self._then.append(fn)
        else:
            fn()

    @property
    def holding(self) -> bool:
        """Whether jobs run now would wait for :meth:`release`."""
        return self._held is not None and not self.synchronous

    def release(self) -> None:
        """Start the jobs held since :meth:`hold`, in order, then what was to follow."""
        held, self._held = self._held, None
        then, self._then = self._then, []
        for number in held or []:
            self._pool.start(_Job(number))
        for fn in then:
            fn()

    def run(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
    ) -> Progress:
        number, relay, shown = next(_NUMBERS), self._relay, threading.Event()
        synchronous = self.synchronous

        def report(done: int, total: int, text: str) -> None:
            relay.progress.emit(number, done, total, text)

        def hand_over(result: object) -> None:
            relay.partial.emit(number, result)
            if not synchronous:
                shown.wait(1.0)

        progress = Progress(report, hand_over if on_partial else None)
        _ENTRIES[number] = _Entry(
            fn, progress, on_success, on_failure, on_progress, on_partial, shown
        )
        if self.synchronous:
            _Job(number).run()
        elif self._held is not None:
            self._held.append(number)
        else:
            self._pool.start(_Job(number))
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        """Let the jobs started finish. Jobs still held (the window closing or its database
        being replaced before its first paint) are dropped unstarted: they would read a store
        that is being closed."""
        for number in self._held or []:
            _ENTRIES.pop(number, None)
        if self._held:
            self._held = []
        self._then = []
        return bool(self._pool.waitForDone(msecs))


class ProgressShown:
    """A window-modal progress dialog for one background job: it shows *label* and the job's
    progress text, Cancel cancels the job, and :meth:`close` takes it down (call it first in
    the job's success and failure callbacks)."""

    def __init__(self, parent: QWidget, label: str) -> None:
        self.label = label
        self.dialog = QtWidgets.QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)

    def update(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"{self.label}\n{text}")

    def cancels(self, job: Progress) -> None:
        self.dialog.canceled.connect(job.cancel)

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()
