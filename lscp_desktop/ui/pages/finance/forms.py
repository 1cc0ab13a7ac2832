"""What each finance New/Edit form asks and saves, one function per form.

Each shows a :class:`RecordDialog` over *parent* and returns what its save returned (the record's
id), or None when nothing was saved; the page then reloads the year and says what changed. An Edit
form saves over the version of the record it opened only (a colleague's change since is offered
back, :mod:`lscp_desktop.ui.conflict`); when the user keeps theirs it returns :data:`KEPT_THEIRS`,
and the page reloads the year to show them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import payments
from lscp_desktop.models.finance.budget import get_budget_line, save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import get_contribution, save_contribution
from lscp_desktop.models.finance.in_kind import save_in_kind
from lscp_desktop.models.finance.records import (
    BudgetLine,
    Contribution,
    FinanceYear,
    InKind,
    Reserve,
    SpendEntry,
)
from lscp_desktop.models.finance.reserves import save_movement, save_reserve
from lscp_desktop.models.finance.years import get_year_by_id, list_years, save_year
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.finance import columns as cols

#: What an Edit form returns when the user kept a colleague's changes instead of saving.
KEPT_THEIRS = "kept theirs"


def _edit(
    parent: QWidget,
    opened: OpenedRecord | None,
    table: str,
    title: str,
    fields: list[Field],
    values: dict[str, Any],
    save: Any,
) -> Any:
    """The Edit form of the record *opened* (before its *values* were read): saved over that
    version only."""
    result = RecordDialog.ask(parent, title, fields, values, save, table=table, opened=opened)
    if result is None and opened is not None and opened.reloaded:
        return KEPT_THEIRS
    return result


# ---- years ----------------------------------------------------------------------------------


def new_year(parent: QWidget, store: Store) -> Any:
    years = list_years(store)
    suggested = (years[-1].fy.next() if years else FinancialYear.containing(dt.date.today())).label
    return RecordDialog.ask(
        parent,
        "New financial year",
        cols.year_fields(),
        {"label": suggested},
        lambda v: save_year(store, v),
        table="finance_years",
    )


def edit_year(parent: QWidget, store: Store, year: FinanceYear) -> Any:
    opened = OpenedRecord.open(store, "finance_years", year.id)
    year = get_year_by_id(store, year.id)  # read after its version: a change since is refused
    return _edit(
        parent,
        opened,
        "finance_years",
        f"Financial year {year.label}",
        cols.year_fields(),
        {"label": year.label, "opening_reserve": format_money(year.opening_reserve),
         "notes": year.notes},
        lambda v: save_year(store, v, year.id),
    )  # fmt: skip


# ---- contributions ------------------------------------------------------------------------


def new_contribution(parent: QWidget, store: Store, year: FinanceYear) -> Any:
    return RecordDialog.ask(
        parent,
        f"New contribution for {year.label}",
        cols.contribution_fields(store),
        {"waived": False},
        lambda v: save_contribution(store, {**v, "year_id": year.id}),
        table="contributions",
    )


def edit_contribution(parent: QWidget, store: Store, c: Contribution, year_label: str) -> Any:
    opened = OpenedRecord.open(store, "contributions", c.id)
    c = get_contribution(store, c.id)  # read after its version: a change since is refused
    return _edit(
        parent,
        opened,
        "contributions",
        f"Contribution: {c.organisation}, {year_label}",
        cols.contribution_fields(store),
        {
            "organisation_id": c.organisation_id,
            "agreed": format_money(c.agreed),
            "invoice_ref": c.invoice_ref,
            "invoice_date": c.invoice_date,
            "due_date": c.due_date,
            "waived": c.waived,
            "notes": c.notes,
        },
        lambda v: save_contribution(store, {**v, "year_id": c.year_id}, c.id),
    )


#: The title of the question each doubtful payment asks.
PAYMENT_QUESTIONS = {
    payments.OVERPAYMENT: "More than agreed",
    payments.NOT_INVOICED: "Not invoiced yet",
    payments.OUTSIDE_YEAR: "Outside the financial year",
}


def record_payment(parent: QWidget, store: Store, c: Contribution, year_label: str) -> Any:
    """A payment against *c*; one that looks wrong (more than agreed, not invoiced yet, dated
    outside the year) is recorded only if the user agrees to each question."""

    def save(values: dict[str, Any]) -> int:
        confirmed: set[str] = set()
        while True:
            try:
                return payments.record_payment(store, c.id, values, confirmed=confirmed)
            except payments.PaymentQuestion as exc:
                answer = QMessageBox.question(
                    parent, PAYMENT_QUESTIONS[exc.question], f"{exc}\n\nRecord this payment anyway?"
                )
                if answer != QMessageBox.StandardButton.Yes:
                    raise ValidationError(f"{exc} Not recorded.", exc.field) from None
                confirmed.add(exc.question)

    invoice = f"invoiced {uk(c.invoice_date)}" if c.invoice_date else "not invoiced yet"
    return RecordDialog.ask(
        parent,
        f"Record a payment from {c.organisation}",
        cols.payment_fields(),
        {
            "paid_on": dt.date.today().isoformat(),
            "amount": format_money(c.outstanding) if c.outstanding > 0 else "",
            "refund": False,
        },
        save,
        table="contribution_payments",
        intro=f"From {c.organisation}, for its {year_label} contribution of "
        f"{format_money(c.agreed)} ({invoice}; {format_money(c.received)} received so far).",
    )


# ---- in kind --------------------------------------------------------------------------------


def new_in_kind(parent: QWidget, store: Store, year: FinanceYear) -> Any:
    return RecordDialog.ask(
        parent,
        f"New in-kind contribution for {year.label}",
        cols.in_kind_fields(store),
        {},
        lambda v: save_in_kind(store, {**v, "year_id": year.id}),
        table="in_kind_contributions",
    )


def edit_in_kind(parent: QWidget, store: Store, k: InKind) -> Any:
    values = {"organisation_id": k.organisation_id, "description": k.description,
              "notional": format_money(k.notional), "notes": k.notes}  # fmt: skip
    return _edit(
        parent,
        OpenedRecord.open(store, "in_kind_contributions", k.id),
        "in_kind_contributions",
        "In-kind contribution",
        cols.in_kind_fields(store),
        values,
        lambda v: save_in_kind(store, {**v, "year_id": k.year_id}, k.id),
    )


# ---- budget and spend -------------------------------------------------------------------------


def new_budget_line(parent: QWidget, store: Store, year: FinanceYear) -> Any:
    return RecordDialog.ask(
        parent,
        f"New budget line for {year.label}",
        cols.budget_fields(),
        {"category": "staffing"},
        lambda v: save_budget_line(store, {**v, "year_id": year.id}),
        table="budget_lines",
    )


def edit_budget_line(parent: QWidget, store: Store, b: BudgetLine) -> Any:
    opened = OpenedRecord.open(store, "budget_lines", b.id)
    b = get_budget_line(store, b.id)  # read after its version: a change since is refused
    values = {"category": b.category, "description": b.description,
              "budget": format_money(b.budget), "notes": b.notes}  # fmt: skip
    return _edit(
        parent,
        opened,
        "budget_lines",
        "Budget line",
        cols.budget_fields(),
        values,
        lambda v: save_budget_line(store, {**v, "year_id": b.year_id}, b.id),
    )


def new_spend(
    parent: QWidget,
    store: Store,
    year: FinanceYear,
    lines: list[BudgetLine],
    selected: BudgetLine | None,
) -> Any:
    """Spend against one of *lines* (*selected* first), dated today if today is in the year."""
    today = dt.date.today()
    day = today if year.fy.start <= today <= year.fy.end else year.fy.end
    return RecordDialog.ask(
        parent,
        f"New spend in {year.label}",
        cols.spend_fields(lines),
        {
            "budget_line_id": selected.id if selected else None,
            "spent_on": day.isoformat(),
            "refund": False,
        },
        lambda v: save_spend(store, v),
        table="spend_entries",
    )


def edit_spend(parent: QWidget, store: Store, s: SpendEntry, lines: list[BudgetLine]) -> Any:
    values = {"budget_line_id": s.budget_line_id, "spent_on": s.spent_on,
              "amount": format_money(abs(s.amount)), "refund": s.refund, "payee": s.payee,
              "description": s.description, "reference": s.reference}  # fmt: skip
    return _edit(
        parent,
        OpenedRecord.open(store, "spend_entries", s.id),
        "spend_entries",
        "Spend",
        cols.spend_fields(lines),
        values,
        lambda v: save_spend(store, v, s.id),
    )


# ---- reserves -------------------------------------------------------------------------------


def new_reserve(parent: QWidget, store: Store) -> Any:
    return RecordDialog.ask(
        parent,
        "New earmarked reserve",
        cols.reserve_fields(),
        {},
        lambda v: save_reserve(store, v),
        table="reserves",
    )


def new_movement(parent: QWidget, store: Store, year: FinanceYear, reserves: list[Reserve]) -> Any:
    return RecordDialog.ask(
        parent,
        f"Reserve movement in {year.label}",
        cols.movement_fields(reserves),
        {"direction": "transfer in", "moved_on": year.fy.end.isoformat()},
        lambda v: save_movement(store, {**v, "year_id": year.id}),
        table="reserve_movements",
    )
