""" "Erase this person": the confirmation (what changes, what is kept and why, the reason), the
erasure off the GUI thread, then the backups made before, each to delete or keep."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.privacy.erasure import (
    delete_backups,
    erase_person,
    plan_erasure,
    plan_sections,
)
from lscp_desktop.models.privacy.records import ErasurePlan
from lscp_desktop.models.store.backups import backup_time
from lscp_desktop.ui.context import AppContext


def plan_html(plan: ErasurePlan) -> str:
    """The plan as headed lists (the same words as the command line's)."""
    parts = []
    for heading, items in plan_sections(plan):
        colour = "#8a5300" if heading == "Check first" else "#1f3b5c"
        parts.append(f"<h3 style='color:{colour}; margin-bottom:2px'>{escape(heading)}</h3>")
        if items:
            parts.append("<ul style='margin-top:0'>")
            parts += [f"<li>{escape(item)}</li>" for item in items]
            parts.append("</ul>")
    return "".join(parts)


class EraseDialog(QDialog):
    """The confirmation: the plan in words, and the reason (recorded with the erasure)."""

    def __init__(self, parent: QWidget | None, plan: ErasurePlan) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Erase {plan.name}")
        self.resize(760, 520)
        heading = QLabel(f"Erase {plan.name}'s details? This cannot be undone.")
        heading.setObjectName("dialogTitle")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        summary = QTextBrowser()
        summary.setObjectName("summary")
        summary.setHtml(plan_html(plan))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Why, e.g. 'Left in 2019 and asked to be erased'")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton(f"Erase {plan.name}")
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda text: self.erase_button.setEnabled(bool(text.strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary, 1)
        layout.addWidget(QLabel("Reason (kept with the record of the erasure):"))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, plan: ErasurePlan) -> str | None:
        """The reason given, or None if cancelled (tests replace this)."""
        dialog = cls(parent, plan)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.reason.text().strip() if ok else None


class BackupsDialog(QDialog):
    """After an erasure: the backups made before still hold the details; delete or keep each."""

    def __init__(self, parent: QWidget | None, backups: list[Path]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups made before the erasure")
        self.resize(680, 420)
        many = len(backups) != 1
        text = QLabel(
            f"{len(backups)} backup{'s were' if many else ' was'} made before the erasure and "
            f"still hold{'' if many else 's'} the details erased. The ICO expects erasure from "
            "backups as well as from the live file; a backup that is kept must be put 'beyond "
            "use': not opened or restored except to recover from a loss, and the erasure done "
            "again if it is restored. Delete the ticked backups now, or keep them until the "
            "app's rotation deletes them."
        )
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backups")
        for path in backups:
            taken = backup_time(path)
            label = f"{uk(taken.date())} {taken:%H:%M} — {path.name}" if taken else path.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        self.delete_button = buttons.addButton(
            "Delete the ticked backups", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button = buttons.addButton("Keep them", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def ticked(self) -> list[Path]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            Path(str(item.data(Qt.ItemDataRole.UserRole)))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    @classmethod
    def ask(cls, parent: QWidget | None, backups: list[Path]) -> list[Path]:
        """The backups to delete ([] to keep them all); tests replace this."""
        dialog = cls(parent, backups)
        return dialog.ticked() if dialog.exec() == QDialog.DialogCode.Accepted else []


def after_erasure(ctx: AppContext, parent: QWidget, backups: list[Path], done: str) -> None:
    """What follows every erasure: undo cannot bring the details back (every page's undo list
    is emptied: its steps held them), and the backups made before are offered for deletion."""
    ctx.undo_stack.clear()
    ctx.cannot_undo("an erasure")
    if backups:
        chosen = BackupsDialog.ask(parent, backups)
        if chosen:
            try:
                gone = delete_backups(ctx.store, chosen)
            except (LscpError, OSError) as exc:
                QMessageBox.warning(parent, "Backups", str(exc))
            else:
                done += f" {len(gone)} backup(s) made before were deleted."
    ctx.status(done)


def erase_person_flow(
    ctx: AppContext, parent: QWidget, person_id: int, on_done: Callable[[], None]
) -> None:
    """Confirm, erase off the GUI thread, then deal with the backups; *on_done* refreshes."""
    store = ctx.store
    try:
        plan = plan_erasure(store, person_id)
    except LscpError as exc:
        QMessageBox.warning(parent, "Erase this person", str(exc))
        return
    reason = EraseDialog.ask(parent, plan)
    if reason is None:
        return
    ctx.runner.wait()  # the file is compacted: no other job may hold it

    def succeeded(_result: object) -> None:
        after_erasure(ctx, parent, plan.backups, f"Erased: the record now reads '{plan.label}'.")
        on_done()

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(parent, "Erase this person", str(exc))

    ctx.status(f"Erasing {plan.name}'s details…")
    ctx.runner.run(
        lambda _p: erase_person(store, person_id, reason),
        on_success=succeeded,
        on_failure=failed,
    )
