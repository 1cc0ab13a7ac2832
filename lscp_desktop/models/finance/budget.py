"""The year's budget: budget lines by category, and the spend recorded against each (actual
and variance)."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.fields import (
    check_in_year,
    parse_amount,
    required_date,
    required_text,
    text,
)
from lscp_desktop.models.finance.records import BUDGET_CATEGORIES, BudgetLine, SpendEntry
from lscp_desktop.models.finance.years import get_year_by_id
from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- budget lines


def list_budget_lines(store: Store, year_id: int) -> list[BudgetLine]:
    return [BudgetLine.from_row(r) for r in queries.budget_lines_of_year(store, year_id)]


def get_budget_line(store: Store, line_id: int) -> BudgetLine:
    row = queries.budget_line(store, line_id)
    if row is None:
        raise NotFoundError(f"There is no budget line with id {line_id}.")
    return BudgetLine.from_row(row)


def _category(value: Any) -> str:
    chosen = text({"v": value}, "v").lower()
    if chosen in BUDGET_CATEGORIES:
        return chosen
    raise ValidationError(
        f"'{value}' is not a budget category; choose one of: {', '.join(BUDGET_CATEGORIES)}.",
        "category",
    )


def save_budget_line(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """A budget line: year_id, category, description, budget (text or int pence), notes."""
    clean: dict[str, Any] = {
        "year_id": required_id(values, "year_id", "financial year"),
        "category": _category(values.get("category")),
        "description": required_text(values, "description", "description of the budget line"),
        "budget_pence": parse_amount(values.get("budget"), "budgeted amount", "budget"),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_year_by_id(store, clean["year_id"])
        if record_id is None:
            clean["position"] = 1 + queries.last_budget_position(store, clean["year_id"])
        return save_record(store, "budget_lines", record_id, clean)


def delete_budget_line(store: Store, line_id: int) -> Row:
    with store.transaction():
        line = get_budget_line(store, line_id)
        if line.entries:
            raise ValidationError(
                f"'{line.description}' has {line.entries} spend entr"
                f"{'y' if line.entries == 1 else 'ies'} against it; move or delete them first.",
                "entries",
            )
        return store.delete("budget_lines", line_id)


# --------------------------------------------------------------------------- spend


def list_spend(store: Store, year_id: int) -> list[SpendEntry]:
    return [
        SpendEntry(**{**r, "refund": bool(r["refund"])})
        for r in queries.spend_of_year(store, year_id)
    ]


def save_spend(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Money spent against a budget line: budget_line_id, spent_on, amount, refund, payee,
    reference, description. A negative amount is only accepted as a refund (a credit back)."""
    line_id = required_id(values, "budget_line_id", "budget line")
    refund = bool(values.get("refund"))
    amount = parse_amount(values.get("amount"), "amount spent", "amount", allow_negative=True)
    if amount == 0:
        raise ValidationError("Enter an amount other than £0.", "amount")
    if amount < 0 and not refund:
        raise ValidationError(
            "Spending cannot be negative. For money coming back (a credit note or a refund from "
            "a supplier), tick 'Refund' and enter the amount.",
            "amount",
        )
    clean: dict[str, Any] = {
        "budget_line_id": line_id,
        "spent_on": required_date(values, "spent_on", "date spent"),
        "amount_pence": -abs(amount) if refund else amount,
        "refund": int(refund),
        "payee": text(values, "payee"),
        "reference": text(values, "reference"),
        "description": text(values, "description"),
    }
    with store.transaction():
        line = get_budget_line(store, line_id)
        year = get_year_by_id(store, line.year_id)
        check_in_year(clean["spent_on"], year, "date spent", "spent_on")
        return save_record(store, "spend_entries", record_id, clean)


def delete_spend(store: Store, spend_id: int) -> Row:
    return store.delete("spend_entries", spend_id)
