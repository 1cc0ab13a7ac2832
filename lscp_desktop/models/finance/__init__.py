"""Funding of the partnership: financial years, contributions, payments, budget, spend, reserves.

Money is integer pence throughout; shares and percentages are exact ``Fraction``s, turned into
text only for display. Every write validates first and then runs in one transaction, so a
broken rule leaves nothing half-saved.

The year's position is worked out as the funding workbook shows it (``exports/funding_xlsx``)::

    income          = received + outstanding          (a waived contribution owes nothing more)
    outstanding     = agreed - received               (0 when waived; negative when overpaid)
    closing reserve = opening reserve + income - actual spend - net transfers to earmarked reserves
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from lscp_desktop.models.core import settings
from lscp_desktop.models.core.dates import FinancialYear, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.core.money import format_money, parse_money
from lscp_desktop.models.core.records import save_record
from lscp_desktop.models.membership.organisations import find_organisation, get_organisation
from lscp_desktop.models.membership.records import ORGANISATION_KINDS
from lscp_desktop.models.store.database import Row, Store

CONTRIBUTION_STATUSES = ("agreed", "invoiced", "part-paid", "paid", "overdue", "waived")
BUDGET_CATEGORIES = (
    "staffing",
    "independent scrutiny",
    "practice reviews",
    "training",
    "systems and website",
    "engagement",
    "meetings",
    "office",
    "audits",
    "other",
)
IN_KIND_EXAMPLES = (
    "accommodation",
    "legal advice",
    "hosting the business unit",
    "venues for meetings and training",
    "data and analysis",
    "finance and HR support",
)
ROUNDING_UNITS = {"pound": 100, "penny": 1}
MAX_UPLIFT = Decimal(50)


class OverpaymentWarning(ValidationError):
    """A payment would take the money received above the agreed amount.

    Not refused outright (partners do overpay, and a refund can follow): the caller asks the
    user and, if they confirm, records it again with ``allow_overpayment=True``.
    """


# --------------------------------------------------------------------------- records


@dataclass
class FinanceYear:
    id: int
    start_year: int
    opening_reserve: int = 0
    notes: str = ""

    @property
    def fy(self) -> FinancialYear:
        return FinancialYear(self.start_year)

    @property
    def label(self) -> str:
        return self.fy.label


@dataclass
class Contribution:
    id: int
    year_id: int
    organisation_id: int
    organisation: str
    organisation_kind: str
    agreed: int
    received: int = 0
    invoice_ref: str = ""
    invoice_date: str | None = None
    due_date: str | None = None
    waived: bool = False
    notes: str = ""
    payments: int = 0
    status: str = "agreed"
    #: The date the money is due (the due date, or the invoice date plus the payment terms).
    due_on: str | None = None

    @property
    def outstanding(self) -> int:
        """What is still owed: agreed less received; nothing when waived; negative if overpaid."""
        return 0 if self.waived else self.agreed - self.received

    @property
    def income(self) -> int:
        return self.received + self.outstanding


@dataclass
class Payment:
    id: int
    contribution_id: int
    paid_on: str
    amount: int
    refund: bool = False
    reference: str = ""
    notes: str = ""


@dataclass
class InKind:
    id: int
    year_id: int
    organisation_id: int
    organisation: str
    description: str
    notional: int | None = None
    notes: str = ""


@dataclass
class BudgetLine:
    id: int
    year_id: int
    position: int
    category: str
    description: str
    budget: int
    actual: int = 0
    entries: int = 0
    notes: str = ""

    @property
    def variance(self) -> int:
        """Budget less actual: positive is an underspend, negative an overspend."""
        return self.budget - self.actual


@dataclass
class SpendEntry:
    id: int
    budget_line_id: int
    line: str
    category: str
    spent_on: str
    amount: int
    refund: bool = False
    payee: str = ""
    reference: str = ""
    description: str = ""


@dataclass
class Reserve:
    id: int
    name: str
    purpose: str = ""
    active: bool = True


@dataclass
class ReserveBalance:
    reserve_id: int
    name: str
    purpose: str
    opening: int
    movements: int

    @property
    def closing(self) -> int:
        return self.opening + self.movements


@dataclass
class ReserveMovement:
    id: int
    reserve_id: int
    reserve: str
    year_id: int
    moved_on: str
    amount: int
    description: str = ""


@dataclass
class Share:
    """One contributor's (or one kind of partner's) part of the year's agreed total."""

    name: str
    kind: str
    agreed: int
    share: Fraction
    count: int = 1


