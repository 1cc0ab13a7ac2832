"""Undoable edits. Each operation is carried out first (so a broken rule never reaches the
stack) and then pushed as a command whose first ``redo`` does nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.membership import restore_record
from lscp_desktop.models.store.database import Row, Store


class _DoneCommand(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()

    def undo(self) -> None:
        self.undo_it()

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class AddCommand(_DoneCommand):
    """A record was added: undo deletes it; redo puts it back with the same id."""

    def __init__(self, store: Store, table: str, record_id: int, text: str) -> None:
        super().__init__(text)
        self.store, self.table, self.record_id = store, table, record_id
        self.row: Row | None = None

    def undo_it(self) -> None:
        self.row = self.store.delete(self.table, self.record_id)

    def do(self) -> None:
        if self.row is not None:
            restore_record(self.store, self.table, self.row)


class EditCommand(_DoneCommand):
    """Fields of a record changed: undo writes the old values back."""

    def __init__(
        self, store: Store, table: str, record_id: int, old: Row, new: Row, text: str
    ) -> None:
        super().__init__(text)
        self.store, self.table, self.record_id = store, table, record_id
        self.old, self.new = old, new

    def undo_it(self) -> None:
        self.store.update(self.table, self.record_id, self.old)

    def do(self) -> None:
        self.store.update(self.table, self.record_id, self.new)


class DeleteCommand(_DoneCommand):
    """A record was deleted: undo restores it exactly, with the same id."""

    def __init__(self, store: Store, table: str, row: Row, text: str) -> None:
        super().__init__(text)
        self.store, self.table, self.row = store, table, row

    def undo_it(self) -> None:
        restore_record(self.store, self.table, self.row)

    def do(self) -> None:
        self.store.delete(self.table, int(self.row["id"]))


def edit_and_push(
    stack: Any, store: Store, table: str, record_id: int, change: Callable[[], None], text: str
) -> None:
    """Run *change* (a model call that edits one record) and push it as an undoable edit."""
    before = store.require(table, record_id)
    change()
    after = store.require(table, record_id)
    old = {k: v for k, v in before.items() if after.get(k) != v}
    new = {k: after[k] for k in old}
    if old:
        stack.push(EditCommand(store, table, record_id, old, new, text))


def delete_and_push(
    parent: QWidget,
    stack: Any,
    store: Store,
    table: str,
    delete: Callable[[], Row],
    *,
    title: str,
    question: str,
    refused: str,
    text: str,
) -> bool:
    """Ask *question*; on Yes run *delete* (a model call that deletes one row of *table* and
    returns it) and push it as an undoable delete. A rule that refuses is shown under the
    title *refused*. True only when the row was deleted."""
    answer = QMessageBox.question(parent, title, question)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        row = delete()
    except LscpError as exc:
        QMessageBox.warning(parent, refused, str(exc))
        return False
    stack.push(DeleteCommand(store, table, row, text))
    return True
