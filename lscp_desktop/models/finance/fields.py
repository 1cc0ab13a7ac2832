"""Reading a finance form's values: amounts of money, dates, chosen records and text.

Each reader raises :class:`ValidationError` naming the form field, so the form can point at it.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import check_amount, parse_money
from lscp_desktop.models.finance.records import FinanceYear


def parse_amount(value: Any, label: str, key: str, *, allow_negative: bool = False) -> int:
    """Money from a form (text as typed, e.g. '£12,345.50') or from code (int pence)."""
    if isinstance(value, bool):
        raise ValidationError(f"The {label} must be an amount of money.", key)
    if isinstance(value, int):
        try:
            pence = check_amount(value, label)
        except ValidationError as exc:
            raise ValidationError(str(exc), key) from None
    else:
        try:
            pence = parse_money(value if value is None else str(value), label)
        except ValidationError as exc:
            raise ValidationError(str(exc), key) from None
    if pence < 0 and not allow_negative:
        raise ValidationError(f"The {label} cannot be negative.", key)
    return pence


def optional_amount(value: Any, label: str, key: str) -> int | None:
    """Like :func:`parse_amount`, but nothing entered is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_amount(value, label, key)


def text(values: dict[str, Any], key: str) -> str:
    """The text under *key* on one line, its runs of spaces made single."""
    return " ".join(str(values.get(key) or "").split())


def required_text(values: dict[str, Any], key: str, label: str) -> str:
    found = text(values, key)
    if not found:
        raise ValidationError(f"Enter the {label}.", key)
    return found


def required_date(values: dict[str, Any], key: str, label: str) -> str:
    """The date under *key* as ISO text."""
    return parse_date(values.get(key), label).isoformat()


def check_in_year(day: str, year: FinanceYear, label: str, key: str) -> None:
    """Refuse an ISO *day* outside the financial year."""
    fy = year.fy
    if not (fy.start.isoformat() <= day <= fy.end.isoformat()):
        raise ValidationError(
            f"The {label} {uk(day)} is outside {fy.label} ({uk(fy.start)} to {uk(fy.end)}).",
            key,
        )
