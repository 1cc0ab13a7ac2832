"""Payments against contributions: part payments, overpayment, refunds."""

from __future__ import annotations

import pytest
from helpers.funding import add_contribution

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.contributions import get_contribution, outstanding
from lscp_desktop.models.finance.payments import OverpaymentWarning, list_payments, record_payment
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.store.database import Store


def test_part_payments_and_the_outstanding_amount(store: Store, year: FinanceYear) -> None:
    cid = add_contribution(store, year, "NHS North Thames ICB", "47,740")
    record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "23,870.50"})
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
    cid = add_contribution(store, year, "Cafcass", "550")
    record_payment(store, cid, {"paid_on": "2025-06-01", "amount": "500"})
    with pytest.raises(OverpaymentWarning, match="£50 more than the £550 agreed"):
        record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"})
    assert get_contribution(store, cid).received == 500_00
    record_payment(store, cid, {"paid_on": "2025-06-02", "amount": "100"}, allow_overpayment=True)
    c = get_contribution(store, cid)
    assert (c.received, c.outstanding, c.status) == (600_00, -50_00, "paid")


def test_a_negative_payment_is_only_a_flagged_refund(store: Store, year: FinanceYear) -> None:
    cid = add_contribution(store, year, "Cafcass", "550")
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
