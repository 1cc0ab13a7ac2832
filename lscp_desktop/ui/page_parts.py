"""Pieces the register pages (actions, risks) build from: the heading row with its chooser, the
search box, the rich-text detail label, a read-only table of a record's notes or reviews, the
table-over-detail splitter, the muted count line, and selecting a record's row in the view."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.ui.table import ColumnTableModel


def heading_row(
    title: str, choice: str, combo: QComboBox, note: QLabel, button: QPushButton
) -> QHBoxLayout:
    """The page title, a labelled chooser (log, register…), a muted note, a button at the right."""
    top = QHBoxLayout()
    heading = QLabel(title)
    heading.setObjectName("pageTitle")
    top.addWidget(heading)
    top.addSpacing(16)
    top.addWidget(QLabel(choice))
    top.addWidget(combo)
    note.setObjectName("muted")
    top.addWidget(note)
    top.addStretch(1)
    top.addWidget(button)
    return top


def tab_column(tab: QWidget) -> QVBoxLayout:
    """The column layout of a page's tab, a little space under the tab bar."""
    col = QVBoxLayout(tab)
    col.setContentsMargins(0, 8, 0, 0)
    return col


def search_box(placeholder: str) -> QLineEdit:
    search = QLineEdit()
    search.setObjectName("search")
    search.setPlaceholderText(placeholder)
    search.setClearButtonEnabled(True)
    return search


def detail_label(object_name: str, *, selectable: bool = False) -> QLabel:
    """A word-wrapped rich-text label, top-left aligned, for one record's detail."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def read_only_table(object_name: str, headers: Sequence[str]) -> QTableWidget:
    """A small table of a record's notes or reviews: no row numbers, no editing."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Iterable[str]]) -> None:
    """Show *rows* of text in a read-only table, columns fitted, the last one stretched."""
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            table.setItem(i, j, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def table_over_detail(view: QTableView, detail: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """The register's table above the chosen record's detail, one splitter between them."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(view)
    split.addWidget(detail)
    split.setSizes(list(sizes))
    return split


def count_label() -> QLabel:
    label = QLabel()
    label.setObjectName("muted")
    return label


def select_row(
    view: QTableView, model: ColumnTableModel[Any], key: Any, *, add: bool = False
) -> bool:
    """Select (or, with *add*, also select) the row of the record *key* and scroll to it."""
    row = model.row_of(key)
    if row is None:
        return False
    flags = QItemSelectionModel.SelectionFlag.Rows | (
        QItemSelectionModel.SelectionFlag.Select
        if add
        else QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    view.selectionModel().select(model.index(row, 0), flags)
    view.scrollTo(model.index(row, 0))
    return True
