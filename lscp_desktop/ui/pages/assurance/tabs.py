"""The Assurance page's tabs other than the census: each a register with what it needs beside
it (an escalation's actions, a document's review, the rules checked for a year)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.assurance.arrangements import record_review
from lscp_desktop.models.assurance.escalations import link_action, linkable_actions, raise_action
from lscp_desktop.models.assurance.minimum_rules import check_rules
from lscp_desktop.models.assurance.records import ESCALATION_STAGES, RuleCheck
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.assurance import specs
from lscp_desktop.ui.register_view import RegisterView
from lscp_desktop.ui.table import Column, RecordTableModel, make_table_view
from lscp_desktop.ui.undo import AddCommand, edit_and_push

_STATUS = {"met": "#cdebd5", "on track": "#dde7f3", "at risk": "#ffe4a0", "not met": "#f6c9cc"}


class _Cancelled(Exception):
    """A dialog was closed without saving."""


def _bar(*widgets: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    for w in widgets:
        bar.addWidget(w)
    bar.addStretch(1)
    return bar


class EscalationsTab(QWidget):
    """The escalation log; the selected challenge's actions, and raising a new one."""

    #: An escalation or its actions changed.
    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.register: RegisterView[Any] = RegisterView(ctx, specs.escalations_spec())
        self.register.show_inactive.setChecked(True)  # the whole log; untick for open ones
        self.detail = QLabel("Choose a challenge to see its stages and actions.")
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.raise_button = QPushButton("Raise an action…")
        self.link_button = QPushButton("Link an existing action…")
        self.link_button.setToolTip(
            "An action already in a log that answers this challenge (raised from a quarter "
            "before it on)"
        )
        lower = QWidget()
        col = QVBoxLayout(lower)
        col.setContentsMargins(0, 4, 0, 0)
        col.addWidget(self.detail, 1)
        col.addLayout(_bar(self.raise_button, self.link_button))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.register)
        split.addWidget(lower)
        split.setSizes([420, 110])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.register.view.selectionModel().selectionChanged.connect(lambda *_: self.show_one())
        self.register.changed.connect(self.show_one)
        self.register.changed.connect(self.changed.emit)
        self.raise_button.clicked.connect(self.raise_an_action)
        self.link_button.clicked.connect(self.link_an_action)

    def refresh(self) -> None:
        self.register.refresh()
        if self.register.selected() is None and self.register.proxy.rowCount():
            self.register.view.selectRow(0)
        self.show_one()

    def show_one(self) -> None:
        e = self.register.selected()
        for button in (self.raise_button, self.link_button):
            button.setEnabled(e is not None and not self.ctx.store.read_only)
        if e is None:
            self.detail.setText("Choose a challenge to see its stages and actions.")
            return
        stages = "; ".join(
            f"stage {n} ({ESCALATION_STAGES[n].lower()}) {uk(e.stage_date(n))}"
            for n in ESCALATION_STAGES if e.stage_date(n)
        )  # fmt: skip
        ending = (f"Resolved {uk(e.resolved_date)}: {e.outcome}." if e.resolved_date
                  else f"Open for {e.days_open(dt.date.today())} days.")  # fmt: skip
        learning = f" Learning: {e.learning}" if e.learning else ""
        actions = (f" Actions: {', '.join(e.actions)}." if e.actions
                   else " No actions raised from it.")  # fmt: skip
        self.detail.setText(
            f"{e.reference}: {e.raising_organisation} challenged {e.challenged_organisation} "
            f"({e.reason}). {stages.capitalize()}. {ending}{learning}{actions}"
        )

    def raise_an_action(self) -> None:
        e = self.register.selected()
        if e is None:
            return
        store = self.ctx.store
        fields = [
            Field("body_id", "Action log of", "ref", optional=False,
                  options=lambda: specs.body_options(store)),
            Field("title", "Action", optional=False),
            Field("due_date", "Due", "date", optional=False),
        ]  # fmt: skip
        action_id = RecordDialog.ask(
            self,
            f"{e.reference}: raise an action",
            fields,
            {"due_date": dt.date.today() + dt.timedelta(days=28),
             "title": f"Follow up the learning from escalation {e.reference}"},
            lambda v: raise_action(store, e.id, body_id=v["body_id"], title=str(v["title"]),
                                   due_date=v["due_date"]),
            table="actions",
        )  # fmt: skip
        if action_id is not None:
            self._added(e.id, "actions", action_id, "Raise action")

    def link_an_action(self) -> None:
        e = self.register.selected()
        if e is None:
            return
        store = self.ctx.store
        options = [(f"{a.reference}: {a.title}", a.id) for a in linkable_actions(store, e.id)]
        fields = [Field("action_id", "Action", "ref", optional=False, options=lambda: options)]
        link_id = RecordDialog.ask(
            self, f"{e.reference}: link an action", fields, {},
            lambda v: link_action(store, e.id, int(v["action_id"])),
        )  # fmt: skip
        if link_id is not None:
            self._added(e.id, "escalation_actions", link_id, "Link action")

    def _added(self, escalation_id: int, table: str, record_id: int, label: str) -> None:
        """After raising or linking an action: undoable, the challenge shown again."""
        self.ctx.undo_stack.push(AddCommand(self.ctx.store, table, record_id, label))
        self.register.refresh()
        self.register.select_id(escalation_id)
        self.show_one()
        self.changed.emit()


