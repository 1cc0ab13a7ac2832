"""A searchable register of one kind of record: table, search box, add/edit/delete/history.

What a register shows and how it saves is described by a :class:`RegisterSpec`; the view adds
the behaviour every register shares (undo, confirmation, "deactivate instead", history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.table import (
    Column,
    RecordFilterProxy,
    RecordTableModel,
    make_table_view,
    selected_record,
)
from lscp_desktop.ui.undo import DeleteCommand, EditCommand, edit_and_push, push_add

T = TypeVar("T")


@dataclass
class RegisterSpec(Generic[T]):
    noun: str
    plural: str
    table: str
    columns: list[Column[T]]
    load: Callable[[Store], list[T]]
    fields: Callable[[Store], list[Field]]
    values_of: Callable[[T], dict[str, Any]]
    save: Callable[[Store, dict[str, Any], int | None], int]
    delete: Callable[[Store, int], Row]
    title_of: Callable[[T], str]
    is_inactive: Callable[[T], bool] = field(default=lambda _r: False)
    set_active: Callable[[Store, int, bool], None] | None = None
    inactive_label: str = "Show inactive"
    new_values: Callable[[], dict[str, Any]] = field(default=dict)
    #: Column to sort by at first; None keeps the order the records were loaded in.
    default_sort: int | None = 0
    #: Other records saving a new record's values may change, as (table, id): e.g. the
    #: predecessor's role and seats a successor ends. Their changes and the new record are one
    #: undo step.
    also_changes: Callable[[Store, dict[str, Any]], list[tuple[str, int]]] | None = None


class RegisterView(QWidget, Generic[T]):
    #: Records were added, changed or removed through this view.
    changed = Signal()

    def __init__(
        self, ctx: AppContext, spec: RegisterSpec[T], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.model: RecordTableModel[T] = RecordTableModel(spec.columns)
        self.proxy = RecordFilterProxy(self.model)
        self._build_ui()
        self._connect_signals()
        self._apply_inactive_filter()

    def _build_ui(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {self.spec.plural}…")
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.show_inactive = QCheckBox(self.spec.inactive_label)
        self.new_button = QPushButton(f"New {self.spec.noun}…")
        self.edit_button = QPushButton("Edit…")
        self.active_button = QPushButton("Deactivate")
        self.active_button.setVisible(self.spec.set_active is not None)
        self.delete_button = QPushButton("Delete…")
        self.history_button = QPushButton("History…")
        bar = self._bar = QHBoxLayout()
        self._extra: list[tuple[QPushButton, bool]] = []
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_inactive)
        for b in (
            self.new_button,
            self.edit_button,
            self.active_button,
            self.delete_button,
            self.history_button,
        ):
            bar.addWidget(b)

        default_sort = -1 if self.spec.default_sort is None else self.spec.default_sort
        self.view = make_table_view(
            self.proxy, sort=(default_sort, Qt.SortOrder.AscendingOrder), stretch_last=False
        )  # fit_columns fills the room (refresh)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._update_buttons()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.on_search_text_changed)
        self.show_inactive.toggled.connect(lambda _c: self._apply_inactive_filter())
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete_selected)
        self.history_button.clicked.connect(self.show_history)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        selection = self.view.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._update_buttons())
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    # ---- loading and filtering --------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected()
        key = getattr(selected, "id", None)
        self.model.set_records(self.spec.load(self.ctx.store))
        if self.view.isVisible():
            self.view.doItemsLayout()  # now, not on a timer after the first paint (a second)
        first_time = not hasattr(self, "_sized")
        if first_time:
            self._sized = True
            fit_columns(self.view, pad=16, widest=320)
        if key is not None:
            self.select_id(key)
        self._update_count()
        self._update_buttons()

    def on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _apply_inactive_filter(self) -> None:
        if self.show_inactive.isChecked():
            self.proxy.set_predicate(None)
        else:
            inactive = self.spec.is_inactive
            self.proxy.set_predicate(lambda r: not inactive(r))
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown} {self.spec.plural}"
            if shown == total
            else f"{shown} of {total} {self.spec.plural} shown"
        )

    def _update_buttons(self) -> None:
        record = self.selected()
        has = record is not None
        for b in (self.edit_button, self.delete_button, self.history_button, self.active_button):
            b.setEnabled(
                has and not self.ctx.store.read_only if b is not self.history_button else has
            )
        self.new_button.setEnabled(not self.ctx.store.read_only)
        for button, writes in self._extra:
            button.setEnabled(has and not (writes and self.ctx.store.read_only))
        if record is not None and self.spec.set_active is not None:
            self.active_button.setText(
                "Reactivate" if self.spec.is_inactive(record) else "Deactivate"
            )

    def add_button(self, text: str, on_click: Callable[[T], None], *, writes: bool) -> QPushButton:
        """A button at the end of the bar for the selected record (the people register's
        "Subject access…" and "Erase this person…"); *writes*: disabled when read-only."""
        button = QPushButton(text)
        self._bar.addWidget(button)
        self._extra.append((button, writes))

        def clicked() -> None:
            record = self.selected()
            if record is not None:
                on_click(record)

        button.clicked.connect(clicked)
        self._update_buttons()
        return button

    # ---- selection -----------------------------------------------------------------------------

    def selected(self) -> T | None:
        record: T | None = selected_record(self.view)
        return record

    def select_id(self, record_id: int, *, reveal: bool = False) -> bool:
        """Select a record; with *reveal*, clear filters that hide it."""
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            if not reveal:
                return False
            self.search.clear()
            self.show_inactive.setChecked(True)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    # ---- commands ------------------------------------------------------------------------------

    def new_record(self) -> None:
        store, spec = self.ctx.store, self.spec
        before: dict[tuple[str, int], Row] = {}

        def save(values: dict[str, Any]) -> int:
            before.clear()
            if spec.also_changes is not None:
                before.update({k: store.require(*k) for k in spec.also_changes(store, values)})
            return spec.save(store, values, None)

        new_id = RecordDialog.ask(
            self, f"New {spec.noun}", spec.fields(store), spec.new_values(), save, table=spec.table
        )
        if new_id is None:
            return
        self.refresh()
        label = self._label("add", new_id)
        push_add(self.ctx.undo_stack, store, spec.table, new_id, label, before)
        self._after_change(new_id)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        store, spec = self.ctx.store, self.spec
        record_id = int(getattr(record, "id"))  # noqa: B009
        before = store.require(spec.table, record_id)
        opened = OpenedRecord.open(store, spec.table, record_id, before.get("row_version"))
        saved = RecordDialog.ask(
            self,
            f"Edit {spec.noun}: {spec.title_of(record)}",
            spec.fields(store),
            spec.values_of(record),
            lambda values: spec.save(store, values, record_id),
            table=spec.table,
            opened=opened,
        )
        if saved is None:
            if opened is not None and opened.reloaded:
                self.refresh()  # a colleague's changes were kept: show them
            return
        after = store.require(spec.table, record_id)
        old = {k: v for k, v in before.items() if after.get(k) != v}
        if old:
            new = {k: after[k] for k in old}
            self.refresh()
            label = self._label("edit", record_id)
            self.ctx.undo_stack.push(EditCommand(store, spec.table, record_id, old, new, label))
        self._after_change(record_id)

    def toggle_active(self) -> None:
        record = self.selected()
        if record is None or self.spec.set_active is None:
            return
        store, spec = self.ctx.store, self.spec
        record_id = int(getattr(record, "id"))  # noqa: B009
        make_active = spec.is_inactive(record)
        setter = spec.set_active
        assert setter is not None
        verb = "Reactivate" if make_active else "Deactivate"
        try:
            edit_and_push(
                self.ctx.undo_stack,
                store,
                spec.table,
                record_id,
                lambda: setter(store, record_id, make_active),
                f"{verb} {spec.noun} {spec.title_of(record)}",
            )
        except LscpError as exc:
            QMessageBox.warning(self, f"Cannot {verb.lower()}", str(exc))
            return
        self._after_change(record_id)

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        store, spec = self.ctx.store, self.spec
        record_id = int(getattr(record, "id"))  # noqa: B009
        answer = QMessageBox.question(
            self,
            f"Delete {spec.noun}",
            f"Delete {spec.title_of(record)}? You can undo this with Ctrl+Z.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            row = spec.delete(store, record_id)
        except ValidationError as exc:
            if spec.set_active is not None and not spec.is_inactive(record):
                again = QMessageBox.question(
                    self, f"Cannot delete {spec.noun}", f"{exc}\n\nDeactivate it now?"
                )
                if again == QMessageBox.StandardButton.Yes:
                    self.toggle_active()
            else:
                QMessageBox.warning(self, f"Cannot delete {spec.noun}", str(exc))
            return
        except LscpError as exc:
            QMessageBox.warning(self, f"Cannot delete {spec.noun}", str(exc))
            return
        label = f"Delete {spec.noun} {spec.title_of(record)}"
        self.ctx.undo_stack.push(DeleteCommand(store, spec.table, row, label))
        self._after_change(None)

    def show_history(self) -> None:
        record = self.selected()
        if record is None:
            return
        record_id = int(getattr(record, "id"))  # noqa: B009
        HistoryDialog(
            self, self.spec.title_of(record), self.ctx.store.history(self.spec.table, record_id)
        ).exec()

    def _label(self, verb: str, record_id: int) -> str:
        """The undo step's name: "Add person Aisha Dixon" (the record as the table shows it)."""
        row = self.model.row_of(record_id)
        title = self.spec.title_of(self.model.record(row)) if row is not None else ""
        return f"{verb.capitalize()} {self.spec.noun} {title}".strip()

    def _after_change(self, record_id: int | None) -> None:
        self.refresh()
        if record_id is not None:
            self.select_id(record_id)
        self.changed.emit()


class HistoryDialog(QDialog):
    """Every recorded change to one record: when, who, what changed from and to."""

    def __init__(self, parent: QWidget | None, title: str, entries: list[Any]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History: {title}")
        self.resize(720, 420)
        table = QTableWidget(len(entries), 5)
        table.setObjectName("history")
        table.setHorizontalHeaderLabels(
            ["When", "Who (user on computer)", "Change", "Field", "From → to"]
        )
        for i, e in enumerate(entries):
            cells = [
                f"{uk(e.at[:10])} {e.at[11:16]}",
                e.who,
                e.action,
                e.field,
                f"{e.old or '—'} → {e.new or '—'}" if e.action != "delete" else "record deleted",
            ]
            for j, text in enumerate(cells):
                table.setItem(i, j, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        self.table = table
