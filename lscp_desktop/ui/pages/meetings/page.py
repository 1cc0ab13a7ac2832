"""Meetings: the year's plan per body, the list of meetings with filters, papers due, the
decisions register and attendance statistics; one meeting opens in a detail view.

The page is the controller: its filter bar, the tabs (each in a module of its own) and the
commands; the tabs other than the plan and the list are built the first time they are shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.meetings.meetings import list_meetings, save_meeting
from lscp_desktop.models.meetings.records import STATUSES, Meeting
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.body_records import Body
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.attendance_stats import AttendanceStatsTab
from lscp_desktop.ui.pages.meetings.decisions import DecisionsTab
from lscp_desktop.ui.pages.meetings.detail import MeetingDetail
from lscp_desktop.ui.pages.meetings.meeting_list import MeetingListTab
from lscp_desktop.ui.pages.meetings.papers_due import PapersDueTab
from lscp_desktop.ui.pages.meetings.year_plan import YearPlanTab
from lscp_desktop.ui.unsaved import UnsavedWork


class MeetingsPage(Page):
    title = "Meetings"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._meetings: list[Meeting] = []
        self._bodies: list[Body] = []
        #: Tabs to reload when next shown (only the visible tab is filled).
        self._stale: set[str] = {"list", "papers", "decisions", "attendance"}
        self._papers_due: PapersDueTab | None = None
        self._decisions: DecisionsTab | None = None
        self._attendance_stats: AttendanceStatsTab | None = None
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
        self.rotation_button = QPushButton("Chair rotation…")
        self.forward_plan_button = QPushButton("Forward plan…")
        self.invite_button = QPushButton("Email invitations…")
        self.invite_button.setToolTip(
            "The chosen body's meetings still to come in the chosen year, as calendar "
            "invitations to its members and those in attendance"
        )
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        for b in (
            self.new_button,
            self.generate_button,
            self.cadence_button,
            self.rotation_button,
            self.forward_plan_button,
            self.invite_button,
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
        for s in STATUSES:
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
        self.plan_tab = YearPlanTab()
        self.plan, self.plan_model = self.plan_tab.view, self.plan_tab.model
        self.tabs.addTab(self.plan_tab, "Year plan")
        self.list_tab = MeetingListTab()
        self.list, self.list_model, self.proxy = (self.list_tab.view, self.list_tab.model,
                                                  self.list_tab.proxy)  # fmt: skip
        self.count_label, self.open_button = self.list_tab.count_label, self.list_tab.open_button
        self.tabs.addTab(self.list_tab, "Meetings")

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
        tab = self._papers_due = PapersDueTab(self.ctx)
        self.due_model, self.due_days = tab.model, tab.days
        return tab

    def _build_decisions(self) -> QWidget:
        tab = self._decisions = DecisionsTab(self.ctx)
        tab.decision_opened.connect(self.on_decision_opened)
        self.decisions_model, self.decisions_proxy = tab.model, tab.proxy
        self.decisions_search = tab.search
        return tab

    def _build_attendance_stats(self) -> QWidget:
        tab = self._attendance_stats = AttendanceStatsTab(
            self.ctx, lambda: (self.body_filter.currentData(), self.body_filter.currentText())
        )
        self.org_stats_model, self.org_stats_proxy = tab.org_model, tab.org_proxy
        self.person_stats_model = tab.person_model
        self.stats_from, self.stats_to = tab.stats_from, tab.stats_to
        self.threshold, self.only_low = tab.threshold, tab.only_low
        return tab

    def _connect_signals(self) -> None:
        self.body_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.year_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.status_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.search.textChanged.connect(self.on_filter_changed)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.plan_tab.meeting_requested.connect(self.open_record)
        self.list_tab.meeting_requested.connect(self.open_record)
        self.new_button.clicked.connect(self.new_record)
        self.generate_button.clicked.connect(self.on_generate_clicked)
        self.cadence_button.clicked.connect(self.on_cadence_clicked)
        self.rotation_button.clicked.connect(self.on_rotation_clicked)
        self.forward_plan_button.clicked.connect(self.on_forward_plan_clicked)
        self.invite_button.clicked.connect(self.on_invite_clicked)

    # ---- loading and filters ----------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.store
        self._meetings = list_meetings(store)
        self._bodies = list_bodies(store)
        self._fill_filters()
        self._stale = {"list", "papers", "decisions", "attendance"}
        self.on_filter_changed()
        self.on_tab_changed(self.tabs.currentIndex())
        writable = not store.read_only
        for b in (self.new_button, self.generate_button, self.cadence_button, self.rotation_button):
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

        def keep(m: Meeting) -> bool:
            return (
                (body_id is None or m.body_id == body_id)
                and (status is None or m.status == status)
                and low <= m.date <= high
            )

        if "list" not in self._stale:
            self.list_tab.apply_filter(self.search.text(), keep)
        plan_year = year or FinancialYear.containing(dt.date.today())
        bodies = [(b.id, b.name) for b in self._bodies if body_id in (None, b.id)]
        words = self.search.text().lower().split()
        shown_meetings = [
            m for m in self._meetings
            if keep(m) and all(w in f"{m.body} {m.where} {m.status}".lower() for w in words)
        ]  # fmt: skip
        with_meetings = {m.body_id for m in shown_meetings}
        bodies = [b for b in bodies if b[0] in with_meetings or body_id == b[0]]
        self.plan_tab.show_plan(bodies, shown_meetings, plan_year)

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
        self.list_tab.set_meetings(self._meetings)
        self.on_filter_changed()

    def refresh_papers_due(self) -> None:
        assert self._papers_due is not None
        self._papers_due.refresh()

    def refresh_decisions(self) -> None:
        assert self._decisions is not None
        self._decisions.refresh()

    def refresh_attendance(self) -> None:
        assert self._attendance_stats is not None
        self._attendance_stats.refresh()

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

    def selected_meeting(self) -> Meeting | None:
        return self.list_tab.selected_meeting()

    def open_selected(self) -> None:
        self.list_tab.open_selected()

    def on_decision_opened(self, meeting_id: int) -> None:
        """A decision was double-clicked: its meeting, at the minutes and decisions."""
        self.open_record(meeting_id)
        self.detail.tabs.setCurrentIndex(3)

    def open_record(self, record_id: int) -> None:
        if self.detail.show_meeting(record_id):
            self.stack.setCurrentWidget(self.detail)

    def unsaved_work(self) -> list[UnsavedWork]:
        return [self._detail.minutes_tab] if self._detail is not None else []

    def show_overview(self) -> None:
        self.stack.setCurrentIndex(0)

    def on_detail_changed(self) -> None:
        self._meetings = list_meetings(self.ctx.store)
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
            from lscp_desktop.models.meetings.cadence import get_cadence

            c = get_cadence(store, body_id)
            defaults |= {"start_time": c.start_time, "venue": c.venue,
                         "online_link": c.online_link}  # fmt: skip
        new_id = RecordDialog.ask(
            self,
            "New meeting",
            forms.meeting_fields(store),
            defaults,
            lambda values: save_meeting(store, values),
            table="meetings",
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

    def on_invite_clicked(self) -> None:
        from lscp_desktop.models.correspondence.invitations import invitation_batch
        from lscp_desktop.ui.mail import draft_emails

        body_id = self._chosen_body("Invitations")
        if body_id is None:
            return
        year = (self.selected_year() or FinancialYear.containing(dt.date.today())).label
        draft_emails(
            self, self.ctx, f"Invitations for {year}",
            lambda store: invitation_batch(store, body_id=body_id, year=year),
        )  # fmt: skip

    def _chosen_body(self, title: str) -> int | None:
        """The body chosen in the filter bar, or None after asking the user to choose one."""
        body_id: int | None = self.body_filter.currentData()
        if body_id is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, title, "Choose a body in the Body filter first.")
        return body_id

    def on_cadence_clicked(self) -> None:
        body_id = self._chosen_body("How often a body meets")
        if body_id is not None and (said := forms.edit_cadence(self, self.ctx.store, body_id)):
            self.ctx.status(said)

    def on_rotation_clicked(self) -> None:
        body_id = self._chosen_body("Chair rotation")
        if body_id is not None and (said := forms.edit_chair_rotation(self, self.ctx.store,
                                                                      body_id)):  # fmt: skip
            self.ctx.status(said)

    def on_forward_plan_clicked(self) -> None:
        from lscp_desktop.ui.pages.meetings.forward_plan import ForwardPlanDialog

        ForwardPlanDialog(self, self.ctx, self.body_filter.currentData()).exec()

    def focus_search(self) -> None:
        self.stack.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()
