"""Home: the partnership at a glance, and what needs the business manager's attention."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.dates import uk
from lscp_desktop.models.home import membership_summary
from lscp_desktop.models.membership import CHAIR_ARRANGEMENTS, get_partnership, save_partnership
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.base import Page
from lscp_desktop.ui.undo import EditCommand


def _card(number: int, label: str) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 10, 14, 10)
    value = QLabel(f"{number:,}")
    value.setObjectName("cardNumber")
    text = QLabel(label)
    text.setObjectName("cardLabel")
    layout.addWidget(value)
    layout.addWidget(text)
    return card


class HomePage(Page):
    title = "Home"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("muted")
        self.subheading.setWordWrap(True)
        self.details_button = QPushButton("Partnership details…")
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading, 1)
        title_row.addWidget(self.details_button)
        layout.addLayout(title_row)
        layout.addWidget(self.subheading)
        self.cards = QGridLayout()
        self.cards.setSpacing(10)
        layout.addLayout(self.cards)

        lists = QHBoxLayout()
        self.no_chair = QListWidget()
        self.no_chair.setObjectName("noChair")
        self.ending = QListWidget()
        self.ending.setObjectName("endingSoon")
        for title, widget in (
            ("Bodies without a current chair", self.no_chair),
            ("Memberships ending in the next 60 days", self.ending),
        ):
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 8, 0, 0)
            label = QLabel(title)
            label.setObjectName("sectionTitle")
            col.addWidget(label)
            col.addWidget(widget)
            lists.addWidget(box)
        layout.addLayout(lists, 1)
        note = QLabel(
            "Meetings and paper deadlines, overdue actions, risks due for review, outstanding "
            "contributions and statutory clocks will also be listed here as those registers are "
            "added."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.no_chair.itemActivated.connect(lambda _i: self.ctx.open_record("membership", None))
        self.ending.itemActivated.connect(self.on_ending_item_activated)
        self.details_button.clicked.connect(self.edit_partnership)

    def refresh(self) -> None:
        summary = membership_summary(self.ctx.store)
        self.heading.setText(summary.name)
        areas = ", ".join(summary.local_authorities) or "no local authority set"
        self.subheading.setText(f"Covering {areas}. {summary.chair_arrangement.capitalize()}.")
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item and item.widget():
                item.widget().deleteLater()  # type: ignore[union-attr]
        for i, (label, number) in enumerate(summary.counts.items()):
            self.cards.addWidget(_card(number, label), 0, i)
        self.no_chair.clear()
        for _body_id, name in summary.bodies_without_chair:
            self.no_chair.addItem(name)
        if not summary.bodies_without_chair:
            self.no_chair.addItem("Every current body has a chair.")
        self.ending.clear()
        for e in summary.ending_soon:
            entry = QListWidgetItem(f"{uk(e.end_date)}  {e.person} — {e.role}, {e.body}")
            entry.setData(Qt.ItemDataRole.UserRole, e.membership_id)
            self.ending.addItem(entry)
        if not summary.ending_soon:
            self.ending.addItem("None.")

    def on_ending_item_activated(self, item: QListWidgetItem) -> None:
        membership_id = item.data(Qt.ItemDataRole.UserRole)
        if membership_id:
            self.ctx.open_record("membership", int(membership_id))

    def edit_partnership(self) -> None:
        """Name, local authorities covered and chair arrangement of the partnership."""
        store = self.ctx.store
        current = get_partnership(store)
        values = {
            "name": current.name if current else "",
            "local_authorities": ", ".join(current.local_authorities) if current else "",
            "chair_arrangement": current.chair_arrangement if current else CHAIR_ARRANGEMENTS[0],
            "notes": current.notes if current else "",
        }
        fields = [
            Field("name", "Partnership name", optional=False),
            Field("local_authorities", "Local authorities", placeholder="comma-separated"),
            Field("chair_arrangement", "Chair arrangement", "choice", choices=CHAIR_ARRANGEMENTS),
            Field("notes", "Notes", "multiline"),
        ]
        before = store.get("partnership", 1)

        def save(v: dict[str, object]) -> bool:
            save_partnership(
                store,
                name=str(v["name"]),
                local_authorities=str(v["local_authorities"]).split(","),
                chair_arrangement=str(v["chair_arrangement"]),
                notes=str(v["notes"]),
            )
            return True

        if not RecordDialog.ask(self, "Partnership details", fields, values, save):
            return
        after = store.require("partnership", 1)
        if before is not None:
            old = {k: v for k, v in before.items() if after.get(k) != v}
            if old:
                new = {k: after[k] for k in old}
                self.ctx.undo_stack.push(
                    EditCommand(store, "partnership", 1, old, new, "Edit partnership details")
                )
        self.refresh()
