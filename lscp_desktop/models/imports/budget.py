"""Import kinds: a year's budget lines, and the spend against them (``--year``); a published
table (seed 000's budget, seed 001's spend) reads in as it is."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.budget import (
    list_budget_lines,
    list_spend,
    save_budget_line,
    save_spend,
)
from lscp_desktop.models.finance.records import BUDGET_CATEGORIES, BudgetLine
from lscp_desktop.models.finance.years import ensure_year, list_years
from lscp_desktop.models.imports.kinds import ImportField, ImportKind, Outcome
from lscp_desktop.models.imports.values import normalise_name
from lscp_desktop.models.store.database import Store

if TYPE_CHECKING:
    from lscp_desktop.models.imports.context import ImportContext

LINE = ImportField(
    "line",
    "Budget line",
    ("line", "description", "item", "budget item", "budget heading", "heading", "expenditure"),
    required=True,
)
CATEGORY = ImportField(
    "category", "Category", ("budget category", "type", "area"), help=", ".join(BUDGET_CATEGORIES)
)
AMOUNT_NAMES = ("amount", "amount gbp", "£", "gbp", "total", "value", "cost")
BUDGET_FIELDS = (
    LINE,
    CATEGORY,
    ImportField("budget", "Budget", ("budgeted", "budget amount", *AMOUNT_NAMES), required=True,
                type="money"),
    ImportField("notes", "Notes", ("comments", "remarks")),
)  # fmt: skip
SPEND_FIELDS = (
    LINE,
    CATEGORY,
    ImportField("amount", "Amount", ("spent", "spend", "actual", *AMOUNT_NAMES), required=True,
                type="money"),
    ImportField("spent_on", "Date", ("date spent", "paid on", "date paid", "invoice date"),
                type="date"),
    ImportField("payee", "Payee", ("supplier", "paid to", "vendor")),
    ImportField("reference", "Reference", ("ref", "invoice", "invoice number", "po")),
    ImportField("description", "Detail", ("details", "what for", "narrative")),
    ImportField("refund", "Refund", ("credit", "credit note"), type="bool"),
)  # fmt: skip


def _category(ctx: ImportContext, values: dict[str, Any], notes: list[str]) -> str:
    text = " ".join(str(values.get("category") or "").lower().split())
    if not text:
        notes.append("no category, so 'other'")
        return "other"
    if text in BUDGET_CATEGORIES:
        return text
    raise ValidationError(
        f"'{values['category']}' is not a budget category; use one of: "
        f"{', '.join(BUDGET_CATEGORIES)}.",
        "category",
    )


def _year_id(ctx: ImportContext) -> int:
    return ensure_year(ctx.store, ctx.require_year().label).id


def _line(ctx: ImportContext, year_id: int, description: str) -> BudgetLine | None:
    wanted = normalise_name(description)
    return next(
        (
            b
            for b in list_budget_lines(ctx.store, year_id)
            if normalise_name(b.description) == wanted
        ),
        None,
    )


def import_budget_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    year_id = _year_id(ctx)
    description = " ".join(values["line"].split())
    match = _line(ctx, year_id, description)
    category = _category(ctx, values, notes) if "category" in values or not match else None
    clean = {
        "year_id": year_id,
        "description": description,
        "category": category or (match.category if match else "other"),
        "budget": values["budget"],
        "notes": values.get("notes", match.notes if match else ""),
    }
    line_id = save_budget_line(ctx.store, clean, match.id if match else None)
    return Outcome("updated" if match else "imported", line_id, description, notes)


def import_spend_row(ctx: ImportContext, values: dict[str, Any]) -> Outcome:
    notes: list[str] = []
    year = ctx.require_year()
    year_id = _year_id(ctx)
    description = " ".join(values["line"].split())
    line = _line(ctx, year_id, description)
    if line is None:
        line_id = save_budget_line(
            ctx.store,
            {
                "year_id": year_id,
                "description": description,
                "category": _category(ctx, values, notes),
                "budget": abs(values["amount"]),
            },
        )
        notes.append("no such budget line, so one was made with the amount spent as its budget")
    else:
        line_id = line.id
    spent_on: dt.date = values.get("spent_on") or year.end
    if "spent_on" not in values:
        notes.append(f"no date, so the year's last day ({year.end:%d/%m/%Y})")
    entry_id = save_spend(
        ctx.store,
        {
            "budget_line_id": line_id,
            "spent_on": spent_on,
            "amount": values["amount"],
            "refund": values.get("refund", values["amount"] < 0),
            "payee": values.get("payee", ""),
            "reference": values.get("reference", ""),
            "description": values.get("description", description),
        },
    )
    return Outcome("imported", entry_id, f"{description}: spend", notes)


def export_budget(store: Store) -> list[dict[str, Any]]:
    years = list_years(store)
    if not years:
        return []
    return [
        {"line": b.description, "category": b.category, "budget": b.budget, "notes": b.notes}
        for b in list_budget_lines(store, years[-1].id)
    ]


def export_spend(store: Store) -> list[dict[str, Any]]:
    years = list_years(store)
    if not years:
        return []
    return [
        {
            "line": s.line,
            "category": s.category,
            "amount": s.amount,
            "spent_on": dt.date.fromisoformat(s.spent_on),
            "payee": s.payee,
            "reference": s.reference,
            "description": s.description,
            "refund": "yes" if s.refund else "no",
        }
        for s in list_spend(store, years[-1].id)
    ]


BUDGET = ImportKind(
    key="budget",
    label="Budget lines",
    description="A year's budget lines (--year) by category, matched by description.",
    fields=BUDGET_FIELDS,
    import_row=import_budget_row,
    needs_year=True,
    export_rows=export_budget,
)
SPEND = ImportKind(
    key="spend",
    label="Spend",
    description="Money spent in a year (--year) against its budget lines, found by description "
    "(a line is made for one not found).",
    fields=SPEND_FIELDS,
    import_row=import_spend_row,
    needs_year=True,
    export_rows=export_spend,
)
KIND = BUDGET
