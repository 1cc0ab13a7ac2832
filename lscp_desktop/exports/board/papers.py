"""The agenda and the cover sheet, as the business manager sends them before a board."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from lscp_desktop.exports.board.common import (
    long_date,
    new_document,
    paper_refs,
    purpose_line,
)
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance, coversheets
from lscp_desktop.models.meetings.agenda import agreed_agenda, get_item
from lscp_desktop.models.meetings.chair_rotation import chair_on
from lscp_desktop.models.meetings.meetings import get_meeting, next_meeting
from lscp_desktop.models.meetings.papers import list_papers
from lscp_desktop.models.meetings.records import AgendaItem, Meeting, Paper
from lscp_desktop.models.membership.body_records import Membership
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.store.database import Store

#: Roles shown among the members invited, in this order; deputies appear with their principal.
_ROLE_ORDER = ("chair", "co-chair", "vice-chair", "member", "co-opted", "virtual member")
#: Listed under "In attendance": invited, not members.
_IN_ATTENDANCE = ("observer", "adviser", "secretariat")


def meeting_papers(
    store: Store, meeting_id: int, *, leave_out_members_only: bool = False
) -> dict[int, list[Paper]]:
    """The meeting's papers (not withdrawn, nor for members only when *leave_out_members_only*)
    by agenda item id, in the order they were added."""
    by_item: dict[int, list[Paper]] = defaultdict(list)
    for paper in list_papers(store, meeting_id):
        if leave_out_members_only and paper.members_only:
            continue
        if paper.status != "withdrawn" and paper.agenda_item_id is not None:
            by_item[paper.agenda_item_id].append(paper)
    return by_item


def restricted_items(store: Store, meeting_id: int) -> set[int]:
    """The agenda items with a paper for members only."""
    return {
        p.agenda_item_id
        for p in list_papers(store, meeting_id)
        if p.members_only and p.status != "withdrawn" and p.agenda_item_id is not None
    }


def members_invited(
    store: Store, meeting: Meeting, roles: tuple[str, ...] = _ROLE_ORDER
) -> list[Membership]:
    rank = {r: i for i, r in enumerate(roles)}
    day = meeting.day
    rows = [
        m for m in list_memberships(store, body_id=meeting.body_id)
        if m.is_current(day) and m.role in rank
    ]  # fmt: skip
    return sorted(rows, key=lambda m: (rank[m.role], m.person))


def chair_of(store: Store, meeting: Meeting, invited: list[Membership]) -> str:
    """Who chairs the meeting: the body's chair, else whose turn it is in a rotation."""
    chair = next((m.person for m in invited if m.role in ("chair", "co-chair")), "")
    if chair:
        return chair
    rotating = chair_on(store, meeting.body_id, meeting.date)
    return rotating.describe() if rotating else ""


def meeting_details(doc: WordDocument, meeting: Meeting, chair: str) -> None:
    doc.labelled("Date", long_date(meeting.date))
    doc.labelled("Time", f"{meeting.start_time} to {meeting.end_time}")
    if meeting.venue:
        doc.labelled("Venue", meeting.venue)
    if meeting.online_link:
        doc.labelled("Online", meeting.online_link)
    if not meeting.venue and not meeting.online_link:
        doc.labelled("Venue", "to be confirmed")
    if chair:
        doc.labelled("Chair", chair)
    if meeting.status in ("cancelled", "postponed"):
        reason = f" ({meeting.status_reason})" if meeting.status_reason else ""
        doc.paragraph(f"This meeting has been {meeting.status}{reason}.", bold=True)