@dataclass
class YearOnYear:
    organisation_id: int
    organisation: str
    kind: str
    previous: int | None
    current: int | None

    @property
    def change(self) -> int:
        return (self.current or 0) - (self.previous or 0)

    @property
    def change_fraction(self) -> Fraction | None:
        if not self.previous:
            return None
        return Fraction(self.change, self.previous)


@dataclass
class YearSummary:
    year: FinanceYear
    agreed: int
    received: int
    outstanding: int
    waived: int
    in_kind_notional: int
    budget: int
    actual: int
    reserve_transfers: int
    contributors: int
    overdue: int
    #: Whether the year is over (on the day the summary was made).
    ended: bool = True

    @property
    def income(self) -> int:
        return self.received + self.outstanding

    @property
    def variance(self) -> int:
        return self.budget - self.actual

    @property
    def closing_reserve(self) -> int:
        """Opening reserve + income - actual spend - net transfers to earmarked reserves."""
        return self.year.opening_reserve + self.income - self.actual - self.reserve_transfers

    @property
    def forecast_closing(self) -> int:
        """The reserve to carry forward: the closing reserve once the year is over; before
        that, assuming the rest of the budget will be spent (the actual, if already more)."""
        if self.ended:
            return self.closing_reserve
        spend = max(self.budget, self.actual)
        return self.year.opening_reserve + self.income - spend - self.reserve_transfers


@dataclass
class RollForwardResult:
    year: FinanceYear
    created: bool
    contributions: int
    budget_lines: int
    in_kind: int
    total_before: int
    total_after: int
    skipped: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def format_share(fraction: Fraction | None, places: int = 1) -> str:
    """A fraction as a percentage with *places* decimals, halves rounded up: 0.72 → '72.0%'."""
    if fraction is None:
        return "—"
    scale = 100 * 10**places
    scaled = fraction * scale
    sign = "-" if scaled < 0 else ""
    units = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    whole, part = divmod(units, 10**places)
    return f"{sign}{whole}" + (f".{part:0{places}d}" if places else "") + "%"


def parse_amount(value: Any, label: str, key: str, *, allow_negative: bool = False) -> int:
    """Money from a form (text as typed, e.g. '£12,345.50') or from code (int pence)."""
    if isinstance(value, bool):
        raise ValidationError(f"The {label} must be an amount of money.", key)
    if isinstance(value, int):
        pence = value
    else:
        try:
            pence = parse_money(value if value is None else str(value), label)
        except ValidationError as exc:
            raise ValidationError(str(exc), key) from None
    if pence < 0 and not allow_negative:
        raise ValidationError(f"The {label} cannot be negative.", key)
    return pence


