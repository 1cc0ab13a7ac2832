"""Minutes as a board keeps them: who was present (deputies "for" the member they stood in
for), apologies, those in attendance, declarations, then each item's minute — its paragraphs
and bulleted lists as typed — and decisions, ending with the actions agreed and the date of the
next meeting.

Drafts say DRAFT in the header and under the title; approved minutes say when and where they
were approved and end with a signature block for the chair, after any amendment agreed since.
Items with nothing minuted are marked "Noted" or left out, as chosen for the meeting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.board.common import long_date, new_document
from lscp_desktop.exports.board.papers import chair_of, members_invited
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument, _oxml
from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.records import Action
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance
from lscp_desktop.models.meetings.agenda import agreed_agenda
from lscp_desktop.models.meetings.meetings import get_meeting, next_meeting
from lscp_desktop.models.meetings.minutes_cycle import get_minutes, list_amendments
from lscp_desktop.models.meetings.records import Meeting, MinutesRecord
from lscp_desktop.models.membership.records import IN_ATTENDANCE_ROLES
from lscp_desktop.models.store.database import Store

DRAFT_LINE = "DRAFT \u2014 NOT YET APPROVED"


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("\u2022-* ").strip() for line in text.splitlines() if line.strip()]


def status_note(record: MinutesRecord, store: Store) -> str:
    """The line under the title: where the minutes are in their life cycle."""
    if record.locked:
        at_id = record.approved_at_meeting_id
        at = get_meeting(store, at_id) if at_id is not None else None
        where = f" at the meeting of the {at.body} on {long_date(at.date)}" if at else ""
        return f"Approved as an accurate record{where}."
    sent = f"; sent to the chair on {uk(record.sent_on)}" if record.sent_on else ""
    return f"Draft minutes, not yet approved{sent}."


def write_minutes(
    doc: WordDocument, store: Store, meeting: Meeting, *, level: int = 1,
    title: bool = True,
) -> None:  # fmt: skip
    """The minutes; *level* is the heading level of their sections (items one below)."""
    record = get_minutes(store, meeting.id)
    when = f"{long_date(meeting.date)} at {meeting.start_time}"
    where = f", {meeting.where}" if meeting.where else ""
    if title:
        doc.title(meeting.body, f"Minutes of the meeting held on {when}{where}")
    else:
        doc.heading(f"Minutes of the meeting held on {long_date(meeting.date)}", level)
        doc.paragraph(f"{meeting.body}, {when}{where}.", italic=True)
        level += 1
    if meeting.status == "cancelled":
        doc.paragraph("This meeting was cancelled; there are no minutes.", bold=True)
        return
    if not record.locked:
        draft_banner(doc)
    doc.paragraph(status_note(record, store), italic=True)
    _write_register(doc, store, meeting, level)
    timing = agreed_agenda(store, meeting.id)
    agreed: list[Action] = []
    for item in timing.items:
        minute, decisions = item.minute_text.strip(), _lines(item.decisions)
        if not minute and not decisions and record.unminuted_items == "omit":
            continue
        doc.heading(f"{item.position}. {item.title}", level)
        if item.presenter:
            doc.paragraph(f"Presented by {item.presenter}.", italic=True)
        doc.text(minute)
        if decisions:
            doc.paragraph("Decisions", bold=True, keep_with_next=True)
            for line in decisions:
                doc.bullet(line)
        if not minute and not decisions:
            doc.paragraph("Noted.")
        actions = list_actions(store, agenda_item_id=item.id)
        if actions:
            refs = ", ".join(a.reference for a in actions)
            doc.paragraph(f"Action{'s' if len(actions) != 1 else ''} agreed: {refs}.",
                          italic=True)  # fmt: skip
            agreed.extend(actions)
    amendments = list_amendments(store, meeting.id)
    if amendments:
        doc.heading("Amendments agreed since approval", level)
        doc.table(
            ["Agreed on", "Item", "Amendment"],
            [[uk(a.agreed_on), a.item or "General", a.text] for a in amendments],
        )
    doc.heading("Actions agreed", level)
    if agreed:
        doc.table(
            ["Ref", "Action", "Owner", "Due"],
            [[a.reference, a.title, a.owner or "No owner", uk(a.due_date)] for a in agreed],
        )
    else:
        doc.paragraph("No actions were agreed at this meeting.")
    doc.heading("Date of the next meeting", level)
    following = next_meeting(store, meeting.body_id, meeting.date)
    if following:
        doc.paragraph(f"{long_date(following.date)} at {following.start_time}"
                      + (f", {following.where}" if following.where else "") + ".")  # fmt: skip
    else:
        doc.paragraph("To be arranged.")
    if record.locked:
        signature_block(doc, store, record)


def _write_register(doc: WordDocument, store: Store, meeting: Meeting, level: int) -> None:
    """Present (deputies for their members), in attendance, apologies, quorum, declarations."""
    register = attendance.list_attendance(store, meeting.id)
    members = [a for a in register if not a.guest and a.role not in IN_ATTENDANCE_ROLES]
    present = [[a.name, a.organisation, a.role.capitalize()]
               for a in members if a.status == "present"]  # fmt: skip
    present += [[a.deputy or "A deputy", a.organisation, f"For {a.name}"]
                for a in members if a.status == "represented"]  # fmt: skip
    doc.heading("Present", level)
    if present:
        doc.table(["Name", "Organisation", "Role"], present)
    else:
        doc.paragraph("No attendance has been recorded for this meeting.")
    attending = [[a.name, a.organisation, "Guest" if a.guest else a.role.capitalize()]
                 for a in register if (a.guest or a.role in IN_ATTENDANCE_ROLES)
                 and a.status == "present"]  # fmt: skip
    if attending:
        doc.heading("In attendance", level)
        doc.table(["Name", "Organisation", "As"], attending)
    doc.heading("Apologies", level)
    apologies = [a for a in members if a.status in ("apologies", "represented")]
    if apologies:
        doc.table(
            ["Name", "Organisation", "Represented by"],
            [[a.name, a.organisation, a.deputy or "Not represented"] for a in apologies],
        )
    else:
        doc.paragraph("None.")
    if register:
        doc.paragraph(attendance.quorum_for(store, meeting, register).describe(), italic=True)
    doc.heading("Declarations of interest", level)
    declared = attendance.list_declarations(store, meeting.id)
    if declared:
        for d in declared:
            about = f" (item: {d.item})" if d.item else ""
            doc.bullet(f"{d.person}: {d.interest}{about}")
    else:
        doc.paragraph("None declared.")


def draft_banner(doc: WordDocument) -> None:
    """A watermark-like line: large, grey, spaced capitals across the page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    para = doc.paragraph(DRAFT_LINE, bold=True)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.runs[0]
    run.font.size = Pt(20)
    run.font.color.rgb = RGBColor(0xA6, 0xA6, 0xA6)
    r_pr = run._r.get_or_add_rPr()  # letter-spaced: w:spacing goes before w:sz in the schema
    r_pr.insert_element_before(_oxml("w:spacing", **{"w:val": "60"}), "w:w", "w:kern",
                               "w:position", "w:sz", "w:szCs", "w:highlight")  # fmt: skip


