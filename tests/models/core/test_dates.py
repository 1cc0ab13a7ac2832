"""Dates, financial years and working days in England and Wales."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscp_desktop.models.core.dates import (
    FinancialYear,
    add_months,
    add_working_days,
    bank_holiday,
    is_working_day,
    next_working_day,
    parse_date,
    uk,
    working_days_between,
)
from lscp_desktop.models.core.errors import ValidationError

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-31", D(2026, 3, 31)), ("31/03/2026", D(2026, 3, 31)), ("1/4/26", D(2026, 4, 1)),
     ("31.03.2026", D(2026, 3, 31)), (" 05-11-2025 ", D(2025, 11, 5))],
)  # fmt: skip
def test_parse_date_accepts_iso_and_uk(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "2026/13/01", "next Tuesday", "", "12/2026"])
def test_parse_date_explains_what_to_type(text: str) -> None:
    with pytest.raises(ValidationError, match=r"dd/mm/yyyy|Enter the"):
        parse_date(text)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)))
def test_uk_format_round_trips(day: dt.date) -> None:
    assert parse_date(uk(day)) == day


def test_financial_year_labels_and_bounds() -> None:
    fy = FinancialYear.parse("2025/26")
    assert (fy.start, fy.end, fy.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025/26")
    assert FinancialYear.parse("2025-2026") == fy
    assert FinancialYear.containing(D(2026, 3, 31)) == fy
    assert FinancialYear.containing(D(2026, 4, 1)).label == "2026/27"
    assert FinancialYear(2099).label == "2099/00"
    for bad in ("2025/27", "25/26", "2025", "twenty"):
        with pytest.raises(ValidationError, match="write it like 2025/26"):
            FinancialYear.parse(bad)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 4, 6), "Easter Monday"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 5, 4), "May Day"),
        (D(2026, 5, 25), "Spring Bank Holiday"),
        (D(2026, 8, 31), "Late Summer Bank Holiday"),
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day"),  # substitute: 26/12/2026 is a Saturday
        (D(2027, 12, 27), "Christmas Day"),  # substitute: 25/12/2027 is a Saturday
    ],
)
def test_bank_holidays_come_from_the_holidays_package(day: dt.date, name: str) -> None:
    assert name in (bank_holiday(day) or "")
    assert not is_working_day(day)


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    # Thursday 2 April 2026 + 1 working day skips Good Friday, the weekend and Easter Monday.
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 7), -1) == D(2026, 4, 2)
    # Five working days from Wednesday 23 December 2026: 24, 29, 30, 31 December, 4 January
    # (Christmas Day, the Boxing Day substitute on the 28th and New Year's Day are skipped).
    assert add_working_days(D(2026, 12, 23), 5) == D(2027, 1, 4)
    assert next_working_day(D(2026, 12, 25)) == D(2026, 12, 29)
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 7)) == 1


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)), st.integers(-40, 40))
def test_add_and_count_working_days_agree(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 5, 10), -17, dt.date(2024, 12, 10)),
    ],
)
def test_add_months_keeps_the_day_or_clips_to_the_month_end(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected
