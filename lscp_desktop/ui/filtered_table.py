"""A table model for big registers that filters in one Python pass.

A ``QSortFilterProxyModel`` asks Python once per row, which costs 50–80 ms over 20,000 rows.
Here the model keeps every record, sorted, and shows only those a predicate accepts: changing
the filter is one list comprehension and a model reset, a few milliseconds for 20,000 rows.
Columns, cells and headers are those of :class:`~lscp_desktop.ui.table.ColumnTableModel`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import Qt

from lscp_desktop.ui.table import Column, ColumnTableModel

T = TypeVar("T")


class FilteredTableModel(ColumnTableModel[T]):
    """Every record is held; rows are the records *accept* lets through, in sort order."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], Any] | None = None) -> None:
        super().__init__(columns, key or (lambda r: getattr(r, "id", None)))
        self._all: list[T] = []
        self._accept: Callable[[T], bool] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        self._sort = (column, order)
        self._apply_sort()
        self._refilter()

    # ---- records
    def set_records(self, records: Sequence[T]) -> None:
        self._all = list(records)
        self._apply_sort()
        self._refilter()

    def set_filter(self, accept: Callable[[T], bool] | None) -> None:
        self._accept = accept
        self._refilter()

    def all_records(self) -> list[T]:
        return list(self._all)

    def shown_records(self) -> list[T]:
        """The records the filter lets through, in the order shown."""
        return list(self._records)

    def total(self) -> int:
        return len(self._all)

    def _apply_sort(self) -> None:
        key = self._sort_key()
        if key is not None:
            self._all.sort(key=key, reverse=self._descending())

    def _refilter(self) -> None:
        self.beginResetModel()
        accept = self._accept
        self._records = self._all if accept is None else [r for r in self._all if accept(r)]
        self.endResetModel()
