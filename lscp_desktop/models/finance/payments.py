"""Money received against a contribution: part payments, payment in full, refunds, and the
questions asked before a payment that looks wrong is recorded: more than agreed, a contribution
not yet invoiced, a date outside the contribution's financial year."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.contributions import get_contribution
from lscp_desktop.models.finance.fields import parse_amount, required_date, text
from lscp_desktop.models.finance.records import Contribution, Payment
from lscp_desktop.models.finance.years import get_year_by_id
from lscp_desktop.models.store.database import Row, Store

#: What a payment can need confirming (``record_payment(..., confirmed=...)``).
OVERPAYMENT = "overpayment"
NOT_INVOICED = "not invoiced"
OUTSIDE_YEAR = "outside the year"
QUESTIONS = frozenset({OVERPAYMENT, NOT_INVOICED, OUTSIDE_YEAR})


class PaymentQuestion(ValidationError):
    """A payment that may be a mistake: not refused outright (partners pay early, late and
    too much), so the caller asks the user and, if they confirm, records it again with
    :attr:`question` among ``confirmed``."""

    question = ""


class OverpaymentWarning(PaymentQuestion):
    """A payment would take the money received above the agreed amount."""

    question = OVERPAYMENT


class NotInvoicedWarning(PaymentQuestion):
    """The contribution had not been invoiced by the payment's date."""

    question = NOT_INVOICED


class OutsideYearWarning(PaymentQuestion):
    """The payment's date is outside the contribution's financial year."""

    question = OUTSIDE_YEAR


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
    confirmed: Collection[str] = (),
) -> int:
    """Record money received against a contribution (a part payment, or all of it).

    *values*: paid_on, amount, refund (a negative amount is only accepted as a refund, and a
    refund of a positive amount is stored as negative), reference, notes. A payment (not a
    refund) raises a :class:`PaymentQuestion` unless its question is *confirmed*: dated before
    the contribution was invoiced (or with no invoice), dated outside its financial year, or
    taking the total received above the agreed amount.
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
        if amount > 0:
            _ask_about_dates(store, c, paid_on, confirmed)
        received = c.received + amount
        if received < 0:
            raise ValidationError(
                f"The refund of {format_money(-amount)} is more than the "
                f"{format_money(c.received)} received from {c.organisation}.",
                "amount",
            )
        if received > c.agreed and amount > 0 and OVERPAYMENT not in confirmed:
            raise OverpaymentWarning(
                f"With this payment {c.organisation} will have paid {format_money(received)}, "
                f"{format_money(received - c.agreed)} more than the {format_money(c.agreed)} "
                "agreed. Check the amount; record it only if the extra really was received.",
                "amount",
            )
        return store.insert("contribution_payments", clean)


def _ask_about_dates(
    store: Store, c: Contribution, paid_on: str, confirmed: Collection[str]
) -> None:
    year = get_year_by_id(store, c.year_id).fy
    if NOT_INVOICED not in confirmed and (c.invoice_date is None or c.invoice_date > paid_on):
        when = f"until {uk(c.invoice_date)}" if c.invoice_date else "yet"
        raise NotInvoicedWarning(
            f"{c.organisation}'s {year.label} contribution was not invoiced {when}; this payment "
            f"is dated {uk(paid_on)}. Check it is for this contribution, not another year's.",
            "paid_on",
        )
    if (
        OUTSIDE_YEAR not in confirmed
        and not year.start.isoformat() <= paid_on <= year.end.isoformat()
    ):
        side = "before the year starts" if paid_on < year.start.isoformat() else "after it ended"
        raise OutsideYearWarning(
            f"This payment from {c.organisation} is dated {uk(paid_on)}, {side} "
            f"({uk(year.start)} to {uk(year.end)}), but is recorded against the {year.label} "
            "contribution. Check the date and the year.",
            "paid_on",
        )


def delete_payment(store: Store, payment_id: int) -> Row:
    return store.delete("contribution_payments", payment_id)
