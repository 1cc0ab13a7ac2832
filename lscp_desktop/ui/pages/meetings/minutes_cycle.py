"""The bar above a meeting's minutes: where they are in their life cycle (a draft, sent to the
chair, approved and locked), the steps to take them on, and how items with nothing minuted
print. The rules are the model's (:mod:`lscp_desktop.models.meetings.minutes_cycle`)."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.minutes_cycle import (
    approval_meetings,
    approve_minutes,
    get_minutes,
    record_amendment,
    send_to_chair,
    set_unminuted_items,
)
from lscp_desktop.models.meetings.records import UNMINUTED_CHOICES, Meeting, MinutesRecord
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings.opened import FormRecord, kept_theirs, open_record
from lscp_desktop.ui.pages.meetings.widgets import done


class MinutesCycleBar(QWidget):
    """Status, "Sent to the chair…", "Approved at…", "Amendment…" and the Noted choice."""

    #: The minutes' life cycle changed (their status, or how unminuted items print).
    cycle_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: Meeting | None = None
        self.record: MinutesRecord | None = None
        self.status = QLabel()
        self.status.setObjectName("minutesStatus")
        self.status.setWordWrap(True)
        self.send_button = QPushButton("Sent to the chair…")
        self.approve_button = QPushButton("Approved at a meeting…")
        self.amend_button = QPushButton("Record an amendment…")
        self.unminuted = QComboBox()
        self.unminuted.setObjectName("unminutedItems")
        for key, label in UNMINUTED_CHOICES.items():
            self.unminuted.addItem(label, key)
        self.unminuted.setToolTip("How the minutes show an item with nothing minuted")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(QLabel("Items with nothing minuted:"))
        row.addWidget(self.unminuted)
        row.addStretch(1)
        for b in (self.send_button, self.approve_button, self.amend_button):
            row.addWidget(b)
        column.addLayout(row)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.send_button.clicked.connect(self.on_send_clicked)
        self.approve_button.clicked.connect(self.on_approve_clicked)
        self.amend_button.clicked.connect(self.on_amend_clicked)
        self.unminuted.activated.connect(self.on_unminuted_chosen)

    @property
    def locked(self) -> bool:
        return self.record is not None and self.record.locked

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.record = get_minutes(self.ctx.store, meeting.id) if meeting else None
        record = self.record
        taken_place = meeting is not None and (
            meeting.day <= dt.date.today() and meeting.status != "cancelled"
        )
        writable = not self.ctx.store.read_only
        if record is None:
            self.status.clear()
        elif record.locked:
            self.status.setText(f"{record.describe()}: corrections are recorded as amendments.")
            self.status.setStyleSheet("color: #1e6b34; font-weight: 600;")
        else:
            self.status.setText(f"{record.describe()}: the minutes print DRAFT.")
            self.status.setStyleSheet("color: #8a5300; font-weight: 600;")
        if record is not None:
            self.unminuted.setCurrentIndex(max(0, self.unminuted.findData(record.unminuted_items)))
        open_ = writable and taken_place and not self.locked
        self.send_button.setEnabled(open_)
        self.approve_button.setEnabled(open_)
        self.unminuted.setEnabled(writable and record is not None and not self.locked)
        self.amend_button.setEnabled(writable and self.locked)

    def _saved(self, message: str) -> None:
        self.ctx.status(message)
        self.show_meeting(self.meeting)
        self.cycle_changed.emit()

    def _opened(self) -> FormRecord | None:
        """The minutes record at the version this bar shows (None while none is saved)."""
        r = self.record
        if r is None:
            return None
        return open_record(self.ctx.store, "meeting_minutes", r.id, r.row_version)

    def _kept_theirs(self, opened: FormRecord | None) -> None:
        """A colleague's change was kept instead of saving: show it."""
        if kept_theirs(opened):
            self.show_meeting(self.meeting)
            self.cycle_changed.emit()

    def on_send_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store, opened = self.ctx.store, self._opened()
        saved = RecordDialog.ask(
            self, f"Minutes of {m.title}: sent to the chair",
            [Field("on", "Sent on", "date", optional=False)],
            {"on": dt.date.today().isoformat()},
            lambda v: done(send_to_chair, store, m.id, on=v["on"]),
            opened=opened,
        )  # fmt: skip
        if saved:
            self._saved("Minutes recorded as sent to the chair.")
        self._kept_theirs(opened)

    def on_approve_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        later = approval_meetings(store, m.id)
        if not later:
            QMessageBox.information(
                self, "Approve the minutes",
                f"Minutes are approved at a later meeting of the {m.body}; none has taken "
                "place since this one.",
            )  # fmt: skip
            return
        options = [(f"{uk(x.date)} {x.body}", x.id) for x in later]
        opened = self._opened()
        saved = RecordDialog.ask(
            self, f"Minutes of {m.title}: approved as an accurate record",
            [Field("at", "Approved at the meeting of", "ref", options=lambda: options,
                   optional=False)],
            {"at": later[0].id},
            lambda v: approve_minutes(store, m.id, int(v["at"])),
            opened=opened,
        )  # fmt: skip
        if saved is not None:
            self._saved("Minutes approved and locked; the decision is recorded on the "
                        "approving meeting's minutes item.")  # fmt: skip
        self._kept_theirs(opened)

    def on_amend_clicked(self) -> None:
        m = self.meeting
        if m is None or self.record is None:
            return
        store = self.ctx.store
        items = [(f"{i.position}. {i.title}", i.id) for i in list_items(store, m.id)]
        saved = RecordDialog.ask(
            self, f"Minutes of {m.title}: an amendment",
            [Field("text", "The correction agreed", "multiline", optional=False),
             Field("on", "Agreed on", "date", optional=False),
             Field("item", "Item it corrects", "ref", options=lambda: items)],
            {"on": dt.date.today().isoformat()},
            lambda v: record_amendment(store, m.id, v["text"], agreed_on=v["on"],
                                       item_id=v.get("item")),
        )  # fmt: skip
        if saved is not None:
            self._saved("Amendment recorded; it prints at the end of the minutes.")

    def on_unminuted_chosen(self, _index: int) -> None:
        m = self.meeting
        if m is None:
            return
        choice = str(self.unminuted.currentData())
        opened = self._opened()
        try:  # over the version shown only: a colleague's change since is shown instead
            with opened.saving() if opened is not None else contextlib.nullcontext():
                set_unminuted_items(self.ctx.store, m.id, choice)
        except LscpError as exc:
            QMessageBox.warning(self, "Minutes", str(exc))
            self.show_meeting(m)
            return
        self._saved("Items with nothing minuted are "
                    + ("marked Noted." if choice == "noted" else "left out."))  # fmt: skip
