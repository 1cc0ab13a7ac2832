"""The buttons over the action log, enabled for what is chosen, and the next-meeting switch."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class ActionToolbar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        buttons = QHBoxLayout(self)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.new_button = QPushButton("New action…")
        self.edit_button = QPushButton("Edit…")
        self.note_button = QPushButton("Add note…")
        self.status_button = QPushButton("Change status…")
        self.reassign_button = QPushButton("Reassign…")
        self.history_button = QPushButton("History…")
        self.delete_button = QPushButton("Delete…")
        self.meeting_button = QPushButton("For the next meeting")
        self.meeting_button.setToolTip(
            "Show this body's action log for its next meeting: open actions and those "
            "finished since its last meeting"
        )
        self.meeting_button.setCheckable(True)
        for b in (
            self.new_button,
            self.edit_button,
            self.note_button,
            self.status_button,
            self.reassign_button,
            self.history_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.meeting_button)

    def enable_for(self, chosen: int, *, writable: bool) -> None:
        """Enable the buttons that fit *chosen* actions (bulk status and reassign take many)."""
        one = chosen == 1
        self.edit_button.setEnabled(one and writable)
        self.note_button.setEnabled(one and writable)
        self.delete_button.setEnabled(one and writable)
        self.history_button.setEnabled(one)
        self.status_button.setEnabled(bool(chosen) and writable)
        self.reassign_button.setEnabled(bool(chosen) and writable)
        self.new_button.setEnabled(writable)
        self.status_button.setText(
            f"Change status of {chosen}…" if chosen > 1 else "Change status…"
        )
