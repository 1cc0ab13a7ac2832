"""The base of every page in the main window, and the placeholder for pages still to come."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lscp_desktop.ui.context import AppContext


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
        """Ctrl+N."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def delete_selected(self) -> None:
        """Delete, with confirmation."""

    def open_record(self, record_id: int) -> None:
        """Show one record (from the Home dashboard or a link)."""

    def open_part(self, part: str, record_id: int | None) -> None:
        """Show one part of the page (a tab) and, optionally, one record in it."""
        if record_id is not None:
            self.open_record(record_id)


class PlaceholderPage(Page):
    """Says plainly what this page will hold once its part of the app is built."""

    def __init__(self, ctx: AppContext, title: str, points: list[str]) -> None:
        super().__init__(ctx)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        intro = QLabel("This part of LSCP Desktop is being built. It will hold:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        items = QLabel(
            "<ul>" + "".join(f"<li style='margin-bottom:4px'>{p}</li>" for p in points) + "</ul>"
        )
        items.setTextFormat(Qt.TextFormat.RichText)
        items.setWordWrap(True)
        layout.addWidget(items)
        layout.addStretch(1)
