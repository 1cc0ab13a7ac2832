"""Run long work off the GUI thread and call back on it.

The function receives a :class:`Progress` it may report to and check for cancellation; it must
never touch widgets. A job that uses the store gets a connection of its own on its pool thread
(see ``models.store.connection``), closed when the job ends, so it never shares a transaction
with the window. Tests pass ``synchronous=True`` so work runs inline and deterministically (on
the GUI thread's connection).
"""

from __future__ import annotations

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


class _Signals(QObject):
    progress = Signal(int, int, str)  # done, total, text
    partial = Signal(object)  # part of the result, before the whole
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress
    ) -> None:
        super().__init__()
        self.fn, self.signals, self.progress = fn, signals, progress

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # reported on the GUI thread, never lost
            if not isinstance(exc, LscpError):
                exc.details = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            # Pool threads are reused: close the connections this job opened, on their thread.
            release_thread_connections()


class BackgroundRunner:
    """Starts jobs on a thread pool; callbacks arrive on the GUI thread via queued signals."""

    def __init__(self, *, synchronous: bool = False) -> None:
        self.synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Signals] = set()
        #: Jobs not started until :meth:`release` (the window's first paint), or None.
        self._held: list[_Job] | None = None
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
        for job in held or []:
            self._pool.start(job)
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
        signals = _Signals()
        shown = threading.Event()

        def hand_over(result: object) -> None:
            signals.partial.emit(result)
            if not self.synchronous:
                shown.wait(1.0)

        progress = Progress(signals.progress.emit, hand_over if on_partial else None)
        if on_progress:
            signals.progress.connect(on_progress)
        if on_partial:
            signals.partial.connect(on_partial)
            signals.partial.connect(lambda _r: QTimer.singleShot(0, shown.set))
        self._live.add(signals)

        def done(_: object = None) -> None:
            self._live.discard(signals)

        signals.succeeded.connect(on_success)
        signals.failed.connect(on_failure)
        signals.succeeded.connect(done)
        signals.failed.connect(done)
        job = _Job(fn, signals, progress)
        if self.synchronous:
            job.run()
        elif self._held is not None:
            self._held.append(job)
        else:
            self._pool.start(job)
        return progress

    def wait(self, msecs: int = 30_000) -> bool:
        """Let the jobs started finish. Jobs still held (the window closing or its database
        being replaced before its first paint) are dropped unstarted: they would read a store
        that is being closed."""
        if self._held:
            for job in self._held:
                self._live.discard(job.signals)
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
