"""Rolling a year forward: next year's contributions and budget from this year's, with an
optional uplift percentage and its rounding rule, and the reserve carried forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.analysis import reserve_assumptions, summary
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.records import (
    MAX_UPLIFT,
    ROUNDING_UNITS,
    Contribution,
    RollForwardResult,
)
from lscp_desktop.models.finance.years import find_year, get_year, get_year_by_id, save_year
from lscp_desktop.models.store.database import Store


def parse_uplift(value: Any) -> Decimal:
    """An uplift percentage as typed ('2.5', '2.5%', '' for none) → Decimal, checked."""
    if value is None:
        return Decimal(0)
    text = str(value).strip().rstrip("%").strip()
    if not text:
        return Decimal(0)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or (
        number.copy_abs() <= MAX_UPLIFT and number != number.quantize(Decimal("0.01"))
    ):
        raise ValidationError(
            f"The uplift '{value}' is not a percentage; write it like 2.5 (at most two decimal "
            "places).",
            "uplift",
        )
    if number.copy_abs() > MAX_UPLIFT:  # copy_abs: never overflows, as abs() can
        raise ValidationError(
            f"An uplift of {number}% looks wrong; enter a percentage between -{MAX_UPLIFT} and "
            f"{MAX_UPLIFT}.",
            "uplift",
        )
    return number


def apply_uplift(pence: int, percent: Decimal, round_to: str = "pound") -> int:
    """*pence* increased by *percent*, rounded to the nearest whole pound (or penny).

    The rounding rule: the exact result ``pence × (100 + percent) / 100`` is rounded to the
    nearest unit (100p for ``"pound"``, 1p for ``"penny"``) with halves rounded up, so £550 with
    2.5% is £564 (from £563.75) to the pound and £563.75 to the penny, and £10 with 5% is £11.
    Worked in ``Fraction``s, never floats.
    """
    unit = ROUNDING_UNITS.get(round_to)
    if unit is None:
        raise ValidationError(
            f"Round to 'pound' or 'penny', not '{round_to}'.",
            "round_to",
        )
    if pence < 0:
        raise ValueError("uplift applies to amounts of zero or more")
    exact = Fraction(pence) * (100 + Fraction(percent)) / 100 / unit
    units = (exact.numerator * 2 + exact.denominator) // (2 * exact.denominator)
    return int(units) * unit


def uplifted_total(contributions: Sequence[Contribution], uplift: Any, round_to: str) -> int:
    """What next year's agreed total would be with *uplift* (for a preview before rolling)."""
    percent = parse_uplift(uplift)
    return sum(apply_uplift(c.agreed, percent, round_to) for c in contributions)


def roll_forward(
    store: Store,
    from_year: str | FinancialYear,
    *,
    uplift: Any = None,
    round_to: str = "pound",
    copy_budget: bool = True,
    carry_reserve: bool = True,
    today: dt.date | None = None,
) -> RollForwardResult:
    """Start next year from this one: agreed contributions (and budget lines) copied with an
    optional uplift percentage (see :func:`apply_uplift` for the rounding), in-kind
    contributions copied as they are, and the reserve the year leaves
    (:attr:`YearSummary.forecast_closing`: once the year is over, only money received less
    money spent; before, a forecast) as the new year's opening reserve, with the assumptions
    in :attr:`RollForwardResult.assumptions`.

    Organisations that already have a contribution next year, or are no longer active, are
    skipped and listed; budget lines and in-kind contributions are copied only when next year
    has none. Everything happens in one transaction.
    """
    percent = parse_uplift(uplift)
    if round_to not in ROUNDING_UNITS:
        raise ValidationError(f"Round to 'pound' or 'penny', not '{round_to}'.", "round_to")
    with store.transaction():
        source = get_year(store, from_year)
        target_fy = source.fy.next()
        target = find_year(store, target_fy)
        created = target is None
        assumptions: list[str] = []
        if target is None:
            opening = 0
            if carry_reserve:
                source_summary = summary(store, source.id, today=today)
                opening = source_summary.forecast_closing
                assumptions = reserve_assumptions(source_summary)
            else:
                assumptions = [f"{target_fy.label} opens with no reserve brought forward."]
            target = get_year_by_id(
                store, save_year(store, {"label": target_fy.label, "opening_reserve": opening})
            )
        else:
            assumptions = [f"{target.label} was set up already; its opening reserve is unchanged."]
        result = RollForwardResult(target, created, 0, 0, 0, 0, 0, assumptions=assumptions)
        held = queries.year_holdings(store, target.id)
        have = queries.contributing_organisations(store, target.id)
        active = queries.organisations_active(store)
        rows = []
        for c in list_contributions(store, source.id, today=today):
            result.total_before += c.agreed
            if c.organisation_id in have:
                result.skipped.append(f"{c.organisation} already has a {target.label} contribution")
                continue
            if not active.get(c.organisation_id, False):
                result.skipped.append(f"{c.organisation} is no longer active")
                continue
            amount = apply_uplift(c.agreed, percent, round_to)
            result.total_after += amount
            rows.append((target.id, c.organisation_id, amount, ""))
        if rows:
            store.bulk_insert(
                "contributions", ["year_id", "organisation_id", "agreed_pence", "notes"], rows
            )
        result.contributions = len(rows)
        if copy_budget:
            if held["budget_lines"]:
                result.skipped.append(f"{target.label} already has budget lines; none copied")
            else:
                lines = [
                    (
                        target.id,
                        line.position,
                        line.category,
                        line.description,
                        apply_uplift(line.budget, percent, round_to),
                    )
                    for line in list_budget_lines(store, source.id)
                ]
                if lines:
                    store.bulk_insert(
                        "budget_lines",
                        ["year_id", "position", "category", "description", "budget_pence"],
                        lines,
                    )
                result.budget_lines = len(lines)
        if not held["in_kind"]:
            kinds = [
                (target.id, k.organisation_id, k.description, k.notional)
                for k in list_in_kind(store, source.id)
                if active.get(k.organisation_id, False)
            ]
            if kinds:
                store.bulk_insert(
                    "in_kind_contributions",
                    ["year_id", "organisation_id", "description", "notional_pence"],
                    kinds,
                )
            result.in_kind = len(kinds)
    return result
