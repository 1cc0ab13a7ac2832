"""Filling the real record dialogs in GUI tests: the form's widgets are set and Save is pressed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit

from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pickers import DateField


def fill_dialog(
    monkeypatch: pytest.MonkeyPatch, *fills: Callable[[RecordDialog], None]
) -> list[RecordDialog]:
    """Replace exec() so the real dialog is filled in and its Save button logic runs.

    With one function, every dialog is filled by it; with several, each dialog by the next.
    Returns the dialogs shown, in order.
    """
    seen: list[RecordDialog] = []
    queue = list(fills)

    def exec_(self: RecordDialog) -> int:
        seen.append(self)
        fill = fills[0] if len(fills) == 1 else queue.pop(0)
        fill(self)
        self.on_save_clicked()
        return QDialog.DialogCode.Accepted if self.result() == QDialog.DialogCode.Accepted else 0

    monkeypatch.setattr(RecordDialog, "exec", exec_)
    return seen


def set_text(dialog: RecordDialog, key: str, text: str) -> None:
    widget = dialog.widgets[key]
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        assert isinstance(widget, QLineEdit | DateField)
        widget.setText(text)


def choose(dialog: RecordDialog, key: str, label: str, *, exact: bool = False) -> None:
    """Pick the first item whose text starts with *label* (is *label*, with *exact*)."""
    combo = dialog.widgets[key]
    assert isinstance(combo, QComboBox)
    flag = Qt.MatchFlag.MatchExactly if exact else Qt.MatchFlag.MatchStartsWith
    index = combo.findText(label, flag)
    assert index >= 0, label
    combo.setCurrentIndex(index)


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, *answers: dict[str, Any]) -> list[str]:
    """Make RecordDialog.ask fill in each form in turn and press Save; returns the titles."""
    queue = list(answers)
    titles: list[str] = []

    def ask(
        cls: Any, parent: Any, title: str, fields: Any, values: Any, save: Any, **kwargs: Any
    ) -> Any:
        titles.append(title)
        dialog = cls(parent, title, fields, values, save, **kwargs)
        for key, value in queue.pop(0).items():
            widget = dialog.widgets[key]
            if hasattr(widget, "setCurrentIndex") and hasattr(widget, "findData"):
                index = widget.findData(value)
                widget.setCurrentIndex(index if index >= 0 else widget.findText(str(value)))
            elif hasattr(widget, "setPlainText"):
                widget.setPlainText(str(value))
            elif hasattr(widget, "setChecked"):
                widget.setChecked(bool(value))
            else:
                widget.setText(str(value))
        dialog.on_save_clicked()
        if not dialog.error.isHidden():
            titles.append("error: " + dialog.error.text())
            return None
        return dialog.result_value

    monkeypatch.setattr(RecordDialog, "ask", classmethod(ask))
    return titles
