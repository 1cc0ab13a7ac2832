"""Partners' papers for board pack tests: real .docx reports, a spreadsheet, a damaged file."""

from __future__ import annotations

from pathlib import Path

from lscp_desktop.exports.registry import ExportOptions
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.papers import attach_paper_file, list_papers, save_paper
from lscp_desktop.models.meetings.records import Meeting
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.people import list_people
from lscp_desktop.models.store.database import Store


def partner_report(path: Path, title: str, agency: str) -> Path:
    """A partner agency's assurance report, as they send them: headings, text, a table."""
    from docx import Document

    doc = Document()
    doc.add_heading(title, 1)
    doc.add_paragraph(f"Report of the {agency} to the Safeguarding Partnership Executive.")
    doc.add_heading("1. Purpose", 2)
    doc.add_paragraph(
        "To give the Executive assurance on how the agency is meeting its safeguarding duties, "
        "and to set out the areas where further work is needed. " * 3
    )
    doc.add_heading("2. Performance", 2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Measure", "Q1", "Q2"), strict=True):
        cell.text = text
    for measure in ("Referrals", "Strategy discussions", "Training completed"):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = measure, "112", "127"
    doc.add_heading("3. What children and families told us", 2)
    doc.add_paragraph(
        "Families said that they wanted fewer professionals to repeat questions. " * 4
    )
    doc.add_heading("4. Next steps", 2)
    for step in ("Finish the audit of strategy discussions", "Report back in six months"):
        doc.add_paragraph(step, style="List Bullet")
    doc.save(str(path))
    return path


def attach_demo_papers(store: Store, meeting_id: int, folder: Path) -> dict[str, int]:
    """Give the meeting's papers files: .docx reports, one .xlsx and one damaged .docx.

    Returns the paper ids by kind of file ("docx", "xlsx", "broken").
    """
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    papers = [p for p in list_papers(store, meeting_id) if p.agenda_item_id]
    items = list_items(store, meeting_id)
    have = {p.agenda_item_id for p in papers}
    spare = [i for i in items if i.id not in have and not i.standing]
    for item in spare[: max(0, 4 - len(papers))]:  # make sure there are at least four
        save_paper(store, meeting_id, {"title": item.title, "agenda_item_id": item.id})
    papers = [p for p in list_papers(store, meeting_id) if p.agenda_item_id]
    made: dict[str, int] = {}
    agencies = ("Northshire Police", "NHS North Thames Integrated Care Board")
    for n, paper in enumerate(papers):
        if n < len(papers) - 2:
            source = partner_report(folder / f"paper-{paper.id}.docx", paper.title,
                                    agencies[n % 2])  # fmt: skip
            made.setdefault("docx", paper.id)
        elif n == len(papers) - 2:
            wb = Workbook()
            wb.active["A1"] = "Dashboard"
            source = folder / f"dashboard-{paper.id}.xlsx"
            wb.save(str(source))
            made["xlsx"] = paper.id
        else:
            source = folder / f"damaged-{paper.id}.docx"
            source.write_bytes(b"PK\x03\x04 this file was damaged in an email")
            made["broken"] = paper.id
        attach_paper_file(store, paper.id, source)
    return made


# --------------------------------------------------------------------------- export choices

YEAR = "2025/26"


def exec_body(store: Store) -> int:
    return next(b.id for b in list_bodies(store) if b.code == "EXEC")


def next_meeting(store: Store) -> Meeting:
    future = [m for m in list_meetings(store, body_id=exec_body(store))
              if m.date >= "2026-11-22" and m.status != "cancelled" and m.item_count]  # fmt: skip
    return future[0]


def held_meeting(store: Store) -> Meeting:
    """The Executive's latest held meeting at which actions were agreed."""
    from lscp_desktop.models.actions.listing import list_actions

    items = {a.agenda_item_id for a in list_actions(store, body_id=exec_body(store))}
    held = [m for m in list_meetings(store, body_id=exec_body(store))
            if m.status == "held"
            and any(i.id in items for i in list_items(store, m.id))]  # fmt: skip
    return held[-1]


def options_for(store: Store, key: str) -> ExportOptions:
    meeting = held_meeting(store) if key == "minutes" else next_meeting(store)
    item = list_items(store, meeting.id)[2]
    return ExportOptions(
        meeting_id=meeting.id,
        item_id=item.id,
        year=YEAR,
        body_id=exec_body(store),
        person_id=list_people(store)[0].id,  # subject access
    )
