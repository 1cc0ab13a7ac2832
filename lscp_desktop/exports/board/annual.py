"""The yearly report draft, with the sections Working Together asks for.

Each section is pre-filled from the year's data — meetings held and attendance by
organisation, actions completed and open, the risk profile and heat map, actions on practice
review recommendations, the year's contributions with a chart — and has clearly marked
placeholders for the narrative that only the partners can write. It ends with the dispatch
checklist: the national Panel and the What Works body must have it within seven days of
publication.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

from lscp_desktop.exports.board.assurance_sections import (
    write_documents,
    write_escalations,
    write_minimum_rules,
    write_national_reviews,
    write_settings_census,
    write_themes,
)
from lscp_desktop.exports.board.common import new_document, partnership_name
from lscp_desktop.exports.board.reports import percent, write_risk_summary
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.exports.word.builder import WordDocument
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import analysis
from lscp_desktop.models.finance.analysis import format_share
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.years import find_year
from lscp_desktop.models.meetings.attendance_stats import AttendanceStat, attendance_by_organisation
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.records import ORGANISATION_KINDS
from lscp_desktop.models.membership.roles import list_roles, role_is_current
from lscp_desktop.models.membership.working_together import partner_line
from lscp_desktop.models.reporting import yearly
from lscp_desktop.models.reviews.recipients import recipient_name, spoken
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.reviews.training import training_summary
from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports
from lscp_desktop.models.store.database import Store

#: Who receives the published report, and by when (Working Together; seeds 000 para 74, 002).
DISPATCH = (
    ("Child Safeguarding Practice Review Panel", "Within 7 days of publication (required)"),
    ("What Works Centre for Children's Social Care (Foundations)",
     "Within 7 days of publication (required)"),
    ("Lead Safeguarding Partners (sign-off)", "Before publication"),
    ("Independent scrutineer (scrutiny of the report)", "Before sign-off"),
    ("Partnership website", "On the day of publication"),
    ("Health and Wellbeing Board", "At its next meeting"),
    ("Children's Partnership Board", "At its next meeting"),
    ("Community Safety Partnership", "At its next meeting"),
    ("Safeguarding Adults Board", "At its next meeting"),
    ("Overview and Scrutiny Committee", "At its next meeting"),
    ("Partner agencies (full report and summary)", "Within 7 days of publication"),
    ("Children in Care Council (child-friendly version)", "When the version is ready"),
)  # fmt: skip


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


def write_partners(doc: WordDocument, store: Store) -> None:
    """The safeguarding partners: the statutory three and any the arrangement adds."""
    organisations = [o for o in list_organisations(store) if o.active]
    count = partner_line(organisations)
    if not count.total:
        return
    doc.heading("The safeguarding partners", 1)
    statutory = [o.name for o in organisations if o.kind == "statutory partner"]
    added = [o.name for o in organisations if o.is_partner and o.kind != "statutory partner"]
    text = f"The partnership's safeguarding partners are {count.describe()}: " + ", ".join(
        statutory
    )
    if added:
        text += (
            f"; and, named by the arrangements beside them, {', '.join(added)}, who shares "
            "their responsibility but is not a statutory partner"
        )
    doc.paragraph(text + ".")


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
        doc.table(["Body", "Meetings held", "Cancelled"], rows, widths_cm=[10.6, 3.0, 3.0],
                  right_align=(1, 2), bold_last_row=True)  # fmt: skip
    elif not shared:
        doc.paragraph("No meetings are recorded for the year.")
    if shared:
        doc.paragraph(
            "Bodies shared with other partnerships (counted apart from the partnership's own):"
        )
        doc.table(["Shared body", "Hosted by", "Meetings held"],
                  [[b.body, b.hosted_by, str(b.held)] for b in shared],
                  widths_cm=[7.6, 6.0, 3.0], right_align=(2,))  # fmt: skip
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
              f"{s.rate_percent}%"] for s in stats],
            widths_cm=[7.2, 2.2, 2.2, 2.4, 2.6], right_align=(1, 2, 3, 4),
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
         for a in counts],
        widths_cm=[5.0, 2.9, 2.9, 2.9, 2.9], right_align=(1, 2, 3, 4),
    )  # fmt: skip


def write_priorities(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Priorities and progress", 1)
    rows = yearly.actions_by_priority(store, year)
    if rows:
        doc.paragraph("Actions under each of the partnership's priorities during the year:")
        doc.table(
            ["Priority", "Raised", "Completed", "Open at year end", "Overdue at year end"],
            [[a.label, str(a.raised), str(a.completed), str(a.open_at_end),
              str(a.overdue_at_end)] for a in rows],
            widths_cm=[6.6, 2.2, 2.4, 2.7, 2.7], right_align=(1, 2, 3, 4),
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
            widths_cm=[3.2, 5.0, 5.0, 3.4],
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
            doc.table(["Organisation", "Places taken"], rows, widths_cm=[12.6, 4.0],
                      right_align=(1,))  # fmt: skip
    else:
        doc.paragraph(f"No multi-agency training is recorded for {year.label}.")
    doc.placeholder("evidence of the training's impact on practice, from evaluations and audits")


def write_risk_profile(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    doc.heading("Risks to the partnership's work", 1)
    doc.placeholder(
        f"how the main risks changed during {year.label}; the register below is as it stands "
        "today, so update it if the report is drafted long after the year end"
    )
    write_risk_summary(doc, store, body_id=None, today=dt.date.today(), level=2, top=5)


def write_funding(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    from lscp_desktop.exports.charts.yearly import funding_png

    doc.heading("Funding", 1)
    fy = find_year(store, year.label)
    if fy is None:
        doc.paragraph(f"No funding is recorded for {year.label}.")
        doc.placeholder("the partners' contributions and how the money was spent")
        return
    day = min(dt.date.today(), year.end)
    totals = analysis.summary(store, fy.id, today=day)
    contributions = list_contributions(store, fy.id, today=day)
    doc.paragraph(
        f"The safeguarding partners and relevant agencies agreed contributions of "
        f"{format_money(totals.agreed)} for {year.label}; {format_money(totals.received)} was "
        f"received. The partnership spent {format_money(totals.actual)} against a budget of "
        f"{format_money(totals.budget)}."
    )
    doc.heading(f"Contributions {year.label}", 2)
    shares = analysis.shares(contributions)
    rows = [
        [c.organisation, format_money(c.agreed), format_share(s.share),
         format_money(c.received)]
        for c, s in zip(contributions, shares, strict=True)
    ]  # fmt: skip
    rows.append(["Total", format_money(totals.agreed), "100%" if totals.agreed else "—",
                 format_money(totals.received)])  # fmt: skip
    doc.table(
        ["Partner", "Agreed", "Share", "Received"], rows,
        widths_cm=[8.6, 2.8, 2.2, 3.0], right_align=(1, 2, 3), bold_last_row=True,
    )  # fmt: skip
    if contributions:
        top = sorted(contributions, key=lambda c: -c.agreed)[:TOP_CONTRIBUTORS]
        names = [c.organisation for c in top]
        agreed, received = [c.agreed for c in top], [c.received for c in top]
        rest = [c for c in contributions if c not in top]
        if rest:
            names.append(f"Other partners ({len(rest)})")
            agreed.append(sum(c.agreed for c in rest))
            received.append(sum(c.received for c in rest))
        doc.picture(
            funding_png(names, agreed, received,
                        title=f"Contributions agreed and received, {year.label}"),
            width_cm=15.0,
            alt=f"Bar chart of each of the {len(contributions)} partners' agreed and received "
            f"contributions in {year.label}: {format_money(totals.agreed)} agreed in total, "
            f"{format_money(totals.received)} ({percent(totals.received, totals.agreed)}) "
            "received. The figures are in the table above.",
        )  # fmt: skip
    lines = list_budget_lines(store, fy.id)
    if lines:
        doc.heading("Spending", 2)
        rows = [[line.description or line.category, format_money(line.budget),
                 format_money(line.actual)] for line in lines]  # fmt: skip
        rows.append(["Total", format_money(totals.budget), format_money(totals.actual)])
        doc.table(["Budget line", "Budget", "Spent"], rows, widths_cm=[10.6, 3.0, 3.0],
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


def write_dispatch(doc: WordDocument, store: Store, year: FinancialYear) -> None:
    """Who receives the report and by when, each marked sent (and late when it was)."""
    doc.new_section("Checklist")
    doc.heading("Dispatch checklist", 1)
    panel = recipient_name(store, "yearly report", "panel")
    what_works = recipient_name(store, "yearly report", "what works")
    record = next((r for r in list_yearly_reports(store) if r.year == year.label), None)
    published = record.published_date or record.planned_publication_date if record else None
    when = (f"{'Published' if record and record.published_date else 'Planned publication'}: "
            f"{uk(published)}; send by {uk(dt.date.fromisoformat(published) + dt.timedelta(7))}"
            if published else "Publication date: ____________ (send by: ____________)")  # fmt: skip
    doc.paragraph(
        f"Working Together requires the published report to reach {spoken(panel)} and "
        f"{spoken(what_works)} within seven days of publication. {when}."
    )
    dispatch = [(panel, DISPATCH[0][1]), (what_works, DISPATCH[1][1]), *DISPATCH[2:]]
    sent: dict[str, str | None] = {}
    late: set[str] = set()
    by: dict[str, str] = {}
    if record:
        sent = {r.recipient: r.sent_date for r in record.recipients}
        for r in record.recipients:
            due = r.send_by(record.published_date)
            days = 7 if r.send_by_days is None else r.send_by_days
            by[r.recipient] = f"By {uk(due)}" if due else f"Within {days} days of publication"
        late = {r.recipient for r in record.recipients if r.is_late(record.published_date)}
        sent.setdefault(panel, record.panel_sent_date)
        sent.setdefault(what_works, record.what_works_sent_date)
        late |= {
            name
            for name, is_late in ((panel, record.panel_late), (what_works, record.what_works_late))
            if is_late
        }

    def done(who: str) -> list[str]:
        day = sent.get(who)
        when = uk(day) + (" (late)" if who in late else "") if day else ""
        return [when, "☒ Sent" if day else "☐ Not yet"]

    rows = [[who, by.get(who, due), *done(who)] for who, due in dispatch]
    rows += [[who, by.get(who, "As planned"), *done(who)]
             for who in sent if who not in dict(dispatch)]  # fmt: skip
    doc.table(["Recipient", "When", "Sent on", "Done"], rows, widths_cm=[7.2, 4.6, 2.6, 2.2])


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    year = _year(options)
    name = partnership_name(store)
    steps = 12
    progress(0, steps, "Front page")
    doc = new_document(store, options, f"{name} yearly report {year.label}")
    doc.title(f"{name}: yearly report {year.label}",
              f"DRAFT for the Executive, prepared {uk(dt.date.today())}")  # fmt: skip
    doc.paragraph(
        f"This draft covers 1 April {year.start_year} to 31 March {year.start_year + 1}. "
        "Figures come from the partnership's records; passages marked “To write” are for the "
        "partners to complete before the report is scrutinised and signed off.",
        italic=True,
    )
    doc.contents()
    doc.heading("Foreword", 1)
    doc.placeholder("a foreword from the Lead Safeguarding Partners or the partnership chair")
    write_partners(doc, store)
    progress(1, steps, "Effectiveness")
    write_effectiveness(doc, store, year)
    progress(3, steps, "Priorities")
    write_priorities(doc, store, year)
    progress(4, steps, "Practice reviews")
    write_reviews(doc, store, year)
    write_training(doc, store, year)
    write_escalations(doc, store, year, 1)
    doc.placeholder(
        "what the challenges raised show about practice, and what changed as a result of them"
    )
    write_settings_census(doc, store, year, 1)
    doc.placeholder(
        "how schools, colleges, early years settings and residential homes took part in the "
        "arrangements during the year"
    )
    doc.heading("How feedback from children and families shaped the work", 1)
    doc.placeholder(
        "what children, young people and families told the partnership and what changed as a "
        "result (the voice of the child)"
    )
    progress(5, steps, "Independent scrutiny")
    doc.heading("Independent scrutiny", 1)
    scrutineers = [
        r for r in list_roles(store)
        if r.role in ("independent scrutineer", "independent commissioner")
        and role_is_current(r, year.end)
    ]  # fmt: skip
    if scrutineers:
        who = "; ".join(f"{r.person} ({r.role})" for r in scrutineers)
        doc.paragraph(f"Independent scrutiny in {year.label}: {who}.")
    doc.placeholder("the scrutineer's findings on the arrangements and the partners' response")
    progress(6, steps, "Risks")
    write_risk_profile(doc, store, year)
    progress(8, steps, "Funding")
    write_funding(doc, store, year)
    write_changes(doc, store, year)
    doc.heading(f"Priorities for {FinancialYear(year.start_year + 1).label}", 1)
    doc.placeholder("next year's priorities, why they were chosen and how progress will be shown")
    progress(9, steps, "Dispatch checklist")
    write_dispatch(doc, store, year)
    progress(10, steps, "Saving")
    return doc.save(path)
