"""The chase list tab: what each person owes, overdue first, with buttons to draft the chase
emails, copy an owner's list for an email and reassign their actions (the page does that)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from lscp_desktop.models.actions.chase import group_by_owner
from lscp_desktop.models.actions.rag import due_label
from lscp_desktop.models.actions.records import RAG_LABELS, Action, ChaseEntry
from lscp_desktop.models.core.dates import uk
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.page_parts import tab_column
from lscp_desktop.ui.pages.actions.columns import RAG_COLOURS


class ChaseList(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._entries: list[ChaseEntry] = []
        col = tab_column(self)
        intro = QLabel(
            "What each person owes of the actions the log shows (its filters apply here too): "
            "open actions, overdue first. Owners marked 'left' are inactive or their membership "
            "has ended; reassign their actions. Actions nobody owns come last, under 'No owner'."
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.scope = QLabel()
        self.scope.setObjectName("chaseScope")
        self.scope.setWordWrap(True)
        col.addWidget(self.scope)
        self.tree = QTreeWidget()
        self.tree.setObjectName("chase")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Owner / action", "Organisation / log", "Due", "RAG", "Status"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for section in range(1, 5):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        col.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.draft_button = QPushButton("Draft chase emails…")
        self.draft_button.setToolTip(
            "One email per owner of their overdue actions and those due by the next meeting, "
            "as drafts Outlook opens ready to send; each action is recorded as chased."
        )
        self.copy_button = QPushButton("Copy list for an email")
        self.reassign_button = QPushButton("Reassign this owner's actions…")
        row.addWidget(self.draft_button)
        row.addWidget(self.copy_button)
        row.addWidget(self.reassign_button)
        row.addStretch(1)
        col.addLayout(row)
        self.copy_button.clicked.connect(self.copy_current)

    def show_actions(self, actions: list[Action], scope: str) -> None:
        """The chase list of *actions* (what the log shows), grouped by owner as of today."""
        today = dt.date.today()
        self.show_entries(group_by_owner(self.ctx.store, actions, today), today, scope)

    def draft_emails(self, on_done: Callable[[], None]) -> None:
        """The chase list as emails, one per owner; *on_done* runs once they are written."""
        from lscp_desktop.models.correspondence.chasing import chase_batch
        from lscp_desktop.ui.mail import draft_emails

        today, entries = dt.date.today(), list(self._entries)
        draft_emails(
            self, self.ctx, "Chase emails",
            lambda store: chase_batch(store, entries=entries, today=today),
            on_done=on_done,
        )  # fmt: skip

    def copy_current(self) -> None:
        """The current owner's actions onto the clipboard, to paste into an email."""
        entry = self.current_entry()
        if entry is None:
            return
        QGuiApplication.clipboard().setText(email_text(entry, dt.date.today()))
        self.ctx.status(f"Copied {len(entry.actions)} action(s) for {entry.owner}.")

    def show_entries(self, entries: list[ChaseEntry], today: dt.date, scope: str = "") -> None:
        """One bold line per owner, their open actions under it; *scope* says which actions."""
        self._entries = entries
        self.tree.clear()
        owed = sum(len(e.actions) for e in entries)
        self.scope.setText(
            f"<b>{owed} open action{'s' if owed != 1 else ''}</b>"
            + (f" of {html.escape(scope)}" if scope else "")
        )
        for entry in entries:
            label = f"{entry.owner} — {len(entry.actions)} open, {entry.overdue} overdue"
            if entry.has_left:
                label += " (left)"
            top = QTreeWidgetItem([label, entry.organisation, "", "", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, entry.owner_id)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for a in entry.actions:
                child = QTreeWidgetItem(
                    [f"{a.reference}  {a.title}", a.body, uk(a.due_date),
                     f"{RAG_LABELS[a.rag]} ({due_label(a, today)})", a.status]
                )  # fmt: skip
                child.setBackground(3, RAG_COLOURS[a.rag])
                child.setData(0, Qt.ItemDataRole.UserRole, ("action", a.id))
                top.addChild(child)
            self.tree.addTopLevelItem(top)

    def current_entry(self) -> ChaseEntry | None:
        """The owner of the current line (or of the current action's line)."""
        item = self.tree.currentItem()
        if item is None:
            return None
        parent = item.parent()
        if parent is not None:
            item = parent
        index = self.tree.indexOfTopLevelItem(item)
        return self._entries[index] if 0 <= index < len(self._entries) else None


def email_text(entry: ChaseEntry, today: dt.date) -> str:
    """An owner's open actions as plain lines to paste into an email."""
    lines = [f"Actions for {entry.owner}:"] + [
        f"- {a.reference} {a.title}: due {uk(a.due_date)} ({due_label(a, today)})"
        for a in entry.actions
    ]
    return "\n".join(lines)