def _optional_pence(value: Any, label: str, key: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_amount(value, label, key)


def _text(values: dict[str, Any], key: str) -> str:
    return " ".join(str(values.get(key) or "").split())


def _required(values: dict[str, Any], key: str, label: str) -> str:
    text = _text(values, key)
    if not text:
        raise ValidationError(f"Enter the {label}.", key)
    return text


def _date(values: dict[str, Any], key: str, label: str) -> str:
    return parse_date(values.get(key), label).isoformat()


def _id(values: dict[str, Any], key: str, label: str) -> int:
    raw = values.get(key)
    if raw is None or raw == "":
        raise ValidationError(f"Choose the {label}.", key)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValidationError(f"Choose the {label}.", key) from None


def _in_year(day: str, year: FinanceYear, label: str, key: str) -> None:
    fy = year.fy
    if not (fy.start.isoformat() <= day <= fy.end.isoformat()):
        raise ValidationError(
            f"The {label} {uk(day)} is outside {fy.label} ({uk(fy.start)} to {uk(fy.end)}).",
            key,
        )


def parse_uplift(value: Any) -> Decimal:
    """An uplift percentage as typed ('2.5', '2.5%', '' for none) → Decimal, checked."""
    if value is None:
        return Decimal(0)
    text = str(value).strip().rstrip("%").strip()
    if not text:
        return Decimal(0)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.quantize(Decimal("0.01")):
        raise ValidationError(
            f"The uplift '{value}' is not a percentage; write it like 2.5 (at most two decimal "
            "places).",
            "uplift",
        )
    if abs(number) > MAX_UPLIFT:
        raise ValidationError(
            f"An uplift of {number}% looks wrong; enter a percentage between -{MAX_UPLIFT} and "
            f"{MAX_UPLIFT}.",
            "uplift",
        )
    return number


def apply_uplift(pence: int, percent: Decimal, round_to: str = "pound") -> int:
    """*pence* increased by *percent*, rounded to the nearest whole pound (or penny).

    The rounding rule: the exact result ``pence × (100 + percent) / 100`` is rounded to the
    nearest unit (100p for ``"pound"``, 1p for ``"penny"``) with halves rounded up, so £550 with
    2.5% is £564 (from £563.75) to the pound and £563.75 to the penny, and £10 with 5% is £11.
    Worked in ``Fraction``s, never floats.
    """
    unit = ROUNDING_UNITS.get(round_to)
    if unit is None:
        raise ValidationError(
            f"Round to 'pound' or 'penny', not '{round_to}'.",
            "round_to",
        )
    if pence < 0:
        raise ValueError("uplift applies to amounts of zero or more")
    exact = Fraction(pence) * (100 + Fraction(percent)) / 100 / unit
    units = (exact.numerator * 2 + exact.denominator) // (2 * exact.denominator)
    return int(units) * unit


# --------------------------------------------------------------------------- years


def list_years(store: Store) -> list[FinanceYear]:
    rows = store.query(
        "SELECT id, start_year, opening_reserve_pence AS opening_reserve, notes"
        " FROM finance_years ORDER BY start_year"
    )
    return [FinanceYear(**r) for r in rows]


def find_year(store: Store, year: str | FinancialYear | int) -> FinanceYear | None:
    """The year by label ('2025/26'), FinancialYear or start year; None if not set up."""
    start = _start_year(year)
    rows = store.query(
        "SELECT id, start_year, opening_reserve_pence AS opening_reserve, notes"
        " FROM finance_years WHERE start_year = ?",
        [start],
    )
    return FinanceYear(**rows[0]) if rows else None


def get_year(store: Store, year: str | FinancialYear | int) -> FinanceYear:
    found = find_year(store, year)
    if found is None:
        label = FinancialYear(_start_year(year)).label
        raise NotFoundError(
            f"The financial year {label} has not been set up; add it (or roll the previous year "
            "forward) first."
        )
    return found


def get_year_by_id(store: Store, year_id: int) -> FinanceYear:
    row = store.require("finance_years", year_id, "financial year")
    return FinanceYear(row["id"], row["start_year"], row["opening_reserve_pence"], row["notes"])


def _start_year(year: str | FinancialYear | int) -> int:
    if isinstance(year, FinancialYear):
        return year.start_year
    if isinstance(year, int):
        return year
    return FinancialYear.parse(year).start_year


def save_year(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change a financial year: label (2025/26), opening reserve carried forward, notes."""
    label = _required(values, "label", "financial year (like 2025/26)")
    try:
        fy = FinancialYear.parse(label)
    except ValidationError as exc:
        raise ValidationError(str(exc), "label") from None
    clean: dict[str, Any] = {
        "start_year": fy.start_year,
        "opening_reserve_pence": parse_amount(
            values.get("opening_reserve") or 0,
            "opening reserve",
            "opening_reserve",
            allow_negative=True,
        ),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        clash = find_year(store, fy)
        if clash and clash.id != record_id:
            raise ValidationError(f"The financial year {fy.label} is already set up.", "label")
        return save_record(store, "finance_years", record_id, clean)


def ensure_year(store: Store, year: str | FinancialYear) -> FinanceYear:
    found = find_year(store, year)
    if found:
        return found
    label = year.label if isinstance(year, FinancialYear) else year
    return get_year_by_id(store, save_year(store, {"label": label}))


def delete_year(store: Store, year_id: int) -> Row:
    with store.transaction():
        year = get_year_by_id(store, year_id)
        used = sum(
            store.count(t, "year_id = ?", [year_id])
            for t in ("contributions", "in_kind_contributions", "budget_lines", "reserve_movements")
        )
        if used:
            raise ValidationError(
                f"{year.label} has {used} contribution, budget or reserve record(s); delete "
                "those first.",
                "label",
            )
        return store.delete("finance_years", year_id)


# --------------------------------------------------------------------------- contributions

_CONTRIBUTION_SQL = (
    "SELECT c.*, o.name AS organisation, o.kind AS organisation_kind,"
    " coalesce((SELECT sum(p.amount_pence) FROM contribution_payments p"
    "   WHERE p.contribution_id = c.id), 0) AS received,"
    " (SELECT count(*) FROM contribution_payments p WHERE p.contribution_id = c.id) AS payments"
    " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
)


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
    rows = store.query(_CONTRIBUTION_SQL + " WHERE c.year_id = ? ORDER BY c.id", [year_id])
    return [_contribution(r, today, terms) for r in rows]


def get_contribution(
    store: Store, contribution_id: int, *, today: dt.date | None = None
) -> Contribution:
    rows = store.query(_CONTRIBUTION_SQL + " WHERE c.id = ?", [contribution_id])
    if not rows:
        raise NotFoundError(f"There is no contribution with id {contribution_id}.")
    terms = settings.get_int(store, "contribution_payment_days")
    return _contribution(rows[0], today or dt.date.today(), terms)


def save_contribution(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change one organisation's agreed contribution for a year.

    *values*: year_id, organisation_id, agreed (text as typed or int pence), invoice_ref,
    invoice_date, due_date, waived, notes.
    """
    year_id = _id(values, "year_id", "financial year")
    org_id = _id(values, "organisation_id", "organisation")
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
        "invoice_ref": _text(values, "invoice_ref"),
        "invoice_date": invoice_date.isoformat() if invoice_date else None,
        "due_date": due_date.isoformat() if due_date else None,
        "waived": 1 if values.get("waived") else 0,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        year = get_year_by_id(store, year_id)
        org = get_organisation(store, org_id)
        clash = store.rows(
            "contributions", "year_id = ? AND organisation_id = ?", [year_id, org_id]
        )
        if clash and clash[0]["id"] != record_id:
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


def list_payments(store: Store, contribution_id: int) -> list[Payment]:
    rows = store.query(
        "SELECT id, contribution_id, paid_on, amount_pence AS amount, refund, reference, notes"
        " FROM contribution_payments WHERE contribution_id = ? ORDER BY paid_on, id",
        [contribution_id],
    )
    return [Payment(**{**r, "refund": bool(r["refund"])}) for r in rows]


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
    paid_on = _date(values, "paid_on", "date received")
    clean: dict[str, Any] = {
        "contribution_id": contribution_id,
        "paid_on": paid_on,
        "amount_pence": amount,
        "refund": int(refund),
        "reference": _text(values, "reference"),
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


# --------------------------------------------------------------------------- in kind


def list_in_kind(store: Store, year_id: int) -> list[InKind]:
    rows = store.query(
        "SELECT k.id, k.year_id, k.organisation_id, o.name AS organisation, k.description,"
        " k.notional_pence AS notional, k.notes FROM in_kind_contributions k"
        " JOIN organisations o ON o.id = k.organisation_id WHERE k.year_id = ? ORDER BY k.id",
        [year_id],
    )
    return [InKind(**r) for r in rows]


def save_in_kind(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """An in-kind contribution: what is given (accommodation, legal advice…), optional value."""
    clean: dict[str, Any] = {
        "year_id": _id(values, "year_id", "financial year"),
        "organisation_id": _id(values, "organisation_id", "organisation"),
        "description": _required(values, "description", "description of what is given"),
        "notional_pence": _optional_pence(values.get("notional"), "notional value", "notional"),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_year_by_id(store, clean["year_id"])
        get_organisation(store, clean["organisation_id"])
        return save_record(store, "in_kind_contributions", record_id, clean)


def delete_in_kind(store: Store, in_kind_id: int) -> Row:
    return store.delete("in_kind_contributions", in_kind_id)


# --------------------------------------------------------------------------- budget and spend


def list_budget_lines(store: Store, year_id: int) -> list[BudgetLine]:
    rows = store.query(
        "SELECT b.id, b.year_id, b.position, b.category, b.description,"
        " b.budget_pence AS budget, b.notes,"
        " coalesce((SELECT sum(s.amount_pence) FROM spend_entries s"
        "   WHERE s.budget_line_id = b.id), 0) AS actual,"
        " (SELECT count(*) FROM spend_entries s WHERE s.budget_line_id = b.id) AS entries"
        " FROM budget_lines b WHERE b.year_id = ? ORDER BY b.position, b.id",
        [year_id],
    )
    return [BudgetLine(**r) for r in rows]


def get_budget_line(store: Store, line_id: int) -> BudgetLine:
    row = store.require("budget_lines", line_id, "budget line")
    for line in list_budget_lines(store, row["year_id"]):
        if line.id == line_id:
            return line
    raise NotFoundError(f"There is no budget line with id {line_id}.")  # pragma: no cover


def _category(value: Any) -> str:
    text = _text({"v": value}, "v").lower()
    if text in BUDGET_CATEGORIES:
        return text
    raise ValidationError(
        f"'{value}' is not a budget category; choose one of: {', '.join(BUDGET_CATEGORIES)}.",
        "category",
    )


def save_budget_line(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """A budget line: year_id, category, description, budget (text or int pence), notes."""
    clean: dict[str, Any] = {
        "year_id": _id(values, "year_id", "financial year"),
        "category": _category(values.get("category")),
        "description": _required(values, "description", "description of the budget line"),
        "budget_pence": parse_amount(values.get("budget"), "budgeted amount", "budget"),
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_year_by_id(store, clean["year_id"])
        if record_id is None:
            clean["position"] = 1 + int(
                store.scalar(
                    "SELECT coalesce(max(position), 0) FROM budget_lines WHERE year_id = ?",
                    [clean["year_id"]],
                )
            )
        return save_record(store, "budget_lines", record_id, clean)


def delete_budget_line(store: Store, line_id: int) -> Row:
    with store.transaction():
        line = get_budget_line(store, line_id)
        if line.entries:
            raise ValidationError(
                f"'{line.description}' has {line.entries} spend entr"
                f"{'y' if line.entries == 1 else 'ies'} against it; move or delete them first.",
                "entries",
            )
        return store.delete("budget_lines", line_id)


_SPEND_SQL = (
    "SELECT s.id, s.budget_line_id, b.description AS line, b.category, s.spent_on,"
    " s.amount_pence AS amount, s.refund, s.payee, s.reference, s.description"
    " FROM spend_entries s JOIN budget_lines b ON b.id = s.budget_line_id"
)


def list_spend(store: Store, year_id: int) -> list[SpendEntry]:
    rows = store.query(
        _SPEND_SQL + " WHERE b.year_id = ? ORDER BY s.spent_on, s.id",
        [year_id],
    )
    return [SpendEntry(**{**r, "refund": bool(r["refund"])}) for r in rows]


def save_spend(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Money spent against a budget line: budget_line_id, spent_on, amount, refund, payee,
    reference, description. A negative amount is only accepted as a refund (a credit back)."""
    line_id = _id(values, "budget_line_id", "budget line")
    refund = bool(values.get("refund"))
    amount = parse_amount(values.get("amount"), "amount spent", "amount", allow_negative=True)
    if amount == 0:
        raise ValidationError("Enter an amount other than £0.", "amount")
    if amount < 0 and not refund:
        raise ValidationError(
            "Spending cannot be negative. For money coming back (a credit note or a refund from "
            "a supplier), tick 'Refund' and enter the amount.",
            "amount",
        )
    clean: dict[str, Any] = {
        "budget_line_id": line_id,
        "spent_on": _date(values, "spent_on", "date spent"),
        "amount_pence": -abs(amount) if refund else amount,
        "refund": int(refund),
        "payee": _text(values, "payee"),
        "reference": _text(values, "reference"),
        "description": _text(values, "description"),
    }
    with store.transaction():
        line = get_budget_line(store, line_id)
        _in_year(clean["spent_on"], get_year_by_id(store, line.year_id), "date spent", "spent_on")
        return save_record(store, "spend_entries", record_id, clean)


def delete_spend(store: Store, spend_id: int) -> Row:
    return store.delete("spend_entries", spend_id)


# --------------------------------------------------------------------------- reserves


def list_reserves(store: Store) -> list[Reserve]:
    rows = store.query("SELECT id, name, purpose, active FROM reserves ORDER BY name")
    return [Reserve(r["id"], r["name"], r["purpose"], bool(r["active"])) for r in rows]


def save_reserve(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """An earmarked reserve, e.g. a practice-review reserve."""
    clean: dict[str, Any] = {
        "name": _required(values, "name", "reserve's name"),
        "purpose": str(values.get("purpose") or "").strip(),
        "active": 1 if values.get("active", True) else 0,
    }
    with store.transaction():
        for other in list_reserves(store):
            if other.id != record_id and other.name.lower() == clean["name"].lower():
                raise ValidationError(f"There is already a reserve called {other.name}.", "name")
        return save_record(store, "reserves", record_id, clean)


def reserve_balances(store: Store, year_id: int) -> list[ReserveBalance]:
    """Each reserve's balance brought forward, movements in the year and balance carried
    forward."""
    year = get_year_by_id(store, year_id)
    rows = store.query(
        "SELECT r.id, r.name, r.purpose,"
        " coalesce(sum(CASE WHEN y.start_year < ? THEN m.amount_pence END), 0) AS opening,"
        " coalesce(sum(CASE WHEN y.start_year = ? THEN m.amount_pence END), 0) AS movements,"
        " r.active FROM reserves r"
        " LEFT JOIN reserve_movements m ON m.reserve_id = r.id"
        " LEFT JOIN finance_years y ON y.id = m.year_id"
        " GROUP BY r.id ORDER BY r.name",
        [year.start_year, year.start_year],
    )
    return [
        ReserveBalance(r["id"], r["name"], r["purpose"], r["opening"], r["movements"])
        for r in rows
        if r["active"] or r["opening"] or r["movements"]
    ]


def list_movements(store: Store, year_id: int) -> list[ReserveMovement]:
    rows = store.query(
        "SELECT m.id, m.reserve_id, r.name AS reserve, m.year_id, m.moved_on,"
        " m.amount_pence AS amount, m.description FROM reserve_movements m"
        " JOIN reserves r ON r.id = m.reserve_id WHERE m.year_id = ? ORDER BY m.moved_on, m.id",
        [year_id],
    )
    return [ReserveMovement(**r) for r in rows]


MOVEMENT_DIRECTIONS = ("transfer in", "drawdown")


def save_movement(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Money put into (transfer in) or taken out of (drawdown) an earmarked reserve.

    *values*: reserve_id, year_id, moved_on, direction, amount (positive), description.
    """
    direction = str(values.get("direction") or "transfer in")
    if direction not in MOVEMENT_DIRECTIONS:
        raise ValidationError("Choose 'transfer in' or 'drawdown'.", "direction")
    amount = parse_amount(values.get("amount"), "amount", "amount")
    if amount == 0:
        raise ValidationError("Enter an amount other than £0.", "amount")
    clean: dict[str, Any] = {
        "reserve_id": _id(values, "reserve_id", "reserve"),
        "year_id": _id(values, "year_id", "financial year"),
        "moved_on": _date(values, "moved_on", "date"),
        "amount_pence": amount if direction == "transfer in" else -amount,
        "description": _text(values, "description"),
    }
    with store.transaction():
        year = get_year_by_id(store, clean["year_id"])
        _in_year(clean["moved_on"], year, "date", "moved_on")
        store.require("reserves", clean["reserve_id"], "reserve")
        if direction == "drawdown":
            balance = int(
                store.scalar(
                    "SELECT coalesce(sum(m.amount_pence), 0) FROM reserve_movements m"
                    " JOIN finance_years y ON y.id = m.year_id"
                    " WHERE m.reserve_id = ? AND y.start_year <= ? AND m.id IS NOT ?",
                    [clean["reserve_id"], year.start_year, record_id],
                )
            )
            if amount > balance:
                raise ValidationError(
                    f"The reserve holds {format_money(balance)} by the end of {year.label}, "
                    f"so {format_money(amount)} cannot be drawn from it.",
                    "amount",
                )
        return save_record(store, "reserve_movements", record_id, clean)


def delete_movement(store: Store, movement_id: int) -> Row:
    return store.delete("reserve_movements", movement_id)


# --------------------------------------------------------------------------- analysis


def summary(store: Store, year_id: int, *, today: dt.date | None = None) -> YearSummary:
    today = today or dt.date.today()
    year = get_year_by_id(store, year_id)
    contributions = list_contributions(store, year_id, today=today)
    lines = list_budget_lines(store, year_id)
    in_kind = list_in_kind(store, year_id)
    transfers = sum(m.amount for m in list_movements(store, year_id))
    return YearSummary(
        year=year,
        agreed=sum(c.agreed for c in contributions),
        received=sum(c.received for c in contributions),
        outstanding=sum(c.outstanding for c in contributions),
        waived=sum(c.agreed for c in contributions if c.waived),
        in_kind_notional=sum(k.notional or 0 for k in in_kind),
        budget=sum(line.budget for line in lines),
        actual=sum(line.actual for line in lines),
        reserve_transfers=transfers,
        contributors=len(contributions),
        overdue=sum(1 for c in contributions if c.status == "overdue"),
        ended=today > year.fy.end,
    )


def closing_label(s: YearSummary) -> str:
    """What the closing figure is called: carried forward once the year is over."""
    return "Reserve carried forward" if s.ended else "Reserve on spend to date"


def shares(contributions: Sequence[Contribution]) -> list[Share]:
    """Each contributor's agreed amount as an exact fraction of the year's agreed total."""
    total = sum(c.agreed for c in contributions)
    return [
        Share(c.organisation, c.organisation_kind, c.agreed, Fraction(c.agreed, total or 1))
        for c in contributions
    ]


def shares_by_kind(contributions: Sequence[Contribution]) -> list[Share]:
    """Totals and shares per kind of partner (statutory partners, relevant agencies, …)."""
    total = sum(c.agreed for c in contributions)
    out = []
    for kind in ORGANISATION_KINDS:
        mine = [c for c in contributions if c.organisation_kind == kind]
        if mine:
            amount = sum(c.agreed for c in mine)
            out.append(Share(kind, kind, amount, Fraction(amount, total or 1), len(mine)))
    return out


def year_on_year(store: Store, year_id: int) -> list[YearOnYear]:
    """Each contributor's agreed amount this year against the year before."""
    year = get_year_by_id(store, year_id)
    before = find_year(store, year.start_year - 1)
    rows = store.query(
        "SELECT c.organisation_id, o.name, o.kind, y.start_year, c.agreed_pence"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        " JOIN finance_years y ON y.id = c.year_id WHERE c.year_id IN (?, ?) ORDER BY c.id",
        [year_id, before.id if before else -1],
    )
    found: dict[int, YearOnYear] = {}
    for r in rows:
        entry = found.setdefault(
            r["organisation_id"], YearOnYear(r["organisation_id"], r["name"], r["kind"], None, None)
        )
        if r["start_year"] == year.start_year:
            entry.current = r["agreed_pence"]
        else:
            entry.previous = r["agreed_pence"]
    return sorted(found.values(), key=lambda e: (-(e.current or 0), e.organisation.lower()))


@dataclass
class MultiYear:
    """Agreed contributions per organisation across years (oldest first), for comparison."""

    years: list[FinanceYear]
    organisations: list[tuple[int, str, str]]
    agreed: dict[tuple[int, int], int]
    budget: dict[int, int]
    actual: dict[int, int]


def multi_year(store: Store, year_id: int, *, span: int = 10) -> MultiYear:
    """The *span* years up to and including *year_id* that are set up."""
    year = get_year_by_id(store, year_id)
    years = [
        y for y in list_years(store) if year.start_year - span < y.start_year <= year.start_year
    ]
    ids = [y.id for y in years]
    marks = ",".join("?" * len(ids))
    rows = store.query(
        "SELECT c.year_id, c.organisation_id, o.name, o.kind, c.agreed_pence"
        " FROM contributions c JOIN organisations o ON o.id = c.organisation_id"
        f" WHERE c.year_id IN ({marks}) ORDER BY c.id",
        ids,
    )
    agreed: dict[tuple[int, int], int] = {}
    latest: dict[int, tuple[int, str, str, int]] = {}
    for r in rows:
        agreed[(r["organisation_id"], r["year_id"])] = r["agreed_pence"]
        latest[r["organisation_id"]] = (r["organisation_id"], r["name"], r["kind"], 0)
    current = {org for (org, y) in agreed if y == year.id}
    orgs = sorted(
        latest.values(),
        key=lambda o: (o[0] not in current, -agreed.get((o[0], year.id), 0), o[1].lower()),
    )
    totals = store.query(
        "SELECT b.year_id, sum(b.budget_pence) AS budget,"
        " coalesce(sum((SELECT sum(s.amount_pence) FROM spend_entries s"
        "   WHERE s.budget_line_id = b.id)), 0) AS actual"
        f" FROM budget_lines b WHERE b.year_id IN ({marks}) GROUP BY b.year_id",
        ids,
    )
    return MultiYear(
        years=years,
        organisations=[(o[0], o[1], o[2]) for o in orgs],
        agreed=agreed,
        budget={r["year_id"]: r["budget"] for r in totals},
        actual={r["year_id"]: r["actual"] for r in totals},
    )


def outstanding(store: Store, year_id: int, *, today: dt.date | None = None) -> list[Contribution]:
    """Contributions with money still owed, overdue first, then largest."""
    owed = [c for c in list_contributions(store, year_id, today=today) if c.outstanding > 0]
    return sorted(owed, key=lambda c: (c.status != "overdue", -c.outstanding))


# --------------------------------------------------------------------------- roll forward


def uplifted_total(contributions: Sequence[Contribution], uplift: Any, round_to: str) -> int:
    """What next year's agreed total would be with *uplift* (for a preview before rolling)."""
    percent = parse_uplift(uplift)
    return sum(apply_uplift(c.agreed, percent, round_to) for c in contributions)


def roll_forward(
    store: Store,
    from_year: str | FinancialYear,
    *,
    uplift: Any = None,
    round_to: str = "pound",
    copy_budget: bool = True,
    carry_reserve: bool = True,
    today: dt.date | None = None,
) -> RollForwardResult:
    """Start next year from this one: agreed contributions (and budget lines) copied with an
    optional uplift percentage (see :func:`apply_uplift` for the rounding), in-kind
    contributions copied as they are, and the forecast closing reserve
    (:attr:`YearSummary.forecast_closing`) carried forward as the new year's opening reserve.

    Organisations that already have a contribution next year, or are no longer active, are
    skipped and listed; budget lines and in-kind contributions are copied only when next year
    has none. Everything happens in one transaction.
    """
    percent = parse_uplift(uplift)
    if round_to not in ROUNDING_UNITS:
        raise ValidationError(f"Round to 'pound' or 'penny', not '{round_to}'.", "round_to")
    with store.transaction():
        source = get_year(store, from_year)
        target_fy = source.fy.next()
        target = find_year(store, target_fy)
        created = target is None
        if target is None:
            opening = (
                summary(store, source.id, today=today).forecast_closing if carry_reserve else 0
            )
            target = get_year_by_id(
                store, save_year(store, {"label": target_fy.label, "opening_reserve": opening})
            )
        result = RollForwardResult(target, created, 0, 0, 0, 0, 0)
        have = {
            r["organisation_id"] for r in store.rows("contributions", "year_id = ?", [target.id])
        }
        active = {r["id"]: bool(r["active"]) for r in store.rows("organisations")}
        rows = []
        for c in list_contributions(store, source.id, today=today):
            result.total_before += c.agreed
            if c.organisation_id in have:
                result.skipped.append(f"{c.organisation} already has a {target.label} contribution")
                continue
            if not active.get(c.organisation_id, False):
                result.skipped.append(f"{c.organisation} is no longer active")
                continue
            amount = apply_uplift(c.agreed, percent, round_to)
            result.total_after += amount
            rows.append((target.id, c.organisation_id, amount, ""))
        if rows:
            store.bulk_insert(
                "contributions", ["year_id", "organisation_id", "agreed_pence", "notes"], rows
            )
        result.contributions = len(rows)
        if copy_budget:
            if store.count("budget_lines", "year_id = ?", [target.id]):
                result.skipped.append(f"{target.label} already has budget lines; none copied")
            else:
                lines = [
                    (
                        target.id,
                        line.position,
                        line.category,
                        line.description,
                        apply_uplift(line.budget, percent, round_to),
                    )
                    for line in list_budget_lines(store, source.id)
                ]
                if lines:
                    store.bulk_insert(
                        "budget_lines",
                        ["year_id", "position", "category", "description", "budget_pence"],
                        lines,
                    )
                result.budget_lines = len(lines)
        if not store.count("in_kind_contributions", "year_id = ?", [target.id]):
            kinds = [
                (target.id, k.organisation_id, k.description, k.notional)
                for k in list_in_kind(store, source.id)
                if active.get(k.organisation_id, False)
            ]
            if kinds:
                store.bulk_insert(
                    "in_kind_contributions",
                    ["year_id", "organisation_id", "description", "notional_pence"],
                    kinds,
                )
            result.in_kind = len(kinds)
    return result


# --------------------------------------------------------------------------- published tables

_SECTOR_HINTS = (
    ("council", "local authority"),
    ("borough", "local authority"),
    ("clinical commissioning", "health/ICB"),
    ("ccg", "health/ICB"),
    ("integrated care", "health/ICB"),
    ("police", "police"),
    ("mopac", "police"),
    ("probation", "probation"),
    ("rehabilitation", "probation"),
    ("cafcass", "Cafcass"),
    ("fire", "fire"),
    ("nhs", "NHS trust"),
    ("trust", "NHS trust"),
    ("maudsley", "NHS trust"),
    ("school", "education"),
    ("housing", "housing"),
)


def guess_sector(name: str) -> str:
    lowered = name.lower()
    for hint, sector in _SECTOR_HINTS:
        if hint in lowered:
            return sector
    return "other"


def load_funding_table(
    store: Store,
    year: str,
    *,
    contributions: Iterable[tuple[str, str, int]] = (),
    budget: Iterable[tuple[str, str, int]] = (),
    spend: Iterable[tuple[str, str, int]] = (),
) -> FinanceYear:
    """Enter a published funding table for one year in one go.

    *contributions*: (organisation, kind, pence), adding organisations not yet known;
    *budget*: (description, category, pence) budget lines; *spend*: (description, category,
    pence) spent in the year, recorded against the budget line of that description (made with
    that amount as its budget if there is none) on the last day of the year.
    """
    from lscp_desktop.models.membership.organisations import save_organisation

    with store.transaction():
        fy = ensure_year(store, year)
        for name, kind, pence in contributions:
            org = find_organisation(store, name)
            org_id = (
                org.id
                if org
                else save_organisation(
                    store, {"name": name, "kind": kind, "sector": guess_sector(name)}
                )
            )
            save_contribution(store, {"year_id": fy.id, "organisation_id": org_id, "agreed": pence})
        for description, category, pence in budget:
            save_budget_line(
                store,
                {
                    "year_id": fy.id,
                    "category": category,
                    "description": description,
                    "budget": pence,
                },
            )
        for description, category, pence in spend:
            existing = [
                line for line in list_budget_lines(store, fy.id) if line.description == description
            ]
            line_id = (
                existing[0].id
                if existing
                else save_budget_line(
                    store,
                    {
                        "year_id": fy.id,
                        "category": category,
                        "description": description,
                        "budget": pence,
                    },
                )
            )
            save_spend(
                store,
                {
                    "budget_line_id": line_id,
                    "spent_on": fy.fy.end,
                    "amount": pence,
                    "description": description,
                },
            )
    return fy
