"""File › New partnership…, Open…, Open recent and Save a copy…: leaving the demo for the
partnership's real data, and moving between database files, from the window.

The window is seen through :class:`DatabaseWindow`; it switches to another file only once that
file is open and checked, and only after any unsaved typing is settled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtWidgets  # QtWidgets.QMessageBox (its enums) made when a message is shown
from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.store.credentials import (
    TeamAddress,
    is_server_address,
    keyring_problem,
    remember_password,
    without_password,
)
from lscp_desktop.models.store.database import Store
from lscp_desktop.paths import data_dir
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.first_paint import set_shortcut

if TYPE_CHECKING:
    from lscp_desktop.models.imports.report import ImportReport
    from lscp_desktop.ui.background import Progress
    from lscp_desktop.ui.pages.base import Page

#: How many files File › Open recent lists.
RECENT_COUNT = 6
_RECENT_KEY = "files/recent"
DATABASE_FILES = "LSCP Desktop databases (*.db);;All files (*)"


class DatabaseWindow(Protocol):
    """What the file commands need of the main window."""

    ctx: AppContext

    def confirm_unsaved(self, before: str) -> bool: ...

    def switch_store(self, store: Store, notices: list[str]) -> None: ...

    def current_page(self) -> Page: ...


#: A database as the window opens it: a file, or a team database's address (no password).
Location = Path | str


def location_label(location: Location) -> str:
    """How Open recent names *location*."""
    if isinstance(location, Path):
        return location.name
    address = TeamAddress.from_url(location)
    return f"{address.database} on {address.host or 'this computer'} (team database)"


def _stored_names(settings: QSettings) -> list[object]:
    """Open recent as the settings hold it (a list of one comes back as its one text)."""
    value = settings.value(_RECENT_KEY)
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def recent_files() -> list[Location]:
    """The files and team databases opened last, newest first (files only if still there)."""
    out: list[Location] = []
    for n in _stored_names(QSettings()):
        if isinstance(n, str) and is_server_address(n):
            out.append(without_password(n))
        elif isinstance(n, str) and n and Path(n).is_file():
            out.append(Path(n))
    return out


def remember_file(location: Location) -> None:
    """Put *location* first in Open recent (it is also what opens at the next start); a team
    database's address is remembered without any password."""
    location = location.absolute() if isinstance(location, Path) else without_password(location)
    names = ([str(location)] + [str(p) for p in recent_files() if p != location])[:RECENT_COUNT]
    settings = QSettings()
    if _stored_names(settings) != names:  # the same one again: nothing to write
        settings.setValue(_RECENT_KEY, names)


