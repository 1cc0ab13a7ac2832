"""Money received against a contribution: part payments, payment in full, refunds, and the
warning when more would be received than was agreed."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.contributions import get_contribution
from lscp_desktop.models.finance.fields import parse_amount, required_date, text
from lscp_desktop.models.finance.records import Payment
from lscp_desktop.models.store.database import Row, Store


class OverpaymentWarning(ValidationError):
    """A payment would take the money received above the agreed amount.

    Not refused outright (partners do overpay, and a refund can follow): the caller asks the
    user and, if they confirm, records it again with ``allow_overpayment=True``.
    """


def list_payments(store: Store, contribution_id: int) -> list[Payment]:
    return [
        Payment(**{**r, "refund": bool(r["refund"])})
        for r in queries.payments_of_contribution(store, contribution_id)
    ]


def record_payment(
    store: Store,
    contribution_id: int,
    values: dict[str, Any],
    *,
    allow_overpayment: bool = False,
) -> int:
    """Record money received against a contribution (a part payment, or all of it).

    *values*: paid_on, amount, refund (a negative amount is only accepted as a refund, and a
    refund of a positive amount is stored as negative), reference, notes. Taking the total
    received above the agreed amount raises :class:`OverpaymentWarning` unless
    *allow_overpayment*.
    """
    refund = bool(values.get("refund"))
    amount = parse_amount(values.get("amount"), "amount received", "amount", allow_negative=True)
    if amount == 0:
        raise ValidationError("Enter an amount other than £0.", "amount")
    if amount < 0 and not refund:
        raise ValidationError(
            "An amount received cannot be negative. If money was paid back to the partner, "
            "tick 'Refund' and enter the amount refunded.",
            "amount",
        )
    if refund:
        amount = -abs(amount)
    paid_on = required_date(values, "paid_on", "date received")
    clean: dict[str, Any] = {
        "contribution_id": contribution_id,
        "paid_on": paid_on,
        "amount_pence": amount,
        "refund": int(refund),
        "reference": text(values, "reference"),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        c = get_contribution(store, contribution_id)
        received = c.received + amount
        if received < 0:
            raise ValidationError(
                f"The refund of {format_money(-amount)} is more than the "
                f"{format_money(c.received)} received from {c.organisation}.",
                "amount",
            )
        if received > c.agreed and amount > 0 and not allow_overpayment:
            raise OverpaymentWarning(
                f"With this payment {c.organisation} will have paid {format_money(received)}, "
                f"{format_money(received - c.agreed)} more than the {format_money(c.agreed)} "
                "agreed. Check the amount; record it only if the extra really was received.",
                "amount",
            )
        return store.insert("contribution_payments", clean)


def delete_payment(store: Store, payment_id: int) -> Row:
    return store.delete("contribution_payments", payment_id)
