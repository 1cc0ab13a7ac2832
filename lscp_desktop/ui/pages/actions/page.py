"""Action logs: the partnership's and each body's, with filters, bulk status change, progress
notes, history, a chase list per owner and the actions for a body's next meeting.

The page is the controller: it builds the tabs from the filter bar (``filter_bar``), the table
(``columns``), the detail panel (``detail``) and the chase list (``chase``), wires them, and
calls the model functions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.actions.chase import actions_for_next_meeting
from lscp_desktop.models.actions.filters import ActionFilter
from lscp_desktop.models.actions.listing import list_actions, next_meetings
from lscp_desktop.models.actions.notes import action_history, list_notes
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.actions.saving import delete_action, new_action_values
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.ui.background import Progress
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.filtered_table import FilteredTableModel
from lscp_desktop.ui.page_parts import (
    count_label,
    heading_row,
    select_row,
    tab_column,
    table_over_detail,
)
from lscp_desktop.ui.pages.actions import dialogs
from lscp_desktop.ui.pages.actions.chase import ChaseList
from lscp_desktop.ui.pages.actions.columns import action_columns
from lscp_desktop.ui.pages.actions.detail import ActionDetail
from lscp_desktop.ui.pages.actions.filter_bar import ActionFilterBar
from lscp_desktop.ui.pages.actions.toolbar import ActionToolbar
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.register_view import HistoryDialog
from lscp_desktop.ui.table import make_table_view


class ActionsPage(Page):
    title = "Actions"
    first_rows = 60  # shown while the rest of a log is read: a screenful and more

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model: FilteredTableModel[Action] = FilteredTableModel(action_columns())
        self._generation = 0
        self._loaded_key: tuple[Any, ...] | None = None
        self._next_meeting: dict[int, tuple[int, str]] = {}
        self._fitted = False
        self._build_ui()
        self._connect_signals()

    # ---- construction -----------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("body")
        self.body_combo.setMinimumWidth(280)
        self.next_meeting_label = QLabel()
        self.priorities_button = QPushButton("Priorities…")
        layout.addLayout(
            heading_row(
                "Action logs", "Log:", self.body_combo, self.next_meeting_label,
                self.priorities_button,
            )
        )  # fmt: skip

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_log_tab(), "Log")
        self.chase_tab = ChaseList(self.ctx)
        self.chase = self.chase_tab.tree
        self.tabs.addTab(self.chase_tab, "Chase list")

    def _build_log_tab(self) -> QWidget:
        tab = QWidget()
        col = tab_column(tab)
        self.filters = ActionFilterBar()
        f = self.filters
        self.search, self.status_combo, self.rag_combo = f.search, f.status_combo, f.rag_combo
        self.owner_combo, self.organisation_combo = f.owner_combo, f.organisation_combo
        self.priority_combo = f.priority_combo
        self.overdue_check, self.next_meeting_check = f.overdue_check, f.next_meeting_check
        col.addWidget(self.filters)

        self.toolbar = ActionToolbar()
        t = self.toolbar
        self.new_button, self.edit_button = t.new_button, t.edit_button
        self.note_button, self.status_button = t.note_button, t.status_button
        self.reassign_button, self.history_button = t.reassign_button, t.history_button
        self.delete_button, self.meeting_button = t.delete_button, t.meeting_button
        col.addWidget(self.toolbar)

        self.view = make_table_view(
            self.model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.detail_panel = ActionDetail()
        self.detail, self.notes = self.detail_panel.detail, self.detail_panel.notes
        col.addWidget(table_over_detail(self.view, self.detail_panel, (440, 170)), 1)
        self.count_label = count_label()
        col.addWidget(self.count_label)
        return tab

    def _connect_signals(self) -> None:
        self.body_combo.currentIndexChanged.connect(lambda _i: self.on_body_changed())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        for combo in (self.rag_combo, *self.filters.choice_combos()):
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
        self.chase_tab.draft_button.clicked.connect(
            lambda: self.chase_tab.draft_emails(on_done=self.reload)
        )
        self.chase_tab.reassign_button.clicked.connect(self.reassign_chase_owner)

    # ---- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the bodies and the log (called when the page is shown)."""
        store = self.ctx.store
        current = self.body_combo.currentData()
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        self.body_combo.addItem("Whole partnership", None)
        for b in list_bodies(store):
            self.body_combo.addItem(f"{b.code}: {b.name}", b.id)
        index = self.body_combo.findData(current)
        self.body_combo.setCurrentIndex(max(index, 0))
        self.body_combo.blockSignals(False)
        self._next_meeting = next_meetings(store)
        self._update_meeting_label()
        self.reload(force=True)

    def body_id(self) -> int | None:
        value = self.body_combo.currentData()
        return int(value) if value is not None else None

    def statuses(self) -> frozenset[str] | None:
        return self.filters.statuses()

    def reload(self, *, force: bool = False) -> None:
        """Load the log for the chosen body and statuses, off the GUI thread. When the table is
        empty (the page opening), its first screenful is shown as soon as it is read."""
        key = (self.body_id(), self.statuses())
        if key == self._loaded_key and not force:
            return
        self._generation += 1
        generation, store, (body_id, statuses) = self._generation, self.ctx.store, key
        self.count_label.setText("Loading…")
        first = self.first_rows if self.model.total() == 0 else None

        def load(progress: Progress) -> list[Action]:
            if first:  # handed over before the whole log, so it always arrives first
                progress.partial(list_actions(store, body_id=body_id, statuses=statuses,
                                              first=first))  # fmt: skip
            return list_actions(store, body_id=body_id, statuses=statuses)

        def on_loaded(actions: list[Action], whole: bool = True) -> None:
            if generation != self._generation:
                return  # a newer load was started
            self._loaded_key = key if whole else self._loaded_key
            self._set_actions(actions, whole=whole)

        def on_failure(exc: BaseException) -> None:
            self.count_label.setText("")
            QMessageBox.warning(self, "Action log", f"The action log could not be read: {exc}")

        self.ctx.runner.run(load, on_success=on_loaded, on_failure=on_failure,
                            on_partial=lambda rows: on_loaded(rows, whole=False))  # fmt: skip

    def _set_actions(self, actions: list[Action], *, whole: bool = True) -> None:
        selected = [a.id for a in self.selected()]
        self.filters.fill_choices(actions)
        self.model.set_records(actions)
        if actions and not self._fitted:  # from the whole log, once: then they are the user's
            self._fitted = whole
            fit_columns(self.view, widest=220)
        self.apply_filter()
        for action_id in selected:
            self.select_id(action_id, add=True)
        if not whole:
            self.count_label.setText("Loading…")

    # ---- filtering -------------------------------------------------------------------------

    def current_filter(self) -> ActionFilter:
        return self.filters.current_filter()

    def apply_filter(self) -> None:
        flt = self.current_filter()
        if self.meeting_button.isChecked() and self.body_id() is not None:
            chosen = {
                a.id for a in actions_for_next_meeting(self.ctx.store, self.body_id() or 0).actions
            }
            accept = flt.predicate
            self.model.set_filter(lambda a: a.id in chosen and accept(a))
        else:
            self.model.set_filter(flt.predicate)
        self.on_selection_changed()
        self._refresh_chase()

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

    def selected(self) -> list[Action]:
        selection = self.view.selectionModel()
        if selection is None:
            return []
        return [
            self.model.record(i.row())
            for i in sorted(selection.selectedRows(), key=lambda i: i.row())
        ]

    def select_id(self, action_id: int, *, add: bool = False) -> bool:
        return select_row(self.view, self.model, action_id, add=add)

    def on_selection_changed(self) -> None:
        chosen = self.selected()
        self.toolbar.enable_for(len(chosen), writable=not self.ctx.store.read_only)
        action = chosen[0] if len(chosen) == 1 else None
        notes = list_notes(self.ctx.store, action.id) if action is not None else []
        self.detail_panel.show_action(action, notes)

    # ---- commands --------------------------------------------------------------------------

    def new_record(self, values: dict[str, Any] | None = None) -> None:
        start = {**new_action_values(body_id=self.body_id()), **(values or {})}
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
            HistoryDialog(self, a.reference, action_history(self.ctx.store, a.id)).exec()

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
            delete_action(self.ctx.store, a.id)
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
            self.filters.clear_shown_filters()
            self.select_id(record_id)

    def _after_change(self, action_id: int | None, ids: list[int] | None = None) -> None:
        self.reload(force=True)
        for i, key in enumerate(ids or ([action_id] if action_id is not None else [])):
            self.select_id(key, add=i > 0)
        self.data_changed.emit()

    # ---- chase list ------------------------------------------------------------------------

    def _refresh_chase(self) -> None:
        """The chase list of what the log shows: its log, statuses and filters."""
        if self.tabs.currentIndex() != 1:
            return
        scope = [self.body_combo.currentText(), *self.filters.describe()]
        if self.meeting_button.isChecked():
            scope.append("for the next meeting")
        self.chase_tab.show_actions(self.model.shown_records(), " · ".join(scope))

    def reassign_chase_owner(self) -> None:
        entry = self.chase_tab.current_entry()
        if entry is None:
            return
        ids = [a.id for a in entry.actions]
        if dialogs.ask_reassign(self, self.ctx.store, ids) is not None:
            self._after_change(None)
