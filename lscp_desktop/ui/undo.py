"""Undoable edits. Each operation is carried out first (so a broken rule never reaches the
stack) and then pushed as a command whose first ``redo`` does nothing.

Undo and redo go through the model layer (:mod:`lscp_desktop.models.core.undo`), which checks
the record's rules and audits the write like any other save. When a step is refused (a rule,
a record changed or deleted since, a read-only file) the user is told why, and the command
leaves the stack (``setObsolete``) instead of being marked undone or redone: everything below
``stack.index()`` is in the database, everything from it on is not.

Each page has a stack of its own in one :class:`UndoHistory`: Edit › Undo acts on the page
shown and names the step ("Undo add person Aisha Dixon"); Ctrl+Z on Membership never undoes an
entry made on Reviews.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6 import QtWidgets  # QtWidgets.QMessageBox (its enums) made when a message is shown
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.core.undo import remove_record, restore_record, revert_record, version_now
from lscp_desktop.models.store.database import Row, Store
from lscp_desktop.ui.first_paint import set_shortcut


class ModelCommand(QUndoCommand):
    """A command already carried out when pushed. Subclasses implement :meth:`do` (redo) and
    :meth:`undo_it` (undo) with model calls; a refusal is reported here.

    :attr:`known` holds the version each record was left at by this window's own steps: a step
    finding its record at another version (a colleague's change since) is refused."""

    #: (database, table, id) → the record's version after this window's last step on it.
    known: ClassVar[dict[tuple[str, str, int], int]] = {}

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    @staticmethod
    def remember(store: Store, table: str, record_id: int) -> None:
        """Note the version a step of ours left the record at (forgotten once it is gone)."""
        key = (str(store.path), table, record_id)
        version = version_now(store, table, record_id)
        if version is None:
            ModelCommand.known.pop(key, None)
        else:
            ModelCommand.known[key] = version

    @staticmethod
    def expected(store: Store, table: str, record_id: int) -> int | None:
        return ModelCommand.known.get((str(store.path), table, record_id))

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
            QtWidgets.QMessageBox.warning(
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

        self.remember(store, table, record_id)

    def undo_it(self) -> None:
        version = self.expected(self.store, self.table, self.record_id)
        self.row = remove_record(
            self.store, self.table, self.record_id, expected=self.added, version=version
        )
        self.remember(self.store, self.table, self.record_id)

    def do(self) -> None:
        if self.row is not None:
            restore_record(self.store, self.table, self.row)
            self.remember(self.store, self.table, self.record_id)


class EditCommand(ModelCommand):
    """Fields of a record changed: undo writes the old values back, redo the new ones."""

    def __init__(
        self, store: Store, table: str, record_id: int, old: Row, new: Row, text: str
    ) -> None:
        super().__init__(text)
        self.store, self.table, self.record_id = store, table, record_id
        self.old, self.new = old, new
        self.remember(store, table, record_id)

    def undo_it(self) -> None:
        self._write(self.old, self.new, "undo")

    def do(self) -> None:
        self._write(self.new, self.old, "redo")

    def _write(self, values: Row, expected: Row, verb: str) -> None:
        version = self.expected(self.store, self.table, self.record_id)
        revert_record(self.store, self.table, self.record_id, values, expected=expected,
                      version=version, verb=verb)  # fmt: skip
        self.remember(self.store, self.table, self.record_id)


class DeleteCommand(ModelCommand):
    """A record was deleted: undo restores it exactly, with the same id; redo deletes it again."""

    def __init__(self, store: Store, table: str, row: Row, text: str) -> None:
        super().__init__(text)
        self.store, self.table, self.row = store, table, row

    def undo_it(self) -> None:
        restore_record(self.store, self.table, self.row)
        self.remember(self.store, self.table, int(self.row["id"]))

    def do(self) -> None:
        record_id = int(self.row["id"])
        version = self.expected(self.store, self.table, record_id)
        self.row = remove_record(self.store, self.table, record_id, expected=self.row,
                                 version=version, verb="redo")  # fmt: skip
        self.remember(self.store, self.table, record_id)


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


def push_add(
    stack: Any,
    store: Store,
    table: str,
    record_id: int,
    text: str,
    before: dict[tuple[str, int], Row] | None = None,
) -> None:
    """Push an added record as one undoable step, with the changes the same save made to other
    records (whose rows were *before*): undo takes the new record out first, then puts the
    others back (a predecessor's role returns only once the successor's is gone)."""
    if not before:
        stack.push(AddCommand(store, table, record_id, text))
        return
    stack.beginMacro(text)
    for (other, other_id), old_row in before.items():
        after = store.require(other, other_id)
        old = {k: v for k, v in old_row.items() if after.get(k) != v}
        if old:
            new = {k: after[k] for k in old}
            stack.push(EditCommand(store, other, other_id, old, new, text))
    stack.push(AddCommand(store, table, record_id, text))
    stack.endMacro()


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
    answer = QtWidgets.QMessageBox.question(parent, title, question)
    if answer != QtWidgets.QMessageBox.StandardButton.Yes:
        return False
    try:
        row = delete()
    except LscpError as exc:
        QtWidgets.QMessageBox.warning(parent, refused, str(exc))
        return False
    stack.push(DeleteCommand(store, table, row, text))
    return True


def _phrase(text: str) -> str:
    """A command's text inside a menu label: "Add person X" becomes "add person X"."""
    return text[:1].lower() + text[1:]


class UndoHistory(QObject):
    """The window's undo: a stack per page in one ``QUndoGroup``, the stack of the page shown
    active, and Edit menu actions whose labels say what they will undo or redo. After a change
    that cannot be undone (an import), Undo says so instead of undoing something older."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self.undo_action = QAction("&Undo", parent)
        set_shortcut(self.undo_action, "Ctrl+Z")
        self.redo_action = QAction("&Redo", parent)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._cannot = ""
        self.undo_action.triggered.connect(self.group.undo)
        self.redo_action.triggered.connect(self.group.redo)
        for signal in (self.group.canUndoChanged, self.group.canRedoChanged):
            signal.connect(self._update)
        for text_signal in (self.group.undoTextChanged, self.group.redoTextChanged):
            text_signal.connect(self._update)
        self.group.indexChanged.connect(self.on_index_changed)
        self.group.activeStackChanged.connect(self._update)
        self._update()

    def new_stack(self) -> QUndoStack:
        """A stack for one page, in the group."""
        return QUndoStack(self.group)

    def activate(self, stack: QUndoStack) -> None:
        self.group.setActiveStack(stack)

    def clear(self) -> None:
        for stack in self.group.stacks():
            stack.clear()
        ModelCommand.known.clear()

    def cannot_undo(self, what: str) -> None:
        """After *what* ("the import of people.xlsx"), which cannot be undone: earlier steps
        are dropped from every page, and Undo says why it is unavailable."""
        self.clear()
        self._cannot = f"Cannot undo {what}"
        self._update()

    def on_index_changed(self, _index: int) -> None:
        if self.group.canUndo():
            self._cannot = ""  # a new step was taken since
        self._update()

    def _update(self, *_args: object) -> None:
        group = self.group
        if group.canUndo():
            self.undo_action.setText(f"&Undo {_phrase(group.undoText())}")
        else:
            self.undo_action.setText(self._cannot or "&Undo")
        self.undo_action.setEnabled(group.canUndo())
        self.redo_action.setText(
            f"&Redo {_phrase(group.redoText())}" if group.canRedo() else "&Redo"
        )
        self.redo_action.setEnabled(group.canRedo())
