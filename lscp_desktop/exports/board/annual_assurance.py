"""The yearly report's sections on learning and assurance: the year's multi-agency and
Section 11 audits with their findings, and the work of the forum and the learning hubs (seed
000 para 73: "lessons from the work undertaken by the LPIH and its impact on practice", "the
work of the LSCP Forum")."""

from __future__ import annotations

from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.agenda import list_items
from lscp_desktop.models.meetings.coversheets import guess_standard_report
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.minutes import list_decisions
from lscp_desktop.models.reporting.year_people import bodies_in_year
from lscp_desktop.models.reviews.audits import list_audits
from lscp_desktop.models.store.database import Store

#: The kinds of body whose work the report describes on its own, with what to write of it.
FORUM_KINDS = {
    "forum": "what the forum discussed, who took part and what it changed",
    "learning hub": "the lessons from the hub's work and their impact on practice",
}


def approves_minutes(item_title: str) -> bool:
    """Whether an item is the one that agrees the last minutes (not the body's own work)."""
    return guess_standard_report(item_title) == "previous-minutes"


def write_audits(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """Audits completed in the year, with the agencies involved and what they found; those
    planned in the year and not completed by its end."""
    start, end = year.start.isoformat(), year.end.isoformat()
    audits = [a for a in list_audits(store) if a.kind in ("multi-agency", "Section 11")]
    done = [a for a in audits if a.completed_date and start <= a.completed_date <= end]
    pending = [a for a in audits if start <= a.planned_date <= end
               and not (a.completed_date and a.completed_date <= end)]  # fmt: skip
    doc.heading("Multi-agency and Section 11 audits", 1)
    if not done and not pending:
        doc.paragraph(f"No multi-agency or Section 11 audits are recorded for {year.label}.")
        return
    if done:
        doc.paragraph(f"{len(done)} audit{'s' if len(done) != 1 else ''} completed in "
                      f"{year.label}:")  # fmt: skip
        themed = any(a.theme.strip() for a in done)
        doc.table(
            ["Audit", "Kind", *(["Theme"] if themed else []), "Completed", "Agencies involved"],
            [[a.title, a.kind[:1].upper() + a.kind[1:], *([a.theme] if themed else []),
              uk(a.completed_date), ", ".join(a.agencies) or "–"] for a in done],
        )  # fmt: skip
        for a in done:
            doc.heading(f"What the {a.title} audit found", 2)
            if a.findings.strip():
                doc.text(a.findings)
            else:
                doc.placeholder(f"the findings of the {a.title} audit and what changed")
    if pending:
        doc.paragraph(f"Planned in {year.label} and not completed by {uk(year.end)}:",
                      keep_with_next=True)  # fmt: skip
        for a in pending:
            doc.bullet(f"{a.title} ({a.kind}, planned for {uk(a.planned_date)})")


def write_forum_and_hubs(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """Each forum and learning hub: its meetings in the year, what it considered (the reports
    on its agendas) and decided, and a place for its lessons and their impact."""
    bodies = [b for b in bodies_in_year(store, year) if b.kind in FORUM_KINDS]
    if not bodies:
        return
    start, end = year.start.isoformat(), year.end.isoformat()
    doc.heading("The forum and the learning hubs", 1)
    for body in bodies:
        doc.heading(body.name, 2)
        held = [m for m in list_meetings(store, body_id=body.id, start=start, end=end)
                if m.status == "held"]  # fmt: skip
        if held:
            doc.paragraph(f"Met {len(held)} time{'s' if len(held) != 1 else ''} in "
                          f"{year.label}: {', '.join(uk(m.date) for m in held)}.")  # fmt: skip
        else:
            doc.paragraph(f"It did not meet in {year.label}.")
        topics = list(dict.fromkeys(
            i.title for m in held for i in list_items(store, m.id) if not i.standing
        ))  # fmt: skip
        if topics:
            doc.paragraph("What it considered:", keep_with_next=True)
            for title in topics:
                doc.bullet(title)
        decided = [d for d in list_decisions(store, body_id=body.id)
                   if start <= d.date <= end and not approves_minutes(d.item)]  # fmt: skip
        if decided:
            doc.paragraph("What it decided:", keep_with_next=True)
            for d in reversed(decided):
                doc.bullet(f"{d.decision} ({uk(d.date)})")
        doc.placeholder(FORUM_KINDS[body.kind])
