"""A meeting's attendance tab: the register with the quorum worked out live, deputies, one-off
attendees, guests and declarations of interest."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings.records import AgendaItem
from lscp_desktop.models.membership.memberships import registered_deputy
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS
from lscp_desktop.ui.pages.meetings.opened import kept_theirs, open_record
from lscp_desktop.ui.pages.meetings.widgets import (
    MeetingTab,
    button_row,
    done,
    fill,
    selected_rows,
    table_view,
)
from lscp_desktop.ui.table import Column, RecordTableModel

ATTENDANCE_COLOURS = {
    "present": STATUS_COLOURS["held"],
    "represented": STATUS_COLOURS["confirmed"],
    "apologies": STATUS_COLOURS["postponed"],
    "absent": STATUS_COLOURS["cancelled"],
}


class AttendanceTab(MeetingTab):
    """Who came, who sent a deputy or apologies, and whether the meeting was quorate."""

    def __init__(
        self,
        ctx: AppContext,
        agenda_items: Callable[[], list[AgendaItem]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._agenda_items = agenda_items
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorum")
        self.quorum_label.setWordWrap(True)
        self.model: RecordTableModel[at.Attendee] = RecordTableModel(
            [
                Column("Name", lambda a: a.name),
                Column("Organisation", lambda a: a.organisation, stretch=True),
                Column("Role", lambda a: a.role),
                Column(
                    "Attendance",
                    lambda a: a.status,
                    background=lambda a: ATTENDANCE_COLOURS.get(a.status),
                ),
                Column("Represented by", lambda a: a.deputy),
            ]
        )
        self.view = table_view(self.model, "attendance")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.register_button = QPushButton("Add the body's members")
        self.present_button = QPushButton("&Present")
        self.apologies_button = QPushButton("&Apologies")
        self.absent_button = QPushButton("A&bsent")
        self.deputy_button = QPushButton("&Represented by…")
        self.attendee_button = QPushButton("Add attendee…")
        self.attendee_button.setToolTip(
            "Someone in the directory who is not a member of this body, e.g. co-opted for this "
            "meeting: they count towards the quorum."
        )
        self.guest_button = QPushButton("Add guest…")
        self.remove_button = QPushButton("Remove")
        self.declarations_model: RecordTableModel[at.Declaration] = RecordTableModel(
            [
                Column("Person", lambda d: d.person),
                Column("Agenda item", lambda d: d.item or "(whole meeting)"),
                Column("Interest declared", lambda d: d.interest, stretch=True),
            ]
        )
        self.declarations = table_view(self.declarations_model, "declarations")
        self.declare_button = QPushButton("Declare an interest…")
        self.remove_declaration_button = QPushButton("Remove")
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addLayout(
            button_row(self.register_button, self.present_button, self.apologies_button,
                       self.absent_button, self.deputy_button, self.attendee_button,
                       self.guest_button, self.remove_button)
        )  # fmt: skip
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel("Declarations of interest")
        label.setObjectName("sectionTitle")
        lower_layout.addWidget(label)
        lower_layout.addWidget(self.declarations, 1)
        lower_layout.addLayout(button_row(self.declare_button, self.remove_declaration_button))
        splitter.addWidget(lower)
        splitter.setSizes([380, 160])
        layout.addWidget(splitter, 1)

    def _connect_signals(self) -> None:
        self.register_button.clicked.connect(self.on_register_clicked)
        self.present_button.clicked.connect(lambda: self.mark_selected("present"))
        self.apologies_button.clicked.connect(lambda: self.mark_selected("apologies"))
        self.absent_button.clicked.connect(lambda: self.mark_selected("absent"))
        self.deputy_button.clicked.connect(self.on_deputy_clicked)
        self.attendee_button.clicked.connect(self.on_attendee_clicked)
        self.guest_button.clicked.connect(self.on_guest_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.declare_button.clicked.connect(self.on_declare_clicked)
        self.remove_declaration_button.clicked.connect(self.on_remove_declaration_clicked)

    def reload(self) -> None:
        assert self.meeting is not None
        store = self.ctx.store
        fill(self.view, self.model, at.list_attendance(store, self.meeting.id))
        fill(self.declarations, self.declarations_model,
             at.list_declarations(store, self.meeting.id))  # fmt: skip
        self.update_quorum()
        cancelled = self.meeting.status == "cancelled"
        for b in (self.register_button, self.present_button, self.apologies_button,
                  self.absent_button, self.deputy_button, self.attendee_button,
                  self.guest_button, self.declare_button):  # fmt: skip
            b.setEnabled(not cancelled and not store.read_only)
        # Before the day only apologies can be recorded (the model refuses the rest).
        ahead = self.meeting.day > dt.date.today()
        for b in (self.present_button, self.absent_button, self.deputy_button):
            b.setEnabled(b.isEnabled() and not ahead)
            b.setToolTip(f"From {uk(self.meeting.date)}, the day of the meeting" if ahead else "")

    def update_quorum(self) -> None:
        assert self.meeting is not None
        if self.meeting.status == "cancelled":
            self.quorum_label.setStyleSheet("color: #5f6b7a;")
            self.quorum_label.setText("This meeting was cancelled; no attendance is recorded.")
            return
        quorum = at.quorum_for(self.ctx.store, self.meeting, self.model.records())
        colour = "#1e6b34" if quorum.met else "#a4262c"
        if not quorum.recorded:
            colour = "#5f6b7a"
        self.quorum_label.setStyleSheet(f"color: {colour}; font-weight: 600; font-size: 11pt;")
        counts = {s: 0 for s in at.ATTENDANCE_STATUSES}
        for a in self.model.records():
            if not a.guest:
                counts[a.status] += 1
        guests = sum(1 for a in self.model.records() if a.guest)
        unknown = counts[at.NOT_RECORDED]
        if not quorum.recorded:
            self.quorum_label.setText(
                f"No attendance recorded yet: {unknown} on the register, each 'not recorded'."
                if unknown
                else quorum.describe()
            )
            return
        self.quorum_label.setText(
            quorum.describe()
            + f"   ({counts['present']} present, {counts['represented']} represented, "
            f"{counts['apologies']} apologies, {counts['absent']} absent, {guests} guest(s)"
            + (f"; {unknown} not recorded yet" if unknown else "")
            + ")"
        )

    def selected_attendees(self) -> list[at.Attendee]:
        return [self.model.record(r) for r in selected_rows(self.view)]

    def on_register_clicked(self) -> None:
        meeting_id = self.meeting_id
        added = self.try_(
            "Cannot add members", lambda: at.prepare_register(self.ctx.store, meeting_id)
        )
        if added is not None:
            self.ctx.status(f"Added {added} member(s) to the register.")
            self.reload()

    def _refresh_attendee(self, attendance_id: int) -> None:
        for a in at.list_attendance(self.ctx.store, self.meeting_id):
            if a.id == attendance_id:
                self.model.upsert(a)
        self.update_quorum()

    def mark_selected(self, status: str) -> None:
        """Mark each one chosen, over the entry shown only: one a colleague changed since is
        refused (the message says what they changed) and shown as they left it."""
        store = self.ctx.store
        for a in self.selected_attendees():
            if a.guest:
                continue
            opened = open_record(store, "attendance", a.id, a.row_version)

            def mark(attendance_id: int = a.id, opened: OpenedRecord | None = opened) -> bool:
                with opened.saving() if opened is not None else contextlib.nullcontext():
                    return done(at.set_attendance, store, attendance_id, status)

            marked = self.try_("Cannot record attendance", mark)
            self._refresh_attendee(a.id)
            if not marked:
                break

    def on_deputy_clicked(self) -> None:
        chosen = [a for a in self.selected_attendees() if not a.guest]
        if len(chosen) != 1:
            QMessageBox.information(self, "Represented by", "Select one member first.")
            return
        member = chosen[0]
        store, meeting = self.ctx.store, self.meeting
        assert meeting is not None and member.person_id is not None
        colleagues = [
            (p.name, p.id)
            for p in list_people(store, active_only=True)
            if p.organisation_id == member.organisation_id and p.id != member.person_id
        ]
        # The deputy already recorded, else the one registered for the member on this body.
        named = member.deputy_id or registered_deputy(
            store, meeting.body_id, member.person_id, meeting.date
        )
        opened = open_record(store, "attendance", member.id, member.row_version)
        saved = RecordDialog.ask(
            self,
            f"Who represented {member.name}?",
            [Field("deputy_id", f"Deputy from {member.organisation}", "ref",
                   options=lambda: colleagues, optional=False)],
            {"deputy_id": named},
            lambda v: done(
                at.set_attendance, store, member.id, "represented", deputy_id=v["deputy_id"]
            ),
            opened=opened,
        )  # fmt: skip
        if saved or kept_theirs(opened):
            self._refresh_attendee(member.id)

    def on_attendee_clicked(self) -> None:
        store, meeting_id = self.ctx.store, self.meeting_id
        registered = {a.person_id for a in self.model.records()}
        people = [
            (f"{p.name} ({p.organisation})" if p.organisation else p.name, p.id)
            for p in list_people(store, active_only=True)
            if p.id not in registered
        ]
        saved = RecordDialog.ask(
            self,
            "Add an attendee",
            [Field("person_id", "Person", "ref", options=lambda: people, optional=False),
             Field("role", "Attending as", "choice", choices=at.ATTENDING_AS)],
            {"role": "co-opted"},
            lambda v: at.add_attendee(store, meeting_id, v["person_id"], v["role"]),
        )  # fmt: skip
        if saved is not None:
            self.reload()

    def on_guest_clicked(self) -> None:
        store, meeting_id = self.ctx.store, self.meeting_id
        saved = RecordDialog.ask(
            self,
            "Add a guest",
            [Field("name", "Name", optional=False, column="guest_name"),
             Field("organisation", "Organisation", column="guest_organisation")],
            {},
            lambda v: at.add_guest(store, meeting_id, v["name"], v["organisation"]),
            table="attendance",
        )  # fmt: skip
        if saved is not None:
            self.reload()

    def on_remove_clicked(self) -> None:
        chosen = self.selected_attendees()
        if not chosen:
            return
        for a in chosen:
            self.try_("Cannot remove", partial(at.remove_attendee, self.ctx.store, a.id))
        self.reload()

    def on_declare_clicked(self) -> None:
        store, meeting_id = self.ctx.store, self.meeting_id
        people = [(a.name, a.person_id) for a in self.model.records() if a.person_id]
        items = [(f"{i.position}. {i.title}", i.id) for i in self._agenda_items()]
        selected = self.selected_attendees()
        saved = RecordDialog.ask(
            self,
            "Declaration of interest",
            [
                Field("person_id", "Who", "ref", options=lambda: people, optional=False),
                Field("item_id", "Agenda item", "ref", options=lambda: items),
                Field("interest", "Interest", optional=False),
            ],
            {"person_id": selected[0].person_id if selected else None},
            lambda v: at.add_declaration(
                store, meeting_id, v["person_id"], v["interest"], v["item_id"]
            ),
            table="declarations",
        )
        if saved is not None:
            self.reload()

    def on_remove_declaration_clicked(self) -> None:
        rows = selected_rows(self.declarations)
        if rows:
            declaration = self.declarations_model.record(rows[0])
            self.try_(
                "Cannot remove", lambda: at.remove_declaration(self.ctx.store, declaration.id)
            )
            self.reload()
