"""A meeting's agenda tab: items timed from the start of the meeting, reordered by dragging or
Ctrl+Up / Ctrl+Down, standing and forward plan items, carrying forward, cover sheets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.meetings.agenda import (
    agree_item,
    build_draft_agenda,
    carry_forward,
    delete_item,
    get_item,
    move_item,
    reorder_items,
    save_item,
    timed_agenda,
)
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.records import AgendaItem
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.models import AgendaTableModel
from lscp_desktop.ui.pages.meetings.opened import kept_theirs, open_record
from lscp_desktop.ui.pages.meetings.widgets import (
    MeetingTab,
    button_row,
    done,
    selected_rows,
    table_view,
)


class AgendaTab(MeetingTab):
    """The meeting's agenda items, in order, with their times."""

    #: Items were added, edited, moved or removed (the minutes follow the agenda).
    items_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.model = AgendaTableModel()
        self.view = table_view(self.model, "agenda")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.timing = QLabel()
        self.timing.setObjectName("agendaTiming")
        self.timing.setWordWrap(True)
        self.add_button = QPushButton("Add item…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Ctrl+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Ctrl+Down")
        self.standing_button = QPushButton("Add standing and forward plan items")
        self.carry_button = QPushButton("Carry forward to next meeting")
        self.agree_button = QPushButton("Agreed with the chair")
        self.agree_button.setToolTip("A proposed item (from the forward plan) stays off the "
                                     "agenda and pack until the chair agrees it")  # fmt: skip
        self.agree_button.setEnabled(False)
        self.cover_button = QPushButton("Cover sheet…")
        self.cover_button.setToolTip("Author, summary, recommendations, risks and the voice of "
                                     "the child, for the board pack")  # fmt: skip
        self.move_up_action = QAction("Move item up", self.view)
        self.move_up_action.setShortcut(QKeySequence("Ctrl+Up"))
        self.move_up_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.move_down_action = QAction("Move item down", self.view)
        self.move_down_action.setShortcut(QKeySequence("Ctrl+Down"))
        self.move_down_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.move_up_action)
        self.view.addAction(self.move_down_action)
        layout = QVBoxLayout(self)
        # Two rows, so the tab fits a 1280-pixel screen: the agenda, then the selected item.
        layout.addLayout(button_row(self.add_button, self.standing_button))
        layout.addLayout(
            button_row(self.edit_button, self.remove_button, self.up_button, self.down_button,
                       self.carry_button, self.agree_button, self.cover_button)
        )  # fmt: skip
        layout.addWidget(self.view, 1)
        layout.addWidget(self.timing)
        hint = QLabel("Drag items to reorder them, or select one and press Ctrl+Up / Ctrl+Down.")
        hint.setObjectName("muted")
        layout.addWidget(hint)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.view.doubleClicked.connect(lambda _i: self.on_edit_clicked())
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.cover_button.clicked.connect(self.on_cover_sheet_clicked)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.move_up_action.triggered.connect(lambda: self.move_selected(-1))
        self.move_down_action.triggered.connect(lambda: self.move_selected(1))
        self.model.order_changed.connect(self.on_order_changed)
        self.standing_button.clicked.connect(self.on_standing_clicked)
        self.carry_button.clicked.connect(self.on_carry_clicked)
        self.agree_button.clicked.connect(self.on_agree_clicked)
        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)

    def reload(self, select_id: int | None = None) -> None:
        timing = timed_agenda(self.ctx.store, self.meeting_id)
        self.model.set_records(timing.items)
        if select_id is not None:
            row = self.model.row_of(select_id)
            if row is not None:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.setCurrentIndex(self.model.index(row, 0))
        header = self.view.horizontalHeader()
        self.view.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        total = sum(i.minutes_allotted for i in timing.items)
        if timing.warning:
            self.timing.setStyleSheet("color: #a4262c; font-weight: 600;")
            self.timing.setText("⚠ " + timing.warning)
        else:
            self.timing.setStyleSheet("color: #1e6b34;")
            spare = -timing.overrun_minutes
            self.timing.setText(
                f"{len(timing.items)} items, {total} minutes: runs {timing.meeting_start}–"
                f"{timing.agenda_end}, {spare} minutes spare before {timing.meeting_end}."
                if timing.items
                else "No items yet: add the standing items to start the agenda."
            )

    def _items_edited(self, select_id: int | None = None, *, saved: bool = True) -> None:
        """After the items changed: show them again, tell the minutes and, if saved, the list."""
        self.reload(select_id)
        self.items_changed.emit()
        if saved:
            self.changed.emit()

    def selected_item(self) -> AgendaItem | None:
        rows = selected_rows(self.view)
        return self.model.record(rows[0]) if rows else None

    def _item_dialog(
        self, title: str, values: dict[str, Any], item_id: int | None, version: int | None = None
    ) -> Any:
        """The item's form; an item edited is saved over the version it was shown at only
        (a colleague's change kept instead: its id, and the agenda shows theirs)."""
        store, meeting_id = self.ctx.store, self.meeting_id
        opened = open_record(store, "agenda_items", item_id, version)
        saved = RecordDialog.ask(
            self,
            title,
            forms.item_fields(store),
            values,
            lambda v: save_item(store, meeting_id, v, item_id),
            table="agenda_items",
            opened=opened,
        )
        return item_id if saved is None and kept_theirs(opened) else saved

    def on_add_clicked(self) -> None:
        new_id = self._item_dialog(
            "New agenda item", {"purpose": "discussion", "minutes_allotted": 15,
                                "proposed": False}, None
        )  # fmt: skip
        if new_id is not None:
            self._items_edited(new_id)

    def on_edit_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        saved = self._item_dialog(
            f"Edit item {item.position}",
            vars(item) | {"proposed": bool(item.proposed)},
            item.id,
            item.row_version,
        )
        if saved is not None:
            self._items_edited(item.id)

    def on_cover_sheet_clicked(self) -> None:
        from lscp_desktop.ui.pages.meetings.coversheet import edit_cover_sheet

        item = self.selected_item()
        if item is not None and edit_cover_sheet(self, self.ctx.store, item):
            self.changed.emit()

    def on_remove_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        answer = QMessageBox.question(self, "Remove item", f"Remove '{item.title}'?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.try_("Cannot remove item", lambda: delete_item(self.ctx.store, item.id)):
            self._items_edited()

    def move_selected(self, offset: int) -> None:
        item = self.selected_item()
        if item is None:
            return
        if self.try_("Cannot move item", lambda: move_item(self.ctx.store, item.id, offset)):
            self._items_edited(item.id, saved=False)

    def on_order_changed(self, order: list[int]) -> None:
        meeting_id = self.meeting_id
        selected = self.selected_item()
        self.try_(
            "Cannot reorder the agenda",
            lambda: reorder_items(self.ctx.store, meeting_id, order),
        )
        self._items_edited(selected.id if selected else None, saved=False)

    def on_standing_clicked(self) -> None:
        meeting_id = self.meeting_id
        added = self.try_(
            "Cannot add items", lambda: build_draft_agenda(self.ctx.store, meeting_id)
        )
        if added is not None:
            self.ctx.status(f"Added {added} standing and forward plan item(s).")
            self._items_edited()

    def on_selection_changed(self, *_args: Any) -> None:
        item = self.selected_item()
        self.agree_button.setEnabled(bool(item and item.proposed) and not self.ctx.store.read_only)

    def on_agree_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if self.try_("Cannot agree the item", lambda: done(agree_item, self.ctx.store, item.id)):
            self.ctx.status(f"'{item.title}' is agreed: it goes out on the agenda and in the pack.")
            self._items_edited(item.id)
            self.on_selection_changed()

    def on_carry_clicked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        new_id = self.try_("Cannot carry forward", lambda: carry_forward(self.ctx.store, item.id))
        if new_id is not None:
            target = get_meeting(self.ctx.store, get_item(self.ctx.store, new_id).meeting_id)
            QMessageBox.information(
                self, "Carried forward", f"'{item.title}' is now on the agenda for {target.title}."
            )
            self.changed.emit()
