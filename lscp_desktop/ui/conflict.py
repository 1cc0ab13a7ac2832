"""The choice offered when a save was refused because a colleague changed the record since the
form was opened (:class:`~lscp_desktop.models.core.errors.ConflictError`): what they changed,
theirs beside yours, then keep theirs (the form shows their version) or overwrite with mine (the
form is saved again over theirs). Nothing is overwritten without this choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.errors import ConflictError

KEEP_THEIRS = "theirs"
OVERWRITE = "mine"


class ConflictDialog(QDialog):
    """Keep theirs, overwrite with mine, or go back to the form (Cancel)."""

    def __init__(self, parent: QWidget | None, refused: ConflictError) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by a colleague")
        self.setMinimumWidth(520)
        self.choice = ""
        first, _, rest = str(refused).partition("\n")
        layout = QVBoxLayout(self)
        for text, name, style in (
            (first, "conflictSummary", "font-weight: 600;"),
            (rest, "conflictChanges", "padding: 6px 0 6px 8px;"),
            ("Keep theirs to see their version in the form (nothing of yours is saved), or "
             "overwrite theirs with yours.", "conflictQuestion", ""),
        ):  # fmt: skip
            label = QLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(style)
            label.setVisible(bool(text))
            layout.addWidget(label)
        buttons = QDialogButtonBox()
        self.keep_button = self._button(buttons, "Keep theirs", KEEP_THEIRS, "keepTheirs")
        self.overwrite_button = self._button(
            buttons, "Overwrite with mine", OVERWRITE, "overwriteMine"
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Back to the form")
        cancel.clicked.connect(self.reject)
        self.keep_button.setDefault(True)
        layout.addWidget(buttons)

    def _button(self, box: QDialogButtonBox, text: str, choice: str, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(name)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, refused: ConflictError) -> str:
        """:data:`KEEP_THEIRS`, :data:`OVERWRITE`, or "" (back to the form)."""
        dialog = cls(parent, refused)
        dialog.exec()
        return dialog.choice
