"""The year's figures: its summary and reserve position, each partner's share of the agreed
total, and contributions compared year on year and across years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.in_kind import list_in_kind
from lscp_desktop.models.finance.records import (
    BudgetLine,
    Contribution,
    FinanceYear,
    InKind,
    MultiYear,
    ReserveMovement,
    Share,
    YearOnYear,
    YearSummary,
)
from lscp_desktop.models.finance.reserves import list_movements
from lscp_desktop.models.finance.years import find_year, get_year_by_id, list_years
from lscp_desktop.models.membership.records import ORGANISATION_KINDS
from lscp_desktop.models.store.database import Store

# --------------------------------------------------------------------------- the year's summary


def summary(store: Store, year_id: int, *, today: dt.date | None = None) -> YearSummary:
    today = today or dt.date.today()
    return summarise(
        get_year_by_id(store, year_id),
        list_contributions(store, year_id, today=today),
        list_budget_lines(store, year_id),
        list_in_kind(store, year_id),
        list_movements(store, year_id),
        today=today,
    )


def summarise(
    year: FinanceYear,
    contributions: Sequence[Contribution],
    lines: Sequence[BudgetLine],
    in_kind: Sequence[InKind],
    movements: Sequence[ReserveMovement],
    *,
    today: dt.date,
) -> YearSummary:
    """The summary of a year from its records already loaded (the Finance page has them)."""
    return YearSummary(
        year=year,
        agreed=sum(c.agreed for c in contributions),
        received=sum(c.received for c in contributions),
        outstanding=sum(c.outstanding for c in contributions),
        waived=sum(c.agreed for c in contributions if c.waived),
        in_kind_notional=sum(k.notional or 0 for k in in_kind),
        budget=sum(line.budget for line in lines),
        actual=sum(line.actual for line in lines),
        reserve_transfers=sum(m.amount for m in movements),
        contributors=len(contributions),
        overdue=sum(1 for c in contributions if c.status == "overdue"),
        ended=today > year.fy.end,
    )


def closing_label(s: YearSummary) -> str:
    """What the closing figure is called: carried forward once the year is over."""
    return (
        "Reserve carried forward (received less spent)" if s.ended else "Reserve on spend to date"
    )


def reserve_assumptions(s: YearSummary) -> list[str]:
    """How the reserve a year carries forward is worked out, and what it leaves out or
    assumes, in words (roll forward says them)."""
    out: list[str] = []
    if s.ended:
        out.append(
            f"{s.year.label} is over: the reserve carried forward, "
            f"{format_money(s.closing_reserve)}, is the opening reserve "
            f"{format_money(s.year.opening_reserve)} plus "
            f"{format_money(s.received)} received, less {format_money(s.actual)} spent"
            + (f" and {format_money(s.reserve_transfers)} put into earmarked reserves"
               if s.reserve_transfers else "") + "."
        )  # fmt: skip
        if s.outstanding > 0:
            out.append(
                f"Not counted: {format_money(s.outstanding)} agreed but not recorded as received."
            )
        if s.budget and not s.actual:
            out.append(
                f"No spend is recorded against the budget of {format_money(s.budget)}, so none "
                "is counted; record the year's spending and change the opening reserve if the "
                "year left money over."
            )
        return out
    spend = max(s.budget, s.actual)
    out.append(
        f"{s.year.label} is not over: the opening reserve, {format_money(s.forecast_closing)}, "
        f"is a forecast assuming the {format_money(max(s.outstanding, 0))} still owed is "
        f"received and {format_money(spend)} is spent in all (the budget, or the spending so "
        "far if more); change it when the year closes."
    )
    return out


# --------------------------------------------------------------------------- shares


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


def _part(amount: int, total: int) -> Fraction | None:
    """*amount* as a fraction of *total*; None when there is no total to share (a year whose
    contributions are all £0, as some partnerships publish them)."""
    return Fraction(amount, total) if total else None


def shares(contributions: Sequence[Contribution]) -> list[Share]:
    """Each contributor's agreed amount as an exact fraction of the year's agreed total."""
    total = sum(c.agreed for c in contributions)
    return [
        Share(c.organisation, c.organisation_kind, c.agreed, _part(c.agreed, total))
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
            out.append(Share(kind, kind, amount, _part(amount, total), len(mine)))
    return out


# --------------------------------------------------------------------------- across years


def year_on_year(store: Store, year_id: int) -> list[YearOnYear]:
    """Each contributor's agreed amount this year against the year before."""
    year = get_year_by_id(store, year_id)
    before = find_year(store, year.start_year - 1)
    rows = queries.agreed_in_years(store, [year_id] + ([before.id] if before else []))
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


def multi_year(store: Store, year_id: int, *, span: int = 10) -> MultiYear:
    """The *span* years up to and including *year_id* that are set up."""
    year = get_year_by_id(store, year_id)
    years = [
        y for y in list_years(store) if year.start_year - span < y.start_year <= year.start_year
    ]
    ids = [y.id for y in years]
    agreed: dict[tuple[int, int], int] = {}
    latest: dict[int, tuple[int, str, str, int]] = {}
    for r in queries.agreed_in_years(store, ids):
        agreed[(r["organisation_id"], r["year_id"])] = r["agreed_pence"]
        latest[r["organisation_id"]] = (r["organisation_id"], r["name"], r["kind"], 0)
    current = {org for (org, y) in agreed if y == year.id}
    orgs = sorted(
        latest.values(),
        key=lambda o: (o[0] not in current, -agreed.get((o[0], year.id), 0), o[1].lower()),
    )
    totals = queries.budget_totals(store, ids)
    return MultiYear(
        years=years,
        organisations=[(o[0], o[1], o[2]) for o in orgs],
        agreed=agreed,
        budget={r["year_id"]: r["budget"] for r in totals},
        actual={r["year_id"]: r["actual"] for r in totals},
    )
