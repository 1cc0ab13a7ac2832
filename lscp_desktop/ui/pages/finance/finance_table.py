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
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

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
    """A sortable table of one kind of finance record with its buttons and a footer line."""

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
        self.proxy = RecordFilterProxy(self.model)
        self.view = make_table_view(self.proxy, sort=sort)
        self.buttons: dict[str, QPushButton] = {}
        #: Buttons that need a selected row (the rest are always available).
        self._needs_selection: list[QPushButton] = []
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
                self._needs_selection.append(button)
        self.footer = QLabel()
        self.footer.setObjectName("muted")
        self.footer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self._writable = True
        self._sized = False

    def set_records(self, records: Sequence[T], footer: str = "") -> None:
        selected = self.selected()
        key = self.model._key(selected) if selected is not None else None
        self.model.set_records(records)
        self.view.doItemsLayout()  # now, not on a timer after the first paint (a second one)
        self.footer.setText(footer)
        if not self._sized and records and self.isVisible():
            self._fit()
        if key is not None:
            self.select_key(key)
        self.update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        """Columns are sized when the tab is first shown with rows: the page fills every
        tab of a year at once, and sizing the hidden ones would slow its opening."""
        super().showEvent(event)
        if not self._sized and self.model.rowCount():
            self._fit()

    def _fit(self) -> None:
        self._sized = True
        fit_columns(self.view, pad=14, widest=360)

    def selected(self) -> T | None:
        record: T | None = selected_record(self.view)
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
        has = self.selected() is not None
        for button in self.buttons.values():
            read_only_ok = button.text().startswith(("Payments", "History"))
            allowed = self._writable or read_only_ok
            button.setEnabled(allowed and (has or button not in self._needs_selection))
