"""A financial year's meetings generated from a body's cadence.

A date that lands on a weekend or an England and Wales bank holiday moves to the next working
day, and the move is reported with its reason. Dates already in the schedule are not added again.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import FinancialYear, bank_holiday, is_working_day, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.cadence import Cadence, get_cadence
from lscp_desktop.models.meetings.queries import meetings as meeting_queries
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.store.database import Store


@dataclass
class ProposedMeeting:
    """One date from the cadence: where the rule put it, where it lands, and why it moved."""

    rule_date: dt.date
    date: dt.date
    moved_because: str = ""
    existing_id: int | None = None

    @property
    def moved(self) -> bool:
        return self.rule_date != self.date

    @property
    def note(self) -> str:
        if self.existing_id is not None:
            return "Already in the schedule; not added again"
        return self.moved_because


@dataclass
class ScheduleResult:
    body_id: int
    year: FinancialYear
    proposed: list[ProposedMeeting] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)

    @property
    def new(self) -> list[ProposedMeeting]:
        return [p for p in self.proposed if p.existing_id is None]


def rule_day(year: int, month: int, cadence: Cadence) -> dt.date:
    """The day the cadence's rule picks in one month (before any move)."""
    last = calendar.monthrange(year, month)[1]
    if cadence.week == 0:
        return dt.date(year, month, min(cadence.day_of_month, last))
    if cadence.week == -1:
        day = dt.date(year, month, last)
        while day.weekday() != cadence.weekday:
            day -= dt.timedelta(days=1)
        return day
    day = dt.date(year, month, 1)
    while day.weekday() != cadence.weekday:
        day += dt.timedelta(days=1)
    return day + dt.timedelta(weeks=cadence.week - 1)


def move_to_working_day(day: dt.date) -> tuple[dt.date, str]:
    """The first working day on or after *day*, and why it moved ('' if it did not)."""
    if is_working_day(day):
        return day, ""
    reasons = []
    moved = day
    while not is_working_day(moved):
        holiday = bank_holiday(moved)
        what = f"a bank holiday ({holiday})" if holiday else "a weekend"
        reasons.append(f"{moved.strftime('%A')} {uk(moved)} is {what}")
        moved += dt.timedelta(days=1)
    return moved, "; ".join(reasons) + f": moved to {moved.strftime('%A')} {uk(moved)}"


def cadence_dates(cadence: Cadence, year: FinancialYear) -> list[ProposedMeeting]:
    """The financial year's dates from the cadence, moved off weekends and bank holidays."""
    step = cadence.months_between
    if step <= 0:
        return []
    anchor_index = (cadence.anchor_month - 4) % 12
    out = []
    for index in range(12):
        if (index - anchor_index) % step:
            continue
        month = (3 + index) % 12 + 1
        calendar_year = year.start_year + (1 if month < 4 else 0)
        day = rule_day(calendar_year, month, cadence)
        moved, why = move_to_working_day(day)
        out.append(ProposedMeeting(day, moved, why))
    return out


def plan_schedule(store: Store, body_id: int, year: FinancialYear | str) -> ScheduleResult:
    """The dates a year's generation would give, marking those already in the schedule.

    Raises a ValidationError when the cadence gives no dates at all in that year.
    """
    fy = year if isinstance(year, FinancialYear) else FinancialYear.parse(year)
    body = get_body(store, body_id)
    cadence = get_cadence(store, body_id)
    if cadence.months_between == 0:
        raise ValidationError(
            f"{body.name} meets ad hoc, so there are no dates to generate. Set a regular "
            "cadence first, or add its meetings one by one.",
            "frequency",
        )
    proposed = [
        p
        for p in cadence_dates(cadence, fy)
        if p.date.isoformat() >= body.start_date
        and (body.end_date is None or p.date.isoformat() <= body.end_date)
    ]
    if not proposed:
        raise ValidationError(
            f"{body.name}'s cadence gives no dates in {fy.label} (the body runs from "
            f"{uk(body.start_date)}" + (f" to {uk(body.end_date)}" if body.end_date else "") + ").",
            "year",
        )
    existing = meeting_queries.meetings_near(
        store,
        body_id,
        (fy.start - dt.timedelta(days=40)).isoformat(),
        (fy.end + dt.timedelta(days=40)).isoformat(),
    )
    by_rule = {r["rule_date"]: r["id"] for r in existing if r["rule_date"]}
    by_date = {r["date"]: r["id"] for r in existing}
    for p in proposed:
        p.existing_id = by_rule.get(p.rule_date.isoformat()) or by_date.get(p.date.isoformat())
    return ScheduleResult(body_id, fy, proposed)


def generate_schedule(
    store: Store, body_id: int, year: FinancialYear | str, *, dry_run: bool = False
) -> ScheduleResult:
    """Create the year's meetings that are not already in the schedule (all or nothing)."""
    result = plan_schedule(store, body_id, year)
    if dry_run:
        return result
    cadence = get_cadence(store, body_id)
    with store.transaction():
        for p in result.new:
            result.created_ids.append(
                store.insert(
                    "meetings",
                    {
                        "body_id": body_id,
                        "date": p.date.isoformat(),
                        "rule_date": p.rule_date.isoformat(),
                        "start_time": cadence.start_time,
                        "duration_minutes": cadence.duration_minutes,
                        "venue": cadence.venue,
                        "online_link": cadence.online_link,
                        "status": "planned",
                        "notes": p.moved_because,
                    },
                )
            )
    return result
