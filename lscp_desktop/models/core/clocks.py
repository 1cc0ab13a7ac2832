"""How long is left on a deadline, counted in the deadline's own unit and said the same way on
Home, the Deadlines tab and the command line.

Each statutory clock keeps the unit its rule is written in: working days for the practice-review
clocks (notify the Panel within 5 working days), calendar days for the yearly report's seven-day
dispatch, months for publication (within six months of the decision). Every deadline carries its
:class:`Unit`; :func:`time_left` counts in it and :class:`TimeLeft` says it: "3 working days
late", "5 days late", "in 2 months", "today". A months clock with less than a month to go (or
less than a month late) is counted in days. A new clock names its unit and follows the rule.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from lscp_desktop.models.core.dates import add_months, working_days_between


class Unit(enum.Enum):
    WORKING_DAYS = "working day"
    DAYS = "day"
    MONTHS = "month"


@dataclass(frozen=True)
class TimeLeft:
    """*amount* of *unit* until the deadline; negative when it has passed."""

    amount: int
    unit: Unit

    @property
    def late(self) -> bool:
        return self.amount < 0

    def words(self) -> str:
        """ "3 working days", "1 day", "2 months" (never negative)."""
        n = abs(self.amount)
        return f"{n} {self.unit.value}{'' if n == 1 else 's'}"

    def short(self) -> str:
        """ "today", "in 4 working days", "3 days late": the Days column on Home."""
        if self.amount == 0:
            return "today"
        return f"{self.words()} late" if self.late else f"in {self.words()}"

    def status(self) -> str:
        """ "Due today", "Due in 4 working days", "3 days late": a deadline's status."""
        if self.amount == 0:
            return "Due today"
        return f"{self.words()} late" if self.late else f"Due in {self.words()}"


def _whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from *start* to *end* (at or after it)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def time_left(due: dt.date, today: dt.date, unit: Unit) -> TimeLeft:
    """How long from *today* to *due*, in *unit* (months fall back to days under a month)."""
    if unit is Unit.WORKING_DAYS:
        return TimeLeft(working_days_between(today, due), unit)
    days = (due - today).days
    if unit is Unit.MONTHS:
        months = _whole_months(today, due) if days >= 0 else -_whole_months(due, today)
        if months:
            return TimeLeft(months, unit)
    return TimeLeft(days, Unit.DAYS)
