"""One finance tab's table: a sortable list of one kind of record, its buttons and a footer.

It is a thin composition of the shared ``ui/table.py`` pieces (``RecordTableModel``,
``make_table_view``, ``fit_columns``, ``selected_record``). It is not a ``RegisterView``: the
page loads a year's tables and writes their footers, and each tab has its own buttons. There is
no search box, so the view shows the model itself (no filter proxy: painting a cell through one
costs Python calls of its own; the model sorts itself either way).
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

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.table import (
    Column,
    RecordTableModel,
    make_table_view,
    selected_record,
)

T = TypeVar("T")


class FinanceTable(QWidget, Generic[T]):
    """A sortable table of one kind of finance record with its buttons and a footer line.

    A table's widgets (view, buttons, labels) are made when it is first shown or first reached
    (``view``, ``buttons``, ``note``, ``footer``), so opening the page builds and styles only
    the tab on screen. Its rows are there from ``set_records``, or, given to ``defer`` instead,
    read when first needed (``model`` reached, or the table first shown).
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
        self._model: RecordTableModel[T] = RecordTableModel(columns, key)
        self._model.sort(*sort)  # rows arrive in the order the view will show them
        self._pending: Callable[[], None] | None = None
        self._spec = (list(buttons), note, sort)
        self._parts: _Parts | None = None
        self._footer_text = ""
        self._double_click: Callable[[], None] | None = None
        self._writable = True
        self._sized = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)

    # ---- the rows and widgets, on first need
    @property
    def model(self) -> RecordTableModel[T]:
        self._load_pending()
        return self._model

    def defer(self, load: Callable[[], None]) -> None:
        """Have *load* (which calls ``set_records``) run when the rows are first needed; now,
        if the table has been shown (its selection is kept as after ``set_records``)."""
        if self._parts is not None:
            load()
        else:
            self._pending = load

    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        """New columns, shown by the next ``set_records`` (its reset)."""
        self._model.columns = list(columns)

    def _load_pending(self) -> None:
        load, self._pending = self._pending, None
        if load is None:
            return
        try:
            load()
        except LscpError as exc:  # the database could not be read (a server gone): said
            self._pending = load  # here, and tried again when the rows are next needed
            self._footer_text = f"These rows could not be read: {exc}"
            if self._parts is not None:
                self._parts.footer.setText(self._footer_text)

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
            self._load_pending()
            buttons, note, sort = self._spec
            parts = self._parts = _Parts(self._model, buttons, note, sort, self._layout)
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
        self._pending = None
        selected = self.selected()
        key = self._model._key(selected) if selected is not None else None
        self._model.set_records(records)
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
        self._load_pending()  # (rows that could not be read before: tried again)
        super().showEvent(event)
        if not self._sized and self._model.rowCount():
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
        self.view.selectRow(row)
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
        model: RecordTableModel[Any],
        buttons: Sequence[tuple[str, Callable[[], None], bool]],
        note: str,
        sort: tuple[int, Qt.SortOrder],
        layout: QVBoxLayout,
    ) -> None:
        self.view = make_table_view(model, sort=sort, stretch_last=False)  # fit_columns fills
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
