"""The meetings page's attendance statistics: how often each organisation and person attended
over a period, and the organisations under the follow-up threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.attendance_stats import (
    AttendanceStat,
    attendance_by_organisation,
    attendance_by_person,
)
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS
from lscp_desktop.ui.pages.meetings.widgets import table_view
from lscp_desktop.ui.table import Column, RecordFilterProxy, RecordTableModel

LOW_ATTENDANCE = STATUS_COLOURS["cancelled"]


def _stat_columns(first: str, threshold: Callable[[], int]) -> list[Column[AttendanceStat]]:
    def low(s: AttendanceStat) -> QColor | None:
        return LOW_ATTENDANCE if s.rate_percent < threshold() else None

    return [
        Column(first, lambda s: s.name, stretch=True),
        Column("Attended", lambda s: f"{s.rate_percent}%", sort_key=lambda s: s.rate,
               align_right=True, background=low),
        Column("Expected", lambda s: str(s.expected), sort_key=lambda s: s.expected,
               align_right=True),
        Column("Present", lambda s: str(s.present), sort_key=lambda s: s.present,
               align_right=True),
        Column("Deputy", lambda s: str(s.represented), sort_key=lambda s: s.represented,
               align_right=True),
        Column("Apologies", lambda s: str(s.apologies), sort_key=lambda s: s.apologies,
               align_right=True),
        Column("Absent", lambda s: str(s.absent), sort_key=lambda s: s.absent, align_right=True),
    ]  # fmt: skip


class AttendanceStatsTab(QWidget):
    """Attendance by organisation and by person, for the body chosen in the page's filter."""

    def __init__(
        self,
        ctx: AppContext,
        body: Callable[[], tuple[int | None, str]],
        parent: QWidget | None = None,
    ) -> None:
        """*body* gives the body chosen on the page (its id, None for all, and its name)."""
        super().__init__(parent)
        self.ctx = ctx
        self._body = body
        today = dt.date.today()
        fy = FinancialYear.containing(today)
        self.stats_from = QDateEdit(QDate(fy.start.year, fy.start.month, fy.start.day))
        self.stats_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.stats_from, self.stats_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.threshold = QSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(1, 100)
        self.threshold.setValue(75)
        self.threshold.setSuffix("%")
        self.only_low = QCheckBox("Only organisations under the threshold (follow-up list)")
        self.only_low.setObjectName("onlyLow")
        self.org_model: RecordTableModel[AttendanceStat] = RecordTableModel(
            _stat_columns("Organisation", self.threshold.value), key=lambda s: s.key
        )
        self.person_model: RecordTableModel[AttendanceStat] = RecordTableModel(
            [
                *_stat_columns("Person", self.threshold.value),
                Column("Organisation", lambda s: s.organisation),
            ],
            key=lambda s: s.key,
        )
        self.org_proxy = RecordFilterProxy(self.org_model)
        self.org_view = table_view(self.org_proxy, "organisationStats")
        self.person_view = table_view(self.person_model, "personStats")
        # Lowest attendance first: the follow-up list reads from the top.
        self.org_view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.person_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for view in (self.org_view, self.person_view):
            view.setSortingEnabled(True)
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.stats_from.dateChanged.connect(lambda _d: self.refresh())
        self.stats_to.dateChanged.connect(lambda _d: self.refresh())
        self.threshold.valueChanged.connect(lambda _v: self.refresh())
        self.only_low.toggled.connect(lambda _c: self.refresh())
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for label, widget in (("From", self.stats_from), ("to", self.stats_to),
                              ("Follow up under", self.threshold)):  # fmt: skip
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.only_low)
        row.addStretch(1)
        layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(self.org_view)
        splitter.addWidget(self.person_view)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        start: dt.date = self.stats_from.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.stats_to.date().toPython()  # type: ignore[assignment]
        body_id, body_name = self._body()
        try:
            orgs = attendance_by_organisation(self.ctx.store, start, end, body_id=body_id)
            people = attendance_by_person(self.ctx.store, start, end, body_id=body_id)
        except Exception as exc:  # a date range the wrong way round
            self.note.setText(str(exc))
            return
        threshold = self.threshold.value()
        self.org_model.set_records(orgs)
        self.person_model.set_records(people)
        self.org_proxy.set_predicate(
            (lambda s: s.rate_percent < threshold) if self.only_low.isChecked() else None
        )
        fit_columns(self.org_view)
        fit_columns(self.person_view)
        low = sum(1 for s in orgs if s.rate_percent < threshold)
        scope = body_name if body_id else "all bodies"
        self.note.setText(
            f"{uk(start)} to {uk(end)}, {scope}: {low} organisation(s) under {threshold}%. "
            "Cancelled and postponed meetings are left out; a deputy's attendance counts for "
            "the member they represent."
        )
