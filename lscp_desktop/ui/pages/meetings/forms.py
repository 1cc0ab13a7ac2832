"""Form fields for the meetings page's dialogs, and the schedule generator dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.meetings import cadence as cd
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.cadence import PURPOSES
from lscp_desktop.models.meetings.chair_rotation import chair_on, get_rotation, save_rotation
from lscp_desktop.models.meetings.records import PAPER_STATUSES, STATUSES, Meeting
from lscp_desktop.models.meetings.schedule import ProposedMeeting, generate_schedule, plan_schedule
from lscp_desktop.models.membership.bodies import get_body, list_bodies
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings.opened import open_record, outcome
from lscp_desktop.ui.table import Column, RecordTableModel


def body_options(store: Store) -> list[tuple[str, Any]]:
    return [(b.name, b.id) for b in list_bodies(store, active_only=True)]


def people_options(store: Store) -> list[tuple[str, Any]]:
    return [
        (f"{p.name} ({p.organisation})" if p.organisation else p.name, p.id)
        for p in list_people(store, active_only=True)
    ]


def meeting_fields(store: Store) -> list[Field]:
    return [
        Field("body_id", "Body", "ref", options=lambda: body_options(store), optional=False),
        Field("date", "Date", "date", optional=False),
        Field("start_time", "Starts", placeholder="10:00", optional=False),
        Field("end_time", "Ends", placeholder="12:00", optional=False),
        Field("venue", "Venue"),
        Field("online_link", "Online meeting link", placeholder="https://teams…"),
        Field("status", "Status", "choice", choices=STATUSES),
        Field("status_reason", "Reason (if cancelled or postponed)"),
        Field("change_reason", "Why the date or time changed (if it did)"),
        Field("notes", "Notes", "multiline"),
    ]


def meeting_values(m: Meeting) -> dict[str, Any]:
    return vars(m) | {"end_time": m.end_time}


def cadence_fields() -> list[Field]:
    return [
        Field("frequency", "How often", "choice", choices=tuple(cd.FREQUENCIES)),
        Field("interval_months", "Months apart (for 'every N months')", placeholder="2"),
        Field("anchor_month", "One meeting falls in", "choice", choices=cd.MONTHS),
        Field("week", "Week", "choice", choices=tuple(cd.WEEKS.values())),
        Field("weekday", "Day", "choice", choices=cd.WEEKDAYS[:5]),
        Field("day_of_month", "Day of month (for 'day of month')", placeholder="15"),
        Field("start_time", "Starts", placeholder="10:00"),
        Field("duration_minutes", "Length (minutes)", placeholder="120"),
        Field("venue", "Venue"),
        Field("online_link", "Online meeting link"),
        Field("paper_deadline_days", "Papers due (working days before)", placeholder="default"),
        Field("circulation_days", "Papers circulated (working days before)", placeholder="default"),
        Field("quorum_min", "Quorum: members present", placeholder="0"),
        Field(
            "quorum_each_partner",
            "Quorum: each safeguarding partner present (statutory, and any the arrangement adds)",
            "check",
        ),
        Field(
            "standing_items",
            "Standing items (Title | minutes | purpose; '---' then closing items)",
            "multiline",
        ),
    ]


def cadence_values(c: cd.Cadence) -> dict[str, Any]:
    values = vars(c) | {
        "anchor_month": cd.MONTHS[c.anchor_month - 1],
        "week": cd.WEEKS[c.week],
        "weekday": cd.WEEKDAYS[c.weekday],
        "paper_deadline_days": c.paper_deadline_days or "",
        "circulation_days": c.circulation_days or "",
        "quorum_each_partner": bool(c.quorum_each_partner),
    }
    return values


def item_fields(store: Store) -> list[Field]:
    return [
        Field("title", "Title", optional=False),
        Field("purpose", "Purpose", "choice", choices=PURPOSES),
        Field("presenter_id", "Presenter", "ref", options=lambda: people_options(store)),
        Field("minutes_allotted", "Minutes allotted", placeholder="10", optional=False),
        Field("proposed", "Proposed (not yet agreed with the chair)", "check"),
    ]


def paper_fields(store: Store, meeting_id: int) -> list[Field]:
    return [
        Field("title", "Title", optional=False),
        Field(
            "agenda_item_id",
            "For agenda item",
            "ref",
            options=lambda: [
                (f"{i.position}. {i.title}", i.id) for i in list_items(store, meeting_id)
            ],
        ),
        Field("author_id", "Author", "ref", options=lambda: people_options(store)),
        Field("status", "Status", "choice", choices=PAPER_STATUSES),
        Field("received_date", "Received on", "date"),
        Field(
            "members_only",
            "For members only (left out of the pack sent to virtual members, observers and "
            "advisers)",
            "check",
        ),
        Field("notes", "Notes", "multiline"),
    ]


def chair_rotation_fields(store: Store) -> list[Field]:
    partners = [(o.name, o.id) for o in list_organisations(store, active_only=True)]
    return [
        Field("every_months", "Each chair serves (months)", placeholder="12", optional=False),
        Field("start_date", "The first turn begins", "date", optional=False),
        *(
            Field(f"partner_{n}", f"{label} partner to chair", "ref", options=lambda: partners,
                  optional=n > 2)
            for n, label in ((1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"))
        ),
    ]  # fmt: skip


def rotation_values(store: Store, body_id: int) -> dict[str, Any]:
    """The body's chair rotation as its form shows it (each partner slot, blank ones too)."""
    current = get_rotation(store, body_id)
    if current is None:
        return {"every_months": 12, "start_date": dt.date.today()}
    partners = [t.organisation_id for t in current.turns]
    return {"every_months": current.every_months, "start_date": current.start_date} | {
        f"partner_{n}": partners[n - 1] if n <= len(partners) else None for n in range(1, 5)
    }


