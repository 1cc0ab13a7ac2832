"""A meeting's papers tab: papers requested for its items, their deadlines and attached files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.meetings.papers import (
    attach_paper_file,
    delete_paper,
    list_papers,
    paper_deadline,
    paper_file,
    papers_folder,
    save_paper,
)
from lscp_desktop.models.meetings.records import AgendaItem, Paper
from lscp_desktop.ui import files
from lscp_desktop.ui.context import AppContext
from lscp_desktop.ui.forms import RecordDialog
from lscp_desktop.ui.pages.meetings import forms
from lscp_desktop.ui.pages.meetings.models import STATUS_COLOURS
from lscp_desktop.ui.pages.meetings.opened import kept_theirs, open_record
from lscp_desktop.ui.pages.meetings.widgets import (
    MeetingTab,
    button_row,
    fill,
    selected_rows,
    table_view,
)
from lscp_desktop.ui.table import Column, RecordTableModel


class PapersTab(MeetingTab):
    """The meeting's papers; a new one starts from the agenda item selected on the agenda."""

    #: Papers were added, edited or removed (the agenda shows which items have papers).
    papers_changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        selected_item: Callable[[], AgendaItem | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._selected_item = selected_item
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        self.model: RecordTableModel[Paper] = RecordTableModel(
            [
                Column("Paper", lambda p: p.title, stretch=True),
                Column("Agenda item", lambda p: p.item),
                Column("Author", lambda p: p.author),
                Column("Due", lambda p: uk(p.deadline), sort_key=lambda p: p.deadline),
                Column(
                    "Status",
                    lambda p: "overdue" if p.overdue else p.status,
                    background=lambda p: STATUS_COLOURS["cancelled"] if p.overdue else None,
                ),
                Column("Received", lambda p: uk(p.received_date)),
                Column("File", lambda p: p.file_name),
                Column("Members only", lambda p: "Yes" if p.members_only else ""),
                Column("Asked on", lambda p: uk(p.requested_on)),
            ]
        )
        self.view = table_view(self.model, "papers")
        self.add_button = QPushButton("Request a paper…")
        self.edit_button = QPushButton("Edit…")
        self.attach_button = QPushButton("Attach file…")
        self.open_button = QPushButton("Open file")
        self.remove_button = QPushButton("Remove")
        self.request_button = QPushButton("Email requests…")
        self.request_button.setToolTip(
            "A draft to each presenter whose paper is not in yet, with the deadline and the "
            "item's cover sheet attached"
        )
        self.circulate_button = QPushButton("Email the pack…")
        self.circulate_button.setToolTip(
            "The board pack to the body's circulation list: members, deputies, virtual members "
            "and those in attendance (members-only papers to members only)"
        )
        self.note = QLabel()
        self.note.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addLayout(
            button_row(self.add_button, self.edit_button, self.attach_button, self.open_button,
                       self.remove_button, self.request_button, self.circulate_button)
        )  # fmt: skip
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.view.doubleClicked.connect(lambda _i: self.on_edit_clicked())
        self.attach_button.clicked.connect(self.on_attach_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.request_button.clicked.connect(self.on_request_clicked)
        self.circulate_button.clicked.connect(self.on_circulate_clicked)

    def reload(self) -> None:
        assert self.meeting is not None
        store = self.ctx.store
        fill(self.view, self.model, list_papers(store, self.meeting.id))
        from lscp_desktop.models.meetings.cadence import paper_deadline_days

        days = paper_deadline_days(store, self.meeting.body_id)
        deadline = paper_deadline(self.meeting.day, days)
        self.note.setText(
            f"Papers are due {days} working days before the meeting: by {uk(deadline)}. "
            f"Files are copied to {papers_folder(store)}."
        )

    def selected_paper(self) -> Paper | None:
        rows = selected_rows(self.view)
        return self.model.record(rows[0]) if rows else None

    def _paper_dialog(
        self, title: str, values: dict[str, Any], paper_id: int | None, version: int | None = None
    ) -> Any:
        """The paper's form; a paper edited is saved over the version it was shown at only
        (a colleague's change kept instead: its id, and the list shows theirs)."""
        store, meeting_id = self.ctx.store, self.meeting_id
        opened = open_record(store, "papers", paper_id, version)
        saved = RecordDialog.ask(
            self,
            title,
            forms.paper_fields(store, meeting_id),
            values,
            lambda v: save_paper(store, meeting_id, v, paper_id),
            table="papers",
            opened=opened,
        )
        return paper_id if saved is None and kept_theirs(opened) else saved

    def on_add_clicked(self) -> None:
        item = self._selected_item()
        values = {"status": "requested", "agenda_item_id": item.id if item else None,
                  "title": item.title if item else "", "author_id": item.presenter_id if item
                  else None}  # fmt: skip
        if self._paper_dialog("Request a paper", values, None) is not None:
            self.reload()
            self.papers_changed.emit()
            self.changed.emit()

    def on_request_clicked(self) -> None:
        from lscp_desktop.models.correspondence.paper_requests import papers_batch
        from lscp_desktop.ui.mail import draft_emails

        meeting_id = self.meeting_id
        draft_emails(
            self, self.ctx, "Paper requests", lambda store: papers_batch(store, meeting_id),
            on_done=self.reload,
        )  # fmt: skip

    def on_circulate_clicked(self) -> None:
        from lscp_desktop.models.correspondence.circulation import circulation_batch
        from lscp_desktop.ui.mail import draft_emails

        meeting_id = self.meeting_id
        draft_emails(
            self, self.ctx, "Circulate the pack",
            lambda store: circulation_batch(store, meeting_id),
        )  # fmt: skip

    def on_edit_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is not None and self._paper_dialog(
            "Edit paper", vars(paper), paper.id, paper.row_version
        ):
            self.reload()
            self.papers_changed.emit()

    @classmethod
    def ask_file(cls, parent: QWidget) -> str:
        """The paper's file; tests replace this."""
        path = files.ask_open_path(
            parent, "papers", "Attach the paper",
            "Documents (*.docx *.doc *.pdf *.xlsx *.pptx);;All files (*)",
        )  # fmt: skip
        return str(path) if path else ""

    def on_attach_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            QMessageBox.information(self, "Attach file", "Select the paper first.")
            return
        path = self.ask_file(self)
        if path and self.try_(
            "Cannot attach file", lambda: attach_paper_file(self.ctx.store, paper.id, path)
        ):
            self.reload()
            self.changed.emit()

    def on_open_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        path = paper_file(self.ctx.store, paper.id)
        if path is None or not path.exists():
            QMessageBox.information(self, "Open file", "No file has been attached to this paper.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def on_remove_clicked(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        answer = QMessageBox.question(self, "Remove paper", f"Remove '{paper.title}' and its file?")
        if answer == QMessageBox.StandardButton.Yes and self.try_(
            "Cannot remove paper", lambda: delete_paper(self.ctx.store, paper.id)
        ):
            self.reload()
            self.papers_changed.emit()
            self.changed.emit()
