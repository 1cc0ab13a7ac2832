"""The yearly report draft, with the sections Working Together and the published arrangements
ask for (seed 000 para 73), as at the end of the year it covers.

Each section is pre-filled from the year's records — meetings held and attendance by
organisation, the forum and learning hubs, priorities, practice reviews, audits with their
findings, training, the risk profile and heat map as they stood on 31 March (rebuilt from the
risk reviews), the partners, chairs, scrutineer and members as they were during the year, cash
and in-kind contributions — with clearly marked placeholders for the narrative only the
partners can write: in this one document the placeholders are the point. The dispatch
checklist is a document of its own (:mod:`.dispatch`).

The report is the list :data:`SECTIONS`, in order: a section is a heading and what follows it,
written by a function ``(doc, store, year)``; adding one is adding an entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from lscp_desktop.exports.board.annual_assurance import write_audits, write_forum_and_hubs
from lscp_desktop.exports.board.annual_people import (
    write_membership,
    write_partners,
    write_scrutiny,
)
from lscp_desktop.exports.board.assurance_sections import (
    write_documents,
    write_escalations,
    write_minimum_rules,
    write_national_reviews,
    write_settings_census,
    write_themes,
)
from lscp_desktop.exports.board.common import new_document, partnership_name
from lscp_desktop.exports.board.reports import money_columns, percent, write_risk_summary
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import analysis
from lscp_desktop.models.finance.analysis import format_share
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.years import find_year
from lscp_desktop.models.meetings.attendance_stats import AttendanceStat, attendance_by_organisation
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.records import ORGANISATION_KINDS
from lscp_desktop.models.reporting import yearly
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.reviews.training import training_summary
from lscp_desktop.models.store.database import Store

#: The funding chart names the largest contributors and adds the rest together.
TOP_CONTRIBUTORS = 12


def _year(options: ExportOptions) -> FinancialYear:
    if not options.year:
        raise ValidationError("Choose the financial year the report covers, e.g. 2025/26.", "year")
    return FinancialYear.parse(options.year)


def attendance_groups(store: Store, stats: list[AttendanceStat]) -> list[tuple[str, int]]:
    """(name, attendance %) for each safeguarding partner (the statutory three and any the
    arrangement adds, such as Education), then each other kind of organisation taken
    together: a chart a board can read, where sixty bars would not be."""
    orgs = {o.name: o for o in list_organisations(store)}
    groups: dict[str, list[int]] = {}
    for s in stats:
        org = orgs.get(s.name)
        kind = org.kind if org else "other"
        key = s.name if org and org.is_partner else f"{kind.capitalize()} (all)"
        expected, attended = groups.setdefault(key, [0, 0])
        groups[key] = [expected + s.expected, attended + s.attended]
    order = {k: i for i, k in enumerate(ORGANISATION_KINDS)}
    named = sorted(groups, key=lambda k: (k.endswith("(all)"), order.get(k[:-6].lower(), 0), k))
    return [(k, round(Fraction(groups[k][1] * 100, groups[k][0] or 1))) for k in named]


def write_effectiveness(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    from lscp_desktop.exports.charts.yearly import attendance_png

    doc.heading("What the partnership did and how effective it was", 1)
    doc.placeholder(
        "an overview of the year: the partnership's main achievements, and an honest "
        "evaluation of how effective the arrangements have been for children and families"
    )
    every = yearly.meetings_by_body(store, year)
    bodies = [b for b in every if not b.hosted_by]
    shared = [b for b in every if b.hosted_by]
    doc.heading("Meetings held", 2)
    if bodies:
        held = sum(b.held for b in bodies)
        doc.paragraph(
            f"The partnership's {len(bodies)} bodies held {held} meetings between "
            f"{uk(year.start)} and {uk(year.end)}."
        )
        rows = [[b.body, str(b.held), str(b.cancelled)] for b in bodies]
        rows.append(["Total", str(held), str(sum(b.cancelled for b in bodies))])
        doc.table(["Body", "Meetings held", "Cancelled"], rows,
                  right_align=(1, 2), bold_last_row=True)  # fmt: skip
    elif not shared:
        doc.paragraph("No meetings are recorded for the year.")
    if shared:
        doc.paragraph(
            "Bodies shared with other partnerships (counted apart from the partnership's own):"
        )
        doc.table(["Shared body", "Hosted by", "Meetings held"],
                  [[b.body, b.hosted_by, str(b.held)] for b in shared],
                  right_align=(2,))  # fmt: skip
    stats = [
        s for s in attendance_by_organisation(store, year.start, year.end)
        if s.expected
    ]  # fmt: skip
    doc.heading("Attendance by organisation", 2)
    if stats:
        stats.sort(key=lambda s: -s.rate_percent)
        doc.table(
            ["Organisation", "Expected", "Attended", "Apologies", "Attendance"],
            [[s.name or "No organisation", str(s.expected), str(s.attended), str(s.apologies),
              f"{s.rate_percent}%"] for s in stats], right_align=(1, 2, 3, 4),
        )  # fmt: skip
        groups = attendance_groups(store, stats)
        low = [name for name, rate in groups if rate < 75]
        doc.picture(
            attendance_png([g[0] for g in groups], [g[1] for g in groups],
                           title=f"Attendance at partnership meetings, {year.label}"),
            width_cm=15.0,
            alt=f"Bar chart of attendance in {year.label}: each statutory partner, then other "
            "organisations by kind. " + "; ".join(f"{n} {r}%" for n, r in groups) + ". "
            + (f"Below 75%: {', '.join(low)}." if low else "All at 75% or more."),
        )  # fmt: skip
    else:
        doc.paragraph("No attendance was recorded in the year.")
    write_minimum_rules(doc, store, year, 2)
    doc.heading("Actions", 2)
    counts = yearly.actions_in_year(store, year)
    doc.table(
        ["Actions", "Raised in the year", "Completed in the year", "Open at year end",
         "Overdue at year end"],
        [[a.label, str(a.raised), str(a.completed), str(a.open_at_end), str(a.overdue_at_end)]
         for a in counts], right_align=(1, 2, 3, 4),
    )  # fmt: skip


def write_priorities(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Priorities and progress", 1)
    rows = yearly.actions_by_priority(store, year)
    if rows:
        doc.paragraph("Actions under each of the partnership's priorities during the year:")
        doc.table(
            ["Priority", "Raised", "Completed", "Open at year end", "Overdue at year end"],
            [[a.label, str(a.raised), str(a.completed), str(a.open_at_end),
              str(a.overdue_at_end)] for a in rows], right_align=(1, 2, 3, 4),
        )  # fmt: skip
        slow = [a.label for a in rows if a.overdue_at_end and a.overdue_at_end >= a.completed]
        if slow:
            doc.paragraph(
                "Little progress (as many overdue actions at year end as completed in the "
                f"year): {'; '.join(slow)}."
            )
    else:
        doc.paragraph("No priorities are recorded.")
    doc.placeholder(
        "for each priority, what was done, what difference it made for children, and where "
        "there was little progress, why and what will change"
    )
    write_themes(doc, store, year, 2)


def write_reviews(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Practice reviews and the actions on their recommendations", 1)
    counts = {a.label: a for a in yearly.actions_in_year(store, year)}
    review = counts["From practice reviews"]
    doc.paragraph(
        f"Actions arising from rapid reviews and child safeguarding practice reviews: "
        f"{review.raised} raised in the year, {review.completed} completed, "
        f"{review.open_at_end} still open at the year end ({review.overdue_at_end} overdue)."
    )
    start, end = year.start.isoformat(), year.end.isoformat()
    active = [
        r for r in list_reviews(store)
        if any(start <= (d or "") <= end for d in (
            r.aware_date, r.notified_date, r.rapid_review_date, r.decision_date,
            r.commissioned_date, r.final_date, r.published_date, r.closed_date,
            r.initiated_date, r.panel_published_date, r.response_date))
    ]  # fmt: skip
    if active:
        doc.paragraph(f"Reviews with a step in {year.label} (by reference only):")
        doc.table(
            ["Reference", "Kind", "Stage now", "Recommendations done"],
            [[r.reference, r.kind[:1].upper() + r.kind[1:], r.stage,
              f"{r.recommendations_done} of {r.recommendations}" if r.recommendations else "–"]
             for r in active],
        )  # fmt: skip
    else:
        doc.paragraph(f"No reviews are recorded with a step in {year.label}.")
    write_national_reviews(doc, store, year, 2)
    doc.placeholder(
        "what the reviews found, what changed as a result, and the national reviews the "
        "partnership acted on — never a child's identity"
    )


def write_training(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Impact of multi-agency training", 1)
    summary = training_summary(store, year)
    if summary.courses:
        score = (f"; the average evaluation score was {summary.average_score}"
                 if summary.average_score is not None else "")  # fmt: skip
        doc.paragraph(
            f"{summary.courses} multi-agency courses ran in {year.label}, with "
            f"{summary.attendees} places taken{score}."
        )
        rows = [[name, str(n)] for name, n in list(summary.by_organisation.items())[:15]]
        if rows:
            doc.table(["Organisation", "Places taken"], rows,
                      right_align=(1,))  # fmt: skip
    else:
        doc.paragraph(f"No multi-agency training is recorded for {year.label}.")
    doc.placeholder("evidence of the training's impact on practice, from evaluations and audits")


def year_end(year: FinancialYear) -> dt.date:
    """The day the report's figures stand at: 31 March, or today while the year runs."""
    return min(dt.date.today(), year.end)


