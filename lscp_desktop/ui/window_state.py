"""The main window's size and place, and where its splitter sits, kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def restore(window: QMainWindow, splitter: QSplitter) -> None:
    """Put *window* and *splitter* back as they were when the window last closed."""
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    state = settings.value("window/splitter")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def save(window: QMainWindow, splitter: QSplitter) -> None:
    """Keep *window*'s size and place and *splitter*'s sizes for the next session; what has
    not changed is not written again (the settings file is then left as it is, not rewritten
    and flushed to disk at every exit)."""
    settings = QSettings()
    for key, value in (
        ("window/geometry", window.saveGeometry()),
        ("window/splitter", splitter.saveState()),
    ):
        if settings.value(key) != value:
            settings.setValue(key, value)
