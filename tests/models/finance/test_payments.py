"""Payments against contributions: part payments, overpayment, refunds."""

from __future__ import annotations

import pytest
from helpers.funding import add_contribution

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.contributions import get_contribution, outstanding
from lscp_desktop.models.finance.payments import (
    NOT_INVOICED,
    OUTSIDE_YEAR,
    OVERPAYMENT,
    NotInvoicedWarning,
    OutsideYearWarning,
    OverpaymentWarning,
    list_payments,
    record_payment,
)
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.store.database import Store


def invoiced(store: Store, year: FinanceYear, name: str, agreed: str) -> int:
    """A contribution invoiced at the start of the year, so payments in it ask nothing."""
    return add_contribution(store, year, name, agreed, invoice_date=year.fy.start.isoformat())


def test_part_payments_and_the_outstanding_amount(store: Store, year: FinanceYear) -> None:
    cid = add_contribution(store, year, "NHS North Thames ICB", "47,740")
    record_payment(
        store, cid, {"paid_on": "2025-06-01", "amount": "23,870.50"}, confirmed={NOT_INVOICED}
    )
    c = get_contribution(store, cid)
    assert (c.received, c.outstanding, c.status, c.payments) == (
        23_870_50,
        23_869_50,
        "part-paid",
        1,
    )
    assert [p.amount for p in list_payments(store, cid)] == [23_870_50]
    assert [x.id for x in outstanding(store, year.id)] == [cid]


def test_more_received_than_agreed_warns_and_saves_nothing(store: Store, year: FinanceYear) -> None:
    cid = invoiced(store, year, "Cafcass", "550")
    record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "500"})
    with pytest.raises(OverpaymentWarning, match="£50 more than the £550 agreed"):
        record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"})
    assert get_contribution(store, cid).received == 500_00
    record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"}, confirmed={OVERPAYMENT})
    c = get_contribution(store, cid)
    assert (c.received, c.outstanding, c.status) == (600_00, -50_00, "paid")


def test_a_negative_payment_is_only_a_flagged_refund(store: Store, year: FinanceYear) -> None:
    cid = invoiced(store, year, "Cafcass", "550")
    record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "550"})
    with pytest.raises(ValidationError, match="tick 'Refund'"):
        record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "-50"})
    with pytest.raises(ValidationError, match="other than £0"):
        record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "0"})
    with pytest.raises(ValidationError, match="more than the £550 received"):
        record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "600", "refund": True})
    assert store.count("contribution_payments") == 1
    record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "50", "refund": True})
    payments = list_payments(store, cid)
    assert [(p.amount, p.refund) for p in payments] == [(550_00, False), (-50_00, True)]
    assert get_contribution(store, cid).outstanding == 50_00


def test_a_payment_before_the_invoice_or_outside_the_year_asks_first(
    store: Store, year: FinanceYear
) -> None:
    """A payment dated today against next year's contribution, not invoiced: two questions,
    nothing saved until both are confirmed."""
    cid = add_contribution(store, year, "Northshire Police", "10,000")
    start = year.fy.start
    with pytest.raises(NotInvoicedWarning, match="was not invoiced yet"):
        record_payment(store, cid, {"paid_on": start.isoformat(), "amount": "500"})
    outside = start.replace(year=start.year - 1).isoformat()
    with pytest.raises(OutsideYearWarning, match="before the year starts"):
        record_payment(store, cid, {"paid_on": outside, "amount": "500"}, confirmed={NOT_INVOICED})
    assert store.count("contribution_payments") == 0
    record_payment(
        store, cid, {"paid_on": outside, "amount": "500"}, confirmed={NOT_INVOICED, OUTSIDE_YEAR}
    )
    assert get_contribution(store, cid).received == 500_00
    # Once invoiced, a payment in the year after the invoice asks nothing.
    later = add_contribution(
        store, year, "Northshire Fire", "1,000", invoice_date=start.replace(month=6).isoformat()
    )
    with pytest.raises(NotInvoicedWarning, match="not invoiced until"):
        record_payment(store, later, {"paid_on": start.isoformat(), "amount": "100"})
    record_payment(store, later, {"paid_on": start.replace(month=7).isoformat(), "amount": "100"})
