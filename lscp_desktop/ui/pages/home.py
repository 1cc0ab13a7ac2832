"""Home: the partnership at a glance, and what needs the business manager's attention."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt only once the list fills: see ui/first_paint.py
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

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reporting.summary import membership_summary
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.first_paint import USER_ROLE
from lscp_desktop.ui.pages.base import Page

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush

    from lscp_desktop.models.reporting.home import AttentionItem
    from lscp_desktop.models.store.database import Store

_UNFOLDED = 8  # a group of more entries than this starts folded
_LOADING = "Loading…"  # the list's line until its first load is in
_LATE = "#f6c9cc"
_SOON = "#ffe4a0"
_PAGE_ROLE = USER_ROLE
_ID_ROLE = USER_ROLE + 1


@cache
def _brush(colour: str) -> QBrush:
    """Made when the list fills, not at import (a brush needs PySide's Qt enums)."""
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(colour))


def _attention(store: Store, today: dt.date) -> list[AttentionItem]:
    """The list, on the worker: its module (and the clocks') is imported there, after the
    window's first paint, not to show the window."""
    from lscp_desktop.models.reporting.home import attention

    return attention(store, today, with_time_left=True)


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
        self.attention.setHeaderLabels(["Due", "What", "Area", "When"])
        self.attention.setIndentation(14)
        self.attention.setAlternatingRowColors(True)
        self.attention.setUniformRowHeights(True)
        header = self.attention.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The date column holds the tree's indentation and a full dd/mm/yyyy date; the area and
        # the time left are as wide as their words ("in 12 working days").
        date_width = (
            self.attention.indentation() + self.fontMetrics().horizontalAdvance("00/00/0000") + 56
        )
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, date_width)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        lists.setStretchFactor(0, 5)
        lists.setStretchFactor(1, 2)
        lists.setSizes([760, 300])
        layout.addWidget(lists, 1)
        self.attention.itemActivated.connect(self.on_attention_item_activated)
        self.attention.itemExpanded.connect(self.on_attention_item_expanded)
        self._folded: dict[int, list[AttentionItem]] = {}
        self._today = dt.date.today()
        self._generation = 0
        self.no_chair.itemActivated.connect(lambda _i: self.ctx.open_record("membership", None))
        self.ending.itemActivated.connect(self.on_ending_item_activated)
        self.details_button.clicked.connect(self.edit_partnership)

    def refresh(self) -> None:
        summary = membership_summary(self.ctx.store)
        self.heading.setText(summary.name)
        areas = ", ".join(summary.local_authorities) or "no local authority set"
        chaired = summary.chair_arrangement
        self.subheading.setText(f"Covering {areas}. {chaired[:1].upper()}{chaired[1:]}.")
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
        self._load_attention()
        self.ending.clear()
        for e in summary.ending_soon:
            entry = QListWidgetItem(f"{uk(e.end_date)}  {e.person} — {e.role}, {e.body}")
            entry.setData(USER_ROLE, e.membership_id)
            self.ending.addItem(entry)
        if not summary.ending_soon:
            self.ending.addItem("None.")

    def _load_attention(self) -> None:
        """What needs attention, worked out off the GUI thread (a working-day clock needs the
        bank holidays); the newest load wins. In the window, the first load starts after the
        window's first paint (``BackgroundRunner.hold``): until then the list says Loading…"""
        self._generation += 1
        generation, store, today = self._generation, self.ctx.store, dt.date.today()
        if not self.attention.topLevelItemCount():
            self._placeholder(_LOADING)

        def loaded(items: object) -> None:
            if generation == self._generation and isinstance(items, list):
                self._fill_attention(items, today)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.attention_title.setText(f"Needs you this week and next: not read ({exc})")
                first = self.attention.topLevelItem(0)
                if first is not None and first.text(0) == _LOADING:
                    self.attention.clear()

        self.ctx.runner.run(
            lambda _p: _attention(store, today),
            on_success=loaded,
            on_failure=failed,
        )

    def _fill_attention(self, items: list[AttentionItem], today: dt.date) -> None:
        tree = self.attention
        tree.clear()
        self._folded = {}
        self._today = today
        from PySide6.QtGui import QFont  # its enums are built when the list first fills

        from lscp_desktop.models.reporting.home import ACTIONS_GROUP, RISKS_GROUP

        bold = QFont(tree.font())
        bold.setBold(True)
        grouped: dict[str, list[AttentionItem]] = {}
        for item in items:
            grouped.setdefault(item.when(today), []).append(item)
        order = ["Overdue", "This week", "Next week", RISKS_GROUP, ACTIONS_GROUP]
        for name in order + sorted(set(grouped) - set(order)):
            members = grouped.get(name)
            if not members:
                continue
            group = QTreeWidgetItem([f"{name} ({len(members)})"])
            group.setFont(0, bold)
            group.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)
            tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            if name in order[:3] or len(members) <= _UNFOLDED:
                group.addChildren([self._row(i, today) for i in members])
                group.setExpanded(True)
            else:
                # A long list (actions by owner) starts folded; its rows are made when opened.
                group.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self._folded[id(group)] = members
        if not items:
            self._placeholder("Nothing is overdue or due this week or next.")
        self.attention_title.setText(
            f"Needs you this week and next ({len(items)})"
            if items
            else "Needs you this week and next"
        )

    def _placeholder(self, text: str) -> QTreeWidgetItem:
        """A line across the list in place of its entries ("Loading…")."""
        line = QTreeWidgetItem([text])
        self.attention.addTopLevelItem(line)
        line.setFirstColumnSpanned(True)
        return line

    def on_attention_item_expanded(self, group: QTreeWidgetItem) -> None:
        members = self._folded.pop(id(group), None)
        if members:
            group.addChildren([self._row(i, self._today) for i in members])

    @staticmethod
    def _row(item: AttentionItem, today: dt.date) -> QTreeWidgetItem:
        from lscp_desktop.models.core.clocks import Unit  # (imported by the list's load)

        left = item.time_left or item.left(today)
        due = item.due
        row = QTreeWidgetItem([f"{due[8:10]}/{due[5:7]}/{due[:4]}", item.title, item.area,
                               left.short()])  # fmt: skip
        # Plain str and int only in item data.
        row.setData(0, _PAGE_ROLE, item.page)
        row.setData(0, _ID_ROLE, -1 if item.record_id is None else int(item.record_id))
        row.setToolTip(1, f"{item.title}. {item.detail}. Double-click or press Enter to open it.")
        if left.late:
            row.setBackground(3, _brush(_LATE))
        elif left.amount <= 3 and left.unit is not Unit.MONTHS:
            row.setBackground(3, _brush(_SOON))
        return row

    def on_attention_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, _PAGE_ROLE)
        if page:
            record_id = int(item.data(0, _ID_ROLE))
            self.ctx.open_record(str(page), None if record_id < 0 else record_id)

    def on_ending_item_activated(self, item: QListWidgetItem) -> None:
        membership_id = item.data(USER_ROLE)
        if membership_id:
            self.ctx.open_record("membership", int(membership_id))

    def edit_partnership(self) -> None:
        """Name, local authorities covered and chair arrangement of the partnership."""
        from lscp_desktop.ui.pages.partnership_form import edit_partnership  # not to show Home

        if edit_partnership(self, self.ctx):
            self.refresh()
