"""Everything dated the business manager must make happen in this area: review milestones,
planned audits, and the yearly report's publication and dispatch. (The whole list, with the
assurance registers' dates, is :mod:`lscp_desktop.models.reporting.deadlines`.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.core.clocks import Unit
from lscp_desktop.models.core.text import pluralise
from lscp_desktop.models.reviews import queries
from lscp_desktop.models.reviews.audits import list_audits
from lscp_desktop.models.reviews.milestones import ClockRules, clock_status, milestones
from lscp_desktop.models.reviews.recipients import recipient_name, spoken
from lscp_desktop.models.reviews.records import Delay
from lscp_desktop.models.reviews.register import list_reviews
from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports
from lscp_desktop.models.store.database import Store


@dataclass(frozen=True)
class Deadline:
    """One dated thing the business manager must make happen."""

    due: str
    area: str  # "Review", "Audit", "Yearly report", "Arrangements" or "Quarterly theme"
    what: str
    reference: str
    page: str  # where it opens: a page key, or "page:tab" ("reviews:yearly")
    record_id: int
    status: str
    rag: str
    days_left: int
    statutory: bool
    #: What the deadline's rule counts in; the status says the time left in it.
    unit: Unit = Unit.WORKING_DAYS

    @property
    def rule(self) -> str:
        """ "statutory, in working days", "local target, in days"."""
        return f"{'statutory' if self.statutory else 'local target'}, in {self.unit.value}s"


def deadlines(store: Store, today: dt.date | None = None, within: int = 30) -> list[Deadline]:
    """Everything not yet done that is overdue or falls due within *within* days of *today*:
    review milestones, planned audits, and the yearly report's publication and dispatch."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within)
    out: list[Deadline] = []
    rules = ClockRules.of(store)
    delays: dict[int, list[Delay]] = {}
    for row in queries.delays_of_open_reviews(store):
        delays.setdefault(row["review_id"], []).append(Delay.from_row(row))
    for review in list_reviews(store, open_only=True):
        items = milestones(review, rules, delays.get(review.id, []))
        open_items = {m.key: m for m in items if m.applicable and m.done is None}
        for m in items:
            due = m.effective_due
            if not m.applicable or m.done is not None or due is None or due > horizon:
                continue
            rapid = open_items.get("rapid_review")
            if m.key == "decision" and rapid and rapid.effective_due == due:
                continue  # the decision goes with the rapid review: one entry, not two
            status = m.status(today)
            out.append(
                Deadline(
                    due.isoformat(),
                    "Review",
                    f"{review.reference}: {m.label}",
                    review.reference,
                    "reviews",
                    review.id,
                    status.text,
                    status.rag,
                    status.days_left or 0,
                    m.statutory,
                    m.unit,
                )
            )
    for audit in list_audits(store):
        planned = dt.date.fromisoformat(audit.planned_date)
        if audit.completed_date or planned > horizon:
            continue
        out.append(
            dated(
                "Audit",
                f"{audit.kind} audit: {audit.title}",
                audit.title,
                "reviews:audits",
                audit.id,
                planned,
                today,
                statutory=False,
            )
        )
    for report in list_yearly_reports(store):
        if not report.published_date:
            if report.planned_publication_date:
                planned = dt.date.fromisoformat(report.planned_publication_date)
                if planned <= horizon:
                    out.append(
                        dated(
                            "Yearly report",
                            f"Yearly report {report.year}: publish",
                            report.year,
                            "reviews:yearly",
                            report.id,
                            planned,
                            today,
                            statutory=False,
                        )
                    )
            continue
        due = dt.date.fromisoformat(report.dispatch_due or report.published_date)
        pending = [
            name
            for name, sent in (
                (spoken(recipient_name(store, "yearly report", "panel")), report.panel_sent_date),
                (
                    spoken(recipient_name(store, "yearly report", "what works")),
                    report.what_works_sent_date,
                ),
            )
            if not sent
        ]
        for name in pending if due <= horizon else []:
            out.append(
                dated(
                    "Yearly report",
                    f"Yearly report {report.year}: send to {name}",
                    report.year,
                    "reviews:yearly",
                    report.id,
                    due,
                    today,
                    statutory=True,
                )
            )
        by_date: dict[str, int] = {}
        for r in report.recipients:
            send_by = r.send_by(report.published_date)
            if not r.sent_date and send_by:
                by_date[send_by] = by_date.get(send_by, 0) + 1
        for send_by, count in sorted(by_date.items()):
            if dt.date.fromisoformat(send_by) > horizon:
                continue
            out.append(
                dated(
                    "Yearly report",
                    f"Yearly report {report.year}: send to {pluralise(count, 'board')}",
                    report.year,
                    "reviews:yearly",
                    report.id,
                    dt.date.fromisoformat(send_by),
                    today,
                    statutory=False,
                )
            )
    out.sort(key=lambda d: (d.due, d.area, d.what))
    return out


def dated(
    area: str,
    what: str,
    reference: str,
    page: str,
    record_id: int,
    due: dt.date,
    today: dt.date,
    *,
    statutory: bool,
    unit: Unit = Unit.DAYS,
) -> Deadline:
    """A deadline counted in calendar days unless its rule gives another *unit*."""
    status = clock_status(due, today, unit)
    return Deadline(
        due.isoformat(),
        area,
        what,
        reference,
        page,
        record_id,
        status.text,
        status.rag,
        status.days_left or 0,
        statutory,
        unit,
    )
