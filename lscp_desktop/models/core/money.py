"""Money is integer pence everywhere; these turn text into pence and pence into £ text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lscp_desktop.models.core.errors import ValidationError

# Patterns as text, compiled by ``re`` when first used (and cached): not on import (issue 21).
_MONEY = r"^(-)?£?(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$"

#: The largest amount the app takes, either way: £100 million, far beyond any partnership's
#: budget and well within what SQLite's integers (and Excel's numbers) hold exactly.
MAX_POUNDS = 100_000_000
MAX_PENCE = MAX_POUNDS * 100


def check_amount(pence: int, field: str = "amount") -> int:
    """*pence*, if it is within £100 million either way; else a clear error."""
    if abs(pence) > MAX_PENCE:
        raise ValidationError(
            f"The {field} {format_money(pence) if abs(pence) < 10**30 else '(too many digits)'} "
            f"is more than £{MAX_POUNDS:,}, the most an amount can be; check the figure.",
            field,
        )
    return pence


def parse_money(value: object, field: str = "amount") -> int:
    """Parse '34592', '34,592', '£34,592.00', '-50' or '(1,200)' into pence (int pounds from
    code too); anything else, or more than £100 million, is a clear error."""
    if isinstance(value, bool):
        raise ValidationError(f"The {field} must be an amount of money.", field)
    if isinstance(value, int):
        return check_amount(value * 100, field)
    text = ("" if value is None else str(value)).strip().replace(" ", "")
    if not text:
        raise ValidationError(f"Enter the {field}.", field)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    m = re.match(_MONEY, text)
    if not m or (m.group(1) and m.group(2)) or (negative and (m.group(1) or m.group(2))):
        raise ValidationError(
            f"The {field} '{value}' is not an amount of money; write it like 12,345.67.", field
        )
    digits = m.group(3).replace(",", "")
    if len(digits.lstrip("0")) > len(str(MAX_POUNDS)):  # before int(): 5,000 digits is slow
        raise ValidationError(
            f"The {field} '{str(value)[:24]}…' is more than £{MAX_POUNDS:,}, the most an amount "
            "can be; check the figure.",
            field,
        )
    total = int(digits) * 100 + int((m.group(4) or "0").ljust(2, "0"))
    if negative or m.group(1) or m.group(2):
        total = -total
    return check_amount(total, field)


def format_money(pence: int | None, *, with_pence: bool | None = None) -> str:
    """£12,345 when whole pounds, £12,345.67 otherwise (*with_pence* forces one or the other:
    pence shown, or rounded to the pound half up); negatives as -£1,200."""
    if pence is None:
        return ""
    value = int(pence)
    sign = "-" if value < 0 else ""
    if with_pence is False:
        value = (abs(value) + 50) // 100 * 100
    pounds, rem = divmod(abs(value), 100)
    show = bool(rem) if with_pence is None else with_pence
    return f"{sign}£{pounds:,}" + (f".{rem:02d}" if show else "")


def has_pence(amounts: Iterable[int | None]) -> bool:
    """Whether any of the amounts is not whole pounds."""
    return any(a is not None and int(a) % 100 for a in amounts)


def money_column(amounts: Sequence[int | None]) -> list[str]:
    """A column of amounts in one format: pence shown for every row when any row has pence
    (so "£244,010.00" stands above "£183,007.50", never "£244,010")."""
    pence = has_pence(amounts)
    return [format_money(a, with_pence=pence) for a in amounts]
