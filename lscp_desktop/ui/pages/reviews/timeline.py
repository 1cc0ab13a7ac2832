"""The review detail's Timeline tab: the milestones with their clocks, and the delays below."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reviews.milestones import MILESTONE_LABELS, Milestone
from lscp_desktop.models.reviews.records import Delay
from lscp_desktop.ui.column_widths import set_column_widths
from lscp_desktop.ui.pages.reviews.models import MilestoneTableModel
from lscp_desktop.ui.table import make_table_view

#: The milestone, its two dates and the clock; the last fills the room left.
_WIDTHS = (250, 84, 84, 230)


class TimelineTab(QWidget):
    """Shows one review's applicable milestones and the delays recorded against them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MilestoneTableModel()
        self.view = make_table_view(
            self.model, name="milestones", alternating=False, stretch_last=False
        )
        set_column_widths(self.view, _WIDTHS)
        self.delays_label = QLabel()
        self.delays_label.setObjectName("muted")
        self.delays_label.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.view, 1)
        col.addWidget(self.delays_label)

    def clear(self, today: dt.date) -> None:
        self.model.set_milestones([], today)
        self.delays_label.clear()

    def show_timeline(
        self, milestones: list[Milestone], delays: list[Delay], today: dt.date
    ) -> None:
        self.model.set_milestones(milestones, today)
        if self.view.isVisible():
            self.view.doItemsLayout()  # now, not on a timer after the first paint (a second)
        set_column_widths(self.view, _WIDTHS)
        self.delays_label.setText(
            "Delays: "
            + "; ".join(
                f"{MILESTONE_LABELS[d.milestone].lower()} — {d.reason}"
                + (f" (revised to {uk(d.revised_date)})" if d.revised_date else "")
                + f", recorded {uk(d.recorded_on)}"
                for d in delays
            )
            if delays
            else ""
        )
