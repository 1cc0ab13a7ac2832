"""The board pack: one document for the meeting, as it is emailed to members.

A front page with the meeting's details and a contents list, the agenda, then for each agenda
item that has something to read — in agenda order — its cover sheet, the standard report when
the item is one (the last meeting's minutes, the action log, the risk summary, the finance
summary) and the partners' .docx papers appended with docxcompose. Each item is its own Word
section whose header carries the item number; page numbers run on through the whole pack.
Papers that are not Word documents are listed in an annex by name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.board.common import long_date, new_document, paper_refs
from lscp_desktop.exports.board.minutes import write_minutes
from lscp_desktop.exports.board.papers import (
    chair_of,
    meeting_details,
    meeting_papers,
    members_invited,
    write_agenda,
    write_cover_sheet,
)
from lscp_desktop.exports.board.reports import (
    write_action_log,
    write_finance_summary,
    write_risk_summary,
)
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.exports.word.pack import PackAssembler
from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import coversheets
from lscp_desktop.models.meetings.agenda import agreed_agenda
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings
from lscp_desktop.models.meetings.papers import paper_file
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.store.database import Store


def previous_meeting(store: Store, meeting: Meeting) -> Meeting | None:
    """The body's last meeting before this one that was not cancelled."""
    earlier = [
        m for m in list_meetings(store, body_id=meeting.body_id, end=meeting.date)
        if m.date < meeting.date and m.status not in ("cancelled", "postponed")
    ]  # fmt: skip
    return max(earlier, key=lambda m: (m.date, m.start_time)) if earlier else None


def write_standard_report(
    doc: WordDocument, store: Store, meeting: Meeting, report: str, number: str
) -> None:
    """The standard report *report* for the item, in its own section where it is wide."""
    today = min(dt.date.today(), meeting.day)
    if report == "previous-minutes":
        before = previous_meeting(store, meeting)
        if before is None:
            doc.paragraph("This is the body's first meeting; there are no previous minutes.")
        else:
            doc.page_break()
            write_minutes(doc, store, before, level=2, title=False)
    elif report == "action-log":
        doc.new_section(number, landscape=True)
        write_action_log(doc, store, meeting.body_id, today=today, level=2)
    elif report == "risk-summary":
        doc.page_break()
        write_risk_summary(doc, store, body_id=meeting.body_id, today=today, level=2)
    elif report == "finance-summary":
        doc.page_break()
        label = FinancialYear.containing(meeting.day).label
        write_finance_summary(doc, store, label, today=today, level=2)


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    if options.meeting_id is None:
        raise ValidationError("Choose the meeting first.", "meeting")
    meeting = get_meeting(store, options.meeting_id)
    if meeting.status == "cancelled":
        raise ValidationError(
            f"The meeting of {meeting.body} on {long_date(meeting.date)} was cancelled; "
            "there is no pack to send.",
            "meeting",
        )
    items = agreed_agenda(store, meeting.id).items  # proposed items stay off until agreed
    papers = meeting_papers(store, meeting.id)
    sheets = coversheets.cover_sheets_for_meeting(store, meeting.id)
    total = len(items) + 3
    progress(0, total, "Front page and agenda")
    doc = new_document(store, options, f"Board pack: {meeting.body}, {long_date(meeting.date)}")
    chair = chair_of(store, meeting, members_invited(store, meeting))
    doc.title(meeting.body, f"Papers for the meeting on {long_date(meeting.date)}")
    meeting_details(doc, meeting, chair)
    if doc.marking == "OFFICIAL-SENSITIVE":
        doc.paragraph(
            "This pack is marked OFFICIAL-SENSITIVE. Keep it to the members of the "
            f"{meeting.body} and their deputies; do not forward it or print it in public.",
            bold=True,
        )
    doc.contents()
    doc.new_section("Agenda")
    write_agenda(doc, store, meeting, in_pack=True)
    pack = PackAssembler(doc)
    reports = coversheets.meeting_reports([(i.id, i.title) for i in items], sheets)
    for n, item in enumerate(items, start=1):
        progress(n, total, f"Item {item.position}: {item.title}")
        sheet = sheets.get(item.id) or coversheets.CoverSheet(agenda_item_id=item.id)
        report = reports[item.id]
        item_papers = papers.get(item.id, [])
        if not (item_papers or report or not sheet.is_empty):
            continue  # a verbal item: it is on the agenda, with nothing to read
        number = f"Item {item.position}"
        doc.new_section(number)
        write_cover_sheet(doc, store, meeting, item, sheet, item_papers, report)
        if report:
            write_standard_report(doc, store, meeting, report, number)
        if report == "action-log" and item_papers:
            doc.new_section(number)  # back to portrait for the papers
        refs = paper_refs(item.position, len(item_papers) + (1 if report else 0))
        for ref, paper in zip(refs[1:] if report else refs, item_papers, strict=False):
            file = paper_file(store, paper.id) if paper.stored_name else None
            pending = paper.status in ("requested", "late")
            pack.add_paper(
                number, f"Paper {ref}: {paper.title}", file, heading=f"Paper {ref}: {paper.title}",
                missing_note="Not received yet; to follow." if pending else
                "Received but no file is attached; circulated separately.",
                file_name=paper.file_name,
            )  # fmt: skip
    progress(len(items) + 1, total, "Annex")
    pack.write_annex()
    progress(len(items) + 2, total, "Saving")
    return doc.save(path)
