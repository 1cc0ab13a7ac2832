"""One meeting: its agenda, papers, attendance (with the quorum) and minutes and decisions, each
a tab of its own; this controller shows the meeting's heading and keeps the tabs in step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.meetings import (
    get_meeting,
    reschedule_meeting,
    save_meeting,
    set_meeting_status,
)
from lscp_desktop.models.meetings.records import AgendaItem, Meeting
from lscp_desktop.models.store.database import Row
from lscp_desktop.ui import unsaved
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.agenda import AgendaTab
from lscp_desktop.ui.pages.meetings.attendance import AttendanceTab
from lscp_desktop.ui.pages.meetings.minutes import MinutesTab
from lscp_desktop.ui.pages.meetings.opened import FormRecord, kept_theirs, open_record
from lscp_desktop.ui.pages.meetings.papers import PapersTab
from lscp_desktop.ui.pages.meetings.widgets import done
from lscp_desktop.ui.register_view import HistoryDialog


class MeetingDetail(QWidget):
    """Everything recorded about one meeting, in tabs."""

    #: The user wants to go back to the list of meetings.
    back_requested = Signal()
    #: Something about the meeting was saved (the list should refresh).
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self._build_ui()
        self._connect_signals()

    # ---- building ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.back_button = QPushButton("← All meetings")
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        self.edit_button = QPushButton("Edit…")
        self.reschedule_button = QPushButton("Reschedule…")
        self.cancel_button = QPushButton("Cancel meeting…")
        self.history_button = QPushButton("History…")
        self.invite_button = QPushButton("Email invitation…")
        self.invite_button.setToolTip(
            "A calendar invitation to the body's members and those in attendance; after a "
            "reschedule it updates their calendars, after a cancellation it removes the entry"
        )
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        for b in (self.edit_button, self.reschedule_button, self.cancel_button,
                  self.invite_button, self.history_button):  # fmt: skip
            top.addWidget(b)
        a = self.agenda_tab = AgendaTab(self.ctx)
        self.papers_tab = PapersTab(self.ctx, a.selected_item)
        t = self.attendance_tab = AttendanceTab(self.ctx, a.model.records)
        m = self.minutes_tab = MinutesTab(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(a, "Agenda")
        self.tabs.addTab(self.papers_tab, "Papers")
        self.tabs.addTab(t, "Attendance")
        self.tabs.addTab(m, "Minutes and decisions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        # The tabs' parts that the page and its tests reach through the detail.
        self.agenda, self.agenda_model, self.agenda_timing = a.view, a.model, a.timing
        self.add_item_button, self.standing_button = a.add_button, a.standing_button
        self.cover_button = a.cover_button
        self.attendance, self.attendance_model = t.view, t.model
        self.quorum_label, self.register_button = t.quorum_label, t.register_button
        self.present_button, self.apologies_button = t.present_button, t.apologies_button
        self.absent_button, self.deputy_button = t.absent_button, t.deputy_button
        self.minutes_items, self.item_actions_model = m.items, m.actions_model
        self.raise_action_button = m.raise_action_button

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.reschedule_button.clicked.connect(self.on_reschedule_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.history_button.clicked.connect(self.on_history_clicked)
        self.invite_button.clicked.connect(self.on_invite_clicked)
        for tab in (self.agenda_tab, self.papers_tab, self.attendance_tab, self.minutes_tab):
            tab.changed.connect(self.changed)
        self.agenda_tab.items_changed.connect(self.reload_minutes)
        self.papers_tab.papers_changed.connect(lambda: self.agenda_tab.reload())

    # ---- loading ----------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> bool:
        """Show another meeting, once minutes typed on this one are saved or discarded;
        False when the user chose to stay."""
        other = self.meeting is not None and self.meeting.id != meeting_id
        if other and not unsaved.settle(self, [self.minutes_tab], "opening another meeting"):
            return False
        self.meeting = get_meeting(self.ctx.store, meeting_id)
        self.minutes_tab.current_item = None
        self.reload()
        return True

    def reload(self) -> None:
        if self.meeting is None:
            return
        store = self.ctx.store
        m = self.meeting = get_meeting(store, self.meeting.id)
        self.title.setText(f"{m.body} — {m.day.strftime('%A')} {uk(m.date)}")
        where = m.where or "venue to be confirmed"
        status = m.status + (f": {m.status_reason}" if m.status_reason else "")
        self.subtitle.setText(
            f"{m.start_time}–{m.end_time} · {where} · Status: {status}"
            + (f" · moved {m.changes} time(s)" if m.changes else "")
        )
        self.cancel_button.setText("Reinstate…" if m.status == "cancelled" else "Cancel meeting…")
        for tab in (self.agenda_tab, self.papers_tab, self.attendance_tab, self.minutes_tab):
            tab.meeting = m
        self.agenda_tab.reload()
        self.papers_tab.reload()
        self.attendance_tab.reload()
        self.reload_minutes()
        writable = not store.read_only
        for b in (self.edit_button, self.reschedule_button, self.cancel_button, self.cover_button):
            b.setEnabled(writable)

    def reload_minutes(self) -> None:
        """The minutes follow the agenda's items."""
        self.minutes_tab.reload(self.agenda_model.records())

    def selected_item(self) -> AgendaItem | None:
        return self.agenda_tab.selected_item()

    @property
    def _minutes_item(self) -> int | None:
        """The agenda item whose minutes are shown."""
        return self.minutes_tab.current_item

    def _saved(self) -> None:
        self.changed.emit()

    def _opened(self, m: Meeting, *, as_form: bool = False) -> FormRecord | None:
        """The meeting as its forms edit it: at the version this page shows, so a save over a
        colleague's change since (in the form or before it opened) is refused and asked about."""
        store = self.ctx.store

        def shown(_row: Row) -> dict[str, Any]:  # with the end time made from the length
            return forms.meeting_values(get_meeting(store, m.id))

        return open_record(store, "meetings", m.id, m.row_version, shown if as_form else None)

    def _after(self, saved: object, opened: FormRecord | None) -> bool:
        """Show the meeting again after a save, or after a colleague's version was kept (as
        this returns False: nothing of the user's was saved)."""
        if saved or kept_theirs(opened):
            self.reload()
            self._saved()
        return bool(saved)

    # ---- meeting ------------------------------------------------------------------------------

    def on_edit_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        opened = self._opened(m, as_form=True)
        saved = RecordDialog.ask(
            self,
            f"Edit meeting: {m.title}",
            forms.meeting_fields(store),
            forms.meeting_values(m),
            lambda values: save_meeting(store, values, m.id),
            table="meetings",
            opened=opened,
        )
        self._after(saved is not None, opened)

    def on_reschedule_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        opened = self._opened(m)
        saved = RecordDialog.ask(
            self,
            f"Reschedule: {m.title}",
            [
                Field("date", "New date", "date", optional=False),
                Field("start_time", "Starts", optional=False),
                Field("reason", "Why it is moving", optional=False),
            ],
            {"date": m.date, "start_time": m.start_time},
            lambda v: done(
                reschedule_meeting,
                store,
                m.id,
                date=v["date"],
                start_time=v["start_time"],
                reason=v["reason"],
            ),
            table="meeting_changes",
            opened=opened,
        )
        if self._after(saved, opened):
            self._offer_invitation("The meeting has moved. Draft the updated invitation now?")

    def on_cancel_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        reinstate = m.status == "cancelled"
        opened = self._opened(m)
        saved = RecordDialog.ask(
            self,
            ("Reinstate: " if reinstate else "Cancel: ") + m.title,
            [Field("reason", "Reason", optional=reinstate, column="status_reason")]
            if not reinstate
            else [Field("status", "Status", "choice", choices=("planned", "confirmed"))],
            {},
            lambda v: done(
                set_meeting_status,
                store,
                m.id,
                v.get("status", "planned") if reinstate else "cancelled",
                v.get("reason", ""),
            ),
            table="meetings",
            opened=opened,
        )
        if self._after(saved, opened) and not reinstate:
            self._offer_invitation(
                "Draft the cancellation, which removes the meeting from the invitees' calendars?"
            )

    def _offer_invitation(self, question: str) -> None:
        answer = QMessageBox.question(self, "Invitation", question)
        if answer == QMessageBox.StandardButton.Yes:
            self.on_invite_clicked()

    def on_invite_clicked(self) -> None:
        from lscp_desktop.models.correspondence.invitations import invitation_batch
        from lscp_desktop.ui.mail import draft_emails

        m = self.meeting
        if m is None:
            return
        draft_emails(
            self, self.ctx, "Invitation", lambda store: invitation_batch(store, meeting_ids=[m.id])
        )

    def on_history_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        entries = self.ctx.store.history("meetings", m.id)
        HistoryDialog(self, m.title, entries).exec()
