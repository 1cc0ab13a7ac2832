"""The independent scrutineer's yearly report, drafted for the scrutineer to complete.

Seed 000 (paragraph 76) sets what it comments on, and those are its headings: the local
context; the performance, quality and impact of practice, including multi-agency work; the
effectiveness of strategic leadership and the arrangements; progress on planned improvements to
frontline practice; the robustness and effectiveness of quality assurance and its impact; and
the results of scrutiny of Section 11 audits. Each is pre-filled from the year's records (audits
and their findings, attendance and the minimum rules, escalations, practice reviews and their
clocks, priorities and themes) and ends with a marked placeholder for the scrutineer's own
judgement, which the app never writes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.board.annual import attendance_groups
from lscp_desktop.exports.board.assurance_sections import (
    listed,
    write_audit_programme,
    write_audits,
    write_documents,
    write_escalations,
    write_minimum_rules,
    write_national_reviews,
    write_review_clocks,
    write_settings_census,
    write_themes,
)
from lscp_desktop.exports.board.common import new_document, partnership_name
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.attendance_stats import attendance_by_organisation
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.roles import list_roles, role_is_current
from lscp_desktop.models.reporting import yearly
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.reviews.training import training_summary
from lscp_desktop.models.store.database import Store

SCRUTINY_ROLES = ("independent scrutineer", "independent commissioner")


def _year(options: ExportOptions) -> FinancialYear:
    if not options.year:
        raise ValidationError("Choose the financial year the report covers, e.g. 2025/26.", "year")
    return FinancialYear.parse(options.year)


def judgement(doc: WordDocument, about: str) -> None:
    doc.placeholder(f"the scrutineer's judgement on {about}, with the evidence for it")


def write_context(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    partnership = get_partnership(store)
    areas = partnership.local_authorities if partnership else []
    doc.heading(f"{listed(areas) or 'Local'} context", 1)
    bodies = yearly.meetings_by_body(store, year)
    chair = f" Its chair arrangement: {partnership.chair_arrangement}." if partnership else ""
    doc.paragraph(
        f"{partnership_name(store)} covers {listed(areas) or 'its local authority area'}."
        f"{chair} {len(bodies)} of its bodies met in {year.label}."
    )
    write_settings_census(doc, store, year, 2)
    doc.placeholder(
        "the local context: the population of children, levels of need and demand, and any "
        "change in the year that the partnership had to respond to"
    )


def write_practice(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading(
        "Analysis of performance, quality and impact of practice, including multi-agency work, "
        "on outcomes for children and young people",
        1,
    )
    write_audits(doc, store, year, 2, "multi-agency")
    start, end = year.start.isoformat(), year.end.isoformat()
    reviews = [
        r for r in list_reviews(store)
        if any(start <= (d or "") <= end for d in (r.notified_date, r.decision_date,
                                                    r.published_date, r.response_date))
    ]  # fmt: skip
    doc.heading("Practice reviews", 2)
    if reviews:
        kinds: dict[str, int] = {}
        for r in reviews:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
        doc.paragraph(
            f"Reviews with a notification, decision, publication or response in {year.label}: "
            + "; ".join(f"{k} {n}" for k, n in kinds.items())
            + ". They are identified by reference only."
        )
    else:
        doc.paragraph(f"No practice review had a notification, decision or publication in "
                      f"{year.label}.")  # fmt: skip
    summary = training_summary(store, year)
    doc.heading("Multi-agency training", 2)
    score = (f", an average evaluation of {summary.average_score} out of 5"
             if summary.average_score is not None else "")  # fmt: skip
    doc.paragraph(
        f"{summary.courses} courses, {summary.attendees} places taken{score}."
        if summary.courses
        else f"No multi-agency training is recorded for {year.label}."
    )
    judgement(doc, "the quality of multi-agency practice and its impact on children")


def write_leadership(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading(
        "The effectiveness of strategic leadership and multi-agency safeguarding arrangements", 1
    )
    bodies = yearly.meetings_by_body(store, year)
    doc.heading("Meetings held", 2)
    if bodies:
        doc.table(["Body", "Held", "Cancelled"],
                  [[b.body, str(b.held), str(b.cancelled)] for b in bodies],
                  widths_cm=[11.6, 2.5, 2.5], right_align=(1, 2))  # fmt: skip
    else:
        doc.paragraph(f"No meetings are recorded for {year.label}.")
    stats = [s for s in attendance_by_organisation(store, year.start, year.end) if s.expected]
    doc.heading("Attendance", 2)
    if stats:
        groups = attendance_groups(store, stats)
        doc.table(["Partner or kind of organisation", "Attendance"],
                  [[name, f"{rate}%"] for name, rate in groups],
                  widths_cm=[12.6, 4.0], right_align=(1,))  # fmt: skip
    else:
        doc.paragraph("No attendance was recorded in the year.")
    write_minimum_rules(doc, store, year, 2)
    write_documents(doc, store, year, 2)
    judgement(doc, "the effectiveness of the safeguarding partners' leadership and of the "
                   "arrangements")  # fmt: skip


def write_improvements(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Progress on planned improvements to frontline practice", 1)
    rows = yearly.actions_by_priority(store, year)
    doc.heading("Priorities", 2)
    if rows:
        doc.table(["Priority", "Raised", "Completed", "Open at year end", "Overdue"],
                  [[a.label, str(a.raised), str(a.completed), str(a.open_at_end),
                    str(a.overdue_at_end)] for a in rows],
                  widths_cm=[7.0, 2.2, 2.4, 2.6, 2.4], right_align=(1, 2, 3, 4))  # fmt: skip
    else:
        doc.paragraph("No priorities are recorded for the year.")
    counts = {a.label: a for a in yearly.actions_in_year(store, year)}
    review = counts["From practice reviews"]
    doc.paragraph(
        f"Actions from practice reviews: {review.raised} raised, {review.completed} completed, "
        f"{review.open_at_end} open at the year end ({review.overdue_at_end} overdue)."
    )
    write_national_reviews(doc, store, year, 2)
    write_themes(doc, store, year, 2)
    judgement(doc, "the progress made on planned improvements to frontline practice")


def write_quality_assurance(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading(
        "The robustness and effectiveness of quality assurance activity and its impact on practice",
        1,
    )
    write_audit_programme(doc, store, year, 2)
    write_escalations(doc, store, year, 2)
    write_review_clocks(doc, store, year, 2)
    judgement(doc, "how robust and effective quality assurance was, and its impact on practice")


def write_section_11(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Results of scrutiny of Section 11 audits", 1)
    write_audits(doc, store, year, 2, "Section 11")
    judgement(doc, "the Section 11 audits: what they show about each agency's arrangements, and "
                   "where the partners must follow up")  # fmt: skip


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    year = _year(options)
    name = partnership_name(store)
    steps = 8
    progress(0, steps, "Front page")
    doc = new_document(store, options, f"{name}: independent scrutineer's report {year.label}")
    doc.title(f"{name}: report of the independent scrutineer, {year.label}",
              f"DRAFT for the scrutineer, prepared {uk(dt.date.today())}")  # fmt: skip
    scrutineers = [r for r in list_roles(store)
                   if r.role in SCRUTINY_ROLES and role_is_current(r, year.end)]  # fmt: skip
    who = "; ".join(f"{r.person} ({r.role})" for r in scrutineers) or "____________"
    doc.paragraph(f"Independent scrutiny in {year.label}: {who}.")
    doc.paragraph(
        f"This draft covers 1 April {year.start_year} to 31 March {year.start_year + 1}. The "
        "figures and tables come from the partnership's records; every judgement is the "
        "scrutineer's own, in the passages marked “To write”. It goes to the relevant boards and "
        "the Overview and Scrutiny Committee, and with the partnership's yearly report to the "
        "national Panel and the What Works centre.",
        italic=True,
    )
    doc.contents()
    doc.heading("Summary of the scrutineer's findings", 1)
    doc.placeholder("the scrutineer's overall judgement on the arrangements in the year")
    for step, (label, writer) in enumerate(
        (("Context", write_context), ("Practice", write_practice),
         ("Leadership", write_leadership), ("Improvements", write_improvements),
         ("Quality assurance", write_quality_assurance), ("Section 11", write_section_11)),
        start=1,
    ):  # fmt: skip
        progress(step, steps, label)
        writer(doc, store, year)
    doc.heading("Recommendations", 1)
    doc.placeholder("the scrutineer's recommendations to the safeguarding partners, each with "
                    "who should act and by when")  # fmt: skip
    progress(7, steps, "Saving")
    return doc.save(path)
