"""Minutes: who was present, apologies and deputies, declarations, then each item's minute,
its decisions and the actions it gave rise to, with owners and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.board.common import long_date, new_document
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.meetings import get_meeting
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.store.database import Store


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("•-* ").strip() for line in text.splitlines() if line.strip()]


def write_minutes(
    doc: WordDocument, store: Store, meeting: Meeting, *, level: int = 1,
    title: bool = True,
) -> None:  # fmt: skip
    """The minutes; *level* is the heading level of their sections (items one below)."""
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
    register = attendance.list_attendance(store, meeting.id)
    members = [a for a in register if not a.guest]
    present = [a for a in members if a.status == "present"]
    deputies = [a for a in members if a.status == "represented"]
    apologies = [a for a in members if a.status in ("apologies", "represented")]
    guests = [a for a in register if a.guest]
    doc.heading("Present", level)
    if present:
        doc.table(
            ["Name", "Organisation", "Role"],
            [[a.name, a.organisation, a.role.capitalize()] for a in present],
            widths_cm=[5.0, 8.0, 3.6],
        )
    else:
        doc.paragraph("No attendance has been recorded for this meeting.")
    if guests:
        doc.heading("In attendance", level)
        doc.table(["Name", "Organisation"], [[a.name, a.organisation] for a in guests],
                  widths_cm=[6.0, 10.6])  # fmt: skip
    doc.heading("Apologies", level)
    if apologies:
        doc.table(
            ["Name", "Organisation", "Represented by"],
            [[a.name, a.organisation, a.deputy or "Not represented"] for a in apologies],
            widths_cm=[5.0, 7.0, 4.6],
        )
    else:
        doc.paragraph("None.")
    doc.heading("Deputies", level)
    if deputies:
        for a in deputies:
            doc.bullet(f"{a.deputy or 'A deputy'} attended for {a.name} ({a.organisation}).")
    else:
        doc.paragraph("No members sent a deputy.")
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
    for item in list_items(store, meeting.id):
        doc.heading(f"{item.position}. {item.title}", level)
        if item.presenter:
            doc.paragraph(f"Presented by {item.presenter}.", italic=True)
        minute = _lines(item.minute_text)
        for line in minute:
            doc.paragraph(line)
        if not minute:
            doc.paragraph("No minute recorded.", italic=True)
        decisions = _lines(item.decisions)
        if decisions:
            doc.paragraph("Decisions", bold=True)
            for line in decisions:
                doc.bullet(line)
        new = list_actions(store, agenda_item_id=item.id)
        if new:
            doc.paragraph("Actions", bold=True)
            doc.table(
                ["Ref", "Action", "Owner", "Due"],
                [[a.reference, a.title, a.owner or "No owner", uk(a.due_date)] for a in new],
                widths_cm=[2.2, 8.0, 4.0, 2.4],
            )


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
    doc = new_document(store, options, f"Minutes: {meeting.body}, {long_date(meeting.date)}")
    write_minutes(doc, store, meeting)
    progress(1, 2, "Saving")
    return doc.save(path)
