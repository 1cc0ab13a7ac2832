"""No typing is ever lost: one question (Save, Discard, Cancel) asked the same way wherever text
that has not been saved would otherwise go: the window closing, File › Exit, another page or
meeting, another database, a form escaped.

An editor that can hold unsaved text is an :class:`UnsavedWork`: it says what is unsaved, and
saves or discards it. Pages list theirs (:meth:`Page.unsaved_work`); the window and the meeting
view ask :func:`settle` before they move on; a form asks :func:`may_close` when escaped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class UnsavedWork(Protocol):
    def unsaved_changes(self) -> str:
        """What has not been saved, in words ("the minutes of item 2, Apologies"); "" if
        nothing."""
        ...

    def save_changes(self) -> bool:
        """Save it; False when it could not be saved (the reason has been shown)."""
        ...

    def discard_changes(self) -> None:
        """Go back to what is saved."""
        ...


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask(parent: QWidget | None, what: str, before: str) -> Choice:
    """Ask whether to save *what* before *before* ("closing the window")."""
    from PySide6.QtWidgets import QMessageBox  # its enums are built when first used

    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"{what[:1].upper()}{what[1:]}: not saved yet.\n\nSave before {before}? Discard throws "
        "the changes away; Cancel goes back to them.",
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )
    if answer in (buttons.Save, buttons.Yes):
        return Choice.SAVE
    if answer in (buttons.Discard, buttons.No):
        return Choice.DISCARD
    return Choice.CANCEL


def may_close(form: UnsavedWork, parent: QWidget | None, before: str) -> bool:
    """A form being escaped: True to close it now (nothing typed, or Discard); False to keep
    it open (Cancel; or Save, after which the form has closed itself or says what to fix)."""
    what = form.unsaved_changes()
    if not what:
        return True
    choice = ask(parent, what, before)
    if choice is Choice.SAVE:
        form.save_changes()
    return choice is Choice.DISCARD


def settle(parent: QWidget | None, editors: Iterable[UnsavedWork], before: str) -> bool:
    """Ask about each editor holding unsaved text; True when the caller may go ahead (each
    was saved or discarded), False when the user cancelled or a save failed."""
    for editor in editors:
        what = editor.unsaved_changes()
        if not what:
            continue
        choice = ask(parent, what, before)
        if choice is Choice.CANCEL:
            return False
        if choice is Choice.SAVE:
            if not editor.save_changes():
                return False
        else:
            editor.discard_changes()
    return True
