"""Contributions: amounts, one per organisation and year, status, deleting."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.funding import add_contribution, add_organisation

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.contributions import (
    delete_contribution,
    get_contribution,
    save_contribution,
)
from lscp_desktop.models.finance.payments import delete_payment, list_payments, record_payment
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import save_year
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2025, 11, 22)


def test_text_in_an_amount_field_is_refused(store: Store, year: FinanceYear) -> None:
    org = add_organisation(store, "Northshire Police", "statutory partner")
    with pytest.raises(ValidationError, match="'five thousand' is not an amount") as err:
        save_contribution(
            store, {"year_id": year.id, "organisation_id": org, "agreed": "five thousand"}
        )
    assert err.value.field == "agreed"
    assert store.count("contributions") == 0


def test_a_negative_agreed_amount_is_refused(store: Store, year: FinanceYear) -> None:
    org = add_organisation(store, "Cafcass")
    with pytest.raises(ValidationError, match="cannot be negative"):
        save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "-550"})
    assert store.count("contributions") == 0


def test_two_contributions_for_one_organisation_in_one_year(
    store: Store, year: FinanceYear
) -> None:
    cid = add_contribution(store, year, "Northshire Police", "5,000")
    org = get_contribution(store, cid).organisation_id
    with pytest.raises(ValidationError, match="Northshire Police already has a contribution"):
        save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "1"})
    assert store.count("contributions") == 1
    # Editing the one contribution is fine; another year is fine.
    save_contribution(store, {"year_id": year.id, "organisation_id": org, "agreed": "6000"}, cid)
    assert get_contribution(store, cid).agreed == 6_000_00
    nxt = save_year(store, {"label": "2026/27"})
    save_contribution(store, {"year_id": nxt, "organisation_id": org, "agreed": "6000"})


def test_status_follows_invoice_payments_and_dates(store: Store, year: FinanceYear) -> None:
    cid = add_contribution(store, year, "Cafcass", "550")

    def status(on: dt.date = TODAY) -> str:
        return get_contribution(store, cid, today=on).status

    assert status() == "agreed"
    c = get_contribution(store, cid)
    values = {"year_id": year.id, "organisation_id": c.organisation_id, "agreed": "550"}
    save_contribution(store, {**values, "invoice_ref": "INV-1", "invoice_date": "01/11/2025"}, cid)
    assert status() == "invoiced"
    assert get_contribution(store, cid).due_on == "2025-12-01"  # 30 days' terms by default
    assert status(dt.date(2025, 12, 2)) == "overdue"
    record_payment(store, cid, {"paid_on": "20/11/2025", "amount": "200"})
    assert status() == "part-paid"
    assert status(dt.date(2025, 12, 2)) == "overdue"  # still short after the due date
    record_payment(store, cid, {"paid_on": "21/11/2025", "amount": "350"})
    assert status(dt.date(2026, 3, 1)) == "paid"
    save_contribution(store, {**values, "waived": True}, cid)
    assert status() == "waived"
    assert get_contribution(store, cid).outstanding == 0


def test_a_contribution_with_payments_cannot_be_deleted(store: Store, year: FinanceYear) -> None:
    cid = add_contribution(store, year, "Cafcass", "550", invoice_date="2025-05-01")
    record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "50"})
    with pytest.raises(ValidationError, match="delete the payments first"):
        delete_contribution(store, cid)
    delete_payment(store, list_payments(store, cid)[0].id)
    delete_contribution(store, cid)
    assert store.count("contributions") == 0
