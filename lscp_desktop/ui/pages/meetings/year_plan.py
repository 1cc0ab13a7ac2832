"""The meetings page's year plan: one row per body, one column per month, the days it meets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.ui.pages.meetings.models import YearPlanTableModel
from lscp_desktop.ui.pages.meetings.widgets import table_view


class YearPlanTab(QWidget):
    """The plan of the chosen year; double-clicking a day opens its meeting."""

    #: The user double-clicked a day: open that meeting.
    meeting_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sized = False
        self.model = YearPlanTableModel()
        self.view = table_view(self.model, "yearPlan")
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(False)
        self.view.setShowGrid(True)
        self.view.horizontalHeader().setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        legend = QLabel(
            "Each cell shows the days of the month a body meets. ✓ held · ✕ cancelled · "
            "? postponed. Double-click a day to open the meeting."
        )
        legend.setObjectName("muted")
        layout.addWidget(legend)
        self.view.doubleClicked.connect(self.on_double_clicked)

    def show_plan(
        self, bodies: list[tuple[int, str]], meetings: Sequence[Meeting], year: FinancialYear
    ) -> None:
        self.model.set_plan(bodies, meetings, year)
        if not self._sized:
            self._sized = True
            header = self.view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            for column in range(1, 13):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def on_double_clicked(self, index: Any) -> None:
        found = self.model.meetings_at(index.row(), index.column())
        if found:
            self.meeting_requested.emit(found[0].id)
