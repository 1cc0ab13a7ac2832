"""Sections from the assurance registers that the yearly report and the independent
scrutineer's report share: the settings census, the escalation log's year, national reviews
and the partnership's response, the minimum rules, audits, review clocks, published documents
and quarterly themes. Each writes a heading at *level* and a table or a plain sentence when
there is nothing to show."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.assurance.arrangements import list_documents
from lscp_desktop.models.assurance.census import census_for_year
from lscp_desktop.models.assurance.escalations import summarise
from lscp_desktop.models.assurance.minimum_rules import check_rules
from lscp_desktop.models.assurance.records import ESCALATION_STAGES, RESIDENTIAL_KINDS
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.reporting import assurance_year
from lscp_desktop.models.reviews.recommendations import linked_actions
from lscp_desktop.models.store.database import Store

#: Fills for a rule's result and a clock kept, as the documents' RAG colours.
_STATUS_FILL = {"met": "C9E7C9", "on track": "CFE2F3", "at risk": "FCE8B2", "not met": "F4C7C3"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else ""


def write_settings_census(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """Education settings and residential homes per local authority (the year's census, or the
    latest before it)."""
    doc.heading("Education settings and residential homes", level)
    table = census_for_year(store, year)
    if table is None or table.empty:
        doc.paragraph(f"No census of education settings is recorded for {year.label}.")
        return
    when = (f"The census for {table.year}" if table.year == year.label
            else f"The latest census ({table.year})")  # fmt: skip
    las = table.local_authorities
    doc.paragraph(
        f"{when} counts the settings the partnership works with"
        + (f" across {listed(las)}" if len(las) > 1 else "")
        + "; each is expected to take part in the safeguarding arrangements."
    )
    kinds = [k for k in table.kinds if any((k, la) in table.counts for la in las)]
    rows = []
    for kind in kinds:
        cells = [str(table.count(kind, la)) if table.count(kind, la) is not None else "–"
                 for la in las]  # fmt: skip
        rows.append([_cap(kind), *cells, *([str(table.total(kind))] if len(las) > 1 else [])])
    headers = ["Settings", *las, *(["Total"] if len(las) > 1 else [])]
    first = 16.6 - 2.4 * (len(headers) - 1)
    doc.table(headers, rows, widths_cm=[max(first, 5.0)] + [2.4] * (len(headers) - 1),
              right_align=tuple(range(1, len(headers))))  # fmt: skip
    notes = [f"{_cap(k)}, {la}: {n}" for (k, la), n in table.notes.items()]
    if notes:
        doc.paragraph("Notes: " + "; ".join(notes) + ".", italic=True)
    residential = [k for k in RESIDENTIAL_KINDS if k in kinds]
    if residential:
        doc.paragraph(
            "Residential homes are included through their commissioners and the relevant "
            "agencies' arrangements."
        )


def write_escalations(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """The year's professional challenges: how many, how far they went, who raised them with
    whom, and how they ended."""
    doc.heading("Professional challenge and escalation", level)
    s = summarise(store, year)
    if not s.raised and not s.open_at_end:
        doc.paragraph(f"No professional challenges were logged in {year.label}.")
        return
    median = (f"; the median time to resolve one was {s.median_days_to_resolve} days"
              if s.median_days_to_resolve is not None else "")  # fmt: skip
    doc.paragraph(
        f"{s.raised} professional challenge{'s were' if s.raised != 1 else ' was'} logged in "
        f"{year.label}, and {s.resolved} resolved{median}. {s.open_at_end} "
        f"{'were' if s.open_at_end != 1 else 'was'} still open at the year end."
    )
    reached = [[f"Stage {n}: {name}", str(s.by_stage.get(n, 0))]
               for n, name in ESCALATION_STAGES.items()]  # fmt: skip
    reached.append(["Total", str(s.raised)])
    doc.table(["Highest stage reached", "Challenges"], reached, widths_cm=[12.6, 4.0],
              right_align=(1,), bold_last_row=True)  # fmt: skip
    agencies = sorted(set(s.by_raising) | set(s.by_challenged))
    if agencies:
        rows = [
            [a, str(s.by_raising.get(a, 0)), str(s.by_challenged.get(a, 0))]
            for a in sorted(
                agencies, key=lambda a: (-(s.by_raising.get(a, 0) + s.by_challenged.get(a, 0)), a)
            )
        ]
        doc.table(["Agency", "Raised", "Challenged"], rows, widths_cm=[11.0, 2.8, 2.8],
                  right_align=(1, 2))  # fmt: skip
    if s.by_reason:
        doc.paragraph("By reason: " + "; ".join(f"{r} {n}" for r, n in s.by_reason.items()) + ".")
    if s.by_outcome:
        doc.paragraph("Outcomes: " + "; ".join(f"{o} {n}" for o, n in s.by_outcome.items()) + ".")


def write_national_reviews(
    doc: WordDocument, store: Store, year: FinancialYear, level: int
) -> None:
    """National reviews published by the Panel and what the partnership did in response."""
    doc.heading("National reviews and the partnership's response", level)
    reviews = assurance_year.national_reviews(store, year)
    if not reviews:
        doc.paragraph(f"No national reviews are recorded for {year.label}.")
        return
    rows = []
    for r in reviews:
        actions = linked_actions(store, review_id=r.id)
        done = sum(1 for a in actions if a.status in ("completed", "closed"))
        rows.append([
            r.reference, r.summary or "–", uk(r.panel_published_date) or "–",
            (f"{uk(r.response_date)}: {r.response}" if r.response_date else "Not yet recorded"),
            f"{done} of {len(actions)}" if actions else "–",
        ])  # fmt: skip
    doc.table(["Review", "About", "Published by the Panel", "The partnership's response",
               "Actions done"], rows, widths_cm=[2.4, 4.0, 2.4, 5.6, 2.2])  # fmt: skip


def write_minimum_rules(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """Whether the bodies met as often, and the roles attended as often, as the arrangements
    say (as at the year end, or today for the current year)."""
    doc.heading("Meetings and attendance the arrangements require", level)
    today = min(dt.date.today(), year.end + dt.timedelta(days=1))
    checks = check_rules(store, year, today)
    if not checks:
        doc.paragraph("The arrangements' minimum rules are not recorded.")
        return
    rows, fills = [], []
    for c in checks:
        rows.append([c.rule.description, c.who or "–", str(c.count), c.status.capitalize()])
        fills.append([None, None, None, _STATUS_FILL.get(c.status)])
    doc.table(["Rule", "Who", "In the year", "Result"], rows, widths_cm=[8.0, 4.2, 2.0, 2.4],
              fills=fills, right_align=(2,))  # fmt: skip
    missed = [c for c in checks if c.status == "not met"]
    if missed:
        doc.paragraph(
            "Not met: " + "; ".join(c.text for c in missed) + ". Say why, and what the "
            "partners will do."
        )


def write_audits(
    doc: WordDocument, store: Store, year: FinancialYear, level: int, kind: str
) -> None:
    """The year's audits of one kind with their findings; a Section 11 round names every agency
    that took part."""
    title = {"Section 11": "Section 11 audits", "multi-agency": "Multi-agency audits"}.get(
        kind, f"{_cap(kind)} audits"
    )
    doc.heading(title, level)
    audits = assurance_year.audits_in_year(store, year, kind)
    if not audits:
        doc.paragraph(f"No {kind} audits are recorded for {year.label}.")
        return
    done = sum(1 for a in audits if a.completed_date)
    doc.paragraph(f"{len(audits)} planned in {year.label}; {done} completed.")
    section_11 = kind == "Section 11"
    rows = [
        [a.title, uk(a.completed_date) or f"planned {uk(a.planned_date)}",
         ", ".join(a.agencies) if section_11 else str(len(a.agencies)), a.findings or "–"]
        for a in audits
    ]  # fmt: skip
    doc.table(["Audit", "Completed", "Agencies", "Findings"], rows,
              widths_cm=[3.8, 2.4, 5.2 if section_11 else 1.8, 5.2 if section_11 else 8.6],
              right_align=() if section_11 else (2,))  # fmt: skip


def write_audit_programme(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """The year's audit programme by kind: planned, completed, and still to do or overdue."""
    doc.heading("The audit programme", level)
    audits = assurance_year.audits_in_year(store, year)
    if not audits:
        doc.paragraph(f"No audits are recorded for {year.label}.")
        return
    today = dt.date.today()
    kinds = sorted({a.kind for a in audits})
    rows = []
    for kind in kinds:
        mine = [a for a in audits if a.kind == kind]
        done = sum(1 for a in mine if a.completed_date)
        overdue = sum(1 for a in mine if a.status(today) == "Overdue")
        rows.append([_cap(kind), str(len(mine)), str(done), str(overdue)])
    doc.table(["Kind of audit", "Planned", "Completed", "Overdue"], rows,
              widths_cm=[8.6, 2.6, 2.8, 2.6], right_align=(1, 2, 3))  # fmt: skip


