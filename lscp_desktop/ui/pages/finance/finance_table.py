"""One finance tab's table: a sortable list of one kind of record, its buttons and a footer.

It is a thin composition of the shared ``ui/table.py`` pieces (``RecordTableModel``, the filter
proxy, ``make_table_view``, ``fit_columns``, ``selected_record``). It is not a ``RegisterView``:
the page loads all of a year's tables at once and writes their footers, there is no search box,
and each tab has its own buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.table import (
    Column,
    RecordFilterProxy,
    RecordTableModel,
    make_table_view,
    selected_record,
)

T = TypeVar("T")


class FinanceTable(QWidget, Generic[T]):
    """A sortable table of one kind of finance record with its buttons and a footer line.

    The page fills every tab of a year at once; a table's widgets (view, buttons, labels) are
    made when it is first shown or first reached (``view``, ``buttons``, ``note``, ``footer``),
    so opening the page builds and styles only the tab on screen. The rows are always there.
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        buttons: Sequence[tuple[str, Callable[[], None], bool]],
        *,
        key: Callable[[T], Any] | None = None,
        note: str = "",
        sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
    ) -> None:
        super().__init__()
        self.model: RecordTableModel[T] = RecordTableModel(columns, key)
        self.model.sort(*sort)  # rows arrive in the order the view will show them
        self.proxy = RecordFilterProxy(self.model)
        self._spec = (list(buttons), note, sort)
        self._parts: _Parts | None = None
        self._footer_text = ""
        self._double_click: Callable[[], None] | None = None
        self._writable = True
        self._sized = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)

    # ---- the widgets, made on first need
    @property
    def view(self) -> QTableView:
        return self._made().view

    @property
    def buttons(self) -> dict[str, QPushButton]:
        return self._made().buttons

    @property
    def note(self) -> QLabel:
        return self._made().note

    @property
    def footer(self) -> QLabel:
        return self._made().footer

    def on_double_click(self, slot: Callable[[], None]) -> None:
        """Call *slot* when a row is double-clicked."""
        self._double_click = slot
        if self._parts is not None:
            self._parts.view.doubleClicked.connect(lambda _i: slot())

    def _made(self) -> _Parts:
        if self._parts is None:
            buttons, note, sort = self._spec
            parts = self._parts = _Parts(self.proxy, buttons, note, sort, self._layout)
            parts.footer.setText(self._footer_text)
            parts.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
            if self._double_click is not None:
                self.on_double_click(self._double_click)
            if self.isVisible():  # added to a shown table: shown now, not after a first paint
                for w in (parts.note, *parts.buttons.values(), parts.view, parts.footer):
                    w.show()
            self.update_buttons()
        return self._parts

    def set_records(self, records: Sequence[T], footer: str = "") -> None:
        selected = self.selected()
        key = self.model._key(selected) if selected is not None else None
        self.model.set_records(records)
        self._footer_text = footer
        if self._parts is None:
            return  # shown with the rest when first needed
        self.view.doItemsLayout()  # now, not on a timer after the first paint (a second one)
        self.footer.setText(footer)
        if not self._sized and records and self.isVisible():
            self._fit()
        if key is not None:
            self.select_key(key)
        self.update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        """Made on first showing; columns are sized when the tab is first shown with rows:
        the page fills every tab of a year at once, and sizing the hidden ones would slow its
        opening."""
        self._made()
        super().showEvent(event)
        if not self._sized and self.model.rowCount():
            self._fit()

    def _fit(self) -> None:
        self._sized = True
        fit_columns(self.view, pad=14, widest=360)

    def selected(self) -> T | None:
        if self._parts is None:
            return None
        record: T | None = selected_record(self._parts.view)
        return record

    def select_key(self, key: Any) -> bool:
        row = self.model.row_of(key)
        if row is None:
            return False
        self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self.update_buttons()

    def update_buttons(self) -> None:
        if self._parts is None:
            return
        has = self.selected() is not None
        for button in self.buttons.values():
            read_only_ok = button.text().startswith(("Payments", "History"))
            allowed = self._writable or read_only_ok
            button.setEnabled(allowed and (has or button not in self._parts.needs_selection))


class _Parts:
    """A finance table's widgets: the note and buttons above, the view, the footer below."""

    def __init__(
        self,
        proxy: RecordFilterProxy,
        buttons: Sequence[tuple[str, Callable[[], None], bool]],
        note: str,
        sort: tuple[int, Qt.SortOrder],
        layout: QVBoxLayout,
    ) -> None:
        self.view = make_table_view(proxy, sort=sort, stretch_last=False)  # fit_columns fills
        self.buttons: dict[str, QPushButton] = {}
        #: Buttons that need a selected row (the rest are always available).
        self.needs_selection: list[QPushButton] = []
        bar = QHBoxLayout()
        self.note = QLabel(note)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)  # long notes wrap rather than widen the window
        bar.addWidget(self.note, 1)
        for text, slot, needs_row in buttons:
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[text] = button
            if needs_row:
                self.needs_selection.append(button)
        self.footer = QLabel()
        self.footer.setObjectName("muted")
        self.footer.setWordWrap(True)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)
