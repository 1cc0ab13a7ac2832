"""Choosing where to save an export: the suffix added if it was left off, a name Windows cannot
hold or a read-only file refused, and a question before any existing file is replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lscp_desktop.exports.safe import check_target
from lscp_desktop.models.core.errors import LscpError


def ask_save_path(
    parent: QWidget, title: str, suggested: str, suffix: str, filter_text: str
) -> Path | None:
    """Where to save, or None if the user cancelled (or would not replace a file).

    The save dialog's own question about replacing is turned off: it asks about the name as
    typed, and adding the suffix afterwards can name another file, which must not be replaced
    without asking.
    """
    name, _ = QFileDialog.getSaveFileName(
        parent, title, suggested, filter_text, options=QFileDialog.Option.DontConfirmOverwrite
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(suffix) else name + suffix)
    try:
        check_target(path)
    except LscpError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    if path.exists():
        answer = QMessageBox.question(
            parent,
            title,
            f"{path.name} already exists in {path.parent}.\n\nDo you want to replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return path