def edit_chair_rotation(parent: QWidget, store: Store, body_id: int) -> str:
    """Set a body's chair to rotate among partners every N months (the schedule then names
    who chairs each meeting, and Home gives a month's notice of each handover); a rotation
    changed is saved over the version shown only. What happened, for the status bar."""
    body = get_body(store, body_id)
    current = get_rotation(store, body_id)
    values = rotation_values(store, body_id)
    opened = None if current is None else open_record(
        store, "chair_rotations", current.id, current.row_version,
        lambda _row: rotation_values(store, body_id),
    )  # fmt: skip

    def save(chosen: dict[str, Any]) -> int:
        turns = [(int(chosen[k]), None) for k in sorted(chosen) if k.startswith("partner_")
                 and chosen[k]]  # fmt: skip
        return save_rotation(
            store,
            body_id,
            every_months=chosen.get("every_months"),
            start_date=chosen.get("start_date"),
            turns=turns,
        )

    saved = RecordDialog.ask(
        parent,
        f"Rotate the chair of {body.name}",
        chair_rotation_fields(store),
        values,
        save,
        table="chair_rotations",
        opened=opened,
    )
    return outcome(saved, opened, "Chair rotation")


def edit_cadence(parent: QWidget, store: Store, body_id: int) -> str:
    """The body's cadence in a form, saved over the version shown only; what happened, for
    the status bar ("" when cancelled)."""
    body = get_body(store, body_id)
    cadence = cd.get_cadence(store, body_id)
    opened = open_record(store, "meeting_cadences", cadence.id, cadence.row_version,
                         lambda _row: cadence_values(cd.get_cadence(store, body_id)))  # fmt: skip
    saved = RecordDialog.ask(
        parent,
        f"How often {body.name} meets",
        cadence_fields(),
        cadence_values(cadence),
        lambda values: cd.save_cadence(store, values | {"body_id": body_id}),
        table="meeting_cadences",
        opened=opened,
    )
    return outcome(saved, opened, "Cadence")


