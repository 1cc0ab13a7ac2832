"""What each finance New/Edit form asks and saves, one function per form.

Each shows a :class:`RecordDialog` over *parent* and returns what its save returned (the record's
id), or None when nothing was saved; the page then reloads the year and says what changed. An Edit
form saves over the version of the record it opened only (a colleague's change since is offered
back, :mod:`lscp_desktop.ui.conflict`); when the user keeps theirs it returns :data:`KEPT_THEIRS`,
and the page reloads the year to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import payments
from lscp_desktop.models.finance.budget import save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import save_contribution
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
from lscp_desktop.models.finance.years import list_years, save_year
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import OpenedRecord
from lscp_desktop.ui.forms import Field, RecordDialog
from lscp_desktop.ui.pages.finance import columns as cols

#: What an Edit form returns when the user kept a colleague's changes instead of saving.
KEPT_THEIRS = "kept theirs"
#: What an Edit form returns when its record was deleted (by a colleague) before it opened.
GONE = "gone"


class _Opened(OpenedRecord):
    """A finance record opened for editing; a colleague's version is shown as the form shows
    values (money in pounds, the year as its label)."""

    def take_theirs(self) -> dict[str, Any]:
        return form_values(super().take_theirs())


def form_values(row: dict[str, Any]) -> dict[str, Any]:
    """A stored finance row as its form shows it: ``agreed_pence`` as "agreed" in pounds (a
    spend or refund's amount without its sign, the refund box saying which), ``start_year``
    as the year's "label"."""
    values = dict(row)
    for key, pence in row.items():
        if key.endswith("_pence"):
            shown = abs(pence) if key == "amount_pence" and pence is not None else pence
            values[key.removesuffix("_pence")] = format_money(shown)
    if row.get("start_year") is not None:
        values["label"] = FinancialYear(int(row["start_year"])).label
    return values


def _edit(
    parent: QWidget,
    store: Store,
    table: str,
    record_id: int,
    title: str,
    fields: list[Field],
    save: Callable[[dict[str, Any]], Any],
) -> Any:
    """The Edit form of one record, its values and version read together: saved over that
    version only; :data:`KEPT_THEIRS` when the user kept a colleague's changes instead."""
    try:
        row = store.require(table, record_id)
    except NotFoundError:
        QMessageBox.information(parent, title, "This is no longer there: a colleague has "
                                "deleted it. The page now shows what there is.")  # fmt: skip
        return GONE
    opened = _Opened.open(store, table, record_id, row.get("row_version"))
    result = RecordDialog.ask(
        parent, title, fields, form_values(row), save, table=table, opened=opened
    )
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
    return _edit(
        parent,
        store,
        "finance_years",
        year.id,
        f"Financial year {year.label}",
        cols.year_fields(),
        lambda v: save_year(store, v, year.id),
    )


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
    return _edit(
        parent,
        store,
        "contributions",
        c.id,
        f"Contribution: {c.organisation}, {year_label}",
        cols.contribution_fields(store),
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
    return _edit(
        parent,
        store,
        "in_kind_contributions",
        k.id,
        "In-kind contribution",
        cols.in_kind_fields(store),
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
    return _edit(
        parent,
        store,
        "budget_lines",
        b.id,
        "Budget line",
        cols.budget_fields(),
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
    return _edit(
        parent,
        store,
        "spend_entries",
        s.id,
        "Spend",
        cols.spend_fields(lines),
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
