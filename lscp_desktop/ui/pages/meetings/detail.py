"""One meeting: its agenda, papers, attendance (with the quorum) and minutes and decisions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import actions as act
from lscp_desktop.models import attendance as at
from lscp_desktop.models import meetings as mt
from lscp_desktop.models import membership
from lscp_desktop.models.dates import uk
from lscp_desktop.models.errors import LscpError
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS, AgendaTableModel
from lscp_desktop.ui.register_view import HistoryDialog
from lscp_desktop.ui.table import Column, RecordTableModel, make_table_view

ATTENDANCE_COLOURS = {
    "present": STATUS_COLOURS["held"],
    "represented": STATUS_COLOURS["confirmed"],
    "apologies": STATUS_COLOURS["postponed"],
    "absent": STATUS_COLOURS["cancelled"],
}


def _table(model: Any, name: str) -> QTableView:
    return make_table_view(
        model, name=name, selection=QAbstractItemView.SelectionMode.ExtendedSelection
    )


def _selected_rows(view: QTableView) -> list[int]:
    selection = view.selectionModel()
    return sorted(i.row() for i in selection.selectedRows()) if selection else []


def _done(fn: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Call a model function that returns nothing, and say it succeeded."""
    fn(*args, **kwargs)
    return True


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class MeetingDetail(QWidget):
    """Everything recorded about one meeting, in tabs."""

    #: The user wants to go back to the list of meetings.
    back_requested = Signal()
    #: Something about the meeting was saved (the list should refresh).
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: mt.Meeting | None = None
        self._minutes_item: int | None = None
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
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        for b in (self.edit_button, self.reschedule_button, self.cancel_button,
                  self.history_button):  # fmt: skip
            top.addWidget(b)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_agenda(), "Agenda")
        self.tabs.addTab(self._build_papers(), "Papers")
        self.tabs.addTab(self._build_attendance(), "Attendance")
        self.tabs.addTab(self._build_minutes(), "Minutes and decisions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)

    def _build_agenda(self) -> QWidget:
        self.agenda_model = AgendaTableModel()
        self.agenda = _table(self.agenda_model, "agenda")
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.horizontalHeader().setStretchLastSection(False)
        self.agenda.setDragEnabled(True)
        self.agenda.setAcceptDrops(True)
        self.agenda.setDropIndicatorShown(True)
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_timing = QLabel()
        self.agenda_timing.setObjectName("agendaTiming")
        self.agenda_timing.setWordWrap(True)
        self.add_item_button = QPushButton("Add item…")
        self.edit_item_button = QPushButton("Edit…")
        self.remove_item_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Ctrl+Down")
        self.standing_button = QPushButton("Add standing and forward plan items")
        self.carry_button = QPushButton("Carry forward to next meeting")
        self.cover_button = QPushButton("Cover sheet…")
        self.cover_button.setToolTip("Author, summary, recommendations, risks and the voice of "
                                     "the child, for the board pack")  # fmt: skip
        self.move_up_action = QAction("Move item up", self.agenda)
        self.move_up_action.setShortcut(QKeySequence("Ctrl+Up"))
        self.move_up_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.move_down_action = QAction("Move item down", self.agenda)
        self.move_down_action.setShortcut(QKeySequence("Ctrl+Down"))
        self.move_down_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.agenda.addAction(self.move_up_action)
        self.agenda.addAction(self.move_down_action)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(
            _buttons(self.add_item_button, self.edit_item_button, self.remove_item_button,
                     self.up_button, self.down_button, self.standing_button, self.carry_button,
                     self.cover_button)
        )  # fmt: skip
        layout.addWidget(self.agenda, 1)
        layout.addWidget(self.agenda_timing)
        hint = QLabel("Drag items to reorder them, or select one and press Ctrl+Up / Ctrl+Down.")
        hint.setObjectName("muted")
        layout.addWidget(hint)
        return page

    def _build_papers(self) -> QWidget:
        self.papers_model: RecordTableModel[mt.Paper] = RecordTableModel(
            [
                Column("Paper", lambda p: p.title),
                Column("Agenda item", lambda p: p.item),
                Column("Author", lambda p: p.author),
                Column("Due", lambda p: uk(p.deadline), sort_key=lambda p: p.deadline),
                Column(
                    "Status",
                    lambda p: "overdue" if p.overdue else p.status,
                    background=lambda p: STATUS_COLOURS["cancelled"] if p.overdue else None,
                ),
                Column("Received", lambda p: uk(p.received_date)),
                Column("File", lambda p: p.file_name),
            ]
        )
        self.papers = _table(self.papers_model, "papers")
        self.add_paper_button = QPushButton("Request a paper…")
        self.edit_paper_button = QPushButton("Edit…")
        self.attach_button = QPushButton("Attach file…")
        self.open_paper_button = QPushButton("Open file")
        self.remove_paper_button = QPushButton("Remove")
        self.papers_note = QLabel()
        self.papers_note.setObjectName("muted")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(
            _buttons(self.add_paper_button, self.edit_paper_button, self.attach_button,
                     self.open_paper_button, self.remove_paper_button)
        )  # fmt: skip
        layout.addWidget(self.papers, 1)
        layout.addWidget(self.papers_note)
        return page

    def _build_attendance(self) -> QWidget:
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorum")
        self.quorum_label.setWordWrap(True)
        self.attendance_model: RecordTableModel[at.Attendee] = RecordTableModel(
            [
                Column("Name", lambda a: a.name),
                Column("Organisation", lambda a: a.organisation),
                Column("Role", lambda a: a.role),
                Column(
                    "Attendance",
                    lambda a: a.status,
                    background=lambda a: ATTENDANCE_COLOURS.get(a.status),
                ),
                Column("Represented by", lambda a: a.deputy),
            ]
        )
        self.attendance = _table(self.attendance_model, "attendance")
        self.attendance.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.register_button = QPushButton("Add the body's members")
        self.present_button = QPushButton("&Present")
        self.apologies_button = QPushButton("&Apologies")
        self.absent_button = QPushButton("A&bsent")
        self.deputy_button = QPushButton("&Represented by…")
        self.guest_button = QPushButton("Add guest…")
        self.remove_attendee_button = QPushButton("Remove")
        self.declarations_model: RecordTableModel[at.Declaration] = RecordTableModel(
            [
                Column("Person", lambda d: d.person),
                Column("Agenda item", lambda d: d.item or "(whole meeting)"),
                Column("Interest declared", lambda d: d.interest),
            ]
        )
        self.declarations = _table(self.declarations_model, "declarations")
        self.declare_button = QPushButton("Declare an interest…")
        self.remove_declaration_button = QPushButton("Remove")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.quorum_label)
        layout.addLayout(
            _buttons(self.register_button, self.present_button, self.apologies_button,
                     self.absent_button, self.deputy_button, self.guest_button,
                     self.remove_attendee_button)
        )  # fmt: skip
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.attendance)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel("Declarations of interest")
        label.setObjectName("sectionTitle")
        lower_layout.addWidget(label)
        lower_layout.addWidget(self.declarations, 1)
        lower_layout.addLayout(_buttons(self.declare_button, self.remove_declaration_button))
        splitter.addWidget(lower)
        splitter.setSizes([380, 160])
        layout.addWidget(splitter, 1)
        return page

    def _build_minutes(self) -> QWidget:
        self.minutes_items = QListWidget()
        self.minutes_items.setObjectName("minutesItems")
        self.minutes_items.setSpacing(3)
        self.minute_text = QPlainTextEdit()
        self.minute_text.setObjectName("minuteText")
        self.minute_text.setPlaceholderText("What was discussed")
        self.decisions_text = QPlainTextEdit()
        self.decisions_text.setObjectName("decisionsText")
        self.decisions_text.setPlaceholderText("Decisions, one per line")
        self.save_minutes_button = QPushButton("Save minutes")
        self.item_actions_model: RecordTableModel[act.Action] = RecordTableModel(
            [
                Column("Reference", lambda a: a.reference),
                Column("Action", lambda a: a.title),
                Column("Owner", lambda a: a.owner),
                Column("Due", lambda a: uk(a.due_date), sort_key=lambda a: a.due_date),
                Column("Status", lambda a: a.status),
            ]
        )
        self.item_actions = _table(self.item_actions_model, "itemActions")
        header = self.item_actions.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.raise_action_button = QPushButton("Raise an action…")
        self.raise_action_button.setObjectName("raiseAction")
        right = QWidget()
        col = QVBoxLayout(right)
        col.setContentsMargins(8, 0, 0, 0)
        col.addWidget(QLabel("Minute"))
        col.addWidget(self.minute_text, 2)
        col.addWidget(QLabel("Decisions (one per line)"))
        col.addWidget(self.decisions_text, 1)
        col.addLayout(_buttons(self.save_minutes_button))
        col.addWidget(QLabel("Actions raised from this item"))
        col.addWidget(self.item_actions, 1)
        col.addLayout(_buttons(self.raise_action_button))
        splitter = QSplitter()
        splitter.addWidget(self.minutes_items)
        splitter.addWidget(right)
        splitter.setSizes([320, 760])
        return splitter

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.reschedule_button.clicked.connect(self.on_reschedule_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.history_button.clicked.connect(self.on_history_clicked)
        self.add_item_button.clicked.connect(self.on_add_item_clicked)
        self.edit_item_button.clicked.connect(self.on_edit_item_clicked)
        self.agenda.doubleClicked.connect(lambda _i: self.on_edit_item_clicked())
        self.remove_item_button.clicked.connect(self.on_remove_item_clicked)
        self.cover_button.clicked.connect(self.on_cover_sheet_clicked)
        self.up_button.clicked.connect(lambda: self.move_selected_item(-1))
        self.down_button.clicked.connect(lambda: self.move_selected_item(1))
        self.move_up_action.triggered.connect(lambda: self.move_selected_item(-1))
        self.move_down_action.triggered.connect(lambda: self.move_selected_item(1))
        self.agenda_model.order_changed.connect(self.on_agenda_order_changed)
        self.standing_button.clicked.connect(self.on_standing_clicked)
        self.carry_button.clicked.connect(self.on_carry_clicked)
        self.add_paper_button.clicked.connect(self.on_add_paper_clicked)
        self.edit_paper_button.clicked.connect(self.on_edit_paper_clicked)
        self.papers.doubleClicked.connect(lambda _i: self.on_edit_paper_clicked())
        self.attach_button.clicked.connect(self.on_attach_clicked)
        self.open_paper_button.clicked.connect(self.on_open_paper_clicked)
        self.remove_paper_button.clicked.connect(self.on_remove_paper_clicked)
        self.register_button.clicked.connect(self.on_register_clicked)
        self.present_button.clicked.connect(lambda: self.mark_selected("present"))
        self.apologies_button.clicked.connect(lambda: self.mark_selected("apologies"))
        self.absent_button.clicked.connect(lambda: self.mark_selected("absent"))
        self.deputy_button.clicked.connect(self.on_deputy_clicked)
        self.guest_button.clicked.connect(self.on_guest_clicked)
        self.remove_attendee_button.clicked.connect(self.on_remove_attendee_clicked)
        self.declare_button.clicked.connect(self.on_declare_clicked)
        self.remove_declaration_button.clicked.connect(self.on_remove_declaration_clicked)
        self.minutes_items.currentRowChanged.connect(self.on_minutes_item_changed)
        self.save_minutes_button.clicked.connect(self.save_minutes)
        self.raise_action_button.clicked.connect(self.on_raise_action_clicked)
        self.item_actions.doubleClicked.connect(self.on_item_action_activated)

    # ---- loading ----------------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        self.meeting = mt.get_meeting(self.ctx.store, meeting_id)
        self._minutes_item = None
        self.reload()

    def reload(self) -> None:
        if self.meeting is None:
            return
        store = self.ctx.store
        m = self.meeting = mt.get_meeting(store, self.meeting.id)
        self.title.setText(f"{m.body} — {m.day.strftime('%A')} {uk(m.date)}")
        where = m.where or "venue to be confirmed"
        status = m.status + (f": {m.status_reason}" if m.status_reason else "")
        self.subtitle.setText(
            f"{m.start_time}–{m.end_time} · {where} · Status: {status}"
            + (f" · moved {m.changes} time(s)" if m.changes else "")
        )
        self.cancel_button.setText("Reinstate…" if m.status == "cancelled" else "Cancel meeting…")
        self.reload_agenda()
        self.reload_papers()
        self.reload_attendance()
        self.reload_minutes()
        writable = not store.read_only
        for b in (self.edit_button, self.reschedule_button, self.cancel_button, self.cover_button):
            b.setEnabled(writable)

    def reload_agenda(self, select_id: int | None = None) -> None:
        assert self.meeting is not None
        timing = mt.timed_agenda(self.ctx.store, self.meeting.id)
        self.agenda_model.set_records(timing.items)
        if select_id is not None:
            row = self.agenda_model.row_of(select_id)
            if row is not None:
                self.agenda.selectionModel().select(
                    self.agenda_model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.agenda.setCurrentIndex(self.agenda_model.index(row, 0))
        header = self.agenda.horizontalHeader()
        self.agenda.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        total = sum(i.minutes_allotted for i in timing.items)
        if timing.warning:
            self.agenda_timing.setStyleSheet("color: #a4262c; font-weight: 600;")
            self.agenda_timing.setText("⚠ " + timing.warning)
        else:
            self.agenda_timing.setStyleSheet("color: #1e6b34;")
            spare = -timing.overrun_minutes
            self.agenda_timing.setText(
                f"{len(timing.items)} items, {total} minutes: runs {timing.meeting_start}–"
                f"{timing.agenda_end}, {spare} minutes spare before {timing.meeting_end}."
                if timing.items
                else "No items yet: add the standing items to start the agenda."
            )

    def reload_papers(self) -> None:
        assert self.meeting is not None
        store = self.ctx.store
        papers = mt.list_papers(store, self.meeting.id)
        self.papers_model.set_records(papers)
        self.papers.resizeColumnsToContents()
        from lscp_desktop.models.cadence import paper_deadline_days

        days = paper_deadline_days(store, self.meeting.body_id)
        deadline = mt.paper_deadline(self.meeting.day, days)
        self.papers_note.setText(
            f"Papers are due {days} working days before the meeting: by {uk(deadline)}. "
            f"Files are copied to {mt.papers_folder(store)}."
        )

    def reload_attendance(self) -> None:
        assert self.meeting is not None
        store = self.ctx.store
        attendees = at.list_attendance(store, self.meeting.id)
        self.attendance_model.set_records(attendees)
        self.attendance.resizeColumnsToContents()
        self.declarations_model.set_records(at.list_declarations(store, self.meeting.id))
        self.declarations.resizeColumnsToContents()
        self.update_quorum()
        cancelled = self.meeting.status == "cancelled"
        for b in (self.register_button, self.present_button, self.apologies_button,
                  self.absent_button, self.deputy_button, self.guest_button,
                  self.declare_button):  # fmt: skip
            b.setEnabled(not cancelled and not store.read_only)

    def update_quorum(self) -> None:
        assert self.meeting is not None
        if self.meeting.status == "cancelled":
            self.quorum_label.setStyleSheet("color: #5f6b7a;")
            self.quorum_label.setText("This meeting was cancelled; no attendance is recorded.")
            return
        quorum = at.quorum_for(self.ctx.store, self.meeting, self.attendance_model.records())
        colour = "#1e6b34" if quorum.met else "#a4262c"
        if not quorum.recorded:
            colour = "#5f6b7a"
        self.quorum_label.setStyleSheet(f"color: {colour}; font-weight: 600; font-size: 11pt;")
        counts = {s: 0 for s in at.ATTENDANCE_STATUSES}
        for a in self.attendance_model.records():
            if not a.guest:
                counts[a.status] += 1
        guests = sum(1 for a in self.attendance_model.records() if a.guest)
        self.quorum_label.setText(
            quorum.describe()
            + f"   ({counts['present']} present, {counts['represented']} represented, "
            f"{counts['apologies']} apologies, {counts['absent']} absent, {guests} guest(s))"
        )

    def reload_minutes(self) -> None:
        assert self.meeting is not None
        self.minutes_items.blockSignals(True)
        self.minutes_items.clear()
        for item in self.agenda_model.records():
            entry = QListWidgetItem(f"{item.position}. {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.decisions:
                entry.setToolTip(item.decisions)
            self.minutes_items.addItem(entry)
        self.minutes_items.blockSignals(False)
        if self.minutes_items.count():
            self.minutes_items.setCurrentRow(0)
            self.on_minutes_item_changed(0)
        else:
            self._minutes_item = None
            self.minute_text.clear()
            self.decisions_text.clear()

    # ---- helpers ------------------------------------------------------------------------------

    def _try(self, title: str, action: Callable[[], Any]) -> Any:
        """Run a model call; a broken rule is shown as a message and nothing changes."""
        try:
            return action()
        except LscpError as exc:
            QMessageBox.warning(self, title, str(exc))
            return None

    def _saved(self) -> None:
        self.changed.emit()

    def selected_item(self) -> mt.AgendaItem | None:
        rows = _selected_rows(self.agenda)
        return self.agenda_model.record(rows[0]) if rows else None

    # ---- meeting ------------------------------------------------------------------------------

    def on_edit_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        saved = RecordDialog.ask(
            self,
            f"Edit meeting: {m.title}",
            forms.meeting_fields(store),
            forms.meeting_values(m),
            lambda values: mt.save_meeting(store, values, m.id),
        )
        if saved is not None:
            self.reload()
            self._saved()

    def on_reschedule_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        saved = RecordDialog.ask(
            self,
            f"Reschedule: {m.title}",
            [
                Field("date", "New date", "date", optional=False),
                Field("start_time", "Starts", optional=False),
                Field("reason", "Why it is moving", optional=False),
            ],
            {"date": m.date, "start_time": m.start_time},
            lambda v: _done(
                mt.reschedule_meeting,
                store,
                m.id,
                date=v["date"],
                start_time=v["start_time"],
                reason=v["reason"],
            ),
        )
        if saved:
            self.reload()
            self._saved()

    def on_cancel_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        store = self.ctx.store
        reinstate = m.status == "cancelled"
        saved = RecordDialog.ask(
            self,
            ("Reinstate: " if reinstate else "Cancel: ") + m.title,
            [Field("reason", "Reason", optional=reinstate)]
            if not reinstate
            else [Field("status", "Status", "choice", choices=("planned", "confirmed"))],
            {},
            lambda v: _done(
                mt.set_meeting_status,
                store,
                m.id,
                v.get("status", "planned") if reinstate else "cancelled",
                v.get("reason", ""),
            ),
        )
        if saved:
            self.reload()
            self._saved()

    def on_history_clicked(self) -> None:
        m = self.meeting
        if m is None:
            return
        entries = self.ctx.store.history("meetings", m.id)
        HistoryDialog(self, m.title, entries).exec()

    # ---- agenda ----------------------------------------------------------------------------

    def _item_dialog(self, title: str, values: dict[str, Any], item_id: int | None) -> Any:
        assert self.meeting is not None
        store, meeting_id = self.ctx.store, self.meeting.id
        return RecordDialog.ask(
            self,
            title,
            forms.item_fields(store),
            values,
            lambda v: mt.save_item(store, meeting_id, v, item_id),
        )

    def on_add_item_clicked(self) -> None:
        new_id = self._item_dialog(
            "New agenda item", {"purpose": "discussion", "minutes_allotted": 15,
                                "proposed": False}, None
        )  # fmt: skip
        if new_id is not None:
            self.reload_agenda(new_id)
            self.reload_minutes()
            self._saved()

    def on_edit_item_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        saved = self._item_dialog(
            f"Edit item {item.position}", vars(item) | {"proposed": bool(item.proposed)}, item.id
        )
        if saved is not None:
            self.reload_agenda(item.id)
            self.reload_minutes()
            self._saved()

    def on_cover_sheet_clicked(self) -> None:
        from lscp_desktop.ui.pages.meetings.coversheet import edit_cover_sheet

        item = self.selected_item()
        if item is not None and edit_cover_sheet(self, self.ctx.store, item):
            self._saved()

    def on_remove_item_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        answer = QMessageBox.question(self, "Remove item", f"Remove '{item.title}'?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._try("Cannot remove item", lambda: mt.delete_item(self.ctx.store, item.id)):
            self.reload_agenda()
            self.reload_minutes()
            self._saved()

    def move_selected_item(self, offset: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        if self._try("Cannot move item", lambda: mt.move_item(self.ctx.store, item.id, offset)):
            self.reload_agenda(item.id)
            self.reload_minutes()

    def on_agenda_order_changed(self, order: list[int]) -> None:
        assert self.meeting is not None
        meeting_id = self.meeting.id
        selected = self.selected_item()
        self._try(
            "Cannot reorder the agenda",
            lambda: mt.reorder_items(self.ctx.store, meeting_id, order),
        )
        self.reload_agenda(selected.id if selected else None)
        self.reload_minutes()

    def on_standing_clicked(self) -> None:
        assert self.meeting is not None
        meeting_id = self.meeting.id
        added = self._try(
            "Cannot add items", lambda: mt.build_draft_agenda(self.ctx.store, meeting_id)
        )
        if added is not None:
            self.ctx.status(f"Added {added} standing and forward plan item(s).")
            self.reload_agenda()
            self.reload_minutes()
            self._saved()

    def on_carry_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        new_id = self._try(
            "Cannot carry forward", lambda: mt.carry_forward(self.ctx.store, item.id)
        )
        if new_id is not None:
            target = mt.get_meeting(self.ctx.store, mt.get_item(self.ctx.store, new_id).meeting_id)
            QMessageBox.information(
                self, "Carried forward", f"'{item.title}' is now on the agenda for {target.title}."
            )
            self._saved()

    # ---- papers ------------------------------------------------------------------------------

    def selected_paper(self) -> mt.Paper | None:
        rows = _selected_rows(self.papers)
        return self.papers_model.record(rows[0]) if rows else None

    def _paper_dialog(self, title: str, values: dict[str, Any], paper_id: int | None) -> Any:
        assert self.meeting is not None
        store, meeting_id = self.ctx.store, self.meeting.id
        return RecordDialog.ask(
            self,
            title,
            forms.paper_fields(store, meeting_id),
            values,
            lambda v: mt.save_paper(store, meeting_id, v, paper_id),
        )

    def on_add_paper_clicked(self) -> None:
        item = self.selected_item()
        values = {"status": "requested", "agenda_item_id": item.id if item else None,
                  "title": item.title if item else "", "author_id": item.presenter_id if item
                  else None}  # fmt: skip
        if self._paper_dialog("Request a paper", values, None) is not None:
            self.reload_papers()
            self.reload_agenda()
            self._saved()

    def on_edit_paper_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is not None and self._paper_dialog("Edit paper", vars(paper), paper.id):
            self.reload_papers()
            self.reload_agenda()

    @classmethod
    def ask_file(cls, parent: QWidget) -> str:
        """The paper's file; tests replace this."""
        path, _ = QFileDialog.getOpenFileName(
            parent, "Attach the paper", "", "Documents (*.docx *.doc *.pdf *.xlsx *.pptx);;All (*)"
        )
        return path

    def on_attach_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            QMessageBox.information(self, "Attach file", "Select the paper first.")
            return
        path = self.ask_file(self)
        if path and self._try(
            "Cannot attach file", lambda: mt.attach_paper_file(self.ctx.store, paper.id, path)
        ):
            self.reload_papers()
            self._saved()

    def on_open_paper_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        path = mt.paper_file(self.ctx.store, paper.id)
        if path is None or not path.exists():
            QMessageBox.information(self, "Open file", "No file has been attached to this paper.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def on_remove_paper_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        answer = QMessageBox.question(self, "Remove paper", f"Remove '{paper.title}' and its file?")
        if answer == QMessageBox.StandardButton.Yes and self._try(
            "Cannot remove paper", lambda: mt.delete_paper(self.ctx.store, paper.id)
        ):
            self.reload_papers()
            self.reload_agenda()
            self._saved()

    # ---- attendance --------------------------------------------------------------------------

    def selected_attendees(self) -> list[at.Attendee]:
        return [self.attendance_model.record(r) for r in _selected_rows(self.attendance)]

    def on_register_clicked(self) -> None:
        assert self.meeting is not None
        meeting_id = self.meeting.id
        added = self._try(
            "Cannot add members", lambda: at.prepare_register(self.ctx.store, meeting_id)
        )
        if added is not None:
            self.ctx.status(f"Added {added} member(s) to the register.")
            self.reload_attendance()

    def _refresh_attendee(self, attendance_id: int) -> None:
        assert self.meeting is not None
        for a in at.list_attendance(self.ctx.store, self.meeting.id):
            if a.id == attendance_id:
                self.attendance_model.upsert(a)
        self.update_quorum()

    def mark_selected(self, status: str) -> None:
        for a in self.selected_attendees():
            if a.guest:
                continue
            attendance_id = a.id
            done = self._try(
                "Cannot record attendance",
                partial(_done, at.set_attendance, self.ctx.store, attendance_id, status),
            )
            if not done:
                break
            self._refresh_attendee(a.id)

    def on_deputy_clicked(self) -> None:
        chosen = [a for a in self.selected_attendees() if not a.guest]
        if len(chosen) != 1:
            QMessageBox.information(self, "Represented by", "Select one member first.")
            return
        member = chosen[0]
        store = self.ctx.store
        colleagues = [
            (p.name, p.id)
            for p in membership.list_people(store, active_only=True)
            if p.organisation_id == member.organisation_id and p.id != member.person_id
        ]
        saved = RecordDialog.ask(
            self,
            f"Who represented {member.name}?",
            [Field("deputy_id", f"Deputy from {member.organisation}", "ref",
                   options=lambda: colleagues, optional=False)],
            {"deputy_id": member.deputy_id},
            lambda v: _done(
                at.set_attendance, store, member.id, "represented", deputy_id=v["deputy_id"]
            ),
        )  # fmt: skip
        if saved:
            self._refresh_attendee(member.id)

    def on_guest_clicked(self) -> None:
        assert self.meeting is not None
        store, meeting_id = self.ctx.store, self.meeting.id
        saved = RecordDialog.ask(
            self,
            "Add a guest",
            [Field("name", "Name", optional=False), Field("organisation", "Organisation")],
            {},
            lambda v: at.add_guest(store, meeting_id, v["name"], v["organisation"]),
        )
        if saved is not None:
            self.reload_attendance()

    def on_remove_attendee_clicked(self) -> None:
        chosen = self.selected_attendees()
        if not chosen:
            return
        for a in chosen:
            self._try("Cannot remove", partial(at.remove_attendee, self.ctx.store, a.id))
        self.reload_attendance()

    def on_declare_clicked(self) -> None:
        assert self.meeting is not None
        store, meeting_id = self.ctx.store, self.meeting.id
        people = [(a.name, a.person_id) for a in self.attendance_model.records() if a.person_id]
        items = [(f"{i.position}. {i.title}", i.id) for i in self.agenda_model.records()]
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
                store, meeting_id, int(v["person_id"]), v["interest"], v["item_id"]
            ),
        )
        if saved is not None:
            self.reload_attendance()

    def on_remove_declaration_clicked(self) -> None:
        rows = _selected_rows(self.declarations)
        if rows:
            declaration = self.declarations_model.record(rows[0])
            self._try(
                "Cannot remove", lambda: at.remove_declaration(self.ctx.store, declaration.id)
            )
            self.reload_attendance()

    # ---- minutes ------------------------------------------------------------------------------

    def on_minutes_item_changed(self, row: int) -> None:
        if self._minutes_item is not None and self._minutes_dirty():
            self.save_minutes()
        entry = self.minutes_items.item(row)
        if entry is None:
            return
        item = mt.get_item(self.ctx.store, int(entry.data(Qt.ItemDataRole.UserRole)))
        self._minutes_item = item.id
        self.minute_text.setPlainText(item.minute_text)
        self.decisions_text.setPlainText(item.decisions)
        self.reload_item_actions()

    def reload_item_actions(self) -> None:
        """The actions recorded against the agenda item whose minutes are shown."""
        item_id = self._minutes_item
        records = (
            act.list_actions(self.ctx.store, agenda_item_id=item_id) if item_id is not None else []
        )
        self.item_actions_model.set_records(records)
        self.raise_action_button.setEnabled(item_id is not None and not self.ctx.store.read_only)

    def on_raise_action_clicked(self) -> None:
        """A new action in the body's log, linked to this agenda item (minutes → action log)."""
        from lscp_desktop.ui.pages.actions.dialogs import ask_action

        if self.meeting is None or self._minutes_item is None:
            return
        item = mt.get_item(self.ctx.store, self._minutes_item)
        values = act.new_action_values(
            body_id=self.meeting.body_id,
            raised=self.meeting.date,
            source="meeting",
            agenda_item_id=item.id,
            source_note=f"{self.meeting.body_code} {uk(self.meeting.date)}, item {item.position}",
        )
        if ask_action(self, self.ctx.store, values) is not None:
            self.reload_item_actions()
            self._saved()

    def on_item_action_activated(self) -> None:
        rows = _selected_rows(self.item_actions)
        if rows:
            self.ctx.open_record("actions", self.item_actions_model.record(rows[0]).id)

    def _minutes_dirty(self) -> bool:
        if self._minutes_item is None:
            return False
        item = mt.get_item(self.ctx.store, self._minutes_item)
        return (item.minute_text, item.decisions) != (
            self.minute_text.toPlainText().strip(),
            self.decisions_text.toPlainText().strip(),
        )

    def save_minutes(self) -> None:
        if self._minutes_item is None:
            return
        item_id = self._minutes_item
        done = self._try(
            "Cannot save minutes",
            lambda: _done(
                mt.save_minutes,
                self.ctx.store,
                item_id,
                self.minute_text.toPlainText(),
                self.decisions_text.toPlainText(),
            ),
        )
        if done:
            self.ctx.status("Minutes saved.")
            self._saved()
