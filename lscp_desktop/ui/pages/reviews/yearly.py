"""The Reviews page's yearly reports tab: the register, each report's recipients with their
send-by dates and late marks, and who usually receives the reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.reviews.records import Recipient
from lscp_desktop.models.reviews.yearly_reports import delete_recipient, save_recipient
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui import files
from lscp_desktop.ui.column_widths import fit_columns
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.actions.dialogs import small_register_dialog
from lscp_desktop.ui.pages.reviews import specs
from lscp_desktop.ui.register_view import RegisterView
from lscp_desktop.ui.table import Column, RecordTableModel, make_table_view, selected_record
from lscp_desktop.ui.undo import AddCommand, delete_and_push, edit_and_push


class _NotSaved(Exception):
    """A dialog was cancelled."""


class YearlyTab(QWidget):
    """The yearly reports and, for the selected one, who it goes to and when it went."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.register: RegisterView[Any] = RegisterView(ctx, specs.yearly_spec(ctx.store))
        self.recipients: RecordTableModel[Recipient] = RecordTableModel(
            [
                Column("Recipient", lambda r: r.recipient, stretch=True),
                Column("Send by", lambda r: self._send_by(r)),
                Column(
                    "Sent",
                    lambda r: (
                        (uk(r.sent_date) + (" (late)" if self._late(r) else ""))
                        if r.sent_date
                        else "not yet"
                    ),
                    background=lambda r: specs.rag_colour("late") if self._late(r) else None,
                ),
            ]
        )
        self.recipient_view = make_table_view(self.recipients, name="recipients", alternating=False)
        self.title = QLabel("Boards that receive the report")
        self.title.setObjectName("sectionTitle")
        self.sent_button = QPushButton("Mark sent…")
        self.add_button = QPushButton("Add recipient…")
        self.remove_button = QPushButton("Remove…")
        self.email_button = QPushButton("Email the report…")
        self.email_button.setToolTip(
            "Drafts to each recipient not yet sent the published report (the national Panel, "
            "the What Works body and the boards), with the report attached"
        )
        self.list_button = QPushButton("Usual recipients…")
        self.list_button.setToolTip(
            "Who receives each report (the Panel, the Secretary of State, Ofsted, the What "
            "Works body and the partnership's own list), as Working Together 2023 sets it"
        )
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for b in (self.sent_button, self.add_button, self.remove_button, self.email_button,
                  self.list_button):  # fmt: skip
            bar.addWidget(b)
        lower = QWidget()
        col = QVBoxLayout(lower)
        col.setContentsMargins(0, 6, 0, 0)
        col.addLayout(bar)
        col.addWidget(self.recipient_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.register)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        note = QLabel(
            "The report goes to the national Panel and the What Works body (Foundations) within "
            "7 days of publication (statutory), and to the boards listed by each one's send-by "
            "date (the partnership's target); a copy sent after its date is marked late."
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.register.view.selectionModel().selectionChanged.connect(lambda *_: self.show_report())
        self.register.changed.connect(self.show_report)
        self.sent_button.clicked.connect(self.mark_sent)
        self.add_button.clicked.connect(self.add_recipient)
        self.remove_button.clicked.connect(self.remove_recipient)
        self.list_button.clicked.connect(self.edit_usual_recipients)
        self.email_button.clicked.connect(self.email_report)
        self.recipient_view.doubleClicked.connect(lambda _i: self.mark_sent())

    def refresh(self) -> None:
        self.register.refresh()
        if self.register.selected() is None and self.register.proxy.rowCount():
            self.register.view.selectRow(0)
        self.show_report()

    def show_report(self) -> None:
        report = self.register.selected()
        self.recipients.set_records(report.recipients if report else [])
        fit_columns(self.recipient_view)
        writable = report is not None and not self.ctx.store.read_only
        for b in (self.sent_button, self.add_button, self.remove_button):
            b.setEnabled(writable)
        self.title.setText(
            f"Boards that receive the {report.year} report" if report else "Choose a report"
        )

    def _report_published(self) -> str | None:
        report = self.register.selected()
        return report.published_date if report is not None else None

    def _send_by(self, recipient: Recipient) -> str:
        due = recipient.send_by(self._report_published())
        days = 7 if recipient.send_by_days is None else recipient.send_by_days
        return uk(due) if due else f"{days} days after publication"

    def _late(self, recipient: Recipient) -> bool:
        return recipient.is_late(self._report_published())

    @classmethod
    def ask_report_file(cls, parent: QWidget) -> Path | None:
        """The published report to attach; tests replace this."""
        return files.ask_open_path(
            parent, "documents", "The published report to attach",
            "Reports (*.pdf *.docx *.doc);;All files (*)",
        )  # fmt: skip

    def email_report(self) -> None:
        from lscp_desktop.models.correspondence.dispatch import dispatch_batch
        from lscp_desktop.ui.mail import draft_emails

        report = self.register.selected()
        if report is None:
            return
        if not report.published_date:
            QMessageBox.information(
                self, "Email the report",
                f"Record the {report.year} report's publication date first: the dispatch "
                "dates count from it.",
            )  # fmt: skip
            return
        path = self.ask_report_file(self)
        if path is None:
            return
        year = report.year
        draft_emails(
            self, self.ctx, f"Yearly report {year}",
            lambda store: dispatch_batch(store, year, path),
        )  # fmt: skip

    def edit_usual_recipients(self) -> None:
        small_register_dialog(self, self.ctx, specs.recipients_spec(), "Who receives the reports")
        self.register.refresh()
        self.show_report()

    def _recipient(self) -> Recipient | None:
        record: Recipient | None = selected_record(self.recipient_view)
        return record

    def _after(self) -> None:
        report = self.register.selected()
        self.register.refresh()
        if report is not None:
            self.register.select_id(report.id)
        self.show_report()

    def mark_sent(self) -> None:
        recipient = self._recipient()
        if recipient is None:
            return
        store = self.ctx.store
        # Its values and version read together: saved over that version only.
        table = "yearly_report_recipients"
        row = store.require(table, recipient.id)
        opened = OpenedRecord.open(store, table, recipient.id, row.get("row_version"))

        def change() -> None:
            if not RecordDialog.ask(
                self,
                f"Sent to {row['recipient']}",
                [Field("sent_date", "Sent on", "date", optional=False)],
                {"sent_date": row["sent_date"] or dt.date.today()},
                lambda v: save_recipient(store, {**row, **v}, recipient.id),
                table=table,
                opened=opened,
            ):
                raise _NotSaved

        try:
            edit_and_push(
                self.ctx.undo_stack,
                store,
                "yearly_report_recipients",
                recipient.id,
                change,
                "Mark yearly report sent",
            )
        except _NotSaved:
            if opened is not None and opened.reloaded:
                self._after()  # a colleague's changes were kept: show them
            return
        self._after()

    def add_recipient(self) -> None:
        report = self.register.selected()
        if report is None:
            return
        store = self.ctx.store
        new_id = RecordDialog.ask(
            self,
            f"Yearly report {report.year}: add a recipient",
            [
                Field("recipient", "Recipient", optional=False),
                Field("send_by_days", "Send within (days of publication)", placeholder="7"),
                Field("sent_date", "Sent", "date"),
            ],
            {"send_by_days": "7"},
            lambda v: save_recipient(store, {**v, "report_id": report.id}),
            table="yearly_report_recipients",
        )
        if new_id is not None:
            self.ctx.undo_stack.push(
                AddCommand(store, "yearly_report_recipients", new_id, "Add recipient")
            )
            self._after()

    def remove_recipient(self) -> None:
        recipient = self._recipient()
        if recipient is None:
            return
        store = self.ctx.store
        if delete_and_push(
            self,
            self.ctx.undo_stack,
            store,
            "yearly_report_recipients",
            lambda: delete_recipient(store, recipient.id),
            title="Remove recipient",
            question=f"Stop sending the report to {recipient.recipient}?",
            refused="Cannot remove",
            text="Remove recipient",
        ):
            self._after()
