"""Partners' contributions: one agreed amount per organisation and year, its invoice, due date
and status (agreed → invoiced → part-paid → paid, overdue, waived)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import optional_date, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.fields import parse_amount, text
from lscp_desktop.models.finance.records import Contribution
from lscp_desktop.models.finance.years import get_year_by_id
from lscp_desktop.models.membership.organisations import get_organisation
from lscp_desktop.models.store.database import Row, Store


def contribution_status(
    *,
    agreed: int,
    received: int,
    waived: bool,
    invoice_date: str | None,
    due_on: str | None,
    today: dt.date,
) -> str:
    """agreed → invoiced → part-paid → paid, or overdue once the due date has passed unpaid;
    waived when the partnership has let the contribution go."""
    if waived:
        return "waived"
    if received >= agreed and (agreed > 0 or received > 0):
        return "paid"
    if due_on and today.isoformat() > due_on:
        return "overdue"
    if received > 0:
        return "part-paid"
    if invoice_date:
        return "invoiced"
    return "agreed"


def _contribution(row: Row, today: dt.date, terms: int) -> Contribution:
    due_on = row["due_date"]
    if not due_on and row["invoice_date"]:
        due_on = (dt.date.fromisoformat(row["invoice_date"]) + dt.timedelta(days=terms)).isoformat()
    c = Contribution(
        id=row["id"],
        year_id=row["year_id"],
        organisation_id=row["organisation_id"],
        organisation=row["organisation"],
        organisation_kind=row["organisation_kind"],
        agreed=row["agreed_pence"],
        received=row["received"],
        invoice_ref=row["invoice_ref"],
        invoice_date=row["invoice_date"],
        due_date=row["due_date"],
        waived=bool(row["waived"]),
        notes=row["notes"],
        payments=row["payments"],
        due_on=due_on,
    )
    c.status = contribution_status(
        agreed=c.agreed,
        received=c.received,
        waived=c.waived,
        invoice_date=c.invoice_date,
        due_on=due_on,
        today=today,
    )
    return c


def list_contributions(
    store: Store, year_id: int, *, today: dt.date | None = None
) -> list[Contribution]:
    """The year's contributions in the order they were entered (the order a table was given)."""
    today = today or dt.date.today()
    terms = settings.get_int(store, "contribution_payment_days")
    return [_contribution(r, today, terms) for r in queries.contributions_of_year(store, year_id)]


def get_contribution(
    store: Store, contribution_id: int, *, today: dt.date | None = None
) -> Contribution:
    row = queries.contribution(store, contribution_id)
    if row is None:
        raise NotFoundError(f"There is no contribution with id {contribution_id}.")
    terms = settings.get_int(store, "contribution_payment_days")
    return _contribution(row, today or dt.date.today(), terms)


def outstanding(store: Store, year_id: int, *, today: dt.date | None = None) -> list[Contribution]:
    """Contributions with money still owed, overdue first, then largest."""
    owed = [c for c in list_contributions(store, year_id, today=today) if c.outstanding > 0]
    return sorted(owed, key=lambda c: (c.status != "overdue", -c.outstanding))


def save_contribution(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change one organisation's agreed contribution for a year.

    *values*: year_id, organisation_id, agreed (text as typed or int pence), invoice_ref,
    invoice_date, due_date, waived, notes.
    """
    year_id = required_id(values, "year_id", "financial year")
    org_id = required_id(values, "organisation_id", "organisation")
    invoice_date = optional_date(values.get("invoice_date"), "invoice date")
    due_date = optional_date(values.get("due_date"), "due date")
    if invoice_date and due_date and due_date < invoice_date:
        raise ValidationError(
            f"The due date ({uk(due_date)}) is before the invoice date ({uk(invoice_date)}).",
            "due_date",
        )
    clean: dict[str, Any] = {
        "year_id": year_id,
        "organisation_id": org_id,
        "agreed_pence": parse_amount(values.get("agreed"), "agreed amount", "agreed"),
        "invoice_ref": text(values, "invoice_ref"),
        "invoice_date": invoice_date.isoformat() if invoice_date else None,
        "due_date": due_date.isoformat() if due_date else None,
        "waived": 1 if values.get("waived") else 0,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        year = get_year_by_id(store, year_id)
        org = get_organisation(store, org_id)
        clash = queries.contribution_id_of(store, year_id, org_id)
        if clash is not None and clash != record_id:
            raise ValidationError(
                f"{org.name} already has a contribution for {year.label}; change that one "
                "instead of adding another.",
                "organisation_id",
            )
        return save_record(store, "contributions", record_id, clean)


def delete_contribution(store: Store, contribution_id: int) -> Row:
    with store.transaction():
        c = get_contribution(store, contribution_id)
        if c.payments:
            raise ValidationError(
                f"{c.organisation}'s contribution has {c.payments} payment(s) recorded; delete "
                "the payments first (or mark the contribution waived).",
                "payments",
            )
        return store.delete("contributions", contribution_id)
