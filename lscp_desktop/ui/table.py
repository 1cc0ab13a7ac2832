"""A table model over domain records, and the filter proxy every register page uses.

``RecordTableModel`` adapts a list of records (dataclasses) through ``Column`` definitions.
Sorting is done by the source model on Python keys (one list sort, fast even for 20,000 rows)
and the proxy only filters, from a lower-cased search text kept per record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RECORD = int(RecordRole)
_ROLES_ANSWERED = frozenset({_DISPLAY, _ALIGN, _BACKGROUND, _TOOLTIP, _RECORD})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its heading, the text shown, and optionally a sort key, alignment, colours."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    background: Callable[[T], QColor | None] | None = None
    tooltip: Callable[[T], str] | None = None
    #: The long text column (an action, a risk, a name): it takes the room the others leave.
    stretch: bool = False


class ColumnTableModel(QAbstractTableModel, Generic[T]):
    """The Qt side of a table of records shown through ``Column`` definitions.

    Subclasses keep the records shown, in order, in ``_records`` and decide how rows change.
    """

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], Any] | None = None) -> None:
        super().__init__()
        self.columns = list(columns)
        self._key = key or (lambda r: r.id)  # type: ignore[attr-defined]
        self._records: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # ---- Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each cell for a dozen roles as it paints; the ones answered here are
        # told apart by plain integers first, so the others cost one set look-up.
        if role not in _ROLES_ANSWERED:
            return None
        row = index.row()
        if not index.isValid() or not (0 <= row < len(self._records)):
            return None
        record = self._records[row]
        if role == _RECORD:
            return record
        column = self.columns[index.column()]
        if role == _DISPLAY:
            return column.text(record)
        if role == _ALIGN:
            return _RIGHT if column.align_right else None
        if role == _BACKGROUND:
            colour = column.background(record) if column.background else None
            return QBrush(colour) if colour else None
        return column.tooltip(record) if column.tooltip else None  # the tooltip role

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    # ---- records shown
    def record(self, row: int) -> T:
        return self._records[row]

    def row_of(self, key: Any) -> int | None:
        for i, r in enumerate(self._records):
            if self._key(r) == key:
                return i
        return None

    def sample(self, n: int) -> list[T]:
        """Up to *n* of the records shown, spread evenly (to judge a column's width by)."""
        step = max(1, len(self._records) // n)
        return self._records[::step][:n]

    def _sort_key(self) -> Callable[[T], tuple[bool, Any]] | None:
        """The key for the current sort (empty values last), or None when unsorted."""
        if self._sort is None:
            return None
        col = self.columns[self._sort[0]]
        key = col.sort_key or (lambda r: col.text(r).lower())
        return lambda r: _none_last(key(r))

    def _descending(self) -> bool:
        return self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder


class RecordTableModel(ColumnTableModel[T]):
    """Rows are records; change them only through the methods here so views stay in step."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], Any] | None = None) -> None:
        super().__init__(columns, key)
        #: Each row's search text, made when a search first needs it (None until then).
        self._haystack: list[str] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = {self._key(r): i for i, r in enumerate(self._records)}
        self._apply_sort()
        new_rows = {self._key(r): i for i, r in enumerate(self._records)}
        moved = [(old[k], new_rows[k]) for k in old]
        persistent = self.persistentIndexList()
        mapping = dict(moved)
        self.changePersistentIndexList(
            persistent,
            [self.index(mapping.get(p.row(), p.row()), p.column()) for p in persistent],
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        key = self._sort_key()
        if key is None:
            return
        self._records.sort(key=key, reverse=self._descending())
        self._haystack = None  # made again, in the new order, when next searched

    # ---- records
    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._haystack = None
        self._apply_sort()
        self.endResetModel()

    def records(self) -> list[T]:
        return list(self._records)

    def upsert(self, record: T) -> None:
        row = self.row_of(self._key(record))
        if row is None:
            row = len(self._records)
            self.beginInsertRows(QModelIndex(), row, row)
            self._records.append(record)
            if self._haystack is not None:
                self._haystack.append(self._search_text(record))
            self.endInsertRows()
        else:
            self._records[row] = record
            if self._haystack is not None:
                self._haystack[row] = self._search_text(record)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def remove(self, key: Any) -> None:
        row = self.row_of(key)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._records[row]
        if self._haystack is not None:
            del self._haystack[row]
        self.endRemoveRows()

    def search_text(self, row: int) -> str:
        if self._haystack is None:
            self._haystack = [self._search_text(r) for r in self._records]
        return self._haystack[row]

    def _search_text(self, record: T) -> str:
        return "\x1f".join(c.text(record) for c in self.columns).lower()


def _none_last(value: Any) -> tuple[bool, Any]:
    return (value is None or value == "", value)


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters rows by words typed in a search box plus an optional predicate on the record.

    Sorting is delegated to the source model (see module docstring).
    """

    def __init__(self, source: RecordTableModel[Any]) -> None:
        super().__init__()
        self._source = source
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None
        self.setSourceModel(source)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._words:
            hay = self._source.search_text(source_row)
            for w in self._words:
                if w not in hay:
                    return False
        return self._predicate is None or self._predicate(self._source.record(source_row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def record_at(self, proxy_row: int) -> Any:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self._source.record(source.row())


def make_table_view(
    model: QAbstractItemModel,
    *,
    name: str = "",
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
    sort: tuple[int, Qt.SortOrder] | None = None,
    alternating: bool = True,
    stretch_last: bool = True,
) -> QTableView:
    """A read-only table of whole rows as the pages show one: no row numbers, rows 26 px high,
    no word wrap, the last column stretched (unless *stretch_last* is False).

    With *sort*, the indicator is set first and then sorting enabled, which sorts by it at once.
    """
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    if sort is not None:
        view.horizontalHeader().setSortIndicator(*sort)
        view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setAlternatingRowColors(alternating)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    # A stretched last section is resized by the header when the view is first shown, and
    # the view answers on a zero timer, after the first paint: a second one (issue 21).
    # Views whose columns ``fit_columns`` sizes (it fills the last column itself) say
    # stretch_last=False.
    view.horizontalHeader().setStretchLastSection(stretch_last)
    return view


def selected_record(view: QTableView) -> Any:
    """The record on the first selected row of a view over a ``ColumnTableModel`` (directly or
    through a proxy), or None."""
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    return rows[0].data(RecordRole) if rows else None
