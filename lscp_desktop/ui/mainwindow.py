"""The main window: navigation on the left, one page at a time on the right; the File menu's
databases (``file_menu``), undo per page (``undo.UndoHistory``), and no typing lost on the way
out (``unsaved``)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop import APP_NAME
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.demo.marker import is_demo
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui import unsaved, window_state
from lscp_desktop.ui.background import BackgroundRunner
from lscp_desktop.ui.backup_menu import BackupCommands
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.file_menu import FileCommands, remember_file
from lscp_desktop.ui.first_paint import USER_ROLE, blank_icon, set_shortcut, set_style_icons
from lscp_desktop.ui.live import LiveRefresh, read_only_mark
from lscp_desktop.ui.pages import PAGES
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.privacy.menu import ToolsCommands
from lscp_desktop.ui.style import STYLE_SHEET
from lscp_desktop.ui.undo import UndoHistory
from lscp_desktop.ui.waiting import waiter_for

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QUndoStack

DEMO_BANNER = (
    "<b>This is the demo partnership:</b> every person, meeting and record in it is invented. "
    "To start your own partnership's records, choose <a href='new'>File › New partnership…</a>"
)


#: Jobs asked for while the window is built start at its first paint, or after this long if it
#: is not painted (started minimised, or never shown, as in a script).
FIRST_PAINT_WAIT_MS = 1000


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
        self.undo_history = UndoHistory(self)
        self.ctx = AppContext(
            store=store,
            undo_stack=self.undo_history.new_stack(),
            runner=runner or BackgroundRunner(),
            status=lambda text: self.statusBar().showMessage(text, 6000),
            open_record=self.open_record,
            window=self,
            cannot_undo=self.undo_history.cannot_undo,
        )
        self._pages: dict[str, Page] = {}
        #: The page shown, to go back to when leaving it is cancelled.
        self._row = -1
        #: Set while undo stacks are cleared (closing, another file): pages are not refreshed.
        self._quiet = False
        self.live = LiveRefresh(self, self)  # colleagues' saves on a team database
        # Home's list (and any other load) waits for the first paint: Python on a worker
        # holds the interpreter, and would hold up drawing the window.
        self.ctx.runner.hold(at_most_ms=FIRST_PAINT_WAIT_MS)
        self._build_ui(notices or [])
        self._build_actions()
        self._connect_signals()
        window_state.restore(self, self.splitter)
        self.nav.setCurrentRow(0)
        self.update_status()
        remember_file(store.opened_from)

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo stack of the page shown."""
        return self.current_page().ctx.undo_stack

    # ---- construction -------------------------------------------------------------------

    def _build_ui(self, notices: list[str]) -> None:
        self.resize(1200, 760)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        blank = blank_icon()  # the style's icons once the window is drawn (first_paint.py)
        for spec in PAGES:
            item = QListWidgetItem(blank, spec.title)
            item.setData(USER_ROLE, spec.key)
            self.nav.addItem(item)
        icons = [spec.icon for spec in PAGES]
        self.ctx.runner.after_release(lambda: set_style_icons(self.nav, icons))
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(260)

        self.stack = QStackedWidget()  # each page once it is first shown

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.demo_banner = QLabel(DEMO_BANNER)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)  # read as rich text: it starts with a tag
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        column.addWidget(self.demo_banner)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self._show_database(notices)

        self.splitter = QSplitter()  # horizontal
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
        self.file_commands = FileCommands(self, self)
        self.file_commands.add_to(file_menu)
        file_menu.addSeparator()
        self.import_action = self.file_commands.import_action
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.backups = BackupCommands(self, self)
        self.backup_action = self.backups.backup_action
        self.restore_action = self.backups.restore_action
        self.quit_action = QAction("E&xit", self)
        set_shortcut(self.quit_action, QKeySequence.StandardKey.Quit)
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_history.undo_action
        self.redo_action = self.undo_history.redo_action
        self.new_action = QAction("&New…", self)
        set_shortcut(self.new_action, "Ctrl+N")
        self.find_action = QAction("&Find", self)
        set_shortcut(self.find_action, "Ctrl+F")
        self.delete_action = QAction("&Delete…", self)
        set_shortcut(self.delete_action, "Del")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.new_action, self.find_action, self.delete_action])

        go_menu = self.menuBar().addMenu("&Go")
        self.page_actions: list[QAction] = []
        for row, spec in enumerate(PAGES):
            action = QAction(f"&{spec.title}", self)
            set_shortcut(action, f"Ctrl+{row + 1}")
            action.triggered.connect(lambda _c=False, r=row: self.nav.setCurrentRow(r))
            self.page_actions.append(action)
        go_menu.addActions(self.page_actions)

        self.tools = ToolsCommands(self, self)
        self.identities_action = self.tools.identities_action
        self.tools.add_to(self.menuBar().addMenu("&Tools"))

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction(f"&About {APP_NAME}", self)
        help_menu.addAction(self.about_action)

    def _connect_signals(self) -> None:
        self.nav.currentRowChanged.connect(self.on_nav_row_changed)
        self.quit_action.triggered.connect(self.close)
        self.demo_banner.linkActivated.connect(lambda _l: self.file_commands.on_new_triggered())
        self.new_action.triggered.connect(lambda: self.current_page().new_record())
        self.find_action.triggered.connect(lambda: self.current_page().focus_search())
        self.delete_action.triggered.connect(lambda: self.current_page().delete_selected())
        self.about_action.triggered.connect(self.on_about_triggered)

    # ---- pages ----------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page for *key*, created on first use."""
        if key not in self._pages:
            spec = next(spec for spec in PAGES if spec.key == key)
            ctx = dataclasses.replace(self.ctx, undo_stack=self.undo_history.new_stack())
            page = spec.factory(ctx)
            ctx.undo_stack.indexChanged.connect(lambda _i, p=page: self.on_undo_index_changed(p))
            self.stack.addWidget(page)
            self._pages[key] = page
        return self._pages[key]

    def current_page(self) -> Page:
        return self.page(PAGES[max(0, self.nav.currentRow())].key)

    def on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        leaving = self._pages.get(PAGES[self._row].key) if self._row >= 0 else None
        if leaving is not None and row != self._row:
            before = f"going to {PAGES[row].title}"
            if not unsaved.settle(self, leaving.unsaved_work(), before):
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(self._row)  # stay, with the typing as it was
                self.nav.blockSignals(False)
                return
        self._row = row
        page = self.page(PAGES[row].key)
        self.stack.setCurrentWidget(page)
        self.undo_history.activate(page.ctx.undo_stack)
        try:
            page.refresh()
        except LscpError as exc:  # e.g. a damaged file found while reading it
            self.show_notice(str(exc))

    def on_undo_index_changed(self, page: Page) -> None:
        """An undo or redo on *page*: show it as the database now has it."""
        if self._quiet or self._row < 0 or page is not self.current_page():
            return
        try:
            page.refresh()
        except LscpError as exc:
            self.show_notice(str(exc))

    def unsaved_work(self) -> list[unsaved.UnsavedWork]:
        """Every editor holding text not yet saved, on every page built so far."""
        return [editor for page in self._pages.values() for editor in page.unsaved_work()]

    def confirm_unsaved(self, before: str) -> bool:
        """Settle unsaved typing before *before* ("opening x.db"); False when cancelled."""
        return unsaved.settle(self, self.unsaved_work(), before)

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

    def _show_database(self, notices: list[str]) -> None:
        """The banners for the database open now (the reason it is read-only, if it is, is
        among the store's warnings); a save that must wait for another program waits off the
        GUI thread (:mod:`.waiting`)."""
        store = self.ctx.store
        store.wait_elsewhere = waiter_for(self)  # a save that must wait never freezes us
        self.live.follow(store)
        self.demo_banner.setVisible(is_demo(store))
        all_notices = list(notices) + list(store.warnings)
        self.banner.setText(" ".join(all_notices))
        self.banner.setVisible(bool(all_notices))

    def update_title(self) -> None:
        """The partnership's name in the title bar, marked DEMO or read-only (the opening
        check can make the file read-only after the window is shown)."""
        store = self.ctx.store
        partnership = get_partnership(store)
        name = partnership.name if partnership else "New partnership"
        marks = ("DEMO — " if is_demo(store) else "", read_only_mark(store))
        self.setWindowTitle(f"{marks[0]}{name}{marks[1]} — {APP_NAME}")

    def update_status(self) -> None:
        """The title bar and the status bar's database and last backup."""
        self.update_title()
        store = self.ctx.store
        where = store.opened_from
        self.db_label.setText(f"Database: {where}" + ("  (read-only)" if store.read_only else ""))
        self.db_label.setToolTip(str(where))
        last = store.last_backup()
        self.backup_label.setText(
            "Backups: on the server, by IT"
            if isinstance(where, str)
            else f"Last backup: {uk(last.date())} {last:%H:%M}"
            if last
            else "Last backup: none yet"
        )

    def show_notice(self, text: str) -> None:
        """A message in the banner above the page, kept until the window closes."""
        shown = self.banner.text()
        self.banner.setText(f"{shown} {text}".strip() if shown else text)
        self.banner.setVisible(True)

    def switch_store(self, store: Store, notices: list[str]) -> None:
        """Show *store* (already open and checked) in place of the database open now, which is
        closed (if it is not already); pages are built again over the new one."""
        self.release_store()  # jobs each hold a connection to the old file
        self.ctx.store = store
        self._show_database(notices)
        self._row = -1
        self.on_nav_row_changed(max(self.nav.currentRow(), 0))
        self.update_status()
        remember_file(store.opened_from)
        self.start_background_checks()

    def release_store(self) -> None:
        """Let jobs finish, take the pages down, close the database (to replace its file)."""
        self.ctx.runner.wait()
        self.live.stop()
        self._reset_pages()
        self.ctx.store.close()

    def start_background_checks(self) -> None:
        """The rest of the opening check, then the day's backup: once the window is drawn."""
        self.ctx.runner.after_release(self.backups.start_background_checks)

    def _reset_pages(self) -> None:
        self._quiet = True  # the stacks clearing is no undo: nothing to refresh
        self.undo_history.clear()
        for page in self._pages.values():
            self.undo_history.group.removeStack(page.ctx.undo_stack)
        self._quiet = False
        while self.stack.count():
            old = self.stack.widget(0)
            if old is None:
                break
            self.stack.removeWidget(old)
            old.deleteLater()
        self._pages.clear()

    def on_about_triggered(self) -> None:
        from lscp_desktop.ui.about import AboutDialog

        AboutDialog.present(self.ctx.store, self)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.ctx.runner.holding:  # after this paint (its children's follow at once): the
            QTimer.singleShot(0, self.ctx.runner.release)  # loads held while it was built

    # ---- window state -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window or File › Exit: unsaved typing is settled first (Cancel keeps
        the window open)."""
        if not self.confirm_unsaved("closing the window"):
            event.ignore()
            return
        window_state.save(self, self.splitter)
        # Now, while the store is open: a stack clears itself when destroyed, and the page
        # would then be refreshed over a closed store.
        self._quiet = True
        self.live.stop()
        self.undo_history.clear()
        super().closeEvent(event)


def quit_soon() -> None:
    """Used by the start-up benchmark: quit as soon as the event loop is running."""
    QTimer.singleShot(0, QApplication.quit)
