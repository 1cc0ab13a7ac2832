"""Every dated thing the business manager must make happen, across the registers: the reviews
area's clocks, audits and yearly report dispatch (:mod:`~lscp_desktop.models.reviews.deadlines`),
the yearly report's own cycle, the reviews of the published documents, and each quarter's theme
still to be taken up. What ``lscp-desktop list deadlines`` and the Deadlines tab show.

The yearly report is published "at least once in every 12-month period" (Working Together 2023,
chapter 2): the next is due within 12 months of the last publication, and the first within 12
months of the arrangements' implementation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lscp_desktop.models.assurance.arrangements import first_implementation, reviews_due
from lscp_desktop.models.core import settings
from lscp_desktop.models.core.clocks import Unit
from lscp_desktop.models.core.dates import add_months, uk
from lscp_desktop.models.meetings.records import Quarter
from lscp_desktop.models.meetings.themes import list_themes
from lscp_desktop.models.reviews.deadlines import Deadline, dated, deadlines
from lscp_desktop.models.reviews.yearly_reports import list_yearly_reports
from lscp_desktop.models.store.database import Store

#: The yearly report is published at least once in every period of this many months, so its
#: clock counts in months (on Home and in the deadlines alike).
YEARLY_CYCLE_MONTHS = 12
YEARLY_CYCLE_UNIT = Unit.MONTHS


@dataclass(frozen=True)
class YearlyCycle:
    """When the next yearly report must be published, and why."""

    due: dt.date
    basis: str
    #: The yearly report record to open: the next year's if there is one, else the last.
    record_id: int | None


def yearly_report_cycle(store: Store) -> YearlyCycle | None:
    """The next yearly report's statutory date: 12 months after the last publication, or after
    the arrangements were first implemented when none has been published; None when neither is
    recorded."""
    reports = list_yearly_reports(store)  # the latest year first
    published = [r for r in reports if r.published_date]
    if published:
        last = max(published, key=lambda r: r.published_date or "")
        assert last.published_date is not None
        day = dt.date.fromisoformat(last.published_date)
        following = [r for r in reports if r.year > last.year]
        return YearlyCycle(
            add_months(day, YEARLY_CYCLE_MONTHS),
            f"within 12 months of the {last.year} report's publication on {uk(day)}",
            following[-1].id if following else last.id,
        )
    implemented = first_implementation(store)
    if implemented is None:
        return None
    day = dt.date.fromisoformat(implemented)
    return YearlyCycle(
        add_months(day, YEARLY_CYCLE_MONTHS),
        f"within 12 months of the arrangements' implementation on {uk(day)}",
        reports[-1].id if reports else None,
    )


def all_deadlines(store: Store, today: dt.date | None = None, within: int = 30) -> list[Deadline]:
    """Everything not yet done that is overdue or falls due within *within* days of *today*;
    a published document's review shows from ``arrangements_notice_days`` ahead."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within)
    out = deadlines(store, today, within)
    cycle = yearly_report_cycle(store)
    if cycle is not None and cycle.due <= horizon:
        out.append(
            dated(
                "Yearly report",
                f"Publish the next yearly report: {cycle.basis}",
                "yearly report",
                "reviews:yearly",
                cycle.record_id or 0,
                cycle.due,
                today,
                statutory=True,
                unit=YEARLY_CYCLE_UNIT,
            )
        )
    notice = max(within, settings.get_int(store, "arrangements_notice_days"))
    for doc, due in reviews_due(store, today, notice):
        out.append(
            dated(
                "Arrangements",
                f"Review the {doc.kind}: {doc.title} ({doc.review_rule})",
                doc.title,
                "assurance:arrangements",
                doc.id,
                dt.date.fromisoformat(due),
                today,
                statutory=False,
            )
        )
    quarter = Quarter.of(today)
    for theme in list_themes(store):
        if theme.quarter_start != quarter.start.isoformat() or not theme.not_yet_examined:
            continue
        if quarter.end <= horizon:
            out.append(
                dated(
                    "Quarterly theme",
                    f"Theme '{theme.title}': not yet on the agenda of "
                    + ", ".join(theme.not_yet_examined),
                    theme.title,
                    "assurance:themes",
                    theme.id,
                    quarter.end,
                    today,
                    statutory=False,
                )
            )
    out.sort(key=lambda d: (d.due, d.area, d.what))
    return out
