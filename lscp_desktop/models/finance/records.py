"""The finance records (years, contributions, payments, in-kind help, budget lines, spend,
reserves, the year's figures) and the area's constants.

Money is integer pence throughout; shares and percentages are exact ``Fraction``s, turned into
text only for display. The year's position is worked out as the funding workbook shows it
(``exports/funding_xlsx``)::

    income          = received + outstanding          (a waived contribution owes nothing more)
    outstanding     = agreed - received               (0 when waived; negative when overpaid)
    reserve on spend to date (a year not over)
                    = opening reserve + income - actual spend - net transfers to earmarked reserves
    reserve carried forward (a year over: only money actually received and spent)
                    = opening reserve + received - actual spend - net transfers

A year whose published budget was entered but whose receipts and spending were not is
therefore no surplus: nothing received, nothing spent, nothing carried forward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.core.records import Record

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
MOVEMENT_DIRECTIONS = ("transfer in", "drawdown")


@dataclass
class FinanceYear(Record):
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
class Contribution(Record):
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
class Payment(Record):
    id: int
    contribution_id: int
    paid_on: str
    amount: int
    refund: bool = False
    reference: str = ""
    notes: str = ""


@dataclass
class InKind(Record):
    id: int
    year_id: int
    organisation_id: int
    organisation: str
    description: str
    notional: int | None = None
    notes: str = ""


@dataclass
class BudgetLine(Record):
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
class SpendEntry(Record):
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
class Reserve(Record):
    id: int
    name: str
    purpose: str = ""
    active: bool = True


@dataclass
class ReserveBalance(Record):
    reserve_id: int
    name: str
    purpose: str
    opening: int
    movements: int

    @property
    def closing(self) -> int:
        return self.opening + self.movements


@dataclass
class ReserveMovement(Record):
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
    #: None when the year's contributions are all £0 (shown "—", never 0% each).
    share: Fraction | None
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
    def carried_forward(self) -> int:
        """What the year leaves: opening reserve + money received - money spent - net
        transfers to earmarked reserves (what was agreed but never recorded as received, or
        budgeted but never recorded as spent, is not counted)."""
        return self.year.opening_reserve + self.received - self.actual - self.reserve_transfers

    @property
    def closing_reserve(self) -> int:
        """Once the year is over, :attr:`carried_forward`; before, the reserve on the spend to
        date, counting what is still owed as income."""
        if self.ended:
            return self.carried_forward
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
    #: How the opening reserve was worked out, and what it assumed or left out.
    assumptions: list[str] = field(default_factory=list)


@dataclass
class MultiYear:
    """Agreed contributions per organisation across years (oldest first), for comparison."""

    years: list[FinanceYear]
    organisations: list[tuple[int, str, str]]
    agreed: dict[tuple[int, int], int]
    budget: dict[int, int]
    actual: dict[int, int]
