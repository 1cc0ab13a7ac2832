"""Fixtures for widget tests: a synchronous background runner, patched message boxes, and the
main window over the demo (``window``; a test module may define its own)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.mainwindow import MainWindow


class MessageBoxes:
    """Records every message box instead of showing it; ``answer`` is what question() returns."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        #: Whether a pre-flight check with findings is answered "Export anyway".
        self.export_anyway = True

    def _record(self, kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.shown.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    from lscp_desktop.ui.pages.reports.preflight import PreflightDialog

    boxes = MessageBoxes()
    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(boxes._record(kind)))

    def check(_cls: Any, _parent: Any, found: Any) -> bool:
        boxes.shown.append(("preflight", found.label, "\n".join(found.lines())))
        return boxes.export_anyway

    monkeypatch.setattr(PreflightDialog, "ask", classmethod(check))
    return boxes


class SavedFiles(list[tuple[str, Any]]):
    """The "Saved …" messages, recorded instead of shown: (title, path) each. ``choice`` is the
    answer given ("open", "open-pdf", "folder"; "" closes) and ``pdfs`` the PDF each offered."""

    choice = ""

    def __init__(self) -> None:
        super().__init__()
        self.pdfs: list[Any] = []


@pytest.fixture(autouse=True)
def saved_files(monkeypatch: pytest.MonkeyPatch) -> SavedFiles:
    from lscp_desktop.ui.files import SavedFile

    shown = SavedFiles()

    def ask(cls: Any, _parent: Any, title: str, path: Any, **kwargs: Any) -> str:
        shown.append((title, path))
        shown.pdfs.append(kwargs.get("pdf"))
        return shown.choice

    monkeypatch.setattr(SavedFile, "ask", classmethod(ask))
    return shown


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path: Any, qapp: Any) -> Iterator[None]:
    QCoreApplication.setOrganizationName("LSCP Desktop Tests")
    QCoreApplication.setApplicationName("LSCP Desktop Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    QSettings().clear()
    yield


@pytest.fixture
def make_ctx(qapp: Any) -> Any:
    """Build an AppContext over a store, with background work run inline."""

    def make(store: Store) -> AppContext:
        return AppContext(
            store=store, undo_stack=QUndoStack(), runner=BackgroundRunner(synchronous=True)
        )

    return make


@pytest.fixture
def window(qtbot: Any, demo_store: Store) -> Iterator[MainWindow]:
    """The main window over the demo, background work run inline. A database the test opened
    in it instead (File › Open…) is closed with the window, as the app does on exit."""
    w = MainWindow(demo_store, runner=BackgroundRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    if w.ctx.store is not demo_store:
        w.ctx.store.close()


class Drafts:
    """The email drafting dialogs answered: ``folder`` is the folder chosen ("" cancels);
    ``results`` the result dialogs shown (their batch and what was written)."""

    def __init__(self) -> None:
        self.folder = ""
        self.results: list[Any] = []


@pytest.fixture(autouse=True)
def drafts(monkeypatch: pytest.MonkeyPatch) -> Drafts:
    from PySide6.QtWidgets import QFileDialog

    from lscp_desktop.ui.mail import DraftsDone

    answered = Drafts()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: answered.folder)
    )

    def exec_(dialog: DraftsDone) -> int:
        answered.results.append(dialog)
        return 0

    monkeypatch.setattr(DraftsDone, "exec", exec_)
    return answered


@pytest.fixture
def colleague(demo_store: Store) -> Iterator[Store]:
    """A colleague's session on the same database (the file shared without the app lock)."""
    other = Store.open(demo_store.path, daily_backup=False, exclusive=False)
    yield other
    other.close()