def write_risk_profile(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Risks to the partnership's work", 1)
    day = year_end(year)
    doc.paragraph(
        f"The strategic risk register as it stood on {uk(day)}, from the risk reviews recorded "
        "up to that day."
    )
    doc.placeholder(f"how the main risks changed during {year.label} and why")
    write_risk_summary(doc, store, body_id=None, today=day, level=2, top=5, as_at=day)


def write_funding(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    from lscp_desktop.exports.charts.yearly import funding_png

    doc.heading("Funding", 1)
    fy = find_year(store, year.label)
    if fy is None:
        doc.paragraph(f"No funding is recorded for {year.label}.")
        doc.placeholder("the partners' contributions and how the money was spent")
        return
    day = year_end(year)
    totals = analysis.summary(store, fy.id, today=day)
    contributions = list_contributions(store, fy.id, today=day)
    in_kind = list_in_kind(store, fy.id)
    doc.paragraph(
        f"The safeguarding partners and relevant agencies agreed contributions of "
        f"{format_money(totals.agreed)} for {year.label}; {format_money(totals.received)} was "
        f"received. The partnership spent {format_money(totals.actual)} against a budget of "
        f"{format_money(totals.budget)}."
        + (f" Partners also gave help in kind worth about "
           f"{format_money(totals.in_kind_notional)}." if totals.in_kind_notional else "")
    )  # fmt: skip
    doc.heading(f"Contributions {year.label}: money and in kind", 2)
    notional: dict[str, int] = {}
    for k in in_kind:
        notional[k.organisation] = notional.get(k.organisation, 0) + (k.notional or 0)
    names = [c.organisation for c in contributions]
    names += [n for n in notional if n not in names]
    by_name = {c.organisation: c for c in contributions}
    shares = {c.organisation: s.share for c, s in
              zip(contributions, analysis.shares(contributions), strict=True)}  # fmt: skip
    agreed, received, kind = money_columns(
        [by_name[n].agreed if n in by_name else 0 for n in names] + [totals.agreed],
        [by_name[n].received if n in by_name else 0 for n in names] + [totals.received],
        [notional.get(n, 0) for n in names] + [sum(notional.values())],
    )
    share_text = [format_share(shares[n]) if n in shares else "–" for n in names]
    share_text.append("100%" if totals.agreed else "–")
    # A dash where there is nothing: no cash from a partner giving only in kind, and no
    # value for help in kind that was not valued.
    cash = [n in by_name for n in names] + [True]
    agreed = [a if has else "–" for a, has in zip(agreed, cash, strict=True)]
    received = [r if has else "–" for r, has in zip(received, cash, strict=True)]
    valued = [bool(notional.get(n)) for n in names] + [bool(sum(notional.values()))]
    kind = [k if has else "–" for k, has in zip(kind, valued, strict=True)]
    doc.table(
        ["Partner", "Agreed", "Share", "Received", "In kind (value)"],
        [list(r) for r in zip([*names, "Total"], agreed, share_text, received, kind,
                              strict=True)],
        right_align=(1, 2, 3, 4), bold_last_row=True,
    )  # fmt: skip
    if in_kind:
        doc.paragraph("Given in kind:", keep_with_next=True)
        for k in in_kind:
            doc.bullet(f"{k.organisation}: {k.description}"
                       + ("" if k.notional else " (not valued)"))  # fmt: skip
    if contributions:
        top = sorted(contributions, key=lambda c: -c.agreed)[:TOP_CONTRIBUTORS]
        chart_names = [c.organisation for c in top]
        chart_agreed, chart_received = [c.agreed for c in top], [c.received for c in top]
        rest = [c for c in contributions if c not in top]
        if rest:
            chart_names.append(f"Other partners ({len(rest)})")
            chart_agreed.append(sum(c.agreed for c in rest))
            chart_received.append(sum(c.received for c in rest))
        doc.picture(
            funding_png(chart_names, chart_agreed, chart_received,
                        title=f"Contributions agreed and received, {year.label}"),
            width_cm=min(15.0, doc.text_width_cm()),
            alt=f"Bar chart of each of the {len(contributions)} partners' agreed and received "
            f"contributions in {year.label}: {format_money(totals.agreed)} agreed in total, "
            f"{format_money(totals.received)} ({percent(totals.received, totals.agreed)}) "
            "received. The figures are in the table above.",
        )  # fmt: skip
    lines = list_budget_lines(store, fy.id)
    if lines:
        doc.heading("Spending", 2)
        budget, spent = money_columns(
            [line.budget for line in lines] + [totals.budget],
            [line.actual for line in lines] + [totals.actual],
        )
        names = [line.description or line.category for line in lines] + ["Total"]
        doc.table(["Budget line", "Budget", "Spent"],
                  [list(r) for r in zip(names, budget, spent, strict=True)],
                  right_align=(1, 2), bold_last_row=True)  # fmt: skip


def write_changes(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Changes to the arrangements", 1)
    changes = yearly.body_changes(store, year)
    if changes:
        for c in changes:
            doc.bullet(f"The {c.name} ({c.kind}) {c.change} on {uk(c.date)}.")
    else:
        doc.paragraph("No bodies of the partnership were set up or closed during the year.")
    doc.placeholder(
        "any other change to the published arrangements in the year, why it was made, and "
        "changes planned with their timescales"
    )
    write_documents(doc, store, year, 2)


def write_foreword(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Foreword", 1)
    doc.placeholder("a foreword from the Lead Safeguarding Partners or the partnership chair")


def write_escalations_section(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    write_escalations(doc, store, year, 1)
    doc.placeholder(
        "what the challenges raised show about practice, and what changed as a result of them"
    )


def write_settings_section(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    write_settings_census(doc, store, year, 1)
    doc.placeholder(
        "how schools, colleges, early years settings and residential homes took part in the "
        "arrangements during the year"
    )


def write_voice(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("How feedback from children and families shaped the work", 1)
    doc.placeholder(
        "what children, young people and families told the partnership and what changed as a "
        "result (the voice of the child)"
    )


def write_next_priorities(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading(f"Priorities for {FinancialYear(year.start_year + 1).label}", 1)
    doc.placeholder("next year's priorities, why they were chosen and how progress will be shown")


@dataclass(frozen=True)
class Section:
    """One part of the report: what the progress dialog says, and the function writing it."""

    progress: str
    write: Callable[[WordDocument, Store, FinancialYear], None]


#: The report, in order. A section's function writes its own heading(s).
SECTIONS: list[Section] = [
    Section("Foreword", write_foreword),
    Section("The safeguarding partners", write_partners),
    Section("Effectiveness", write_effectiveness),
    Section("The forum and learning hubs", write_forum_and_hubs),
    Section("Priorities", write_priorities),
    Section("Practice reviews", write_reviews),
    Section("Audits", write_audits),
    Section("Training", write_training),
    Section("Escalations", write_escalations_section),
    Section("Education settings", write_settings_section),
    Section("Feedback from children and families", write_voice),
    Section("Independent scrutiny", write_scrutiny),
    Section("Risks", write_risk_profile),
    Section("Funding", write_funding),
    Section("Changes to the arrangements", write_changes),
    Section("Next year's priorities", write_next_priorities),
    Section("Membership", write_membership),
]


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    year = _year(options)
    name = partnership_name(store)
    steps = len(SECTIONS) + 2
    progress(0, steps, "Front page")
    doc = new_document(store, options, f"{name} yearly report {year.label}")
    doc.title(f"{name}: yearly report {year.label}",
              f"DRAFT for the Executive, prepared {uk(dt.date.today())}")  # fmt: skip
    doc.paragraph(
        f"This draft covers 1 April {year.start_year} to 31 March {year.start_year + 1}, with "
        f"the records as they stood at the end of the year. Passages marked \u201cTo write\u201d "
        "are for the partners to complete before the report is scrutinised and signed off.",
        italic=True,
    )
    doc.contents()
    for n, section in enumerate(SECTIONS, start=1):
        progress(n, steps, section.progress)
        section.write(doc, store, year)
    progress(steps - 1, steps, "Saving")
    return doc.save(path)
