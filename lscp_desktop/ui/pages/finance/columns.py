"""What each finance table shows: columns over the finance records, and form fields."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtGui import QColor

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.analysis import format_share
from lscp_desktop.models.finance.records import (
    BUDGET_CATEGORIES,
    IN_KIND_EXAMPLES,
    MOVEMENT_DIRECTIONS,
    BudgetLine,
    Contribution,
    InKind,
    Payment,
    Reserve,
    ReserveBalance,
    ReserveMovement,
    SpendEntry,
    YearOnYear,
)
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.forms import Field
from lscp_desktop.ui.table import Column

STATUS_COLOURS = {
    "overdue": QColor("#f4c7c3"),
    "part-paid": QColor("#fce8b2"),
    "paid": QColor("#c9e7c9"),
    "waived": QColor("#e3e7ee"),
    "invoiced": QColor("#cfe2f3"),
}
OVERSPENT = QColor("#f4c7c3")


def money(pence: int | None) -> str:
    return format_money(pence)


def contribution_columns(shares: dict[int, Fraction | None]) -> list[Column[Contribution]]:
    """Shares come from the page (they depend on the whole year), keyed by contribution id."""
    return [
        Column("Organisation", lambda c: c.organisation, stretch=True),
        Column("Kind", lambda c: c.organisation_kind),
        Column("Agreed", lambda c: money(c.agreed), sort_key=lambda c: c.agreed, align_right=True),
        Column(
            "Invoiced",
            lambda c: f"{c.invoice_ref} {uk(c.invoice_date)}".strip(),
            sort_key=lambda c: c.invoice_date or "",
        ),
        Column(
            "Received", lambda c: money(c.received), sort_key=lambda c: c.received, align_right=True
        ),
        Column(
            "Outstanding",
            lambda c: money(c.outstanding) + (" (overpaid)" if c.outstanding < 0 else ""),
            sort_key=lambda c: c.outstanding,
            align_right=True,
        ),
        Column(
            "Status",
            lambda c: c.status,
            background=lambda c: STATUS_COLOURS.get(c.status),
            tooltip=lambda c: f"Due {uk(c.due_on)}" if c.due_on else "No invoice yet",
        ),
        Column(
            "Share",
            lambda c: format_share(shares.get(c.id)),
            sort_key=lambda c: shares.get(c.id) or Fraction(0),
            align_right=True,
        ),
        Column("Due", lambda c: uk(c.due_on), sort_key=lambda c: c.due_on or ""),
        Column("Notes", lambda c: c.notes.replace("\n", " ")),
    ]


def in_kind_columns() -> list[Column[InKind]]:
    return [
        Column("Organisation", lambda k: k.organisation),
        Column("What is given", lambda k: k.description, stretch=True),
        Column(
            "Notional value",
            lambda k: money(k.notional) if k.notional is not None else "—",
            sort_key=lambda k: k.notional,
            align_right=True,
        ),
        Column("Notes", lambda k: k.notes.replace("\n", " ")),
    ]


def budget_columns() -> list[Column[BudgetLine]]:
    return [
        Column("Line", lambda b: str(b.position), sort_key=lambda b: b.position, align_right=True),
        Column("Category", lambda b: b.category),
        Column("Budget line", lambda b: b.description, stretch=True),
        Column("Budget", lambda b: money(b.budget), sort_key=lambda b: b.budget, align_right=True),
        Column("Actual", lambda b: money(b.actual), sort_key=lambda b: b.actual, align_right=True),
        Column(
            "Variance",
            lambda b: money(b.variance),
            sort_key=lambda b: b.variance,
            align_right=True,
            background=lambda b: OVERSPENT if b.variance < 0 else None,
            tooltip=lambda b: "Overspent" if b.variance < 0 else "Within budget",
        ),
        Column(
            "Spent",
            lambda b: format_share(Fraction(b.actual, b.budget)) if b.budget else "—",
            sort_key=lambda b: Fraction(b.actual, b.budget) if b.budget else None,
            align_right=True,
        ),
        Column("Entries", lambda b: str(b.entries), sort_key=lambda b: b.entries, align_right=True),
    ]


def spend_columns() -> list[Column[SpendEntry]]:
    return [
        Column("Date", lambda s: uk(s.spent_on), sort_key=lambda s: s.spent_on),
        Column("Budget line", lambda s: s.line),
        Column("Category", lambda s: s.category),
        Column("Payee", lambda s: s.payee),
        Column("Description", lambda s: s.description, stretch=True),
        Column("Reference", lambda s: s.reference),
        Column(
            "Amount",
            lambda s: money(s.amount) + (" (refund)" if s.refund else ""),
            sort_key=lambda s: s.amount,
            align_right=True,
        ),
    ]


def reserve_columns() -> list[Column[ReserveBalance]]:
    return [
        Column("Reserve", lambda r: r.name),
        Column("Opening", lambda r: money(r.opening), sort_key=lambda r: r.opening,
               align_right=True),
        Column("In year", lambda r: money(r.movements), sort_key=lambda r: r.movements,
               align_right=True),
        Column("Closing", lambda r: money(r.closing), sort_key=lambda r: r.closing,
               align_right=True),
        Column("Purpose", lambda r: r.purpose, stretch=True),
    ]  # fmt: skip


def movement_columns() -> list[Column[ReserveMovement]]:
    return [
        Column("Date", lambda m: uk(m.moved_on), sort_key=lambda m: m.moved_on),
        Column("Reserve", lambda m: m.reserve),
        Column("Movement", lambda m: "transfer in" if m.amount > 0 else "drawdown"),
        Column("Amount", lambda m: money(abs(m.amount)), sort_key=lambda m: m.amount,
               align_right=True),
        Column("Description", lambda m: m.description, stretch=True),
    ]  # fmt: skip


def year_on_year_columns(previous: str, current: str) -> list[Column[YearOnYear]]:
    return [
        Column("Organisation", lambda y: y.organisation, stretch=True),
        Column("Kind", lambda y: y.kind),
        Column(previous, lambda y: money(y.previous) if y.previous is not None else "—",
               sort_key=lambda y: y.previous, align_right=True),
        Column(current, lambda y: money(y.current) if y.current is not None else "—",
               sort_key=lambda y: y.current, align_right=True),
        Column("Change", lambda y: money(y.change), sort_key=lambda y: y.change,
               align_right=True),
        Column("Change %", lambda y: format_share(y.change_fraction),
               sort_key=lambda y: y.change_fraction, align_right=True),
    ]  # fmt: skip


def payment_columns() -> list[Column[Payment]]:
    return [
        Column("Date received", lambda p: uk(p.paid_on), sort_key=lambda p: p.paid_on),
        Column("Amount", lambda p: money(p.amount) + (" (refund)" if p.refund else ""),
               sort_key=lambda p: p.amount, align_right=True),
        Column("Reference", lambda p: p.reference),
        Column("Notes", lambda p: p.notes, stretch=True),
    ]  # fmt: skip


# --------------------------------------------------------------------------- form fields


def organisation_options(store: Store) -> list[tuple[str, object]]:
    from lscp_desktop.models.membership.organisations import list_organisations

    return [(o.name, o.id) for o in list_organisations(store) if o.active]


def contribution_fields(store: Store) -> list[Field]:
    return [
        Field("organisation_id", "Organisation", "ref", optional=False,
              options=lambda: organisation_options(store)),
        Field("agreed", "Agreed amount (£)", optional=False, placeholder="e.g. 45,000"),
        Field("invoice_ref", "Invoice reference"),
        Field("invoice_date", "Invoice date", "date"),
        Field("due_date", "Due date", "date",
              placeholder="dd/mm/yyyy (empty: invoice date plus the payment terms)"),
        Field("waived", "Waived by the partnership", "check"),
        Field("notes", "Notes", "multiline"),
    ]  # fmt: skip


def payment_fields() -> list[Field]:
    return [
        Field("paid_on", "Date received", "date", optional=False),
        Field("amount", "Amount received (£)", optional=False),
        Field("refund", "Refund (money paid back to the partner)", "check"),
        Field("reference", "Reference", placeholder="e.g. BACS remittance number"),
        Field("notes", "Notes", "multiline"),
    ]


def in_kind_fields(store: Store) -> list[Field]:
    return [
        Field("organisation_id", "Organisation", "ref", optional=False,
              options=lambda: organisation_options(store)),
        Field("description", "What is given", optional=False,
              placeholder="e.g. " + ", ".join(IN_KIND_EXAMPLES[:3])),
        Field("notional", "Notional value (£, optional)"),
        Field("notes", "Notes", "multiline"),
    ]  # fmt: skip


def budget_fields() -> list[Field]:
    return [
        Field("category", "Category", "choice", choices=BUDGET_CATEGORIES),
        Field("description", "Budget line", optional=False),
        Field("budget", "Budgeted amount (£)", optional=False),
        Field("notes", "Notes", "multiline"),
    ]


def spend_fields(lines: list[BudgetLine]) -> list[Field]:
    return [
        Field("budget_line_id", "Budget line", "ref", optional=False,
              options=lambda: [(f"{b.position}. {b.description}", b.id) for b in lines]),
        Field("spent_on", "Date", "date", optional=False),
        Field("amount", "Amount (£)", optional=False),
        Field("refund", "Refund or credit (money coming back)", "check"),
        Field("payee", "Payee"),
        Field("description", "Description"),
        Field("reference", "Reference", placeholder="e.g. purchase order or invoice number"),
    ]  # fmt: skip


def year_fields() -> list[Field]:
    return [
        Field("label", "Financial year", optional=False, placeholder="e.g. 2026/27"),
        Field("opening_reserve", "Opening reserve brought forward (£)"),
        Field("notes", "Notes", "multiline"),
    ]


def reserve_fields() -> list[Field]:
    return [
        Field("name", "Name", optional=False, placeholder="e.g. Practice review reserve"),
        Field("purpose", "Purpose", "multiline"),
    ]


def movement_fields(reserves: list[Reserve]) -> list[Field]:
    return [
        Field("reserve_id", "Reserve", "ref", optional=False,
              options=lambda: [(r.name, r.id) for r in reserves if r.active]),
        Field("direction", "Movement", "choice", choices=MOVEMENT_DIRECTIONS),
        Field("moved_on", "Date", "date", optional=False),
        Field("amount", "Amount (£)", optional=False),
        Field("description", "Description"),
    ]  # fmt: skip
