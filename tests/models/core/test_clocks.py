"""Time left on a deadline in its own unit, said the same way everywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp_desktop.models.core.clocks import TimeLeft, Unit, time_left

D = dt.date


@pytest.mark.parametrize(
    ("due", "today", "unit", "short", "status"),
    [
        # Working days skip the weekend and the bank holidays (Christmas, Boxing Day moved).
        (D(2026, 12, 29), D(2026, 12, 23), Unit.WORKING_DAYS, "in 2 working days",
         "Due in 2 working days"),
        (D(2026, 12, 23), D(2026, 12, 29), Unit.WORKING_DAYS, "2 working days late",
         "2 working days late"),
        (D(2026, 12, 5), D(2026, 12, 5), Unit.WORKING_DAYS, "today", "Due today"),
        # The yearly report's dispatch: seven calendar days.
        (D(2026, 11, 27), D(2026, 12, 2), Unit.DAYS, "5 days late", "5 days late"),
        (D(2026, 12, 3), D(2026, 12, 2), Unit.DAYS, "in 1 day", "Due in 1 day"),
        # Publication: months, and days under a month.
        (D(2027, 7, 15), D(2027, 1, 15), Unit.MONTHS, "in 6 months", "Due in 6 months"),
        (D(2027, 7, 15), D(2027, 7, 1), Unit.MONTHS, "in 14 days", "Due in 14 days"),
        (D(2027, 7, 15), D(2027, 9, 20), Unit.MONTHS, "2 months late", "2 months late"),
        (D(2027, 7, 15), D(2027, 8, 14), Unit.MONTHS, "30 days late", "30 days late"),
    ],
)  # fmt: skip
def test_each_unit_said_the_same_way(
    due: dt.date, today: dt.date, unit: Unit, short: str, status: str
) -> None:
    left = time_left(due, today, unit)
    assert (left.short(), left.status()) == (short, status)


def test_a_month_end_is_a_whole_month() -> None:
    assert time_left(D(2027, 2, 28), D(2027, 1, 31), Unit.MONTHS) == TimeLeft(1, Unit.MONTHS)
    assert time_left(D(2027, 2, 27), D(2027, 1, 31), Unit.MONTHS) == TimeLeft(27, Unit.DAYS)
