"""Drafting emails from the window: the folder to write them to (the last one used,
remembered; on Windows, Outlook's Drafts folder instead), the drafting on the background
runner with a progress dialog, then what was written and who was left out.

The tasks' rules are in ``models/correspondence`` and the drafts are made by
``exports/mail``; this module only asks, waits and shows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.correspondence.records import Batch, Written
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui import files
from lscp_desktop.ui.background import Cancelled, Progress, ProgressShown
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.exporting import uses_worker

if TYPE_CHECKING:
    from lscp_desktop.exports.mail.writer import ExportFn
    from lscp_desktop.exports.registry import ExportOptions

#: The kind of folder remembered for drafts (see ``ui/files.py``).
FOLDER_KIND = "email drafts"
#: What to call a draft put in Outlook rather than a file ("Outlook Drafts: …").
OUTLOOK = "outlook"


def ask_destination(parent: QWidget, title: str) -> Path | str | None:
    """Where the drafts go: a folder (the last used, remembered), or on Windows with the
    user's say-so, Outlook's Drafts folder. None if the user cancelled."""
    if sys.platform == "win32":
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setText("Where should the drafts go?")
        outlook = box.addButton("Outlook's Drafts folder", QMessageBox.ButtonRole.AcceptRole)
        folder = box.addButton("A folder…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is outlook:
            return OUTLOOK
        if box.clickedButton() is not folder:
            return None
    chosen = QFileDialog.getExistingDirectory(
        parent, f"{title}: folder for the drafts", str(files.last_folder(FOLDER_KIND))
    )
    if not chosen:
        return None
    files.remember_folder(FOLDER_KIND, Path(chosen))
    return Path(chosen)


def draft_emails(
    parent: QWidget,
    ctx: AppContext,
    title: str,
    make: Callable[[Store], Batch],
    *,
    on_done: Callable[[], None] = lambda: None,
) -> None:
    """Ask where, then draft the emails *make* plans, off the GUI thread; show the result."""
    destination = ask_destination(parent, title)
    if destination is None:
        return
    store = ctx.store
    shown = ProgressShown(parent, f"{title}…")

    def work(progress: Progress) -> tuple[Batch, Written]:
        from lscp_desktop.exports.mail.writer import Deliver, to_folder, write_batch

        deliver: Deliver
        if destination == OUTLOOK:
            from lscp_desktop.exports.mail.outlook import to_outlook

            deliver = to_outlook()
        else:
            deliver = to_folder(Path(destination))
        batch = make(store)
        export = in_worker(progress) if uses_worker(ctx) else None
        return batch, write_batch(store, batch, deliver, progress.report, export=export)

    def in_worker(progress: Progress) -> ExportFn:
        """Attachments written in the export worker, as the window's exports are."""
        from lscp_desktop.exports.worker_client import session_workers

        def export(kind: str, options: ExportOptions, path: Path) -> object:
            return session_workers().run(
                kind, options, path, store.data_path, lambda *_: None, lambda: progress.cancelled
            )

        return export

    def finished() -> None:
        shown.close()
        on_done()

    def on_success(result: object) -> None:
        finished()
        assert isinstance(result, tuple)
        batch, written = result
        ctx.status(f"{len(written.paths)} drafts written.")
        folder = destination if isinstance(destination, Path) else None
        DraftsDone(parent, title, batch, written, folder).exec()  # patched in tests

    def on_failure(exc: BaseException) -> None:
        finished()
        from lscp_desktop.exports.worker import ExportCancelled

        if isinstance(exc, (Cancelled, ExportCancelled)):
            ctx.status("Cancelled; nothing was recorded.")
        elif isinstance(exc, LscpError):
            QMessageBox.warning(parent, title, str(exc))
        else:
            QMessageBox.critical(parent, title, f"The drafts could not be made: {exc}")

    job = ctx.runner.run(work, on_success=on_success, on_failure=on_failure,
                         on_progress=shown.update)  # fmt: skip
    shown.cancels(job)


class DraftsDone(QDialog):
    """What was drafted, who was left out (never silently) and what was recorded."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        batch: Batch,
        written: Written,
        folder: Path | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        count = len(written.paths)
        where = f" in {folder}" if folder else " in Outlook's Drafts folder"
        head = QLabel(
            f"<b>{batch.summary}.</b><br>{count} draft{'s' if count != 1 else ''} written{where}: "
            "open each in Outlook, check it and press Send."
            if count
            else f"<b>{batch.summary}.</b>"
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.drafts = QListWidget()
        self.drafts.setObjectName("drafts")
        self.drafts.addItems([Path(p).name if folder else p for p in written.paths])
        layout.addWidget(self.drafts, 2)
        self.not_sent = QListWidget()
        self.not_sent.setObjectName("notSent")
        self.not_sent.setWordWrap(True)
        if written.not_sent:
            label = QLabel(
                f"<b>Not sent ({len(written.not_sent)})</b>: no email was drafted for these; "
                "add an address (or an owner) and draft again, or contact them another way."
            )
            label.setWordWrap(True)
            layout.addWidget(label)
            self.not_sent.addItems([f"{n.who}: {n.reason}" for n in written.not_sent])
            layout.addWidget(self.not_sent, 1)
        for line in ([written.recorded] if written.recorded else []) + written.notes:
            note = QLabel(line)
            note.setWordWrap(True)
            note.setObjectName("muted")
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        if folder is not None and count:
            show = QPushButton("Show in folder")
            show.clicked.connect(lambda: files.show_in_folder(Path(written.paths[0])))
            buttons.addButton(show, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)


#: The email settings the window edits, in the order shown.
SETTING_KEYS = (
    "mail_sender_name",
    "mail_sender_email",
    "mail_sign_off",
    "paper_request_working_days",
    "circulation_days",
)


def edit_email_settings(parent: QWidget, ctx: AppContext) -> bool:
    """Tools › Email settings…: the sender, the sign-off and the lead times."""
    from lscp_desktop.models.core import settings
    from lscp_desktop.ui.forms import Field, RecordDialog

    store = ctx.store
    fields = [
        Field(
            key,
            settings.SETTINGS[key].label,
            "multiline" if key == "mail_sign_off" else "text",
            placeholder=settings.SETTINGS[key].help[:70],
        )
        for key in SETTING_KEYS
    ]
    values = {key: str(settings.get(store, key)) for key in SETTING_KEYS}

    def save(chosen: dict[str, object]) -> bool:
        with store.transaction():
            for key in SETTING_KEYS:
                settings.set_value(store, key, chosen.get(key) or "")
        return True

    intro = (
        "The emails are drafted from the sender below, end with the sign-off, and name the "
        "sender as the organiser of each invitation (keep it the mailbox you send them from, "
        "so replies and updates match)."
    )
    return bool(RecordDialog.ask(parent, "Email settings", fields, values, save, intro=intro))
