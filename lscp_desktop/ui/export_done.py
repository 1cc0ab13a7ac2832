"""When an export has finished: say where it was saved, and open the file (or its PDF) or show
it in its folder if the user asks. Every export in the window ends here (the Reports page, the
Finance page's workbook, the import dialog's blank template), so they all behave alike."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

OPEN, OPEN_PDF, SHOW = "open", "open-pdf", "folder"


def open_path(path: Path) -> bool:
    """Open *path* in the program the system uses for it (Word, Excel, a PDF reader)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Show the folder holding *path*, with the file selected where the system can."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{path}"])[0]
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class ExportDone:
    """The message at the end of an export, with Open / Show in folder / Close."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, choices: Sequence[str]) -> str:
        """Show the message; returns the choice made ("" for Close). Tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
        labels = {OPEN: "Open", OPEN_PDF: "Open the PDF", SHOW: "Show in folder"}
        buttons = [(box.addButton(labels[c], QMessageBox.ButtonRole.ActionRole), c)
                   for c in choices]  # fmt: skip
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(close)
        box.exec()
        clicked = box.clickedButton()
        return next((c for button, c in buttons if button is clicked), "")


def export_finished(parent: QWidget | None, title: str, paths: Sequence[Path]) -> str:
    """Tell the user where *paths* (the file, and its PDF if one was made) were saved and do
    what they ask: open the file, open the PDF, or show the folder. Returns the choice."""
    first = Path(paths[0])
    names = " and ".join(Path(p).name for p in paths)
    text = f"Saved {names} in {first.parent}."
    pdf = next((Path(p) for p in paths if Path(p).suffix.lower() == ".pdf"), None)
    choices = [OPEN] + ([OPEN_PDF] if pdf and pdf != first else []) + [SHOW]
    choice = ExportDone.ask(parent, title, text, choices)
    if choice == OPEN:
        open_path(first)
    elif choice == OPEN_PDF and pdf is not None:
        open_path(pdf)
    elif choice == SHOW:
        show_in_folder(first)
    return choice
