"""Writing a batch of drafts into a folder (or into Outlook), then recording what was sent.

Attachments are made once per batch (a cover sheet, a board pack with or without the
members-only papers, and its PDF where it can be made) in a temporary folder. Each draft is
written atomically under a name of its own (never over another file); only once every draft
is written are the actions recorded as chased and the papers as requested, in one
transaction, so a failed run records nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lscp_desktop.exports.mail.draft import FileAttachment, build_message
from lscp_desktop.exports.mail.ics import invitation_ics
from lscp_desktop.exports.registry import ExportOptions, ProgressFn, find_kind
from lscp_desktop.exports.safe import safe_file_name, write_atomically
from lscp_desktop.models.actions.chase import record_chased
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.errors import LscpError, ValidationError
from lscp_desktop.models.correspondence.addresses import require_sender, sender, sign_off
from lscp_desktop.models.correspondence.paper_requests import record_requested
from lscp_desktop.models.correspondence.records import Attach, Batch, Mail, Written
from lscp_desktop.models.store.database import Store

#: Puts one draft somewhere: into the folder as a file, or into Outlook's Drafts folder.
Deliver = Callable[[Mail, bytes, str], str]
#: Writes a document a draft attaches: (kind, options, path). The window has it written in its
#: export worker process (exports/worker_client.py); by default it is written here.
ExportFn = Callable[[str, ExportOptions, Path], object]


def file_name(stem: str) -> str:
    """*stem* usable as a file name on Windows, ending in .eml."""
    return safe_file_name(stem) + ".eml"


def _unused(folder: Path, name: str) -> Path:
    path = folder / name
    n = 2
    while path.exists():
        path = folder / f"{name[:-4]} ({n}).eml"
        n += 1
    return path


def to_folder(folder: Path) -> Deliver:
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist; choose another.", "folder")

    def deliver(mail: Mail, data: bytes, name: str) -> str:
        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        return str(write_atomically(_unused(folder, file_name(name)), write))

    return deliver


class _Attachments:
    """The files a batch attaches, each made once."""

    def __init__(self, store: Store, work: Path, *, pdf: bool, export: ExportFn | None) -> None:
        self.store, self.work, self.pdf = store, work, pdf
        self.export = export or self._here
        self.made: dict[Attach, list[FileAttachment]] = {}
        self.notes: list[str] = []
        self.marking = settings.get_str(store, "default_marking")
        template = settings.get_str(store, "word_template") or None
        self.options = ExportOptions(marking=self.marking, template=template)

    def _here(self, kind: str, options: ExportOptions, path: Path) -> Path:
        return find_kind(kind).run(self.store, options, path, lambda *_: None)

    def get(self, attach: Attach) -> list[FileAttachment]:
        if attach not in self.made:
            self.made[attach] = self._make(attach)
        return self.made[attach]

    def _export(self, kind: str, name: str, **options: Any) -> Path:
        path = self.work / f"{len(self.made)}-{name}"
        opts = ExportOptions(**{**vars(self.options), **options})
        self.export(kind, opts, path)
        return path

    def _make(self, attach: Attach) -> list[FileAttachment]:
        if attach.kind == "file":
            path = Path(attach.path)
            try:
                return [FileAttachment(attach.name, path.read_bytes())]
            except OSError as exc:
                raise ValidationError(f"{path} cannot be read ({exc.strerror}).", "file") from exc
        if attach.kind == "cover-sheet":
            path = self._export("cover-sheet", attach.name, item_id=attach.item_id)
            return [FileAttachment(attach.name, path.read_bytes())]
        if attach.kind == "board-pack":
            path = self._export(
                "board-pack",
                attach.name,
                meeting_id=attach.meeting_id,
                leave_out_members_only=not attach.with_members_only,
            )
            files = [FileAttachment(attach.name, path.read_bytes())]
            pdf = self._pdf(path)
            if pdf is not None:
                files.append(FileAttachment(attach.name[:-5] + ".pdf", pdf.read_bytes()))
            return files
        raise ValueError(f"Unknown attachment {attach.kind}")  # pragma: no cover

    def _pdf(self, docx: Path) -> Path | None:
        """The pack as a PDF, where this computer can make one (Word or LibreOffice)."""
        if not self.pdf:
            return None
        from lscp_desktop.exports.pdf import save_pdf

        try:
            return save_pdf(docx)
        except LscpError as exc:
            self._note(f"The pack is attached as a Word document only: {exc}")
            return None

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def write_batch(
    store: Store,
    batch: Batch,
    deliver: Deliver,
    progress: ProgressFn = lambda *_: None,
    *,
    today: dt.date | None = None,
    record: bool = True,
    pdf: bool = True,
    export: ExportFn | None = None,
) -> Written:
    """Write every draft of *batch*; then record chases and paper requests (unless not
    *record*). A board pack goes with its PDF when *pdf* and Word or LibreOffice can make
    one; documents attached are written by *export* (here, by default). Returns the drafts
    written and the people left out."""
    today = today or dt.date.today()
    who = require_sender(store) if batch.kind == "invitations" else sender(store)
    ending = sign_off(store)
    written = Written(batch.kind, not_sent=list(batch.not_sent))
    total = len(batch.mails) + 1
    with tempfile.TemporaryDirectory(prefix="lscp-mail-") as work:
        files = _Attachments(store, Path(work), pdf=pdf, export=export)
        for n, mail in enumerate(batch.mails):
            progress(n, total, f"Drafting: {mail.subject}")
            attached = [f for a in mail.attachments for f in files.get(a)]
            calendar = None
            if mail.invitation is not None:
                calendar = invitation_ics(mail.invitation, who, mail.to)
                name = "invite.ics" if mail.invitation.method == "REQUEST" else "cancel.ics"
                attached.append(FileAttachment(name, calendar))
            message = build_message(mail, who, ending, attached, calendar)
            written.paths.append(deliver(mail, message.as_bytes(), mail.file_stem))
        written.notes = files.notes
    progress(len(batch.mails), total, "Recording")
    if record:
        written.recorded = _record(store, batch, today)
    progress(total, total, f"{len(written.paths)} drafts written")
    return written


def _record(store: Store, batch: Batch, today: dt.date) -> str:
    actions = tuple(i for m in batch.mails if m.records and m.records[0] == "actions"
                    for i in m.records[1])  # fmt: skip
    papers = tuple(i for m in batch.mails if m.records and m.records[0] == "papers"
                   for i in m.records[1])  # fmt: skip
    meetings = {i for m in batch.mails if m.records and m.records[0] == "meetings"
                for i in m.records[1]}  # fmt: skip
    with store.transaction():
        if actions:
            record_chased(store, actions, today)
        if papers:
            record_requested(store, papers, today)
        for meeting_id in meetings:
            store.update("meetings", meeting_id, {"circulated_on": today.isoformat()})
    if actions:
        return f"{len(actions)} actions recorded as chased on {today:%d/%m/%Y}"
    if papers:
        return f"{len(papers)} papers recorded as requested on {today:%d/%m/%Y}"
    if meetings:
        return f"The pack recorded as circulated on {today:%d/%m/%Y}"
    return ""
