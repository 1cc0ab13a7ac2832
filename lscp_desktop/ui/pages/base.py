"""The base of every page in the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.unsaved import UnsavedWork

if TYPE_CHECKING:
    from lscp_desktop.ui.register_view import RegisterView


class Page(QWidget):
    """A page of the main window. Keyboard commands from the window land on these methods."""

    #: Records on this page changed (other pages showing them may refresh).
    data_changed = Signal()

    title = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Reload from the store (called when the page is shown)."""

    def new_record(self) -> None:
        """Ctrl+N: the page's main New… (pages with records to add override this)."""
        self.ctx.status(f"There is nothing to add on the {self.title} page.")

    def focus_search(self) -> None:
        """Ctrl+F: the page's search box (pages with one override this)."""
        self.ctx.status(f"The {self.title} page has no search.")

    def delete_selected(self) -> None:
        """Delete, with confirmation."""

    def open_record(self, record_id: int) -> None:
        """Show one record (from the Home dashboard or a link)."""

    def unsaved_work(self) -> list[UnsavedWork]:
        """Editors on the page holding typing not yet saved (asked about before leaving)."""
        return []

    def open_part(self, part: str, record_id: int | None) -> None:
        """Show one part of the page (a tab) and, optionally, one record in it."""
        if record_id is not None:
            self.open_record(record_id)


class RegisterTabsPage(Page):
    """A page of tabs, most of them a register: New (Ctrl+N), search (Ctrl+F) and Delete act on
    the current tab's register, and :meth:`open_part` names a tab by its key."""

    #: The tabs' keys, in the tabs' order.
    tab_keys: tuple[str, ...] = ()
    tabs: QTabWidget

    def current_key(self) -> str:
        return self.tab_keys[self.tabs.currentIndex()]

    def current_register(self) -> RegisterView[Any] | None:
        """The register on the current tab, if it has one."""
        return None

    def new_record(self) -> None:
        register = self.current_register()
        if register is not None:
            register.new_record()

    def focus_search(self) -> None:
        register = self.current_register()
        if register is not None:
            register.search.setFocus()
            register.search.selectAll()

    def delete_selected(self) -> None:
        register = self.current_register()
        if register is not None:
            register.delete_selected()

    def open_part(self, part: str, record_id: int | None) -> None:
        """Show the tab *part* and, when given, one record on it."""
        if part not in self.tab_keys:
            return
        self.tabs.setCurrentIndex(self.tab_keys.index(part))
        self.refresh()
        register = self.current_register()
        if register is not None and record_id is not None:
            register.select_id(record_id, reveal=True)
