"""Home: the partnership at a glance, and what needs the business manager's attention."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.dates import uk
from lscp_desktop.models.home import AttentionItem, attention, membership_summary
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

        self.attention = QTreeWidget()
        self.attention.setObjectName("attention")
        self.attention.setColumnCount(4)
        self.attention.setHeaderLabels(["Due", "What", "Area", "Days"])
        self.attention.setRootIsDecorated(False)
        self.attention.setIndentation(0)
        self.attention.setStyleSheet("QTreeWidget#attention::item { padding: 3px 2px; }")
        self.attention.setAlternatingRowColors(True)
        self.attention.setUniformRowHeights(True)
        header = self.attention.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 96), (2, 120), (3, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.attention_title = QLabel("Needs you this week and next")
        self.attention_title.setObjectName("sectionTitle")
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 8, 0, 0)
        left_col.addWidget(self.attention_title)
        left_col.addWidget(self.attention, 1)

        self.no_chair = QListWidget()
        self.no_chair.setObjectName("noChair")
        self.ending = QListWidget()
        self.ending.setObjectName("endingSoon")
        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 8, 0, 0)
        for title, widget in (
            ("Bodies without a current chair", self.no_chair),
            ("Memberships ending in the next 60 days", self.ending),
        ):
            label = QLabel(title)
            label.setObjectName("sectionTitle")
            right_col.addWidget(label)
            right_col.addWidget(widget, 1)
        lists = QSplitter()
        lists.addWidget(left)
        lists.addWidget(right)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)
        lists.setSizes([620, 380])
        layout.addWidget(lists, 1)
        self.attention.itemActivated.connect(self.on_attention_item_activated)
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
        self._fill_attention(attention(self.ctx.store, dt.date.today()), dt.date.today())
        self.ending.clear()
        for e in summary.ending_soon:
            entry = QListWidgetItem(f"{uk(e.end_date)}  {e.person} — {e.role}, {e.body}")
            entry.setData(Qt.ItemDataRole.UserRole, e.membership_id)
            self.ending.addItem(entry)
        if not summary.ending_soon:
            self.ending.addItem("None.")

    def _fill_attention(self, items: list[AttentionItem], today: dt.date) -> None:
        tree = self.attention
        tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont(tree.font())
        bold.setBold(True)
        for item in items:
            when = item.when(today)
            if when not in groups:
                group = QTreeWidgetItem([when])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                groups[when] = group
            days = item.days_left(today)
            row = QTreeWidgetItem(
                [
                    uk(item.due),
                    item.title,
                    item.area,
                    f"{-days} days late"
                    if days < 0
                    else ("today" if days == 0 else f"in {days} days"),
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, (item.page, item.record_id))
            row.setToolTip(1, f"{item.detail}. Double-click or press Enter to open it.")
            if days < 0:
                row.setBackground(3, QBrush(QColor("#f6c9cc")))
            elif days <= 3:
                row.setBackground(3, QBrush(QColor("#ffe4a0")))
            groups[when].addChild(row)
        tree.expandAll()
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top is not None:
                top.setText(0, f"{top.text(0)} ({top.childCount()})")
        if not items:
            empty = QTreeWidgetItem(["Nothing is overdue or due this week or next."])
            empty.setFirstColumnSpanned(True)
            tree.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)
        self.attention_title.setText(
            f"Needs you this week and next ({len(items)})"
            if items
            else "Needs you this week and next"
        )

    def on_attention_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target:
            page, record_id = target
            self.ctx.open_record(str(page), record_id)

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
