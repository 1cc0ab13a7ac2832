"""Checks the membership forms share: a required text, a choice from a list, a date range."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.dates import check_order, iso, optional_date, parse_date
from lscp_desktop.models.core.errors import ValidationError


def required(values: dict[str, Any], key: str, label: str) -> str:
    text = str(values.get(key) or "").strip()
    if not text:
        raise ValidationError(f"Enter the {label}.", key)
    return text


def choice(value: Any, choices: tuple[str, ...], label: str, key: str) -> str:
    text = str(value or "").strip()
    for option in choices:
        if text.lower() == option.lower():
            return option
    raise ValidationError(f"'{text}' is not a {label}; choose one of: {', '.join(choices)}.", key)


def dates(values: dict[str, Any]) -> tuple[str, str | None]:
    """The start date (today when blank) and the optional end date, in order, as ISO text."""
    start = parse_date(values.get("start_date") or dt.date.today(), "start date")
    end = optional_date(values.get("end_date"), "end date")
    check_order(start, end)
    return start.isoformat(), iso(end)


def overlap(a_start: str, a_end: str | None, b_start: str, b_end: str | None) -> bool:
    """Two date ranges (an open end runs for ever) share at least one day."""
    return a_start <= (b_end or "9999-12-31") and b_start <= (a_end or "9999-12-31")
