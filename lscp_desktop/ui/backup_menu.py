"""File › Back up now and Restore a backup…, and the checks that run once the window is shown
(the rest of the opening integrity check, then the day's backup), with the restore offered when
the file turns out to be damaged."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6 import QtWidgets  # QtWidgets.QMessageBox (its enums) made when a message is shown
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from lscp_desktop.models.core.errors import DamagedDatabaseError, LscpError
from lscp_desktop.models.store.backups import restore_backup
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.context import AppContext


class BackedUpWindow(Protocol):
    """What the backup commands need of the main window."""

    ctx: AppContext

    def confirm_unsaved(self, before: str) -> bool: ...

    def release_store(self) -> None: ...

    def switch_store(self, store: Store, notices: list[str]) -> None: ...

    def show_notice(self, text: str) -> None: ...

    def update_status(self) -> None: ...


class BackupCommands(QObject):
    def __init__(self, window: BackedUpWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.backup_action = QAction("&Back up now", parent)
        self.restore_action = QAction("&Restore a backup…", parent)
        self.backup_action.triggered.connect(self.on_backup_triggered)
        self.restore_action.triggered.connect(self.on_restore_triggered)

    @property
    def ctx(self) -> AppContext:
        return self.window.ctx

    def on_backup_triggered(self) -> None:
        store = self.ctx.store

        def done(path: object) -> None:
            self.window.update_status()
            self.ctx.status(f"Backed up and verified: {Path(str(path)).name}")

        def failed(exc: BaseException) -> None:
            QtWidgets.QMessageBox.warning(self.parent_widget, "Backup failed", str(exc))

        self.ctx.status("Backing up…")
        self.ctx.runner.run(lambda _p: store.backup(), on_success=done, on_failure=failed)

    def on_restore_triggered(self) -> None:
        from lscp_desktop.ui.restore import RestoreDialog

        choice = RestoreDialog.ask(self.parent_widget, self.ctx.store.list_backups())
        if choice is not None:
            self.restore_from(choice)

    def restore_from(self, choice: Path) -> None:
        """Replace the open database with the verified backup *choice*, then reopen it."""
        path = self.ctx.store.path
        if not self.window.confirm_unsaved("restoring the backup"):
            return
        # Jobs finish first (each holds a connection to the file being replaced), then the
        # pages go and the file is closed.
        self.window.release_store()
        try:
            safety = restore_backup(choice, path)
            new_store = Store.open(path, daily_backup=False)
        except LscpError as exc:
            QtWidgets.QMessageBox.critical(self.parent_widget, "Restore failed", str(exc))
            new_store = Store.open(path, daily_backup=False)
            safety = None
        self.window.switch_store(new_store, [])
        QtWidgets.QMessageBox.information(
            self.parent_widget,
            "Backup restored",
            f"Restored from {choice.name}."
            + (f"\n\nThe file as it was before is kept as {safety.name}." if safety else ""),
        )

    def start_background_checks(self) -> None:
        """Once the window is shown: the rest of the opening integrity check, then the day's
        backup, both off the GUI thread (a write made meanwhile waits for the check)."""
        store = self.ctx.store
        store.start_check()  # not before: it would compete with drawing the window

        def work(_progress: object) -> Path | None:
            store.wait_for_check()
            return None if store.read_only else store.backup_if_due()

        self.ctx.runner.run(
            work, on_success=self.on_checks_succeeded, on_failure=self.on_checks_failed
        )

    def on_checks_succeeded(self, backup: object) -> None:
        self.window.update_status()
        if backup is not None:
            self.ctx.status(f"Today's backup is taken and verified: {Path(str(backup)).name}")
        problems = [w for w in self.ctx.store.warnings if w.startswith("The backup")]
        if problems:
            self.window.show_notice(problems[-1])

    def on_checks_failed(self, exc: BaseException) -> None:
        self.window.update_status()  # a damaged file is now read-only: the title says so
        if not isinstance(exc, DamagedDatabaseError):
            self.window.show_notice(f"The database could not be checked: {exc}")
            return
        self.window.show_notice(f"{exc} It is open read-only.")
        if not exc.backups:
            QtWidgets.QMessageBox.critical(self.parent_widget, "The database is damaged", str(exc))
            return
        answer = QtWidgets.QMessageBox.question(
            self.parent_widget,
            "The database is damaged",
            f"{exc}\n\nRestore the latest good backup ({exc.backups[0].name}) now? The damaged "
            "file is kept beside the backups.",
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self.restore_from(exc.backups[0])
