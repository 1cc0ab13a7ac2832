"""The settings census as a grid: kinds of setting down, local authorities across, one
financial year at a time; a count is typed into its cell (empty removes it) and each change is
saved through the model and can be undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.assurance.census import (
    UNCHECKED,
    census_table,
    census_years,
    copy_year,
    list_census,
    set_count,
)
from lscp_desktop.models.assurance.records import CensusTable
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ConflictError, LscpError
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.conflict import KEEP_THEIRS, OVERWRITE, ConflictDialog
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.undo import AddCommand, DeleteCommand, EditCommand

Index = QModelIndex | QPersistentModelIndex
#: Saves one cell: (kind, local authority, text typed); raises LscpError with what to fix.
CellSaver = Callable[[str, str, str], None]


class CensusGridModel(QAbstractTableModel):
    """One year's census: rows are kinds of setting, columns the local authorities and, with
    several, a total. Cells of an authority are editable; the total is worked out."""

    def __init__(self, save: CellSaver) -> None:
        super().__init__()
        self._save = save
        self.table = CensusTable("", [], [])

    def set_table(self, table: CensusTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def _has_total(self) -> bool:
        return len(self.table.local_authorities) > 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.kinds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.table.local_authorities) + int(self._has_total())

    def cell(self, index: Index) -> tuple[str, str | None]:
        """(kind, local authority) of a cell; the authority is None for the total."""
        kind = self.table.kinds[index.row()]
        las = self.table.local_authorities
        return kind, las[index.column()] if index.column() < len(las) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, la = self.cell(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.table.total(kind) if la is None else self.table.count(kind, la)
            if la is None and not any((kind, a) in self.table.counts
                                      for a in self.table.local_authorities):  # fmt: skip
                return ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and la is not None:
            return self.table.notes.get((kind, la), "")
        if role == Qt.ItemDataRole.FontRole and la is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            kinds = self.table.kinds
            return kinds[section][:1].upper() + kinds[section][1:] if section < len(kinds) else None
        las = self.table.local_authorities
        return las[section] if section < len(las) else "Total"

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.cell(index)[1] is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        kind, la = self.cell(index)
        if la is None:
            return False
        try:
            self._save(kind, la, str(value).strip())
        except LscpError as exc:
            QMessageBox.warning(None, "Cannot save the count", str(exc))
            return False
        return True


class CensusTab(QWidget):
    """The census for a chosen year, edited in place."""

    #: A count was added, changed or removed.
    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.year = QComboBox()
        self.year.setObjectName("censusYear")
        self.copy_button = QPushButton("Copy last year's counts")
        self.note_button = QPushButton("Note…")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Financial year"))
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.note_button)
        bar.addWidget(self.copy_button)
        self.model = CensusGridModel(self.save_cell)
        self.view = QTableView()
        self.view.setObjectName("census")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setDefaultSectionSize(150)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hint = QLabel(
            "Type a number into a cell (empty it to remove the count); Note… adds a remark such "
            "as '7 main centres'. The yearly report's education section uses the year's census, "
            "or the latest before it."
        )
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.copy_button.clicked.connect(self.copy_last_year)
        self.note_button.clicked.connect(self.edit_note)

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.year.currentData()
        years = set(census_years(self.ctx.store))
        this_year = FinancialYear.containing(dt.date.today())
        years |= {this_year.label, this_year.next().label}
        self.year.blockSignals(True)
        self.year.clear()
        for label in sorted(years, reverse=True):
            self.year.addItem(label, label)
        index = self.year.findData(current or this_year.label)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self.show_year()

    def show_year(self) -> None:
        label = self.year.currentData()
        if label:
            self.model.set_table(census_table(self.ctx.store, str(label)))
        writable = not self.ctx.store.read_only
        self.copy_button.setEnabled(writable)
        self.note_button.setEnabled(writable)
        self.view.setEditTriggers(
            self.view.editTriggers() if writable else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    # ---- editing ---------------------------------------------------------------------------

    def save_cell(
        self, kind: str, la: str, text: str, note: str | None = None, *, overwrite: bool = False
    ) -> None:
        """Save one count (or note) and put the change on the undo stack; a count typed over a
        colleague's change since the grid was shown asks first (:mod:`lscp_desktop.ui.conflict`),
        and *overwrite* saves it over theirs."""
        store, year = self.ctx.store, str(self.year.currentData())
        before = _entry(self.model.table, kind, la, store)
        # A count typed in the grid is saved over the count the grid showed only.
        shown = self.model.table.count(kind, la) if note is None and not overwrite else UNCHECKED
        try:
            entry_id = set_count(store, year=year, local_authority=la, kind=kind,
                                 count=text, note=note, shown=shown)  # fmt: skip
        except ConflictError as refused:
            if shown is UNCHECKED:
                raise  # the note form's: it asks
            choice = ConflictDialog.ask(self, refused)
            if choice == OVERWRITE:
                self.save_cell(kind, la, text, overwrite=True)
            elif choice == KEEP_THEIRS:
                self.show_year()  # their count, in the grid
            return
        if before is None and entry_id is not None:
            self.ctx.undo_stack.push(AddCommand(store, "settings_census", entry_id, "Add count"))
        elif before is not None and entry_id is None:
            self.ctx.undo_stack.push(DeleteCommand(store, "settings_census", before,
                                                   "Remove count"))  # fmt: skip
        elif before is not None and entry_id is not None:
            after = store.require("settings_census", entry_id)
            old = {k: v for k, v in before.items() if after.get(k) != v}
            if old:
                new = {k: after[k] for k in old}
                self.ctx.undo_stack.push(
                    EditCommand(store, "settings_census", entry_id, old, new, "Change count")
                )
        self.show_year()
        self.changed.emit()

    def copy_last_year(self) -> None:
        label = str(self.year.currentData())
        earlier = [y for y in census_years(self.ctx.store) if y < label]
        if not earlier:
            QMessageBox.information(self, "Copy last year's counts",
                                    f"There is no census before {label} to copy.")  # fmt: skip
            return
        copied = copy_year(self.ctx.store, earlier[-1], label)
        self.show_year()
        self.changed.emit()
        QMessageBox.information(
            self, "Copy last year's counts",
            f"{copied} counts copied from {earlier[-1]}; check each against this year's list.",
        )  # fmt: skip

    def edit_note(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        kind, la = self.model.cell(index)
        if la is None:
            return
        store = self.ctx.store
        row = _entry(self.model.table, kind, la, store)
        if row is None:
            QMessageBox.information(self, "Note", "Enter the count first, then its note.")
            return
        # Its note and version read together: saved over that version only.
        opened = OpenedRecord.open(store, "settings_census", int(row["id"]), row.get("row_version"))

        def save(values: dict[str, Any]) -> bool:
            count = store.require("settings_census", int(row["id"]))["count"]
            self.save_cell(kind, la, str(count), str(values["note"]))
            return True

        RecordDialog.ask(
            self,
            f"Note: {kind}, {la}",
            [Field("note", "Note", placeholder="e.g. 7 main centres")],
            {"note": row["note"] or ""},
            save,
            table="settings_census",
            opened=opened,
        )
        if opened is not None and opened.reloaded:
            self.show_year()  # a colleague's changes were kept: show them


def _entry(table: CensusTable, kind: str, la: str, store: Store) -> Row | None:
    """The stored row of one cell, if it holds a count (what undo puts back)."""
    for e in list_census(store, table.year):
        if e.kind == kind and e.local_authority == la:
            return store.require("settings_census", e.id)
    return None