class ScheduleDialog(QDialog):
    """Choose a body and a year, see every date the cadence gives and why any moved, then
    create the ones not already in the schedule."""

    def __init__(self, parent: QWidget | None, store: Store, body_id: int | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Generate a year's meetings")
        self.resize(760, 460)
        self.body = QComboBox()
        self.body.setObjectName("body")
        for label, value in body_options(store):
            self.body.addItem(label, value)
        if body_id is not None:
            self.body.setCurrentIndex(max(0, self.body.findData(body_id)))
        self.year = QComboBox()
        self.year.setObjectName("year")
        current = FinancialYear.containing(dt.date.today())
        for fy in (FinancialYear(current.start_year + i) for i in range(-1, 3)):
            self.year.addItem(fy.label, fy.label)
        self.year.setCurrentIndex(1)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.cadence_button = QPushButton("Change how often it meets…")
        self._chairs: dict[dt.date, str] = {}
        self.model: RecordTableModel[ProposedMeeting] = RecordTableModel(
            [
                Column("Rule gives", lambda p: f"{p.rule_date.strftime('%a')} {uk(p.rule_date)}"),
                Column("Meeting on", lambda p: f"{p.date.strftime('%a')} {uk(p.date)}"),
                Column("Note", lambda p: p.note, stretch=True),
                Column("Chair", lambda p: self._chairs.get(p.date, "")),
            ],
            key=lambda p: p.rule_date,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.create_button = self.buttons.addButton(
            "Create meetings", QDialogButtonBox.ButtonRole.ApplyRole
        )
        form = QFormLayout()
        form.addRow("Body", self.body)
        form.addRow("Financial year", self.year)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule, 1)
        rule_row.addWidget(self.cadence_button)
        form.addRow("Cadence", rule_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.created: list[int] = []
        self._connect_signals()
        self.on_choice_changed()

    def _connect_signals(self) -> None:
        self.body.currentIndexChanged.connect(self.on_choice_changed)
        self.year.currentIndexChanged.connect(self.on_choice_changed)
        self.cadence_button.clicked.connect(self.on_cadence_clicked)
        self.create_button.clicked.connect(self.on_create_clicked)
        self.buttons.rejected.connect(self.reject)

    def on_choice_changed(self, _index: int = 0) -> None:
        body_id = self.body.currentData()
        if body_id is None:
            return
        self.rule.setText(cd.get_cadence(self.store, body_id).describe())
        try:
            result = plan_schedule(self.store, body_id, self.year.currentData())
        except LscpError as exc:
            self.model.set_records([])
            self.message.setStyleSheet("color: #a4262c; font-weight: 600;")
            self.message.setText(str(exc))
            self.create_button.setEnabled(False)
            return
        self._chairs = {}
        for p in result.proposed:
            chair = chair_on(self.store, body_id, p.date)
            self._chairs[p.date] = chair.describe() if chair else ""
        self.model.set_records(result.proposed)
        fit_columns(self.table)
        self.table.resizeRowsToContents()
        new, moved = len(result.new), sum(1 for p in result.new if p.moved)
        self.message.setStyleSheet("")
        self.message.setText(
            f"{new} new meeting(s) to create"
            + (f", {moved} moved off a weekend or bank holiday" if moved else "")
            + f"; {len(result.proposed) - new} already in the schedule."
        )
        self.create_button.setText(f"Create {new} meeting{'s' if new != 1 else ''}")
        self.create_button.setEnabled(new > 0 and not self.store.read_only)

    def on_cadence_clicked(self) -> None:
        body_id = self.body.currentData()
        if body_id is not None and edit_cadence(self, self.store, body_id):
            self.on_choice_changed()

    def on_create_clicked(self) -> None:
        try:
            result = generate_schedule(self.store, self.body.currentData(), self.year.currentData())
        except LscpError as exc:
            self.message.setText(str(exc))
            return
        self.created += result.created_ids
        self.on_choice_changed()
        self.message.setText(
            f"Created {len(result.created_ids)} meeting(s). " + self.message.text()
        )
