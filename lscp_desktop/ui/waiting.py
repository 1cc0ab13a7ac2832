"""Waiting without freezing the window: a function that blocks (waiting for another program to
finish saving, or for the opening check) runs on a thread of its own, while a small message
says what the window is waiting for and offers to stop waiting. The window goes on painting;
the message is modal, so nothing else can be started meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Callable

# QtCore.Qt and QtWidgets.QProgressDialog (their enums) only once a dialog needs them
# (ui/first_paint.py)
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from lscp_desktop import APP_NAME
from lscp_desktop.models.core.errors import BusyError

#: A wait shorter than this shows nothing (no flash of a message for a few milliseconds).
QUIET_SECONDS = 0.15


def waiter_for(parent: QWidget) -> Callable[[str, Callable[[], object]], None]:
    """The store's ``wait_elsewhere`` for a window: see :mod:`lscp_desktop.models.store.waiting`."""

    def wait(message: str, fn: Callable[[], object]) -> None:
        wait_off_thread(parent, message, fn)

    return wait


def wait_off_thread(parent: QWidget, message: str, fn: Callable[[], object]) -> None:
    """Run *fn* on a thread of its own and return when it has (re-raising what it raised),
    keeping the window alive meanwhile; raise :class:`BusyError` if the user stops waiting."""
    done = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # handed to the waiting thread
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="waiting", daemon=True).start()
    if not done.wait(QUIET_SECONDS):
        dialog = QtWidgets.QProgressDialog(message, "Stop waiting", 0, 0, parent)
        label = QLabel(message)
        label.setWordWrap(True)
        dialog.setLabel(label)
        dialog.setMinimumWidth(440)
        dialog.setWindowTitle(APP_NAME)
        dialog.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(25)
        timer.timeout.connect(
            lambda: loop.quit() if done.is_set() or dialog.wasCanceled() else None
        )
        dialog.canceled.connect(loop.quit)
        timer.start()
        dialog.show()
        loop.exec()
        timer.stop()
        stopped = not done.is_set()
        dialog.reset()
        dialog.deleteLater()
        if stopped:
            raise BusyError(
                "Nothing was saved: you stopped waiting for the other program to finish saving. "
                "Try again in a moment."
            )
    if failure:
        raise failure[0]
