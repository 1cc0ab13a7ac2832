"""Action logs: the partnership's and each body's, with filters, bulk status change, progress
notes, history, a chase list per owner and the actions for a body's next meeting."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models import actions as A
from lscp_desktop.models import membership as m
from lscp_desktop.models.dates import uk
from lscp_desktop.models.errors import LscpError
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.filtered_table import FilteredTableModel
from lscp_desktop.ui.pages.actions import dialogs
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.register_view import HistoryDialog
from lscp_desktop.ui.table import Column, make_table_view

RAG_COLOURS = {
    A.RAG_RED: QColor("#f4c7c3"),
    A.RAG_AMBER: QColor("#fce8b2"),
    A.RAG_GREEN: QColor("#c9e7c9"),
    A.RAG_COMPLETE: QColor("#cfe2f3"),
    A.RAG_CANCELLED: QColor("#e7e7e7"),
}
#: Status choices: label → statuses loaded (None: every status).
STATUS_CHOICES: list[tuple[str, frozenset[str] | None]] = [
    ("Not finished", A.OPEN_STATUSES),
    ("All statuses", None),
    *[(s.capitalize(), frozenset({s})) for s in A.STATUSES],
]


def action_columns() -> list[Column[A.Action]]:
    return [
        Column("Reference", lambda a: a.reference, sort_key=lambda a: (a.body_id, a.number)),
        Column("Action", lambda a: a.title, tooltip=lambda a: a.detail or a.title),
        Column("Owner", lambda a: a.owner),
        Column("Organisation", lambda a: a.organisation),
        Column("Raised", lambda a: uk(a.raised_date), sort_key=lambda a: a.raised_date),
        Column("Due", lambda a: uk(a.due_date), sort_key=lambda a: a.due_date),
        Column("Status", lambda a: a.status),
        Column(
            "RAG",
            lambda a: A.RAG_LABELS[a.rag],
            sort_key=lambda a: A.RAGS.index(a.rag),
            background=lambda a: RAG_COLOURS.get(a.rag),
        ),
        Column("Priority", lambda a: a.priority),
        Column("Latest note", lambda a: a.latest_note, tooltip=lambda a: a.latest_note),
    ]


class ActionsPage(Page):
    title = "Actions"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model: FilteredTableModel[A.Action] = FilteredTableModel(action_columns())
        self._generation = 0
        self._loaded_key: tuple[Any, ...] | None = None
        self._next_meeting: dict[int, tuple[int, str]] = {}
        self._build_ui()
        self._connect_signals()

    # ---- construction -----------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        top = QHBoxLayout()
        heading = QLabel("Action logs")
        heading.setObjectName("pageTitle")
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel("Log:"))
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("body")
        self.body_combo.setMinimumWidth(280)
        top.addWidget(self.body_combo)
        self.next_meeting_label = QLabel()
        self.next_meeting_label.setObjectName("muted")
        top.addWidget(self.next_meeting_label)
        top.addStretch(1)
        self.priorities_button = QPushButton("Priorities…")
        top.addWidget(self.priorities_button)
        layout.addLayout(top)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_log_tab(), "Log")
        self.tabs.addTab(self._build_chase_tab(), "Chase list")

    def _build_log_tab(self) -> QWidget:
        tab = QWidget()
        col = QVBoxLayout(tab)
        col.setContentsMargins(0, 8, 0, 0)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search actions…")
        self.search.setClearButtonEnabled(True)
        filters.addWidget(self.search, 2)
        self.status_combo = QComboBox()
        for label, _ in STATUS_CHOICES:
            self.status_combo.addItem(label)
        self.rag_combo = QComboBox()
        self.rag_combo.addItem("Any RAG", None)
        for key in A.RAGS:
            self.rag_combo.addItem(A.RAG_LABELS[key], key)
        self.owner_combo = QComboBox()
        self.organisation_combo = QComboBox()
        self.priority_combo = QComboBox()
        for combo in (self.owner_combo, self.organisation_combo, self.priority_combo):
            combo.setMaximumWidth(210)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        for w in (
            self.status_combo,
            self.rag_combo,
            self.owner_combo,
            self.organisation_combo,
            self.priority_combo,
        ):
            filters.addWidget(w)
        self.overdue_check = QCheckBox("Overdue")
        self.next_meeting_check = QCheckBox("Due by next meeting")
        self.next_meeting_check.setToolTip(
            "Open actions due on or before their body's next meeting"
        )
        filters.addWidget(self.overdue_check)
        filters.addWidget(self.next_meeting_check)
        col.addLayout(filters)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("New action…")
        self.edit_button = QPushButton("Edit…")
        self.note_button = QPushButton("Add note…")
        self.status_button = QPushButton("Change status…")
        self.reassign_button = QPushButton("Reassign…")
        self.history_button = QPushButton("History…")
        self.delete_button = QPushButton("Delete…")
        self.meeting_button = QPushButton("For the next meeting")
        self.meeting_button.setToolTip(
            "Show this body's action log for its next meeting: open actions and those "
            "finished since its last meeting"
        )
        self.meeting_button.setCheckable(True)
        for b in (
            self.new_button,
            self.edit_button,
            self.note_button,
            self.status_button,
            self.reassign_button,
            self.history_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.meeting_button)
        col.addLayout(buttons)

        self.view = make_table_view(
            self.model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            sort=(0, Qt.SortOrder.AscendingOrder),
            widths=(86, 300, 125, 150, 80, 80, 80, 66, 140),
        )

        self.detail = QLabel()
        self.detail.setObjectName("actionDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QTableWidget(0, 4)
        self.notes.setObjectName("notes")
        self.notes.setHorizontalHeaderLabels(["Date", "Author", "Kind", "Note"])
        self.notes.verticalHeader().hide()
        self.notes.horizontalHeader().setStretchLastSection(True)
        self.notes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.notes.setWordWrap(True)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.detail)
        lower.addWidget(self.notes)
        lower.setSizes([420, 600])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([440, 170])
        col.addWidget(split, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        col.addWidget(self.count_label)
        return tab

    def _build_chase_tab(self) -> QWidget:
        tab = QWidget()
        col = QVBoxLayout(tab)
        col.setContentsMargins(0, 8, 0, 0)
        intro = QLabel(
            "What each person owes: open actions, overdue first. Owners marked 'left' are "
            "inactive or their membership has ended; reassign their actions."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.chase = QTreeWidget()
        self.chase.setObjectName("chase")
        self.chase.setColumnCount(5)
        self.chase.setHeaderLabels(["Owner / action", "Organisation / log", "Due", "RAG", "Status"])
        self.chase.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chase.header().resizeSection(0, 460)
        self.chase.header().resizeSection(1, 230)
        self.chase.header().resizeSection(2, 86)
        self.chase.header().resizeSection(3, 180)
        col.addWidget(self.chase, 1)
        row = QHBoxLayout()
        self.copy_chase_button = QPushButton("Copy list for an email")
        self.reassign_chase_button = QPushButton("Reassign this owner's actions…")
        row.addWidget(self.copy_chase_button)
        row.addWidget(self.reassign_chase_button)
        row.addStretch(1)
        col.addLayout(row)
        return tab

    def _connect_signals(self) -> None:
        self.body_combo.currentIndexChanged.connect(lambda _i: self.on_body_changed())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.rag_combo, self.owner_combo, self.organisation_combo,
                      self.priority_combo):  # fmt: skip
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.overdue_check.toggled.connect(lambda _c: self.apply_filter())
        self.next_meeting_check.toggled.connect(lambda _c: self.apply_filter())
        self.meeting_button.toggled.connect(self.on_meeting_toggled)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.note_button.clicked.connect(self.add_note)
        self.status_button.clicked.connect(self.change_status)
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.history_button.clicked.connect(self.show_history)
        self.delete_button.clicked.connect(self.delete_selected)
        self.priorities_button.clicked.connect(self.edit_priorities)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.on_selection_changed())
        self.model.modelReset.connect(self._update_count)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_chase())
        self.copy_chase_button.clicked.connect(self.copy_chase)
        self.reassign_chase_button.clicked.connect(self.reassign_chase_owner)

    # ---- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the bodies and the log (called when the page is shown)."""
        store = self.ctx.store
        current = self.body_combo.currentData()
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        self.body_combo.addItem("Whole partnership", None)
        for b in m.list_bodies(store):
            self.body_combo.addItem(f"{b.code}: {b.name}", b.id)
        index = self.body_combo.findData(current)
        self.body_combo.setCurrentIndex(max(index, 0))
        self.body_combo.blockSignals(False)
        self._next_meeting = A.next_meetings(store)
        self._update_meeting_label()
        self.reload(force=True)

    def body_id(self) -> int | None:
        value = self.body_combo.currentData()
        return int(value) if value is not None else None

    def statuses(self) -> frozenset[str] | None:
        return STATUS_CHOICES[max(self.status_combo.currentIndex(), 0)][1]

    def reload(self, *, force: bool = False) -> None:
        """Load the log for the chosen body and statuses, off the GUI thread."""
        key = (self.body_id(), self.statuses())
        if key == self._loaded_key and not force:
            return
        self._generation += 1
        generation = self._generation
        store = self.ctx.store
        body_id, statuses = key
        self.count_label.setText("Loading…")

        def on_loaded(actions: list[A.Action]) -> None:
            if generation != self._generation:
                return  # a newer load was started
            self._loaded_key = key
            self._set_actions(actions)

        def on_failure(exc: BaseException) -> None:
            self.count_label.setText("")
            QMessageBox.warning(self, "Action log", f"The action log could not be read: {exc}")

        self.ctx.runner.run(
            lambda _p: A.list_actions(store, body_id=body_id, statuses=statuses),
            on_success=on_loaded,
            on_failure=on_failure,
        )

    def _set_actions(self, actions: list[A.Action]) -> None:
        selected = [a.id for a in self.selected()]
        self._fill_choice(self.owner_combo, "Any owner", {a.owner_id: a.owner for a in actions})
        self._fill_choice(
            self.organisation_combo,
            "Any organisation",
            {a.organisation_id: a.organisation for a in actions},
        )
        self._fill_choice(
            self.priority_combo, "Any priority", {a.priority_id: a.priority for a in actions}
        )
        self.model.set_records(actions)
        self.apply_filter()
        for action_id in selected:
            self.select_id(action_id, add=True)
        self._refresh_chase()

    @staticmethod
    def _fill_choice(combo: QComboBox, any_label: str, options: dict[Any, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_label, None)
        for value, label in sorted(options.items(), key=lambda kv: kv[1].lower()):
            if value is not None:
                combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # ---- filtering -------------------------------------------------------------------------

    def current_filter(self) -> A.ActionFilter:
        return A.ActionFilter(
            owner_id=self.owner_combo.currentData(),
            organisation_id=self.organisation_combo.currentData(),
            rag=self.rag_combo.currentData(),
            overdue=self.overdue_check.isChecked(),
            before_next_meeting=self.next_meeting_check.isChecked(),
            priority_id=self.priority_combo.currentData(),
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if self.meeting_button.isChecked() and self.body_id() is not None:
            chosen = {
                a.id
                for a in A.actions_for_next_meeting(self.ctx.store, self.body_id() or 0).actions
            }
            accept = flt.predicate
            self.model.set_filter(lambda a: a.id in chosen and accept(a))
        else:
            self.model.set_filter(flt.predicate)
        self.on_selection_changed()

    def on_body_changed(self) -> None:
        self._update_meeting_label()
        if self.meeting_button.isChecked() and self.body_id() is None:
            self.meeting_button.setChecked(False)
        self.reload()

    def on_meeting_toggled(self, checked: bool) -> None:
        if checked:
            if self.body_id() is None:
                QMessageBox.information(
                    self, "Next meeting", "Choose a body's log first: each body has its own."
                )
                self.meeting_button.setChecked(False)
                return
            self.status_combo.setCurrentIndex(1)  # all statuses: finished ones are reported too
        self.apply_filter()

    def _update_meeting_label(self) -> None:
        body_id = self.body_id()
        if body_id is None:
            self.next_meeting_label.setText("")
            self.meeting_button.setEnabled(False)
            return
        self.meeting_button.setEnabled(True)
        nxt = self._next_meeting.get(body_id)
        self.next_meeting_label.setText(
            f"Next meeting {uk(nxt[1])}" if nxt else "No next meeting scheduled"
        )

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        what = "action" if total == 1 else "actions"
        self.count_label.setText(
            f"{total:,} {what}" if shown == total else f"{shown:,} of {total:,} {what} shown"
        )

    # ---- selection -------------------------------------------------------------------------

    def selected(self) -> list[A.Action]:
        selection = self.view.selectionModel()
        if selection is None:
            return []
        return [
            self.model.record(i.row())
            for i in sorted(selection.selectedRows(), key=lambda i: i.row())
        ]

    def select_id(self, action_id: int, *, add: bool = False) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select
            if add
            else QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.selectionModel().select(self.model.index(row, 0), flags)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def on_selection_changed(self) -> None:
        chosen = self.selected()
        one = len(chosen) == 1
        writable = not self.ctx.store.read_only
        self.edit_button.setEnabled(one and writable)
        self.note_button.setEnabled(one and writable)
        self.delete_button.setEnabled(one and writable)
        self.history_button.setEnabled(one)
        self.status_button.setEnabled(bool(chosen) and writable)
        self.reassign_button.setEnabled(bool(chosen) and writable)
        self.new_button.setEnabled(writable)
        self.status_button.setText(
            f"Change status of {len(chosen)}…" if len(chosen) > 1 else "Change status…"
        )
        self._show_detail(chosen[0] if one else None)

    def _show_detail(self, a: A.Action | None) -> None:
        self.notes.setRowCount(0)
        if a is None:
            self.detail.setText("<span style='color:#5f6b7a'>Choose an action to see its detail "
                                "and progress notes.</span>")  # fmt: skip
            return
        e = html.escape
        lines = [
            f"<b>{e(a.reference)}</b> — {e(a.title)}",
            f"<b>Body:</b> {e(a.body)}",
            f"<b>Source:</b> {e(a.source)}" + (f" — {e(a.source_label)}" if a.source_label else ""),
            f"<b>Owner:</b> {e(a.owner or 'none')}"
            + (f" ({e(a.organisation)})" if a.organisation else ""),
            f"<b>Raised</b> {uk(a.raised_date)} · <b>due</b> {uk(a.due_date)} · "
            f"{e(a.status)} · <b>RAG</b> {A.RAG_LABELS[a.rag]}"
            + (f" ({A.due_label(a, dt.date.today())})" if a.is_open else ""),
        ]
        if a.priority:
            lines.append(f"<b>Priority:</b> {e(a.priority)}")
        if a.detail:
            lines.append(e(a.detail))
        if a.completion_note:
            lines.append(f"<b>Completed {uk(a.completed_date)}:</b> {e(a.completion_note)}")
        if a.reopened_count:
            lines.append(f"Reopened {a.reopened_count} time(s).")
        self.detail.setText("<br>".join(lines))
        notes = A.list_notes(self.ctx.store, a.id)
        self.notes.setRowCount(len(notes))
        for i, n in enumerate(notes):
            for j, text in enumerate((uk(n.note_date), n.author, n.kind, n.text)):
                self.notes.setItem(i, j, QTableWidgetItem(text))
        self.notes.resizeColumnsToContents()
        self.notes.horizontalHeader().setStretchLastSection(True)

    # ---- commands --------------------------------------------------------------------------

    def new_record(self, values: dict[str, Any] | None = None) -> None:
        start = {**A.new_action_values(body_id=self.body_id()), **(values or {})}
        new_id = dialogs.ask_action(self, self.ctx.store, start)
        if new_id is not None:
            self._after_change(new_id)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        a = chosen[0]
        if dialogs.ask_action(self, self.ctx.store, dialogs.action_values(a), a.id) is not None:
            self._after_change(a.id)

    def add_note(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and dialogs.ask_note(self, self.ctx.store, chosen[0]) is not None:
            self._after_change(chosen[0].id)

    def change_status(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        ids = [a.id for a in chosen]
        changed = dialogs.ask_bulk_status(self, self.ctx.store, ids)
        if changed is not None:
            self.ctx.status(f"Status changed for {changed} action(s).")
            self._after_change(ids[0], ids)

    def reassign_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            ids = [a.id for a in chosen]
            if dialogs.ask_reassign(self, self.ctx.store, ids) is not None:
                self._after_change(ids[0], ids)

    def show_history(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            a = chosen[0]
            HistoryDialog(self, a.reference, A.action_history(self.ctx.store, a.id)).exec()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        a = chosen[0]
        answer = QMessageBox.question(
            self,
            "Delete action",
            f"Delete {a.reference} and its notes? Only do this for an action raised by mistake; "
            "otherwise cancel it. The history keeps a record of the deletion.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            A.delete_action(self.ctx.store, a.id)
        except LscpError as exc:
            QMessageBox.warning(self, "Cannot delete action", str(exc))
            return
        self._after_change(None)

    def edit_priorities(self) -> None:
        dialogs.edit_priorities(self, self.ctx)
        self.reload(force=True)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def open_record(self, record_id: int) -> None:
        """Show one action, clearing filters that hide it."""
        self.tabs.setCurrentIndex(0)
        if not self.select_id(record_id):
            self.body_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(1)
            self.search.clear()
            self.reload(force=True)
            for combo in (self.rag_combo, self.owner_combo, self.organisation_combo,
                          self.priority_combo):  # fmt: skip
                combo.setCurrentIndex(0)
            self.overdue_check.setChecked(False)
            self.next_meeting_check.setChecked(False)
            self.select_id(record_id)

    def _after_change(self, action_id: int | None, ids: list[int] | None = None) -> None:
        self.reload(force=True)
        for i, key in enumerate(ids or ([action_id] if action_id is not None else [])):
            self.select_id(key, add=i > 0)
        self.data_changed.emit()

    # ---- chase list ------------------------------------------------------------------------

    def _refresh_chase(self) -> None:
        if self.tabs.currentIndex() != 1:
            return
        entries = A.chase_list(self.ctx.store, body_id=self.body_id())
        self._chase_entries = entries
        self.chase.clear()
        today = dt.date.today()
        for entry in entries:
            label = f"{entry.owner} — {len(entry.actions)} open, {entry.overdue} overdue"
            if entry.has_left:
                label += " (left)"
            top = QTreeWidgetItem([label, entry.organisation, "", "", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, entry.owner_id)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for a in entry.actions:
                child = QTreeWidgetItem(
                    [f"{a.reference}  {a.title}", a.body, uk(a.due_date),
                     f"{A.RAG_LABELS[a.rag]} ({A.due_label(a, today)})", a.status]
                )  # fmt: skip
                child.setBackground(3, RAG_COLOURS[a.rag])
                child.setData(0, Qt.ItemDataRole.UserRole, ("action", a.id))
                top.addChild(child)
            self.chase.addTopLevelItem(top)

    def _chase_entry(self) -> A.ChaseEntry | None:
        item = self.chase.currentItem()
        if item is None:
            return None
        parent = item.parent()
        if parent is not None:
            item = parent
        index = self.chase.indexOfTopLevelItem(item)
        entries = getattr(self, "_chase_entries", [])
        return entries[index] if 0 <= index < len(entries) else None

    def copy_chase(self) -> None:
        entry = self._chase_entry()
        if entry is None:
            return
        today = dt.date.today()
        lines = [f"Actions for {entry.owner}:"] + [
            f"- {a.reference} {a.title}: due {uk(a.due_date)} ({A.due_label(a, today)})"
            for a in entry.actions
        ]
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.ctx.status(f"Copied {len(entry.actions)} action(s) for {entry.owner}.")

    def reassign_chase_owner(self) -> None:
        entry = self._chase_entry()
        if entry is None:
            return
        ids = [a.id for a in entry.actions]
        if dialogs.ask_reassign(self, self.ctx.store, ids) is not None:
            self._after_change(None)
