"""The meetings page's decisions register: every decision minuted by every body, searchable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.minutes import list_decisions
from lscp_desktop.models.meetings.records import Decision
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.meetings.widgets import fill, table_view
from lscp_desktop.ui.table import Column, RecordFilterProxy, RecordTableModel


class DecisionsTab(QWidget):
    """The decisions, newest first; double-clicking one opens its meeting's minutes."""

    #: The user double-clicked a decision: open this meeting at its minutes.
    decision_opened = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit()
        self.search.setObjectName("decisionsSearch")
        self.search.setPlaceholderText("Search decisions across all bodies…")
        self.search.setClearButtonEnabled(True)
        self.model: RecordTableModel[Decision] = RecordTableModel(
            [
                Column("Date", lambda d: uk(d.date), sort_key=lambda d: d.date),
                Column("Body", lambda d: d.body),
                Column("Item", lambda d: d.item),
                Column("Decision", lambda d: d.decision, stretch=True),
            ],
            key=lambda d: (d.item_id, d.decision),
        )
        self.proxy = RecordFilterProxy(self.model)
        self.view = table_view(self.proxy, "decisions")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.count = QLabel()
        self.count.setObjectName("muted")
        self.search.textChanged.connect(self.on_search_changed)
        self.view.doubleClicked.connect(self.on_double_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

    def refresh(self) -> None:
        fill(self.view, self.model, list_decisions(self.ctx.store))
        self.view.setColumnWidth(2, min(self.view.columnWidth(2), 320))
        self.on_search_changed(self.search.text())

    def on_search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} decisions")

    def on_double_clicked(self, index: Any) -> None:
        decision: Decision = self.proxy.record_at(index.row())
        self.decision_opened.emit(decision.meeting_id)
