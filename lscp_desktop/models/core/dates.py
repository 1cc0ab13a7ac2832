"""Dates as the partnership uses them: ISO text in the database, dd/mm/yyyy on screen,
financial years April–March labelled ``2025/26``, and working days in England and Wales."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from lscp_desktop.models.core.errors import ValidationError

#: The dates the app takes: enough for any record of a partnership, and far enough from the
#: ends of Python's calendar (years 1 to 9999) that adding months or a year never overflows.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)

# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_UK = r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$"
_YEAR_LABEL = r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$"


def parse_date(value: str | dt.date | None, field: str = "date") -> dt.date:
    """Accept an ISO date or a UK ``dd/mm/yyyy`` date from 1900 to 2199; anything else is a
    clear error."""
    if isinstance(value, dt.datetime):
        return check_date_range(value.date(), field)
    if isinstance(value, dt.date):
        return check_date_range(value, field)
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(f"Enter the {field}.", field)
    try:
        return check_date_range(dt.date.fromisoformat(text), field)
    except ValueError:
        pass
    m = re.match(_UK, text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        if year < 100:
            year += 2000
        try:
            return check_date_range(dt.date(year, month, day), field)
        except ValueError:
            pass
    raise ValidationError(f"The {field} '{text[:40]}' is not a date; use dd/mm/yyyy.", field)


class DateRangeError(ValidationError):
    """A real date, but outside the years the app takes."""


def check_date_range(day: dt.date, field: str = "date") -> dt.date:
    """*day*, if it is between 1900 and 2199; else a clear error."""
    if not EARLIEST <= day <= LATEST:
        raise DateRangeError(
            f"The {field} {day.strftime('%d/%m/%Y')} is out of range: LSCP Desktop takes dates "
            f"from {EARLIEST.year} to {LATEST.year}; check the year.",
            field,
        )
    return day


def optional_date(value: str | dt.date | None, field: str = "date") -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, field)


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def uk(value: str | dt.date | None) -> str:
    """Show a date as dd/mm/yyyy ('' for none)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        day = value
    # Not strftime: it imports a module on every call, which PySide6's import hook makes
    # costly (a table paints hundreds of dates).
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day *months* later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _month_days(year, month)))


@lru_cache(maxsize=4096)
def _month_days(year: int, month: int) -> int:
    import calendar  # (and locale) not needed to start the window

    return calendar.monthrange(year, month)[1]


def check_order(start: dt.date | None, end: dt.date | None, what: str = "end date") -> None:
    if start and end and end < start:
        raise ValidationError(
            f"The {what} ({uk(end)}) is before the start date ({uk(start)}).", "end_date"
        )


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A financial year starting 1 April, e.g. ``FinancialYear(2025)`` is 2025/26."""

    start_year: int

    @classmethod
    def parse(cls, label: str) -> FinancialYear:
        m = re.match(_YEAR_LABEL, str(label or ""))
        if m:
            first = int(m.group(1))
            second = int(m.group(2))
            if (second == (first + 1) % 100 or second == first + 1) and (
                EARLIEST.year <= first < LATEST.year
            ):
                return cls(first)
        raise ValidationError(f"'{label}' is not a financial year; write it like 2025/26.", "year")

    @classmethod
    def containing(cls, day: dt.date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def __str__(self) -> str:
        return self.label


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    """The year's bank holidays from the table generated from ``holidays`` at build time
    (importing ``holidays`` itself costs ~360 modules and 27 MB); a year beyond the table is
    refused, never taken to have none."""
    from lscp_desktop.models.core import bank_holiday_table as table

    if not table.FIRST_YEAR <= year <= table.LAST_YEAR:
        raise ValidationError(
            f"England and Wales bank holidays are known from {table.FIRST_YEAR} to "
            f"{table.LAST_YEAR} only, so working days in {year} cannot be counted; check the "
            "year."
        )
    out = {}
    for pair in table.DAYS[year].split():
        day, _, name = pair.partition(":")
        out[dt.date(year, int(day[:2]), int(day[2:]))] = table.NAMES[int(name)]
    return out


def bank_holiday(day: dt.date) -> str | None:
    """The name of the England and Wales bank holiday on *day*, if any."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and bank_holiday(day) is None


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The date *n* working days after *day* (before it when *n* is negative)."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days *end* is from *start*, so that
    ``add_working_days(start, n) == end`` gives ``n`` when *end* is a working day.

    Forwards it counts the working days after *start* up to and including *end*; backwards,
    negative, the working days from *end* up to but not including *start*.
    """
    step = 1 if end >= start else -1
    count = 0
    day = start
    while day != end:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            count += 1
    return count * step


def long_date(value: str | dt.date) -> str:
    """'Friday 11 December 2026': a date as a letter or an email says it."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return f"{day:%A} {day.day} {day:%B %Y}"
