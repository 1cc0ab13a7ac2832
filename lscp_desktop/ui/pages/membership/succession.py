"""Naming a successor in a partnership role: the previous holder's role and seats on the
bodies, each ticked, offered to end the day before the successor starts (one undoable step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.membership.succession import Handover, hand_over, handover_for
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.undo import push_edits

Chosen = tuple[list[int], list[int]]


class HandoverDialog(QDialog):
    """What would end: the previous holder's role and each of their seats, ticked."""

    def __init__(self, parent: QWidget | None, handover: Handover) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Successor as {handover.successor.role}")
        self.setMinimumWidth(560)
        text = QLabel(handover.describe())
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("handover")
        for role in handover.roles:
            self._add(
                f"{role.person}: {role.role}"
                + (f" for {role.organisation}" if role.organisation else "")
                + f", since {uk(role.start_date)}",
                ("partnership_roles", role.id),
            )
        for seat in handover.memberships:
            self._add(
                f"{seat.person}: {seat.role} of {seat.body}, since {uk(seat.start_date)}",
                ("memberships", seat.id),
            )
        buttons = QDialogButtonBox()
        self.end_button = buttons.addButton(
            f"End them on {uk(handover.end_date)}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _add(self, text: str, key: tuple[str, int]) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.addItem(item)

    def chosen(self) -> Chosen:
        roles: list[int] = []
        seats: list[int] = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                table, record_id = item.data(Qt.ItemDataRole.UserRole)
                (roles if table == "partnership_roles" else seats).append(int(record_id))
        return roles, seats

    @classmethod
    def ask(cls, parent: QWidget | None, handover: Handover) -> Chosen | None:
        """The ticked roles and seats to end, or None for "Not now" (tests patch this)."""
        dialog = cls(parent, handover)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()


def offer_handover(parent: QWidget, ctx: AppContext, role_id: int) -> None:
    """After a role is given to someone: offer to end the previous holder's role and seats."""
    store = ctx.store
    handover = handover_for(store, role_id)
    if handover is None:
        return
    chosen = HandoverDialog.ask(parent, handover)
    if chosen is None or not (chosen[0] or chosen[1]):
        return
    roles, seats = chosen
    before = {("partnership_roles", i): store.require("partnership_roles", i) for i in roles}
    before |= {("memberships", i): store.require("memberships", i) for i in seats}
    try:
        hand_over(store, roles, seats, handover.end_date)
    except LscpError as exc:
        QMessageBox.warning(parent, "Cannot end the previous holder's role", str(exc))
        return
    names = " and ".join(sorted({r.person for r in handover.roles}))
    what = f"hand over from {names} to {handover.successor.person}"
    push_edits(ctx.undo_stack, store, before, what)
    ctx.status(f"Ended {len(roles)} role(s) and {len(seats)} seat(s) on {uk(handover.end_date)}.")
