"""Qt table models for the meetings page: the year plan grid and the reorderable agenda."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.records import AgendaItem, Meeting
from lscp_desktop.ui.table import Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
MONTH_NAMES = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
STATUS_COLOURS = {
    "held": QColor("#e3f1e6"),
    "confirmed": QColor("#dbe9fb"),
    "planned": QColor("#ffffff"),
    "postponed": QColor("#fff4ce"),
    "cancelled": QColor("#f9dedc"),
}
STATUS_MARKS = {"cancelled": " ✕", "postponed": " ?", "held": " ✓"}


class YearPlanTableModel(QAbstractTableModel):
    """Bodies down the side, the financial year's months across; each cell shows the days on
    which that body meets in that month."""

    def __init__(self) -> None:
        super().__init__()
        self._bodies: list[tuple[int, str]] = []
        self._cells: dict[tuple[int, int], list[Meeting]] = {}

    def set_plan(
        self, bodies: Sequence[tuple[int, str]], meetings: Sequence[Meeting], year: FinancialYear
    ) -> None:
        self.beginResetModel()
        rows = {body_id: i for i, (body_id, _) in enumerate(bodies)}
        self._bodies = list(bodies)
        self._cells = {}
        for m in meetings:
            if m.body_id not in rows or not (year.start <= m.day <= year.end):
                continue
            column = (m.day.month - 4) % 12 + 1
            self._cells.setdefault((rows[m.body_id], column), []).append(m)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._bodies)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 13

    def meetings_at(self, row: int, column: int) -> list[Meeting]:
        return list(self._cells.get((row, column), []))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._bodies)):
            return None
        row, column = index.row(), index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._bodies[row][1]
            return None
        found = self._cells.get((row, column), [])
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(f"{m.day.day}{STATUS_MARKS.get(m.status, '')}" for m in found)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and found:
            return QBrush(STATUS_COLOURS.get(found[0].status, QColor("#ffffff")))
        if role == Qt.ItemDataRole.ToolTipRole and found:
            return "\n".join(
                f"{m.day.strftime('%a')} {uk(m.date)} {m.start_time}: {m.status}"
                + (f" ({m.status_reason})" if m.status_reason else "")
                for m in found
            )
        if role == Qt.ItemDataRole.FontRole and any(m.status == "cancelled" for m in found):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Body"
        if 1 <= section <= 12:
            return MONTH_NAMES[section - 1]
        return None


AGENDA_MIME = "application/x-lscp-agenda-items"


class AgendaTableModel(RecordTableModel[AgendaItem]):
    """The agenda in order, with computed start times; rows can be dragged to a new place."""

    #: The user dragged items into a new order (every item id, in the new order).
    order_changed = Signal(list)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("#", lambda i: str(i.position), align_right=True),
                Column("Starts", lambda i: i.starts),
                Column(
                    "Item",
                    lambda i: (
                        i.title
                        + (" (proposed, not yet agreed with the chair)" if i.proposed else "")
                        + (" (carried forward)" if i.carried_from_id else "")
                    ),
                ),
                Column("Purpose", lambda i: i.purpose),
                Column("Presenter", lambda i: i.presenter),
                Column("Minutes", lambda i: str(i.minutes_allotted), align_right=True),
                Column("Paper", lambda i: "Yes" if i.paper_count else ""),
                Column("Standing", lambda i: "Standing item" if i.standing else ""),
            ]
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """An agenda keeps its own order."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(AGENDA_MIME, json.dumps([self.record(r).id for r in rows]).encode())
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(AGENDA_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Work out the new order and announce it; the page saves it and reloads. Returns
        False so the view does not also remove the dragged rows."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        moved = json.loads(bytes(data.data(AGENDA_MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        ids = [r.id for r in self.records()]
        before = [i for i in ids[:row] if i not in moved]
        after = [i for i in ids[row:] if i not in moved]
        order = before + [i for i in ids if i in moved] + after
        if order != ids:
            self.order_changed.emit(order)
        return False
