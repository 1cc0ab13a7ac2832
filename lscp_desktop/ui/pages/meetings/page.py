"""Meetings: the year's plan per body, the list of meetings with filters, papers due, the
decisions register and attendance statistics; one meeting opens in a detail view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import attendance as at
from lscp_desktop.models import meetings as mt
from lscp_desktop.models import membership
from lscp_desktop.models.dates import FinancialYear, uk
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.detail import MeetingDetail
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS, YearPlanTableModel
from lscp_desktop.ui.pages.meetings.widgets import table_view as _table
from lscp_desktop.ui.table import Column, RecordFilterProxy, RecordTableModel, selected_record

LOW_ATTENDANCE = STATUS_COLOURS["cancelled"]
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Widths of the meetings list's columns (sizing to contents costs ~0.5 s on 600 rows).
_LIST_WIDTHS = (88, 44, 96, 300, 250, 190, 50, 56)


def _meeting_columns() -> list[Column[mt.Meeting]]:
    return [
        Column("Date", lambda m: m.uk_date, sort_key=lambda m: (m.date, m.start_time)),
        Column("Day", lambda m: _DAYS[m.day.weekday()]),
        Column("Time", lambda m: f"{m.start_time}–{m.end_time}"),
        Column("Body", lambda m: m.body),
        Column("Where", lambda m: m.where),
        Column(
            "Status",
            lambda m: m.status + (f" ({m.status_reason})" if m.status_reason else ""),
            background=lambda m: STATUS_COLOURS.get(m.status),
        ),
        Column("Items", lambda m: str(m.item_count), sort_key=lambda m: m.item_count,
               align_right=True),
        Column("Papers", lambda m: str(m.paper_count), sort_key=lambda m: m.paper_count,
               align_right=True),
    ]  # fmt: skip


def _stat_columns(first: str, threshold: Callable[[], int]) -> list[Column[at.AttendanceStat]]:
    def low(s: at.AttendanceStat) -> QColor | None:
        return LOW_ATTENDANCE if s.rate_percent < threshold() else None

    return [
        Column(first, lambda s: s.name),
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


class MeetingsPage(Page):
    title = "Meetings"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._meetings: list[mt.Meeting] = []
        self._bodies: list[membership.Body] = []
        #: Tabs to reload when next shown (only the visible tab is filled).
        self._stale: set[str] = {"list", "papers", "decisions", "attendance"}
        self._build_ui()
        self._connect_signals()

    # ---- building ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.stack = QStackedWidget()
        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Meetings")
        heading.setObjectName("pageTitle")
        self.generate_button = QPushButton("Generate a year's meetings…")
        self.new_button = QPushButton("New meeting…")
        self.cadence_button = QPushButton("How often the body meets…")
        self.forward_plan_button = QPushButton("Forward plan…")
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        for b in (
            self.new_button,
            self.generate_button,
            self.cadence_button,
            self.forward_plan_button,
        ):
            title_row.addWidget(b)
        layout.addLayout(title_row)

        self.body_filter = QComboBox()
        self.body_filter.setObjectName("bodyFilter")
        self.body_filter.setMinimumWidth(280)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Any status", None)
        for s in mt.STATUSES:
            self.status_filter.addItem(s.capitalize(), s)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search meetings…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        for label, widget in (("Body", self.body_filter), ("Year", self.year_filter),
                              ("Status", self.status_filter)):  # fmt: skip
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)

        self.tabs = QTabWidget()
        self.plan_model = YearPlanTableModel()
        self.plan = _table(self.plan_model, "yearPlan")
        self.plan.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.plan.setAlternatingRowColors(False)
        self.plan.setShowGrid(True)
        self.plan.horizontalHeader().setStretchLastSection(False)
        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.addWidget(self.plan, 1)
        legend = QLabel(
            "Each cell shows the days of the month a body meets. ✓ held · ✕ cancelled · "
            "? postponed. Double-click a day to open the meeting."
        )
        legend.setObjectName("muted")
        plan_layout.addWidget(legend)
        self.tabs.addTab(plan_page, "Year plan")

        self.list_model: RecordTableModel[mt.Meeting] = RecordTableModel(_meeting_columns())
        self.proxy = RecordFilterProxy(self.list_model)
        self.list = _table(self.proxy, "meetings")
        self.list.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.list.setSortingEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.open_button = QPushButton("Open meeting")
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_button)
        list_layout.addLayout(bottom)
        self.tabs.addTab(list_page, "Meetings")

        # The other tabs are built the first time they are shown, to open the page quickly.
        self._lazy_tabs: dict[int, tuple[QWidget, Callable[[], QWidget]]] = {}
        for title, build in (("Papers due", self._build_papers_due),
                             ("Decisions register", self._build_decisions),
                             ("Attendance", self._build_attendance_stats)):  # fmt: skip
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._lazy_tabs[self.tabs.addTab(holder, title)] = (holder, build)
        layout.addWidget(self.tabs, 1)

        self._detail: MeetingDetail | None = None
        self.stack.addWidget(overview)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 10)
        outer.addWidget(self.stack)

    def _build_papers_due(self) -> QWidget:
        self.due_days = QSpinBox()
        self.due_days.setObjectName("dueDays")
        self.due_days.setRange(1, 365)
        self.due_days.setValue(14)
        self.due_days.setSuffix(" days")
        self.due_model: RecordTableModel[mt.Paper] = RecordTableModel(
            [
                Column("Due", lambda p: uk(p.deadline), sort_key=lambda p: p.deadline),
                Column(
                    "Status",
                    lambda p: "overdue" if p.overdue else p.status,
                    background=lambda p: LOW_ATTENDANCE if p.overdue else None,
                ),
                Column("Paper", lambda p: p.title),
                Column("Author", lambda p: p.author),
                Column("Meeting", lambda p: f"{uk(p.meeting_date)} {p.body}",
                       sort_key=lambda p: p.meeting_date),
            ]
        )  # fmt: skip
        self.due = _table(self.due_model, "papersDue")
        self.due_label = QLabel()
        self.due_label.setObjectName("muted")
        self.due_days.valueChanged.connect(lambda _v: self.refresh_papers_due())
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel("Papers still to come in, due in the next"))
        row.addWidget(self.due_days)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.due, 1)
        layout.addWidget(self.due_label)
        return page

    def _build_decisions(self) -> QWidget:
        self.decisions_search = QLineEdit()
        self.decisions_search.setObjectName("decisionsSearch")
        self.decisions_search.setPlaceholderText("Search decisions across all bodies…")
        self.decisions_search.setClearButtonEnabled(True)
        self.decisions_model: RecordTableModel[mt.Decision] = RecordTableModel(
            [
                Column("Date", lambda d: uk(d.date), sort_key=lambda d: d.date),
                Column("Body", lambda d: d.body),
                Column("Item", lambda d: d.item),
                Column("Decision", lambda d: d.decision),
            ],
            key=lambda d: (d.item_id, d.decision),
        )
        self.decisions_proxy = RecordFilterProxy(self.decisions_model)
        self.decisions = _table(self.decisions_proxy, "decisions")
        self.decisions.setSortingEnabled(True)
        self.decisions.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.decisions_count = QLabel()
        self.decisions_count.setObjectName("muted")
        self.decisions_search.textChanged.connect(self.on_decisions_search_changed)
        self.decisions.doubleClicked.connect(self.on_decision_double_clicked)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.decisions_search)
        layout.addWidget(self.decisions, 1)
        layout.addWidget(self.decisions_count)
        return page

    def _build_attendance_stats(self) -> QWidget:
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
        self.org_stats_model: RecordTableModel[at.AttendanceStat] = RecordTableModel(
            _stat_columns("Organisation", self.threshold.value), key=lambda s: s.key
        )
        self.person_stats_model: RecordTableModel[at.AttendanceStat] = RecordTableModel(
            [
                *_stat_columns("Person", self.threshold.value),
                Column("Organisation", lambda s: s.organisation),
            ],
            key=lambda s: s.key,
        )
        self.org_stats_proxy = RecordFilterProxy(self.org_stats_model)
        self.org_stats = _table(self.org_stats_proxy, "organisationStats")
        self.person_stats = _table(self.person_stats_model, "personStats")
        # Lowest attendance first: the follow-up list reads from the top.
        self.org_stats.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.person_stats.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for view in (self.org_stats, self.person_stats):
            view.setSortingEnabled(True)
        self.stats_note = QLabel()
        self.stats_note.setObjectName("muted")
        self.stats_note.setWordWrap(True)
        self.stats_from.dateChanged.connect(lambda _d: self.refresh_attendance())
        self.stats_to.dateChanged.connect(lambda _d: self.refresh_attendance())
        self.threshold.valueChanged.connect(lambda _v: self.refresh_attendance())
        self.only_low.toggled.connect(lambda _c: self.refresh_attendance())
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        for label, widget in (("From", self.stats_from), ("to", self.stats_to),
                              ("Follow up under", self.threshold)):  # fmt: skip
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.only_low)
        row.addStretch(1)
        layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(self.org_stats)
        splitter.addWidget(self.person_stats)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.stats_note)
        return page

    def _connect_signals(self) -> None:
        self.body_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.year_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.status_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.search.textChanged.connect(self.on_filter_changed)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.plan.doubleClicked.connect(self.on_plan_double_clicked)
        self.list.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.new_button.clicked.connect(self.new_record)
        self.generate_button.clicked.connect(self.on_generate_clicked)
        self.cadence_button.clicked.connect(self.on_cadence_clicked)
        self.forward_plan_button.clicked.connect(self.on_forward_plan_clicked)

    # ---- loading and filters ----------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        self._meetings = mt.list_meetings(store)
        self._bodies = membership.list_bodies(store)
        self._fill_filters()
        self._stale = {"list", "papers", "decisions", "attendance"}
        self.on_filter_changed()
        self.on_tab_changed(self.tabs.currentIndex())
        writable = not store.read_only
        for b in (self.new_button, self.generate_button, self.cadence_button):
            b.setEnabled(writable)
        if self._detail is not None and self.stack.currentWidget() is self._detail:
            self._detail.reload()

    def _fill_filters(self) -> None:
        body = self.body_filter.currentData()
        year = self.year_filter.currentData()
        for combo in (self.body_filter, self.year_filter):
            combo.blockSignals(True)
        self.body_filter.clear()
        self.body_filter.addItem("All bodies", None)
        for b in self._bodies:
            self.body_filter.addItem(b.name + ("" if b.active else " (ended)"), b.id)
        self.body_filter.setCurrentIndex(max(0, self.body_filter.findData(body)))
        self.year_filter.clear()
        self.year_filter.addItem("All years", None)
        years = sorted({FinancialYear.containing(m.day) for m in self._meetings}, reverse=True)
        current = FinancialYear.containing(dt.date.today())
        if current not in years:
            years.insert(0, current)
        for fy in years:
            self.year_filter.addItem(fy.label, fy.label)
        index = self.year_filter.findData(year or current.label)
        self.year_filter.setCurrentIndex(max(0, index))
        for combo in (self.body_filter, self.year_filter):
            combo.blockSignals(False)

    def selected_year(self) -> FinancialYear | None:
        label = self.year_filter.currentData()
        return FinancialYear.parse(label) if label else None

    def on_filter_changed(self, *_args: object) -> None:
        body_id = self.body_filter.currentData()
        year = self.selected_year()
        status = self.status_filter.currentData()
        low, high = (year.start.isoformat(), year.end.isoformat()) if year else ("", "9999")

        def keep(m: mt.Meeting) -> bool:
            return (
                (body_id is None or m.body_id == body_id)
                and (status is None or m.status == status)
                and low <= m.date <= high
            )

        if "list" not in self._stale:
            self.proxy.set_search(self.search.text())
            self.proxy.set_predicate(keep)
            shown, total = self.proxy.rowCount(), self.list_model.rowCount()
            self.count_label.setText(f"{shown} of {total} meetings shown")
        plan_year = year or FinancialYear.containing(dt.date.today())
        bodies = [(b.id, b.name) for b in self._bodies if body_id in (None, b.id)]
        words = self.search.text().lower().split()
        shown_meetings = [
            m for m in self._meetings
            if keep(m) and all(w in f"{m.body} {m.where} {m.status}".lower() for w in words)
        ]  # fmt: skip
        with_meetings = {m.body_id for m in shown_meetings}
        bodies = [b for b in bodies if b[0] in with_meetings or body_id == b[0]]
        self.plan_model.set_plan(bodies, shown_meetings, plan_year)
        if not hasattr(self, "_plan_sized"):
            self._plan_sized = True
            header = self.plan.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            for column in range(1, 13):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def on_tab_changed(self, index: int) -> None:
        if index in self._lazy_tabs:
            holder, build = self._lazy_tabs.pop(index)
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(build())
        key = {1: "list", 2: "papers", 3: "decisions", 4: "attendance"}.get(index)
        if key and key in self._stale:
            self._stale.discard(key)
            {"list": self.refresh_list, "papers": self.refresh_papers_due,
             "decisions": self.refresh_decisions,
             "attendance": self.refresh_attendance}[key]()  # fmt: skip

    def refresh_list(self) -> None:
        self.list_model.set_records(self._meetings)
        for column, width in enumerate(_LIST_WIDTHS):
            self.list.setColumnWidth(column, width)
        self.on_filter_changed()

    def refresh_papers_due(self) -> None:
        papers = mt.papers_due(self.ctx.store, self.due_days.value())
        self.due_model.set_records(papers)
        self.due.resizeColumnsToContents()
        overdue = sum(1 for p in papers if p.overdue)
        self.due_label.setText(
            f"{len(papers)} paper(s) due across all bodies"
            + (f", {overdue} overdue" if overdue else "")
            + ". Deadlines are counted in working days before each meeting."
        )

    def refresh_decisions(self) -> None:
        self.decisions_model.set_records(mt.list_decisions(self.ctx.store))
        self.decisions.resizeColumnsToContents()
        self.decisions.setColumnWidth(2, min(self.decisions.columnWidth(2), 320))
        self.on_decisions_search_changed(self.decisions_search.text())

    def on_decisions_search_changed(self, text: str) -> None:
        self.decisions_proxy.set_search(text)
        self.decisions_count.setText(
            f"{self.decisions_proxy.rowCount()} of {self.decisions_model.rowCount()} decisions"
        )

    def refresh_attendance(self) -> None:
        start: dt.date = self.stats_from.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.stats_to.date().toPython()  # type: ignore[assignment]
        body_id = self.body_filter.currentData()
        try:
            orgs = at.attendance_by_organisation(self.ctx.store, start, end, body_id=body_id)
            people = at.attendance_by_person(self.ctx.store, start, end, body_id=body_id)
        except Exception as exc:  # a date range the wrong way round
            self.stats_note.setText(str(exc))
            return
        threshold = self.threshold.value()
        self.org_stats_model.set_records(orgs)
        self.person_stats_model.set_records(people)
        self.org_stats_proxy.set_predicate(
            (lambda s: s.rate_percent < threshold) if self.only_low.isChecked() else None
        )
        self.org_stats.resizeColumnsToContents()
        self.person_stats.resizeColumnsToContents()
        low = sum(1 for s in orgs if s.rate_percent < threshold)
        scope = self.body_filter.currentText() if body_id else "all bodies"
        self.stats_note.setText(
            f"{uk(start)} to {uk(end)}, {scope}: {low} organisation(s) under {threshold}%. "
            "Cancelled and postponed meetings are left out; a deputy's attendance counts for "
            "the member they represent."
        )

    # ---- opening meetings -------------------------------------------------------------------

    @property
    def detail(self) -> MeetingDetail:
        """One meeting's view, built the first time a meeting is opened."""
        if self._detail is None:
            self._detail = MeetingDetail(self.ctx)
            self._detail.back_requested.connect(self.show_overview)
            self._detail.changed.connect(self.on_detail_changed)
            self.stack.addWidget(self._detail)
        return self._detail

    def selected_meeting(self) -> mt.Meeting | None:
        record: mt.Meeting | None = selected_record(self.list)
        return record

    def open_selected(self) -> None:
        m = self.selected_meeting()
        if m is not None:
            self.open_record(m.id)

    def on_plan_double_clicked(self, index: Any) -> None:
        found = self.plan_model.meetings_at(index.row(), index.column())
        if found:
            self.open_record(found[0].id)

    def on_decision_double_clicked(self, index: Any) -> None:
        decision: mt.Decision = self.decisions_proxy.record_at(index.row())
        self.open_record(decision.meeting_id)
        self.detail.tabs.setCurrentIndex(3)

    def open_record(self, record_id: int) -> None:
        self.detail.show_meeting(record_id)
        self.stack.setCurrentWidget(self.detail)

    def show_overview(self) -> None:
        self.stack.setCurrentIndex(0)

    def on_detail_changed(self) -> None:
        self._meetings = mt.list_meetings(self.ctx.store)
        self._stale = {"list", "papers", "decisions", "attendance"}
        self.on_filter_changed()
        self.data_changed.emit()

    # ---- commands ----------------------------------------------------------------------------

    def new_record(self) -> None:
        store = self.ctx.store
        body_id = self.body_filter.currentData()
        defaults: dict[str, Any] = {"status": "planned", "start_time": "10:00",
                                    "end_time": "12:00", "body_id": body_id}  # fmt: skip
        if body_id is not None:
            from lscp_desktop.models.cadence import get_cadence

            c = get_cadence(store, body_id)
            defaults |= {"start_time": c.start_time, "venue": c.venue,
                         "online_link": c.online_link}  # fmt: skip
        new_id = RecordDialog.ask(
            self,
            "New meeting",
            forms.meeting_fields(store),
            defaults,
            lambda values: mt.save_meeting(store, values),
        )
        if new_id is not None:
            self.on_detail_changed()
            self.open_record(new_id)

    def on_generate_clicked(self) -> None:
        dialog = forms.ScheduleDialog(self, self.ctx.store, self.body_filter.currentData())
        dialog.exec()
        if dialog.created:
            self.ctx.status(f"Created {len(dialog.created)} meeting(s).")
            self.refresh()

    def on_cadence_clicked(self) -> None:
        body_id = self.body_filter.currentData()
        if body_id is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self, "How often a body meets", "Choose a body in the Body filter first."
            )
            return
        if forms.edit_cadence(self, self.ctx.store, body_id):
            self.ctx.status("Cadence saved.")

    def on_forward_plan_clicked(self) -> None:
        from lscp_desktop.ui.pages.meetings.forward_plan import ForwardPlanDialog

        ForwardPlanDialog(self, self.ctx, self.body_filter.currentData()).exec()

    def focus_search(self) -> None:
        self.stack.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()
