"""Choose a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk


class RestoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, backups: list[Path]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        layout = QVBoxLayout(self)
        text = QLabel(
            "Choose the backup to go back to. The database as it is now is kept as a backup "
            "first, so this can be undone by restoring that copy."
            if backups
            else "There are no backups of this database yet."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget()
        for path in backups:
            parts = path.name.split(".")
            stamp, reason = parts[-3], parts[-2]
            label = f"{uk(stamp[:10])} {stamp[11:13]}:{stamp[13:15]}   ({reason.replace('-', ' ')})"
            item = QListWidgetItem(label)
            item.setData(256, str(path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Restore")
            ok.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(256)) if item else None

    @classmethod
    def ask(cls, parent: QWidget | None, backups: list[Path]) -> Path | None:
        dialog = cls(parent, backups)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
