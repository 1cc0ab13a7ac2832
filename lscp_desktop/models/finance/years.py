"""Financial years: finding, adding, changing and deleting them (rolling one forward is in
``rollover``)."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.core.records import save_record
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.fields import parse_amount, required_text
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.store.database import Row, Store


def list_years(store: Store) -> list[FinanceYear]:
    return [FinanceYear.from_row(r) for r in queries.all_years(store)]


def find_year(store: Store, year: str | FinancialYear | int) -> FinanceYear | None:
    """The year by label ('2025/26'), FinancialYear or start year; None if not set up."""
    row = queries.year_starting(store, _start_year(year))
    return FinanceYear.from_row(row) if row else None


def get_year(store: Store, year: str | FinancialYear | int) -> FinanceYear:
    found = find_year(store, year)
    if found is None:
        label = FinancialYear(_start_year(year)).label
        raise NotFoundError(
            f"The financial year {label} has not been set up; add it (or roll the previous year "
            "forward) first."
        )
    return found


def get_year_by_id(store: Store, year_id: int) -> FinanceYear:
    row = store.require("finance_years", year_id, "financial year")
    return FinanceYear(row["id"], row["start_year"], row["opening_reserve_pence"], row["notes"])


def _start_year(year: str | FinancialYear | int) -> int:
    if isinstance(year, FinancialYear):
        return year.start_year
    if isinstance(year, int):
        return year
    return FinancialYear.parse(year).start_year


def save_year(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change a financial year: label (2025/26), opening reserve carried forward, notes."""
    label = required_text(values, "label", "financial year (like 2025/26)")
    try:
        fy = FinancialYear.parse(label)
    except ValidationError as exc:
        raise ValidationError(str(exc), "label") from None
    clean: dict[str, Any] = {
        "start_year": fy.start_year,
        "opening_reserve_pence": parse_amount(
            values.get("opening_reserve") or 0,
            "opening reserve",
            "opening_reserve",
            allow_negative=True,
        ),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        clash = find_year(store, fy)
        if clash and clash.id != record_id:
            raise ValidationError(f"The financial year {fy.label} is already set up.", "label")
        return save_record(store, "finance_years", record_id, clean)


def ensure_year(store: Store, year: str | FinancialYear) -> FinanceYear:
    found = find_year(store, year)
    if found:
        return found
    label = year.label if isinstance(year, FinancialYear) else year
    return get_year_by_id(store, save_year(store, {"label": label}))


_HOLDINGS = (
    ("contributions", "contribution", "contributions"),
    ("in_kind", "in-kind contribution", "in-kind contributions"),
    ("budget_lines", "budget line", "budget lines"),
    ("spend_entries", "spend entry", "spend entries"),
    ("reserve_movements", "reserve movement", "reserve movements"),
)


def what_year_holds(store: Store, year_id: int) -> list[str]:
    """What is recorded in the year, e.g. ['12 contributions', '1 budget line']; empty when
    nothing is (then the year can be deleted)."""
    counts = queries.year_holdings(store, year_id)
    return [
        f"{counts[key]} {one if counts[key] == 1 else many}"
        for key, one, many in _HOLDINGS
        if counts[key]
    ]


def check_deletable(store: Store, year_id: int) -> None:
    """Refuse, saying what it holds, unless the year holds nothing (see
    :func:`what_year_holds`): deleting a year must never take money recorded with it."""
    year = get_year_by_id(store, year_id)
    held = what_year_holds(store, year_id)
    if held:
        listed = ", ".join(held[:-1]) + " and " + held[-1] if len(held) > 1 else held[0]
        raise ValidationError(
            f"{year.label} cannot be deleted: it holds {listed}. Only an empty year can be "
            "deleted; delete those first.",
            "label",
        )


def delete_year(store: Store, year_id: int) -> Row:
    """Delete a year set up by mistake; refused unless it is empty (:func:`check_deletable`)."""
    with store.transaction():
        check_deletable(store, year_id)
        return store.delete("finance_years", year_id)
