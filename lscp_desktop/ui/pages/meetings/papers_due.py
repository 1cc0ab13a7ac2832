"""The meetings page's papers due: papers still to come in across all bodies, soonest first."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.papers import papers_due
from lscp_desktop.models.meetings.records import Paper
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS
from lscp_desktop.ui.pages.meetings.widgets import fill, table_view
from lscp_desktop.ui.table import Column, RecordTableModel


class PapersDueTab(QWidget):
    """Papers due in the next so many days, with the overdue ones marked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days = QSpinBox()
        self.days.setObjectName("dueDays")
        self.days.setRange(1, 365)
        self.days.setValue(14)
        self.days.setSuffix(" days")
        self.model: RecordTableModel[Paper] = RecordTableModel(
            [
                Column("Due", lambda p: uk(p.deadline), sort_key=lambda p: p.deadline),
                Column(
                    "Status",
                    lambda p: "overdue" if p.overdue else p.status,
                    background=lambda p: STATUS_COLOURS["cancelled"] if p.overdue else None,
                ),
                Column("Paper", lambda p: p.title, stretch=True),
                Column("Author", lambda p: p.author),
                Column("Meeting", lambda p: f"{uk(p.meeting_date)} {p.body}",
                       sort_key=lambda p: p.meeting_date),
            ]
        )  # fmt: skip
        self.view = table_view(self.model, "papersDue")
        self.label = QLabel()
        self.label.setObjectName("muted")
        self.days.valueChanged.connect(lambda _v: self.refresh())
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Papers still to come in, due in the next"))
        row.addWidget(self.days)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.label)

    def refresh(self) -> None:
        papers = papers_due(self.ctx.store, self.days.value())
        fill(self.view, self.model, papers)
        overdue = sum(1 for p in papers if p.overdue)
        self.label.setText(
            f"{len(papers)} paper(s) due across all bodies"
            + (f", {overdue} overdue" if overdue else "")
            + ". Deadlines are counted in working days before each meeting."
        )
