"""Naming a successor in a partnership role (a statutory partner's new Lead Safeguarding
Partner, under the Working Together rules): the previous holder's role ends the day before the
successor starts, and their seats on the bodies, each ticked, are offered to end with it. The
new role and what it ends are one undo step (:attr:`RegisterSpec.also_changes`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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
from lscp_desktop.models.membership.roles import save_role
from lscp_desktop.models.membership.succession import Handover, handover_for, save_successor
from lscp_desktop.models.store.database import Store


class HandoverDialog(QDialog):
    """What would end: the previous holder's role (it must, for the successor to hold it) and
    each of their seats, ticked."""

    def __init__(self, parent: QWidget | None, handover: Handover) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Successor as {handover.role}")
        self.setMinimumWidth(640)
        text = QLabel(handover.describe())
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("handover")
        self.list.setWordWrap(True)
        role = handover.previous
        item = QListWidgetItem(
            f"{role.person}: {role.role}, since {uk(role.start_date)} (ends: one at a time)"
        )
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)  # the rule: one holder at a time
        self.list.addItem(item)
        for seat in handover.memberships:
            item = QListWidgetItem(
                f"{seat.person}: {seat.role} of {seat.body}, since {uk(seat.start_date)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, seat.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox()
        self.end_button = buttons.addButton(
            f"End on {uk(handover.end_date)} and save", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        """The seats ticked to end."""
        seats: list[int] = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            seat_id = item.data(Qt.ItemDataRole.UserRole)
            if seat_id is not None and item.checkState() == Qt.CheckState.Checked:
                seats.append(int(seat_id))
        return seats

    @classmethod
    def ask(cls, parent: QWidget | None, handover: Handover) -> list[int] | None:
        """The ticked seats to end with the role, or None for "Not now" (tests patch this)."""
        dialog = cls(parent, handover)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


def save_offering_handover(store: Store, values: dict[str, Any], record_id: int | None) -> int:
    """Save a role; a new one that succeeds someone first offers the hand-over. "Not now" saves
    as usual, so the rules refuse the overlap with their message and the form stays open."""
    if record_id is None:
        handover = handover_for(store, values)
        if handover is not None:
            seats = HandoverDialog.ask(None, handover)
            if seats is not None:
                return save_successor(store, values, seats).id
    return save_role(store, values, record_id)


def handover_records(store: Store, values: dict[str, Any]) -> list[tuple[str, int]]:
    """What saving a new role may end: the predecessor's role and seats (for the undo step)."""
    handover = handover_for(store, values)
    if handover is None:
        return []
    return [("partnership_roles", handover.previous.id)] + [
        ("memberships", m.id) for m in handover.memberships
    ]