def last_file() -> Location | None:
    """What to open at start-up: the one used last, if it is still there."""
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
        self.team_action = QAction("Open &team database…", parent)
        self.team_action.setStatusTip("Open the partnership's database on a PostgreSQL server")
        self.team_action.triggered.connect(self.on_team_triggered)
        self.recent_menu = QMenu("Open &recent", parent)
        self.copy_action = QAction("Save a &copy…", parent)
        self.offline_action = QAction("Take an o&ffline copy…", parent)
        self.offline_action.setStatusTip(
            "A read-only copy of the team database on this computer, to prepare and export "
            "papers without the network; nothing in it is merged back"
        )
        self.offline_action.triggered.connect(self.on_offline_triggered)
        self.new_action.triggered.connect(self.on_new_triggered)
        self.open_action.triggered.connect(self.on_open_triggered)
        self.copy_action.triggered.connect(self.on_copy_triggered)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.import_action = QAction("&Import a spreadsheet…", parent)
        self.import_action.triggered.connect(self.on_import_triggered)

    def on_import_triggered(self) -> None:
        from lscp_desktop.ui.imports.dialog import ImportDialog  # loads openpyxl only when used

        dialog = ImportDialog(self.window.ctx, self.parent_widget)
        dialog.imported.connect(self.on_imported)
        dialog.exec()
        dialog.deleteLater()

    def on_imported(self, report: ImportReport) -> None:
        """An import cannot be undone with Edit › Undo (a backup is taken before it): earlier
        steps are dropped, and Undo says so."""
        self.window.ctx.cannot_undo(f"the import of {report.path.name}")
        self.window.current_page().refresh()

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.open_action, self.team_action])
        menu.addMenu(self.recent_menu)
        menu.addActions([self.copy_action, self.offline_action])

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
            QtWidgets.QMessageBox.warning(self.parent_widget, "New partnership", str(exc))
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

    def on_team_triggered(self) -> None:
        """File › Open team database…: the server, database and sign-in, then the window
        shows it (the password remembered in the system keyring if asked)."""
        from lscp_desktop.ui.team_dialog import TeamDatabaseDialog

        last = next((r for r in recent_files() if isinstance(r, str)), None)
        answer = TeamDatabaseDialog.ask(
            self.parent_widget, TeamAddress.from_url(last) if last else None, keyring_problem()
        )
        if answer is not None:
            address, password, remember = answer
            self.open_path(address.url(), password=password, remember=remember)

    def open_path(self, path: Location, *, password: str = "", remember: bool = False) -> bool:
        """Open *path* (a file, or a team database's address, signed in with *password* if
        given) in the window in place of the database open now; False if it was not."""
        from lscp_desktop.ui.startup import open_database

        label = location_label(path)
        current = self.window.ctx.store.opened_from
        if (path.absolute() if isinstance(path, Path) else path) == current:
            self.window.ctx.status(f"{label} is the database open now.")
            return False
        if isinstance(path, Path) and not path.is_file():
            QtWidgets.QMessageBox.warning(
                self.parent_widget, "Open", f"There is no file at {path}."
            )
            return False
        if not self.window.confirm_unsaved(f"opening {label}"):
            return False
        opened = open_database(path, welcome=False, password=password)  # says why if not
        if opened is None:
            return False
        store, notices = opened
        if isinstance(path, str) and remember and password:
            problem = remember_password(path, password)
            if problem:
                notices.append(f"The password was not remembered: {problem}.")
        self.window.switch_store(store, notices)
        return True

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.window.ctx.store.opened_from
        shown = [p for p in recent_files() if p != current]
        for i, path in enumerate(shown, start=1):
            action = self.recent_menu.addAction(f"&{i} {location_label(path)}")
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
        if not store.keeps_own_backups:
            QtWidgets.QMessageBox.information(
                self.parent_widget,
                "Save a copy",
                "A team database is kept, and backed up, on its server by IT: there is no file "
                "here to copy.",
            )
            return
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
            QtWidgets.QMessageBox.warning(self.parent_widget, "Save a copy", str(exc))

        ctx.status("Saving a copy…")
        ctx.runner.run(lambda _p: save_copy(store.path, target), on_success=done, on_failure=failed)

    @classmethod
    def ask_copy_path(cls, suggested: str) -> Path | None:
        """Where to save a copy (tests replace this)."""
        from lscp_desktop.ui import files

        return files.ask_save_path(None, "database", "Save a copy of the database", suggested,
                                   ".db")  # fmt: skip

    # ---- an offline copy of a team database -------------------------------------------------

    def on_offline_triggered(self) -> None:
        """File › Take an offline copy…: the team database copied, off the window's thread,
        into a read-only file (see :mod:`lscp_desktop.models.store.offline`)."""
        from lscp_desktop.models.store.offline import take_copy

        store = self.window.ctx.store
        if store.opens_from_path:
            QtWidgets.QMessageBox.information(
                self.parent_widget,
                "Take an offline copy",
                "An offline copy is taken of a team database (on a server). This database is "
                "already a file on this computer: use Save a copy… to copy it.",
            )
            return
        address = TeamAddress.from_url(str(store.opened_from))
        target = self.ask_copy_path(f"{address.database} offline copy {dt.date.today():%d-%m-%Y}")
        if target is None:
            return
        ctx = self.window.ctx

        def done(_proof: object) -> None:
            from lscp_desktop.ui import files

            ctx.status(f"Took an offline copy: {target}")
            files.SavedFile.offer(self.parent_widget, "Take an offline copy", target,
                                  openable=False)  # fmt: skip

        def failed(exc: BaseException) -> None:
            QtWidgets.QMessageBox.warning(self.parent_widget, "Take an offline copy", str(exc))

        def job(progress: Progress) -> object:
            return take_copy(store, target, lambda table, rows: progress.report(0, 0, table))

        ctx.status("Taking an offline copy…")
        ctx.runner.run(job, on_success=done, on_failure=failed)
