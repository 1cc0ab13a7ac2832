"""File › New partnership…, Open…, Open recent and Save a copy…: leaving the demo for the
partnership's real data, and moving between database files, from the window.

The window is seen through :class:`DatabaseWindow`; it switches to another file only once that
file is open and checked, and only after any unsaved typing is settled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.database import Store
from lscp_desktop.paths import data_dir
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.first_paint import set_shortcut

#: How many files File › Open recent lists.
RECENT_COUNT = 6
_RECENT_KEY = "files/recent"
DATABASE_FILES = "LSCP Desktop databases (*.db);;All files (*)"


class DatabaseWindow(Protocol):
    """What the file commands need of the main window."""

    ctx: AppContext

    def confirm_unsaved(self, before: str) -> bool: ...

    def switch_store(self, store: Store, notices: list[str]) -> None: ...


def recent_files() -> list[Path]:
    """The files opened last, newest first, that are still there."""
    value = QSettings().value(_RECENT_KEY)
    names = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [Path(n) for n in names if isinstance(n, str) and n and Path(n).is_file()]


def remember_file(path: Path) -> None:
    """Put *path* first in Open recent (it is also the file opened at the next start)."""
    path = path.absolute()
    names = ([str(path)] + [str(p) for p in recent_files() if p != path])[:RECENT_COUNT]
    settings = QSettings()
    if settings.value(_RECENT_KEY) != names:  # the same file again: nothing to write
        settings.setValue(_RECENT_KEY, names)


def last_file() -> Path | None:
    """The file to open at start-up: the one used last, if it is still there."""
    found = recent_files()
    return found[0] if found else None


class FileCommands(QObject):
    """The database part of the File menu."""

    def __init__(self, window: DatabaseWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.new_action = QAction("&New partnership…", parent)
        set_shortcut(self.new_action, "Ctrl+Shift+N")
        self.open_action = QAction("&Open…", parent)
        set_shortcut(self.open_action, QKeySequence.StandardKey.Open)
        self.recent_menu = QMenu("Open &recent", parent)
        self.copy_action = QAction("Save a &copy…", parent)
        self.new_action.triggered.connect(self.on_new_triggered)
        self.open_action.triggered.connect(self.on_open_triggered)
        self.copy_action.triggered.connect(self.on_copy_triggered)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.open_action])
        menu.addMenu(self.recent_menu)
        menu.addAction(self.copy_action)

    # ---- new ----------------------------------------------------------------------------------

    def on_new_triggered(self) -> None:
        """The welcome's templates: the form, then where to keep the file, then the window
        shows the new partnership."""
        from lscp_desktop.models.meetings.new_file import create_partnership_file
        from lscp_desktop.ui.welcome import WelcomeDialog

        if not self.window.confirm_unsaved("starting a new partnership"):
            return
        plan = WelcomeDialog.ask_plan(self.parent_widget)
        if plan is None:
            return
        path = self.ask_new_path(plan.name)
        if path is None:
            return
        try:
            store = create_partnership_file(path, plan)
        except LscpError as exc:
            QMessageBox.warning(self.parent_widget, "New partnership", str(exc))
            return
        self.window.switch_store(
            store,
            [
                f"{plan.name} is set up in {path.name} with its partners and bodies. Add people "
                "from Membership, then set each body's members."
            ],
        )

    @classmethod
    def ask_new_path(cls, name: str) -> Path | None:
        """Where to keep a new partnership's file (tests replace this)."""
        from lscp_desktop.ui import files  # the file dialogs: not needed to show the window

        return files.ask_save_path(
            None, "database", "Save the new partnership as", name, ".db", fallback=data_dir()
        )

    # ---- open ---------------------------------------------------------------------------------

    def on_open_triggered(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path)

    @classmethod
    def ask_open_path(cls) -> Path | None:
        """Which database to open (tests replace this)."""
        from lscp_desktop.ui import files

        return files.ask_open_path(
            None, "database", "Open a partnership database", DATABASE_FILES, fallback=data_dir()
        )

    def open_path(self, path: Path) -> bool:
        """Open *path* in the window in place of the file open now; False if it was not."""
        from lscp_desktop.ui.startup import open_database

        if path.absolute() == self.window.ctx.store.path:
            self.window.ctx.status(f"{path.name} is the database open now.")
            return False
        if not path.is_file():
            QMessageBox.warning(self.parent_widget, "Open", f"There is no file at {path}.")
            return False
        if not self.window.confirm_unsaved(f"opening {path.name}"):
            return False
        opened = open_database(path, welcome=False)  # says why when it cannot
        if opened is None:
            return False
        self.window.switch_store(*opened)
        return True

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.window.ctx.store.path
        shown = [p for p in recent_files() if p != current]
        for i, path in enumerate(shown, start=1):
            action = self.recent_menu.addAction(f"&{i} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not shown:
            none = self.recent_menu.addAction("No other files opened yet")
            none.setEnabled(False)

    # ---- save a copy ----------------------------------------------------------------------------

    def on_copy_triggered(self) -> None:
        from lscp_desktop.models.store.backups import save_copy
        from lscp_desktop.ui import files

        store = self.window.ctx.store
        suggested = f"{store.path.stem} copy {dt.date.today():%d-%m-%Y}"
        target = self.ask_copy_path(suggested)
        if target is None:
            return
        ctx = self.window.ctx

        def done(result: object) -> None:
            ctx.status(f"Saved a copy as {result}")
            files.SavedFile.offer(self.parent_widget, "Save a copy", Path(str(result)),
                                  openable=False)  # fmt: skip

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self.parent_widget, "Save a copy", str(exc))

        ctx.status("Saving a copy…")
        ctx.runner.run(lambda _p: save_copy(store.path, target), on_success=done, on_failure=failed)

    @classmethod
    def ask_copy_path(cls, suggested: str) -> Path | None:
        """Where to save a copy (tests replace this)."""
        from lscp_desktop.ui import files

        return files.ask_save_path(None, "database", "Save a copy of the database", suggested,
                                   ".db")  # fmt: skip