def write_review_clocks(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """How the statutory review clocks were kept in the year."""
    doc.heading("Statutory review timescales", level)
    records = assurance_year.review_clocks_kept(store, year)
    if not records:
        doc.paragraph(f"No statutory review steps fell in {year.label}.")
        return
    rows = [[r.label, str(r.on_time), str(r.late), ", ".join(r.late_references) or "–"]
            for r in records]  # fmt: skip
    doc.table(["Step", "On time", "Late", "Late: reviews"], rows,
              widths_cm=[6.6, 2.0, 2.0, 6.0], right_align=(1, 2))  # fmt: skip


def write_documents(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """The published arrangements and the documents beside them: their dates and reviews."""
    doc.heading("The published arrangements and their reviews", level)
    docs = list_documents(store, current_only=True)
    if not docs:
        doc.paragraph("The published arrangements are not recorded.")
        return
    rows = [[_cap(d.kind), d.title, uk(d.published_date) or "–",
             uk(d.last_reviewed_date) or "–", uk(d.review_due) or "–"] for d in docs]  # fmt: skip
    doc.table(["Document", "Title", "Published", "Last reviewed", "Next review"], rows,
              widths_cm=[3.4, 6.2, 2.3, 2.4, 2.3])  # fmt: skip
    changed = assurance_year.documents_in_year(store, year)
    if changed:
        doc.paragraph(
            f"In {year.label}: "
            + "; ".join(f"{d.title} ({d.kind})" for d in changed)
            + " were published, implemented or reviewed."
        )


def write_themes(doc: WordDocument, store: Store, year: FinancialYear, level: int) -> None:
    """The year's quarterly themes and which bodies took them up."""
    doc.heading("Quarterly themes", level)
    themes = assurance_year.themes_of_year(store, year)
    if not themes:
        doc.paragraph(f"No quarterly themes are recorded for {year.label}.")
        return
    rows = [
        [f"{t.quarter.label} ({t.quarter.months})", t.title, t.priority or "–",
         f"{len(t.examined)} of {len(t.bodies)}",
         ", ".join(t.not_yet_examined) or "–"]
        for t in themes
    ]  # fmt: skip
    doc.table(["Quarter", "Theme", "Priority", "Bodies that took it up", "Not taken up by"],
              rows, widths_cm=[2.8, 4.4, 3.2, 2.4, 3.8])  # fmt: skip
