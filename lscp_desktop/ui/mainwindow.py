"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import APP_NAME
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import DamagedDatabaseError, LscpError
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.backups import restore_backup
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages import PAGES
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.style import STYLE_SHEET
from lscp_desktop.ui.waiting import waiter_for


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        *,
        notices: list[str] | None = None,
        runner: BackgroundRunner | None = None,
    ) -> None:
        super().__init__()
        self.setStyleSheet(STYLE_SHEET)
        self.undo_stack = QUndoStack(self)
        self.ctx = AppContext(
            store=store,
            undo_stack=self.undo_stack,
            runner=runner or BackgroundRunner(),
            status=lambda text: self.statusBar().showMessage(text, 6000),
            open_record=self.open_record,
            window=self,
        )
        store.wait_elsewhere = waiter_for(self)  # a save that must wait never freezes us
        self._pages: dict[str, Page] = {}
        self._build_ui(notices or [])
        self._build_actions()
        self._connect_signals()
        self._restore_state()
        self.nav.setCurrentRow(0)
        self._update_status()

    # ---- construction -------------------------------------------------------------------

    def _build_ui(self, notices: list[str]) -> None:
        self._update_title()
        self.resize(1200, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        for spec in PAGES:
            item = QListWidgetItem(self.style().standardIcon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(260)

        self.stack = QStackedWidget()
        for _ in PAGES:
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        store = self.ctx.store
        all_notices = list(notices) + list(store.warnings)
        self.banner = QLabel(" ".join(all_notices))
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(bool(all_notices))
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1010])
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

        self.db_label = QLabel()
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().addPermanentWidget(self.backup_label)

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import a spreadsheet…", self)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.backup_action = QAction("&Back up now", self)
        self.restore_action = QAction("&Restore a backup…", self)
        quit_action = QAction("E&xit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.new_action = QAction("&New…", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.find_action = QAction("&Find", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.delete_action = QAction("&Delete…", self)
        self.delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.new_action, self.find_action, self.delete_action])

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction(f"&About {APP_NAME}", self)
        help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self.on_nav_row_changed)
        self.new_action.triggered.connect(lambda: self.current_page().new_record())
        self.find_action.triggered.connect(lambda: self.current_page().focus_search())
        self.delete_action.triggered.connect(lambda: self.current_page().delete_selected())
        self.import_action.triggered.connect(self.on_import_triggered)
        self.backup_action.triggered.connect(self.on_backup_triggered)
        self.restore_action.triggered.connect(self.on_restore_triggered)
        self.about_action.triggered.connect(self.on_about_triggered)
        self.undo_stack.indexChanged.connect(lambda _i: self.current_page().refresh())

    # ---- pages ----------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page for *key*, created on first use."""
        if key not in self._pages:
            index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
            page = PAGES[index].factory(self.ctx)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def current_page(self) -> Page:
        return self.page(PAGES[max(0, self.nav.currentRow())].key)

    def on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(PAGES[row].key)
        self.stack.setCurrentWidget(page)
        try:
            page.refresh()
        except LscpError as exc:  # e.g. a damaged file found while reading it
            self.show_notice(str(exc))

    def open_record(self, key: str, record_id: int | None) -> None:
        """Show page *key* (``"page"`` or ``"page:part"``, e.g. ``"reviews:audits"``) and,
        optionally, one record there."""
        key, _, part = key.partition(":")
        row = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        self.nav.setCurrentRow(row)
        if part:
            self.page(key).open_part(part, record_id)
        elif record_id is not None:
            self.page(key).open_record(record_id)

    # ---- status, backup, restore -----------------------------------------------------------

    def _update_title(self) -> None:
        partnership = get_partnership(self.ctx.store)
        name = partnership.name if partnership else "New partnership"
        read_only = " (read-only)" if self.ctx.store.read_only else ""
        self.setWindowTitle(f"{name}{read_only} — {APP_NAME}")

    def _update_status(self) -> None:
        self._update_title()
        store = self.ctx.store
        self.db_label.setText(
            f"Database: {store.path}" + ("  (read-only)" if store.read_only else "")
        )
        self.db_label.setToolTip(str(store.path))
        last = store.last_backup()
        self.backup_label.setText(
            f"Last backup: {uk(last.date())} {last:%H:%M}" if last else "Last backup: none yet"
        )

    def on_import_triggered(self) -> None:
        from lscp_desktop.ui.imports.dialog import ImportDialog  # loads openpyxl only when used

        dialog = ImportDialog(self.ctx, self)
        dialog.imported.connect(lambda _report: self.current_page().refresh())
        dialog.exec()
        dialog.deleteLater()

    def on_backup_triggered(self) -> None:
        store = self.ctx.store

        def done(path: object) -> None:
            self._update_status()
            self.ctx.status(f"Backed up and verified: {Path(str(path)).name}")

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, "Backup failed", str(exc))

        self.ctx.status("Backing up…")
        self.ctx.runner.run(lambda _p: store.backup(), on_success=done, on_failure=failed)

    def on_restore_triggered(self) -> None:
        from lscp_desktop.ui.restore import RestoreDialog

        choice = RestoreDialog.ask(self, self.ctx.store.list_backups())
        if choice is not None:
            self.restore_from(choice)

    def restore_from(self, choice: Path) -> None:
        """Replace the open database with the verified backup *choice*, then reopen it."""
        store = self.ctx.store
        path = store.path
        # Let running jobs finish first: each holds a connection to the file being replaced.
        self.ctx.runner.wait()
        try:
            self._pages.clear()
            store.close()
            safety = restore_backup(choice, path)
            new_store = Store.open(path, daily_backup=False)
        except LscpError as exc:
            QMessageBox.critical(self, "Restore failed", str(exc))
            new_store = Store.open(path, daily_backup=False)
            safety = None
        self._reset_store(new_store)
        QMessageBox.information(
            self,
            "Backup restored",
            f"Restored from {choice.name}."
            + (f"\n\nThe file as it was before is kept as {safety.name}." if safety else ""),
        )

    def start_background_checks(self) -> None:
        """Once the window is shown: the rest of the opening integrity check, then the day's
        backup, both off the GUI thread (a write made meanwhile waits for the check)."""
        store = self.ctx.store

        def work(_progress: object) -> Path | None:
            store.wait_for_check()
            return None if store.read_only else store.backup_if_due()

        self.ctx.runner.run(
            work, on_success=self.on_checks_succeeded, on_failure=self.on_checks_failed
        )

    def on_checks_succeeded(self, backup: object) -> None:
        self._update_status()
        if backup is not None:
            self.ctx.status(f"Today's backup is taken and verified: {Path(str(backup)).name}")
        problems = [w for w in self.ctx.store.warnings if w.startswith("The backup")]
        if problems:
            self.show_notice(problems[-1])

    def on_checks_failed(self, exc: BaseException) -> None:
        self._update_title()
        if not isinstance(exc, DamagedDatabaseError):
            self.show_notice(f"The database could not be checked: {exc}")
            return
        self.show_notice(f"{exc} It is open read-only.")
        if not exc.backups:
            QMessageBox.critical(self, "The database is damaged", str(exc))
            return
        answer = QMessageBox.question(
            self,
            "The database is damaged",
            f"{exc}\n\nRestore the latest good backup ({exc.backups[0].name}) now? The damaged "
            "file is kept beside the backups.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(exc.backups[0])

    def show_notice(self, text: str) -> None:
        """A message in the banner above the page, kept until the window closes."""
        shown = self.banner.text()
        self.banner.setText(f"{shown} {text}".strip() if shown else text)
        self.banner.setVisible(True)

    def _reset_store(self, store: Store) -> None:
        store.wait_elsewhere = waiter_for(self)
        self.ctx.store = store
        self.undo_stack.clear()
        while self.stack.count():
            old = self.stack.widget(0)
            if old is None:
                break
            self.stack.removeWidget(old)
            old.deleteLater()
        self._pages.clear()
        for _ in PAGES:
            self.stack.addWidget(QWidget())
        self.on_nav_row_changed(self.nav.currentRow())
        self._update_status()

    def on_about_triggered(self) -> None:
        from lscp_desktop.ui.about import AboutDialog

        AboutDialog.present(self.ctx.store, self)

    # ---- window state -----------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        # Now, while the store is open: the stack clears itself when destroyed, and the page
        # would then be refreshed over a closed store.
        self.undo_stack.clear()
        super().closeEvent(event)


def quit_soon() -> None:
    """Used by the start-up benchmark: quit as soon as the event loop is running."""
    QTimer.singleShot(0, QApplication.quit)