def write_agenda(
    doc: WordDocument, store: Store, meeting: Meeting, *, in_pack: bool = False
) -> None:
    """Details, the timed agenda with paper references, members invited, apologies.

    On its own the agenda has a title and top-level sections; in a pack it is one top-level
    heading ("Agenda") with its sections below, so the pack's contents stay short.
    """
    invited = members_invited(store, meeting)
    chair = chair_of(store, meeting, invited)
    level = 2 if in_pack else 1
    if in_pack:
        doc.heading("Agenda", 1)
    else:
        doc.title(meeting.body, "Agenda")
    meeting_details(doc, meeting, chair)
    timing = agreed_agenda(store, meeting.id)  # proposed items stay off until agreed
    papers = meeting_papers(store, meeting.id)
    sheets = coversheets.cover_sheets_for_meeting(store, meeting.id)
    doc.heading("Items", level)
    reports = coversheets.meeting_reports([(i.id, i.title) for i in timing.items], sheets)
    rows = []
    for item in timing.items:
        report = 1 if reports[item.id] else 0
        refs = paper_refs(item.position, len(papers.get(item.id, [])) + report)
        rows.append([
            str(item.position), item.title, item.purpose.capitalize(), item.presenter or "",
            item.starts, ", ".join(refs) if refs else "Verbal",
        ])  # fmt: skip
    if rows:
        doc.table(["No.", "Item", "Purpose", "Presenter", "Time", "Paper"], rows)
    else:
        doc.paragraph("No items have been agreed for this agenda yet.")
    doc.heading("Members invited", level)
    if invited:
        doc.table(
            ["Name", "Organisation", "Role"],
            [[m.person, m.organisation, m.role.capitalize()] for m in invited],
        )
        if any(m.role == "virtual member" for m in invited):
            doc.paragraph(
                "Virtual members receive the papers and attend when called in.", italic=True
            )
    else:
        doc.paragraph("No members are recorded for this body on the date of the meeting.")
    attending = members_invited(store, meeting, _IN_ATTENDANCE)
    if attending:
        doc.heading("In attendance", level)
        doc.table(
            ["Name", "Organisation", "As"],
            [[m.person, m.organisation, m.role.capitalize()] for m in attending],
        )
    doc.heading("Apologies received", level)
    register = attendance.list_attendance(store, meeting.id)
    apologies = [a for a in register if a.status in ("apologies", "represented")]
    if apologies:
        doc.table(
            ["Name", "Organisation", "Represented by"],
            [[a.name, a.organisation, a.deputy or "Not represented"] for a in apologies],
        )
    else:
        doc.paragraph("None received at the time of sending.")
    following = next_meeting(store, meeting.body_id, meeting.date)
    if following:
        doc.heading("Date of the next meeting", level)
        doc.paragraph(f"{long_date(following.date)}, {following.start_time}"
                      + (f", {following.where}" if following.where else "") + ".")  # fmt: skip


def write_cover_sheet(
    doc: WordDocument,
    store: Store,
    meeting: Meeting,
    item: AgendaItem,
    sheet: coversheets.CoverSheet,
    papers: list[Paper],
    report: str,
) -> None:
    """The report cover sheet: what the paper is, who wrote it and what the board is asked.

    A section not written is left out (the pre-flight check lists it), never printed as a gap.
    """
    doc.heading(f"Item {item.position}: {item.title}", 1)
    doc.labelled("Meeting", f"{meeting.body}, {long_date(meeting.date)}")
    author = sheet.author or ", ".join(p.author for p in papers if p.author)
    if author:
        doc.labelled("Report author", author)
    if item.presenter:
        doc.labelled("Presented by", item.presenter)
    titles = [p.title for p in papers]
    if report:
        titles.insert(0, coversheets.STANDARD_REPORTS[report])
    refs = paper_refs(item.position, len(titles))
    if titles:
        doc.labelled("Papers", "; ".join(f"{r} – {t}" for r, t in zip(refs, titles, strict=False)))
    doc.labelled("This report is for", purpose_line(item.purpose))
    sections = (
        ("Summary", sheet.summary),
        ("Recommendations", sheet.recommendations),
        ("Risks and implications", sheet.risks),
        ("The voice of the child", sheet.voice_of_child),
    )
    for heading, text in sections:
        if text.strip():
            doc.heading(heading, 2)
            doc.text(text)


def _meeting(store: Store, options: ExportOptions) -> Meeting:
    if options.meeting_id is None:
        raise ValidationError("Choose the meeting first.", "meeting")
    return get_meeting(store, options.meeting_id)


def build_agenda(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    meeting = _meeting(store, options)
    progress(0, 2, "Agenda")
    doc = new_document(store, options, f"Agenda: {meeting.body}, {long_date(meeting.date)}")
    write_agenda(doc, store, meeting)
    progress(1, 2, "Saving")
    return doc.save(path)


def build_cover_sheet(
    store: Store, options: ExportOptions, path: Path, progress: ProgressFn
) -> Path:
    if options.item_id is None:
        raise ValidationError("Choose the agenda item first.", "item")
    item = get_item(store, options.item_id)
    meeting = get_meeting(store, item.meeting_id)
    agenda = agreed_agenda(store, meeting.id).items
    item = next((i for i in agenda if i.id == item.id), item)  # numbered as on the agenda
    progress(0, 2, "Cover sheet")
    doc = new_document(store, options, f"Cover sheet: {item.title}")
    doc.set_header_note(f"Item {item.position}")
    sheets = coversheets.cover_sheets_for_meeting(store, meeting.id)
    sheet = sheets.get(item.id) or coversheets.CoverSheet(agenda_item_id=item.id)
    items = [(i.id, i.title) for i in agenda]
    report = coversheets.meeting_reports(items, sheets).get(item.id, "")
    papers = meeting_papers(store, meeting.id).get(item.id, [])
    write_cover_sheet(doc, store, meeting, item, sheet, papers, report)
    progress(1, 2, "Saving")
    return doc.save(path)
