"""A meeting's minutes and decisions tab: the minute and decisions of each agenda item, and the
actions raised from it into the body's action log.

Moving to another item of the same meeting saves the minute typed (the minute-taker's way of
working); leaving the meeting, the page or the window with a minute not saved asks first (the
tab is an :class:`~lscp_desktop.ui.unsaved.UnsavedWork`).

A minute is saved over the one shown only (issue 22): a colleague's change to it since is
refused and asked about (keep theirs, overwrite with mine, back to the minute); a change since
to what this tab does not show (the item's title, on the agenda) is no reason to ask."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.actions.saving import new_action_values
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ConflictError, LscpError
from lscp_desktop.models.meetings.agenda import get_item
from lscp_desktop.models.meetings.minutes import save_minutes
from lscp_desktop.models.meetings.records import AgendaItem
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.pages.meetings.minutes_cycle import MinutesCycleBar
from lscp_desktop.ui.pages.meetings.opened import FormRecord, open_record
from lscp_desktop.ui.pages.meetings.widgets import (
    MeetingTab,
    button_row,
    selected_rows,
    table_view,
)
from lscp_desktop.ui.table import Column, RecordTableModel


class MinutesTab(MeetingTab):
    """The agenda items on the left; the chosen item's minute, decisions and actions."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: The agenda item whose minutes are shown.
        self.current_item: int | None = None
        #: Its minute and decisions as shown (saved over only), and the version they were at.
        self._loaded: tuple[str, str] = ("", "")
        self._opened: FormRecord | None = None
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.items = QListWidget()
        self.items.setObjectName("minutesItems")
        self.items.setSpacing(3)
        self.minute_text = QPlainTextEdit()
        self.minute_text.setObjectName("minuteText")
        self.minute_text.setPlaceholderText("What was discussed")
        self.decisions_text = QPlainTextEdit()
        self.decisions_text.setObjectName("decisionsText")
        self.decisions_text.setPlaceholderText("Decisions, one per line")
        self.save_button = QPushButton("Save minutes")
        self.actions_model: RecordTableModel[Action] = RecordTableModel(
            [
                Column("Reference", lambda a: a.reference),
                Column("Action", lambda a: a.title, stretch=True),
                Column("Owner", lambda a: a.owner),
                Column("Due", lambda a: uk(a.due_date), sort_key=lambda a: a.due_date),
                Column("Status", lambda a: a.status),
            ]
        )
        self.actions_view = table_view(self.actions_model, "itemActions")
        header = self.actions_view.horizontalHeader()
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
        col.addLayout(button_row(self.save_button))
        col.addWidget(QLabel("Actions raised from this item"))
        col.addWidget(self.actions_view, 1)
        col.addLayout(button_row(self.raise_action_button))
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        splitter.setSizes([320, 760])
        self.cycle = MinutesCycleBar(self.ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cycle)
        layout.addWidget(splitter)

    def _connect_signals(self) -> None:
        self.items.currentRowChanged.connect(self.on_item_changed)
        self.save_button.clicked.connect(self.save)
        self.raise_action_button.clicked.connect(self.on_raise_action_clicked)
        self.actions_view.doubleClicked.connect(self.on_action_activated)
        self.cycle.cycle_changed.connect(self.on_cycle_changed)

    def reload(self, agenda: Sequence[AgendaItem]) -> None:
        """List the *agenda* items and show the first one's minutes (read-only once the
        minutes are approved)."""
        self.cycle.show_meeting(self.meeting)
        self._show_lock()
        self.items.blockSignals(True)
        self.items.clear()
        for item in agenda:
            entry = QListWidgetItem(f"{item.position}. {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.decisions:
                entry.setToolTip(item.decisions)
            self.items.addItem(entry)
        self.items.blockSignals(False)
        if self.items.count():
            self.items.setCurrentRow(0)
            self.on_item_changed(0)
        else:
            self.current_item = None
            self.minute_text.clear()
            self.decisions_text.clear()

    def on_item_changed(self, row: int) -> None:
        if self.current_item is not None and self._dirty():
            self.save()
        entry = self.items.item(row)
        if entry is None:
            return
        self._show_item(get_item(self.ctx.store, int(entry.data(Qt.ItemDataRole.UserRole))))
        self.reload_actions()

    def _show_item(self, item: AgendaItem) -> None:
        """Show the item's minute and decisions, remembering them and their version."""
        self.current_item = item.id
        self._loaded = (item.minute_text, item.decisions)
        self._opened = open_record(self.ctx.store, "agenda_items", item.id, item.row_version)
        self.minute_text.setPlainText(item.minute_text)
        self.decisions_text.setPlainText(item.decisions)

    def reload_actions(self) -> None:
        """The actions recorded against the agenda item whose minutes are shown."""
        item_id = self.current_item
        records = (
            list_actions(self.ctx.store, agenda_item_id=item_id) if item_id is not None else []
        )
        self.actions_model.set_records(records)
        self._show_lock()

    def _show_lock(self) -> None:
        """Approved minutes (or a read-only file) take no edits and no new actions: the
        minutes list the actions agreed at the meeting."""
        locked = self.cycle.locked or self.ctx.store.read_only
        for editor in (self.minute_text, self.decisions_text):
            editor.setReadOnly(locked)
        self.save_button.setEnabled(not locked)
        self.raise_action_button.setEnabled(self.current_item is not None and not locked)
        self.raise_action_button.setToolTip(
            "These minutes are approved: raise new actions from a later meeting."
            if self.cycle.locked
            else ""
        )

    def on_raise_action_clicked(self) -> None:
        """A new action in the body's log, linked to this agenda item (minutes → action log)."""
        from lscp_desktop.ui.pages.actions.dialogs import ask_action

        if self.meeting is None or self.current_item is None:
            return
        item = get_item(self.ctx.store, self.current_item)
        values = new_action_values(
            body_id=self.meeting.body_id,
            raised=self.meeting.date,
            source="meeting",
            agenda_item_id=item.id,
            source_note=f"{self.meeting.body_code} {uk(self.meeting.date)}, item {item.position}",
        )
        if ask_action(self, self.ctx.store, values) is not None:
            self.reload_actions()
            self.changed.emit()

    def on_cycle_changed(self) -> None:
        """The minutes were sent, approved or amended: show the lock, tell the page."""
        self._show_lock()
        self.changed.emit()

    def on_action_activated(self) -> None:
        rows = selected_rows(self.actions_view)
        if rows:
            self.ctx.open_record("actions", self.actions_model.record(rows[0]).id)

    def _dirty(self) -> bool:
        """Typed since shown (a colleague's change since is not ours to save)."""
        if self.current_item is None:
            return False
        return self._loaded != (
            self.minute_text.toPlainText().strip(),
            self.decisions_text.toPlainText().strip(),
        )

    def unsaved_changes(self) -> str:
        if self.meeting is None or not self._dirty():
            return ""
        assert self.current_item is not None
        item = get_item(self.ctx.store, self.current_item)
        return (
            f"the minutes of item {item.position} ({item.title}) of {self.meeting.body} on "
            f"{uk(self.meeting.date)}"
        )

    def save_changes(self) -> bool:
        return self.save()

    def discard_changes(self) -> None:
        """Back to the minutes as saved."""
        if self.current_item is not None:
            self._show_item(get_item(self.ctx.store, self.current_item))

    def save(self) -> bool:
        """Save the minute and decisions shown; False (the reason shown) if they were not."""
        if self.current_item is None:
            return True
        store, item_id, opened = self.ctx.store, self.current_item, self._opened
        minute, decisions = self.minute_text.toPlainText(), self.decisions_text.toPlainText()
        try:
            now = get_item(store, item_id)
            if opened is not None and (now.minute_text, now.decisions) == self._loaded:
                opened.version = now.row_version  # changed since only in what is not shown
            with opened.saving() if opened is not None else contextlib.nullcontext():
                save_minutes(store, item_id, minute, decisions)
        except ConflictError as exc:
            return self._on_conflict(exc)
        except LscpError as exc:
            QMessageBox.warning(self, "Cannot save minutes", str(exc))
            return False
        self._loaded = (minute.strip(), decisions.strip())
        self.ctx.status("Minutes saved.")
        self.changed.emit()
        return True

    def _on_conflict(self, refused: ConflictError) -> bool:
        """A colleague changed the minute since it was shown: keep theirs (shown here),
        overwrite with mine (saved again), or back to the minute typed. True once saved."""
        from lscp_desktop.ui.conflict import KEEP_THEIRS, OVERWRITE, ConflictDialog

        opened = self._opened
        assert opened is not None
        choice = ConflictDialog.ask(self, refused)
        if choice == OVERWRITE:
            opened.overwrite(refused)
            return self.save()
        if choice == KEEP_THEIRS:
            theirs = opened.take_theirs()
            self._loaded = (theirs["minute_text"], theirs["decisions"])
            self.minute_text.setPlainText(theirs["minute_text"])
            self.decisions_text.setPlainText(theirs["decisions"])
            self.ctx.status("Their minute is shown; nothing of yours was saved.")
        return False
