"""The yearly report's dispatch checklist, on one page of its own: who must receive the
published report and by when (Working Together; seeds 000 para 74 and 002), with what has been
sent so far. It is the business unit's working paper, never part of the report itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lscp_desktop.exports.board.common import new_document, partnership_name
from lscp_desktop.exports.registry import ExportOptions, ProgressFn
from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.reviews.recipients import recipient_name, spoken
from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports
from lscp_desktop.models.store.database import Store

#: Who receives the published report, and by when.
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


def dispatch_rows(store: Store, year: FinancialYear) -> tuple[str, list[list[str]]]:
    """The sentence on the deadline, and a row per recipient: who, when, sent on (marked late
    when it was), done. The Panel and What Works are named as the settings name them."""
    panel = recipient_name(store, "yearly report", "panel")
    what_works = recipient_name(store, "yearly report", "what works")
    record = next((r for r in list_yearly_reports(store) if r.year == year.label), None)
    published = (record.published_date or record.planned_publication_date) if record else None
    if published:
        kind = "Published" if record and record.published_date else "Planned publication"
        send_by = dt.date.fromisoformat(published) + dt.timedelta(days=7)
        when = f"{kind}: {uk(published)}; send by {uk(send_by)}."
    else:
        when = "Publication date: ____________ (send by: ____________)."
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
        if record.panel_late:
            late.add(panel)
        if record.what_works_late:
            late.add(what_works)

    def done(who: str) -> list[str]:
        day = sent.get(who)
        on = uk(day) + (" (late)" if who in late else "") if day else ""
        return [on, "\u2612 Sent" if day else "\u2610 Not yet"]

    known = dict(dispatch)
    rows = [[who, by.get(who, due), *done(who)] for who, due in dispatch]
    rows += [[who, by.get(who, "As planned"), *done(who)] for who in sent if who not in known]
    return when, rows


def build(store: Store, options: ExportOptions, path: Path, progress: ProgressFn) -> Path:
    if not options.year:
        raise ValidationError("Choose the financial year the report covers, e.g. 2025/26.", "year")
    year = FinancialYear.parse(options.year)
    progress(0, 2, "Dispatch checklist")
    name = partnership_name(store)
    doc = new_document(store, options, f"{name} yearly report {year.label}: dispatch checklist")
    doc.title("Yearly report: dispatch checklist", f"{name}, yearly report {year.label}")
    when, rows = dispatch_rows(store, year)
    doc.paragraph(
        "Working Together requires the published report to reach "
        f"{spoken(recipient_name(store, 'yearly report', 'panel'))} and "
        f"{spoken(recipient_name(store, 'yearly report', 'what works'))} within seven days of "
        f"publication. {when}"
    )
    doc.table(["Recipient", "When", "Sent on", "Done"], rows)
    doc.paragraph(
        f"For the business unit; not part of the report. As at {uk(dt.date.today())}.",
        italic=True,
    )
    progress(1, 2, "Saving")
    return doc.save(path)
