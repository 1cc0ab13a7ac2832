"""Choosing files the way office programs do: each kind of file (Word documents, workbooks,
calendars, databases, spreadsheets to import, papers) remembers the folder last used for it,
save dialogs suggest a name, refuse a name Windows cannot hold and ask before replacing a file,
and a saved file can be opened or shown in its folder at once.

The folders are the laptop's (``QSettings``), not the partnership's; the first time, Save goes to
the user's Documents folder, never the program's own.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lscp_desktop.exports.safe import check_target
from lscp_desktop.models.core.errors import LscpError

#: The file-dialog filter for each suffix.
FILTERS = {
    ".docx": "Word documents (*.docx)",
    ".xlsx": "Excel workbooks (*.xlsx)",
    ".ics": "Calendar files (*.ics)",
    ".db": "LSCP Desktop databases (*.db)",
    ".csv": "CSV files (*.csv)",
}


def _key(kind: str) -> str:
    return f"folders/{kind}"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def last_folder(kind: str, fallback: Path | None = None) -> Path:
    """The folder last used for *kind* of file, if it is still there; else *fallback* or the
    user's Documents folder."""
    value = QSettings().value(_key(kind))
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return fallback if fallback is not None and fallback.is_dir() else documents_folder()


def remember_folder(kind: str, path: Path) -> None:
    QSettings().setValue(_key(kind), str(path.parent if path.suffix else path))


def safe_file_name(text: str) -> str:
    """*text* usable as a file name on Windows: no \\ / : * ? " < > |, no trailing dot."""
    cleaned = re.sub(r"[\\/]", "-", text).replace(":", " -")
    cleaned = re.sub(r'[*?"<>|\x00-\x1f]+', "", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")
    return cleaned[:120] or "untitled"


def ask_save_path(
    parent: QWidget | None,
    kind: str,
    title: str,
    suggested: str,
    suffix: str,
    *,
    fallback: Path | None = None,
    replace: bool = True,
) -> Path | None:
    """Ask where to save a *suffix* file of *kind*, starting in the last folder used for it
    with *suggested* as the name; remembers the folder chosen. None if the user cancelled.

    The suffix is added if it was left off. A name Windows cannot hold, a folder or a
    read-only file is refused with a message; an existing file is replaced only if the user
    says so, or (without *replace*: a new database never overwrites a file) refused. The save
    dialog's own question about replacing is turned off: it asks about the name as typed, and
    the suffix added afterwards can name another file, which must not be replaced unasked.
    """
    start = last_folder(kind, fallback) / safe_file_name(Path(suggested).stem + suffix)
    chosen, _ = QFileDialog.getSaveFileName(
        parent, title, str(start), FILTERS.get(suffix, ""),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )  # fmt: skip
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
    remember_folder(kind, path)
    try:
        check_target(path)
    except LscpError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    if path.exists() and not replace:
        QMessageBox.warning(
            parent, title, f"{path.name} already exists in {path.parent}; choose a new name."
        )
        return None
    if path.exists() and not _confirm_replace(parent, title, path):
        return None
    return path


def _confirm_replace(parent: QWidget | None, title: str, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        f"{path.name} already exists in {path.parent}.\n\nDo you want to replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_open_path(
    parent: QWidget | None, kind: str, title: str, filters: str, *, fallback: Path | None = None
) -> Path | None:
    """Ask for a file of *kind* to open, starting in the last folder used for it."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, str(last_folder(kind, fallback)), filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(kind, path)
    return path


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> None:
    """The folder holding *path*, in the system's file manager (with the file selected on
    Windows and macOS)."""
    if sys.platform == "win32":
        QProcess.startDetached("explorer.exe", [f"/select,{path}"])
    elif sys.platform == "darwin":
        QProcess.startDetached("open", ["-R", str(path)])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class SavedFile:
    """The message after a file is saved (every export, template and copy ends here), with
    Open, Open the PDF (when one was saved beside it) and Show in folder. ``ask`` returns the
    choice ("open", "open-pdf", "folder" or "") so tests can patch it."""

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        path: Path,
        *,
        openable: bool = True,
        pdf: Path | None = None,
    ) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(f"Saved {path.name}" + (f" and {pdf.name}" if pdf else ""))
        box.setInformativeText(f"in {path.parent}")
        buttons = []
        if openable:
            buttons.append((box.addButton("Open", QMessageBox.ButtonRole.AcceptRole), "open"))
        if pdf is not None:
            buttons.append(
                (box.addButton("Open the PDF", QMessageBox.ButtonRole.ActionRole), "open-pdf")
            )
        buttons.append(
            (box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole), "folder")
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        clicked = box.clickedButton()
        return next((choice for button, choice in buttons if button is clicked), "")

    @classmethod
    def offer(
        cls,
        parent: QWidget | None,
        title: str,
        path: Path,
        *,
        openable: bool = True,
        pdf: Path | None = None,
    ) -> None:
        """Say where *path* (and its *pdf*) was saved and open either, or the folder, if the
        user asks."""
        choice = cls.ask(parent, title, path, openable=openable, pdf=pdf)
        if choice == "open":
            open_file(path)
        elif choice == "open-pdf" and pdf is not None:
            open_file(pdf)
        elif choice == "folder":
            show_in_folder(path)