class DocumentsTab(QWidget):
    """The published arrangements and the documents beside them, with their reviews."""

    #: A document changed.
    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.register: RegisterView[Any] = RegisterView(ctx, specs.documents_spec())
        self.review_button = QPushButton("Record a review…")
        note = QLabel(
            "Each document's next review counts its review period from its last review, "
            "implementation or publication. Home and the deadlines list warn ahead of each "
            "review (60 days by default)."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.register, 1)
        bottom = _bar(self.review_button)
        bottom.insertWidget(0, note, 1)
        layout.addLayout(bottom)
        self.register.view.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        self.register.changed.connect(self.changed.emit)
        self.review_button.clicked.connect(self.record_a_review)

    def refresh(self) -> None:
        self.register.refresh()
        self._buttons()

    def _buttons(self) -> None:
        doc = self.register.selected()
        self.review_button.setEnabled(doc is not None and not self.ctx.store.read_only)

    def record_a_review(self) -> None:
        doc = self.register.selected()
        if doc is None:
            return
        store, table = self.ctx.store, "arrangement_documents"
        opened = OpenedRecord.open(store, table, doc.id)  # saved over this version only

        def save(values: dict[str, Any]) -> bool:
            record_review(store, doc.id, values["reviewed"])
            return True

        def change() -> None:
            if not RecordDialog.ask(
                self,
                f"Review of {doc.title}",
                [Field("reviewed", "Reviewed on", "date", optional=False)],
                {"reviewed": dt.date.today()},
                save,
                table=table,
                opened=opened,
            ):
                raise _Cancelled

        try:
            edit_and_push(self.ctx.undo_stack, store, table, doc.id, change, "Record a review")
        except _Cancelled:
            if opened is not None and opened.reloaded:
                self.register.refresh()  # a colleague's changes were kept: show them
            return
        self.register.refresh()
        self.register.select_id(doc.id)
        self.changed.emit()


class RulesTab(QWidget):
    """The minimum rules, and how each stands in the chosen year."""

    #: A rule changed.
    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.register: RegisterView[Any] = RegisterView(ctx, specs.rules_spec())
        self.year = QComboBox()
        self.checks: RecordTableModel[RuleCheck] = RecordTableModel(
            [
                Column("Rule", lambda c: c.rule.description),
                Column("Who", lambda c: c.who),
                Column("So far", lambda c: str(c.count), align_right=True),
                Column("Still to come", lambda c: str(c.remaining), align_right=True),
                Column(
                    "Result",
                    lambda c: c.status.capitalize(),
                    background=lambda c: _colour(c.status),
                ),
            ],
            key=lambda c: (c.rule.id, c.who),
        )
        self.check_view = make_table_view(self.checks, name="ruleChecks", alternating=False)
        title = QLabel("How each rule stands in")
        title.setObjectName("sectionTitle")
        lower = QWidget()
        col = QVBoxLayout(lower)
        col.setContentsMargins(0, 6, 0, 0)
        col.addLayout(_bar(title, self.year))
        col.addWidget(self.check_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.register)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.register.changed.connect(self.show_checks)
        self.register.changed.connect(self.changed.emit)
        self.year.currentIndexChanged.connect(lambda _i: self.show_checks())

    def refresh(self) -> None:
        self.register.refresh()
        if not self.year.count():
            current = FinancialYear.containing(dt.date.today())
            for i in range(4):
                year = FinancialYear(current.start_year - i)
                self.year.addItem(year.label, year.start_year)
        self.show_checks()

    def show_checks(self) -> None:
        start = self.year.currentData()
        year = FinancialYear(int(start)) if start is not None else None
        self.checks.set_records(check_rules(self.ctx.store, year) if year else [])
        self.check_view.resizeColumnsToContents()


def _colour(status: str) -> QColor | None:
    return QColor(_STATUS[status]) if status in _STATUS else None
