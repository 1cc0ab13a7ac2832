"""Undoable edits. Each operation is carried out first (so a broken rule never reaches the
stack) and then pushed as a command whose first ``redo`` does nothing.

Undo and redo go through the model layer (:mod:`lscp_desktop.models.core.undo`), which checks
the record's rules and audits the write like any other save. When a step is refused (a rule,
a record changed or deleted since, a read-only file) the user is told why, and the command
leaves the stack (``setObsolete``) instead of being marked undone or redone: everything below
``stack.index()`` is in the database, everything from it on is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.undo import remove_record, restore_record, revert_record
from lscp_desktop.models.store.database import Row, Store


class ModelCommand(QUndoCommand):
    """A command already carried out when pushed. Subclasses implement :meth:`do` (redo) and
    :meth:`undo_it` (undo) with model calls; a refusal is reported here."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._attempt("redo", self.do)

    def undo(self) -> None:
        self._attempt("undo", self.undo_it)

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError

    def _attempt(self, verb: str, step: Callable[[], object]) -> None:
        try:
            step()
        except LscpError as exc:
            self.setObsolete(True)
            QMessageBox.warning(
                QApplication.activeWindow(),
                f"Cannot {verb}: {self.text()}",
                f"{exc}\n\nThis step has been taken off the {verb} list.",
            )
        except BaseException:
            self.setObsolete(True)  # a bug: the stack still must not claim the step happened
            raise


class AddCommand(ModelCommand):
    """A record was added: undo takes it out again; redo puts it back with the same id."""

    def __init__(self, store: Store, table: str, record_id: int, text: str) -> None:
        super().__init__(text)
        self.store, self.table, self.record_id = store, table, record_id
        self.added: Row = store.require(table, record_id)
        self.row: Row | None = None

    def undo_it(self) -> None:
        self.row = remove_record(self.store, self.table, self.record_id, expected=self.added)

    def do(self) -> None:
        if self.row is not None:
            restore_record(self.store, self.table, self.row)


class EditCommand(ModelCommand):
    """Fields of a record changed: undo writes the old values back, redo the new ones."""

    def __init__(
        self, store: Store, table: str, record_id: int, old: Row, new: Row, text: str
    ) -> None:
        super().__init__(text)
        self.store, self.table, self.record_id = store, table, record_id
        self.old, self.new = old, new

    def undo_it(self) -> None:
        revert_record(self.store, self.table, self.record_id, self.old, expected=self.new)

    def do(self) -> None:
        revert_record(self.store, self.table, self.record_id, self.new, expected=self.old)


class DeleteCommand(ModelCommand):
    """A record was deleted: undo restores it exactly, with the same id; redo deletes it again."""

    def __init__(self, store: Store, table: str, row: Row, text: str) -> None:
        super().__init__(text)
        self.store, self.table, self.row = store, table, row

    def undo_it(self) -> None:
        restore_record(self.store, self.table, self.row)

    def do(self) -> None:
        self.row = remove_record(self.store, self.table, int(self.row["id"]), expected=self.row)


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
