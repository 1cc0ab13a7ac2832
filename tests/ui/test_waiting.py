"""Waiting off the GUI thread: quiet for a short wait, a message and a way out for a long one."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from lscp_desktop.models.core.errors import BusyError
from lscp_desktop.ui.waiting import wait_off_thread


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]


def test_a_short_wait_shows_nothing_and_returns(parent: QWidget) -> None:
    ran = threading.Event()
    wait_off_thread(parent, "Waiting…", ran.set)
    assert ran.is_set() and not any(d.isVisible() for d in _dialogs())


def test_what_the_wait_raised_is_raised_here(parent: QWidget) -> None:
    def fails() -> None:
        time.sleep(0.3)
        raise ValueError("from the other thread")

    with pytest.raises(ValueError, match="from the other thread"):
        wait_off_thread(parent, "Waiting…", fails)


def test_stopping_the_wait_saves_nothing_and_says_so(parent: QWidget) -> None:
    release = threading.Event()

    def stop() -> None:
        for dialog in _dialogs():
            if dialog.isVisible():
                assert dialog.labelText() == "Waiting for the other program…"
                dialog.findChild(QPushButton).click()  # "Stop waiting"

    QTimer.singleShot(400, stop)
    try:
        with pytest.raises(BusyError, match="you stopped waiting"):
            wait_off_thread(parent, "Waiting for the other program…", lambda: release.wait(30))
    finally:
        release.set()