def signature_block(doc: WordDocument, store: Store, record: MinutesRecord) -> None:
    """Where the chair signs the approved minutes."""
    chair = ""
    if record.approved_at_meeting_id is not None:
        at = get_meeting(store, record.approved_at_meeting_id)
        chair = chair_of(store, at, members_invited(store, at))
    doc.paragraph()
    doc.paragraph("Signed as an accurate record", bold=True, keep_with_next=True)
    doc.paragraph("Chair: ________________________________", keep_with_next=True)
    doc.paragraph(f"Name: {chair}" if chair else "Name: ________________________________",
                  keep_with_next=True)  # fmt: skip
    doc.paragraph(f"Date: {uk(record.approved_on)}")


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    if options.meeting_id is None:
        raise ValidationError("Choose the meeting first.", "meeting")
    meeting = get_meeting(store, options.meeting_id)
    if meeting.day > dt.date.today() and meeting.status != "held":
        raise ValidationError(
            f"The meeting on {uk(meeting.date)} has not been held yet, so it has no minutes. "
            "Export its agenda instead.",
            "meeting",
        )
    progress(0, 2, "Minutes")
    record = get_minutes(store, meeting.id)
    draft = "" if record.locked else "Draft "
    doc = new_document(store, options, f"{draft}Minutes: {meeting.body}, {long_date(meeting.date)}")
    if not record.locked:
        doc.set_header_note("DRAFT minutes")
    write_minutes(doc, store, meeting)
    progress(1, 2, "Saving")
    return doc.save(path)
