"""The page shown refreshes when a colleague saves to the same team database (issue 22).

The store's listener (:func:`lscp_desktop.models.store.opening.listen_for_changes`) calls back
on a thread of its own; the change crosses to the window's thread as a queued signal, and the
page shown is refreshed through its own :meth:`Page.refresh` (which keeps the selection; the
Actions page loads in the background). Typing is never lost: while a dialog is open or the page
holds unsaved typing, the page is only marked stale, and refreshed once that is settled. A file
has no colleagues: nothing listens.
"""

from __future__ import annotations

import contextlib
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStatusBar

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.offline import offline_copy
from lscp_desktop.models.store.opening import listen_for_changes
from lscp_desktop.ui.pages.base import Page

#: How often a stale page looks again whether it may refresh (a dialog closed, typing saved).
RETRY_MS = 400


class Window(Protocol):
    def current_page(self) -> Page: ...

    def statusBar(self) -> QStatusBar: ...


class LiveRefresh(QObject):
    """Follows the open store's colleagues' saves and refreshes the page shown."""

    #: A colleague's change (a :class:`~lscp_desktop.models.store.changes.Change`), queued
    #: from the listener's thread to the window's.
    changed = Signal(object)

    def __init__(self, window: Window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._listener: Any = None
        #: Whether the page shown has a colleague's change it has not shown yet.
        self.stale = False
        self.refreshes = 0
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.on_retry)
        self.changed.connect(self.on_changed)

    def follow(self, store: Store) -> None:
        """Listen to *store* (a team database) instead of whatever was followed before."""
        self.stop()
        try:
            self._listener = listen_for_changes(store, self.changed.emit)
        except LscpError:  # the server refused: the page still refreshes when shown
            self._listener = None

    def stop(self) -> None:
        self._retry.stop()
        self.stale = False
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    def on_changed(self, _change: object) -> None:
        self.stale = True
        self.on_retry()

    def _busy(self) -> bool:
        """A dialog is open, or the page holds typing not saved: not now."""
        if QApplication.activeModalWidget() is not None:
            return True
        page = self._window.current_page()
        return any(work.unsaved_changes() for work in page.unsaved_work())

    def on_retry(self) -> None:
        if not self.stale:
            self._retry.stop()
            return
        if self._busy():
            self._retry.start()  # refreshed once the dialog is closed or the typing settled
            return
        self._retry.stop()
        self.stale = False
        try:
            self._window.current_page().refresh()
        except LscpError as exc:
            self._window.statusBar().showMessage(str(exc), 6000)
            return
        self.refreshes += 1
        self._window.statusBar().showMessage("Updated with a colleague's changes.", 4000)


def read_only_mark(store: Store) -> str:
    """The title bar's mark after the partnership's name: what an offline copy is a copy of
    and when it was taken, or that the database is read-only."""
    if not store.read_only:
        return ""
    copy = offline_copy(store.path)
    return f" ({copy.title})" if copy else " (read-only)"
