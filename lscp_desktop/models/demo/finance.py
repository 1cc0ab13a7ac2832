"""Demo funding for the fictional partnership, shaped like the published 2018/19 tables.

The council pays roughly three quarters, the ICB about a seventh, the police a fixed £5,000 per
borough and the relevant agencies small sums; the budget has the same lines as Lambeth's
(staffing, independent scrutiny, practice reviews, training, systems, engagement, meetings,
office, audits). Past years are paid up; the current year has part payments, an overdue
invoice and one not yet invoiced. All rows go in with ``bulk_insert`` so the large demo stays
fast.
"""

from __future__ import annotations

import datetime as dt
import random

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.demo.context import DemoContext
from lscp_desktop.models.finance import queries
from lscp_desktop.models.finance.analysis import summary
from lscp_desktop.models.store.database import Store

#: (organisation key, first-year contribution in pounds, yearly growth in percent)
_BASE: tuple[tuple[str, int, int], ...] = (
    ("icb", 45_000, 3),
    ("police", 5_000, 0),
    ("education", 10_000, 2),
    ("acute", 8_000, 2),
    ("mental", 5_000, 2),
    ("community", 4_000, 1),
    ("probation", 1_000, 0),
    ("cafcass", 550, 0),
    ("fire", 500, 0),
    ("housing", 1_500, 1),
)
_LARGE_EXTRA: tuple[tuple[str, int, int], ...] = (
    ("ambulance", 1_000, 0),
    ("gp", 2_000, 2),
    ("btp", 250, 0),
    ("ukba", 250, 0),
    ("dwp", 500, 0),
    ("ofsted-ey", 300, 0),
)
_COUNCILS = (230_000, 120_000, 95_000)

#: (category, description, weight in thousandths of the budget, payee, entries a year)
_LINES: tuple[tuple[str, str, int, str, int], ...] = (
    ("staffing", "Business unit salaries: business manager, development officer and "
     "administrator", 565, "Council payroll recharge", 12),
    ("independent scrutiny", "Independent commissioner's fees", 125, "Independent commissioner",
     4),
    ("independent scrutiny", "Membership of the national association of safeguarding "
     "partnerships", 4, "National association", 1),
    ("practice reviews", "Child safeguarding practice reviews (independent lead reviewers)", 70,
     "Lead reviewer", 3),
    ("practice reviews", "Contingency for rapid reviews", 12, "Rapid review panel costs", 1),
    ("training", "Multi-agency training programme", 52, "Training provider", 6),
    ("training", "E-learning licences", 21, "E-learning provider", 1),
    ("training", "Staff development and expenses", 7, "Business unit staff", 3),
    ("systems and website", "Partnership website hosting", 14, "Web host", 1),
    ("systems and website", "Training booking system", 25, "Booking system supplier", 1),
    ("engagement", "Young people's engagement events and annual conference", 60,
     "Events supplier", 3),
    ("engagement", "Community awareness campaigns", 7, "Campaign designer", 4),
    ("engagement", "Lay member and community representative expenses", 4, "Lay members", 4),
    ("meetings", "Venues and refreshments", 7, "Venue hire", 6),
    ("office", "Printing, stationery and ICT", 4, "Office supplies", 4),
    ("audits", "Multi-agency audit programme", 23, "Independent auditor", 2),
)  # fmt: skip

_IN_KIND = (
    ("council:", "Hosting the business unit: office space, ICT and HR support", 18_000),
    ("icb", "Designated nurse and doctor time for reviews and training", 12_000),
    ("police", "Meeting rooms at police headquarters", None),
    ("vcs", "Venues for community engagement events", 1_500),
)


def _round_to(pounds: int, step: int) -> int:
    return (pounds + step // 2) // step * step


def _day(year: FinancialYear, offset_days: int) -> dt.date:
    return min(year.start + dt.timedelta(days=offset_days), year.end)


def build_finance(store: Store, ctx: DemoContext) -> None:
    """Every demo year: contributions and payments, in-kind help, budget, spend, reserves."""
    rng = random.Random(ctx.rng.random())
    ids = ctx.organisation_ids
    contributors: list[tuple[int, int, int]] = []  # org id, first-year pounds, growth %
    for i, la in enumerate(ctx.local_authorities):
        contributors.append((ids[f"council:{la}"], _COUNCILS[i], 3))
    for key, pounds, growth in _BASE:
        if key == "police":
            pounds *= len(ctx.local_authorities)  # £5,000 per borough
        contributors.append((ids[key], pounds, growth))
    if ctx.large:
        contributors += [(ids[k], p, g) for k, p, g in _LARGE_EXTRA]
        contributors += [
            (ids[k], rng.choice((500, 750, 1_000, 1_500)), 0)
            for k in ids
            if k.startswith("school:")
        ]
        contributors += [
            (ids[k], rng.choice((100, 150, 250)), 0) for k in ids if k.startswith("vcs:")
        ]
        contributors += [(ids["vcs"], 250, 0), (ids["nhse"], 2_500, 0), (ids["yjs"], 1_000, 0)]
    # A new contributor this year: agreed at the executive, not yet invoiced.
    newcomer = (ids["leisure"], 250) if ctx.large else (ids["nhse"], 2_500)

    current = FinancialYear.containing(ctx.today)
    store.bulk_insert(
        "finance_years", ["start_year", "notes"], [(y.start_year, "") for y in ctx.years]
    )
    year_ids = {r["start_year"]: r["id"] for r in queries.all_years(store)}
    reserve_id = store.insert(
        "reserves",
        {
            "name": "Practice review reserve",
            "purpose": "Set aside for child safeguarding practice reviews, which cannot be "
            "predicted year to year.",
        },
    )
    reserve_balance = 0
    opening = 28_500_00
    for n, year in enumerate(ctx.years):
        year_id = year_ids[year.start_year]
        is_current = year == current
        # Contributions, in the order a published table gives them: the council(s) first.
        rows = []
        for org_id, pounds, growth in contributors:
            amount = pounds
            for _ in range(n):
                amount = _round_to(amount * (100 + growth) // 100, 10 if amount > 2_000 else 1)
            rows.append((org_id, amount * 100))
        contribution_rows = []
        councils = {ids[f"council:{la}"] for la in ctx.local_authorities}
        for i, (org_id, pence) in enumerate(rows):
            invoice: dt.date | None = _day(year, rng.randrange(10, 45))
            if invoice and invoice > ctx.today:
                invoice = None  # early in the year: not invoiced yet
            waived = int(n == 1 and org_id == ids["fire"])
            instalments = org_id in councils or org_id == ids["icb"] or i % 11 == 7
            note = "Waived by the executive this year." if waived else ""
            if instalments:
                note = "Pays in instalments through the year by agreement."
            contribution_rows.append(
                (
                    year_id,
                    org_id,
                    pence,
                    f"LSCP-{year.start_year % 100:02d}-{org_id:03d}" if invoice else "",
                    invoice.isoformat() if invoice else None,
                    year.end.isoformat() if instalments and invoice else None,
                    waived,
                    note,
                )
            )
        store.bulk_insert(
            "contributions",
            [
                "year_id",
                "organisation_id",
                "agreed_pence",
                "invoice_ref",
                "invoice_date",
                "due_date",
                "waived",
                "notes",
            ],
            contribution_rows,
        )
        if is_current:
            store.insert(
                "contributions",
                {
                    "year_id": year_id,
                    "organisation_id": newcomer[0],
                    "agreed_pence": newcomer[1] * 100,
                    "notes": "Agreed at the executive; invoice to follow.",
                },
            )
        _payments(store, ctx, rng, year, year_id, is_current)
        total = sum(p for _, p in rows)
        _budget_and_spend(store, ctx, rng, year, year_id, total, is_current)
        # In kind.
        kinds = []
        for key, text, notional in _IN_KIND:
            org_key = f"council:{ctx.local_authorities[0]}" if key == "council:" else key
            value = None if notional is None else (notional + 500 * n) * 100
            kinds.append((year_id, ids[org_key], text, value))
        store.bulk_insert(
            "in_kind_contributions",
            ["year_id", "organisation_id", "description", "notional_pence"],
            kinds,
        )
        # Reserve: a drawdown when a review is commissioned; at year end the executive puts
        # part of any surplus into the practice review reserve.
        movements = []
        if n % 2 == 1 and reserve_balance >= 12_000_00 and ctx.today >= _day(year, 200):
            movements.append((reserve_id, year_id, _day(year, 200), -12_000_00,
                              "Drawdown for a child safeguarding practice review"))  # fmt: skip
            reserve_balance -= 12_000_00
        if not is_current:
            store.update("finance_years", year_id, {"opening_reserve_pence": opening})
            surplus = summary(store, year_id, today=ctx.today).closing_reserve
            amount = min(max(0, surplus // 2) // 1_000_00 * 1_000_00, 15_000_00)
            if amount:
                movements.append((reserve_id, year_id, year.end, amount,
                                  "Year-end transfer agreed by the executive"))  # fmt: skip
                reserve_balance += amount
        if movements:
            store.bulk_insert(
                "reserve_movements",
                ["reserve_id", "year_id", "moved_on", "amount_pence", "description"],
                [(r, y, d.isoformat(), a, t) for r, y, d, a, t in movements],
            )
        store.update("finance_years", year_id, {"opening_reserve_pence": opening})
        opening = summary(store, year_id, today=ctx.today).closing_reserve


def _payments(
    store: Store,
    ctx: DemoContext,
    rng: random.Random,
    year: FinancialYear,
    year_id: int,
    is_current: bool,
) -> None:
    contributions = queries.contributions_of_year(store, year_id)
    payments: list[tuple[int, str, int, str]] = []
    councils = {ctx.organisation_ids[f"council:{la}"] for la in ctx.local_authorities}
    for i, c in enumerate(contributions):
        if c["waived"] or not c["invoice_date"]:
            continue
        invoice = dt.date.fromisoformat(c["invoice_date"])
        agreed = c["agreed_pence"]
        if c["organisation_id"] in councils:
            # Councils pay quarterly.
            quarter = agreed // 4
            parts = [quarter, quarter, quarter, agreed - 3 * quarter]
            dates = [_day(year, 45 + 91 * q) for q in range(4)]
        elif c["organisation_id"] == ctx.organisation_ids["icb"] or i % 11 == 7:
            half = agreed // 2
            parts, dates = [half, agreed - half], [_day(year, 60), _day(year, 300)]
        else:
            parts, dates = [agreed], [invoice + dt.timedelta(days=rng.randrange(7, 55))]
        if is_current and i % 11 == 4:
            continue  # overdue: invoiced and not paid
        for amount, day in zip(parts, dates, strict=False):
            day = min(day, year.end)
            if day <= ctx.today and amount:
                ref = f"BACS {rng.randrange(100000, 999999)}"
                payments.append((c["id"], day.isoformat(), amount, ref))
    store.bulk_insert(
        "contribution_payments", ["contribution_id", "paid_on", "amount_pence", "reference"],
        payments,
    )  # fmt: skip


def _budget_and_spend(
    store: Store,
    ctx: DemoContext,
    rng: random.Random,
    year: FinancialYear,
    year_id: int,
    total: int,
    is_current: bool,
) -> None:
    """Budget lines that add up to the year's contributions, and spend against them."""
    weights = sum(w for _, _, w, _, _ in _LINES)
    amounts = [_round_to(total * w // weights // 100, 100) * 100 for _, _, w, _, _ in _LINES]
    amounts[0] += total - sum(amounts)  # staffing absorbs the rounding: a balanced budget
    store.bulk_insert(
        "budget_lines",
        ["year_id", "position", "category", "description", "budget_pence"],
        [
            (year_id, i + 1, cat, text, amount)
            for i, ((cat, text, _, _, _), amount) in enumerate(zip(_LINES, amounts, strict=True))
        ],
    )
    line_ids = [r["id"] for r in queries.budget_lines_of_year(store, year_id)]
    entries: list[tuple[int, str, int, str, str, str]] = []
    per_entry_extra = 3 if ctx.large else 1
    for line_id, (_cat, text, _w, payee, n), budget in zip(line_ids, _LINES, amounts, strict=True):
        # Actual ends between 86% and 103% of budget over the year.
        factor = rng.randrange(86, 104)
        target = budget * factor // 100
        count = n if n >= 4 else n * per_entry_extra
        for k in range(count):
            day = _day(year, (365 * (k + 1)) // (count + 1))
            if is_current and day > ctx.today:
                break
            share = target // count if k < count - 1 else target - (target // count) * k
            pence = share // 100 * 100 + (rng.randrange(0, 100) if share > 50_000 else 0)
            if pence <= 0:
                continue
            ref = f"PO{year.start_year % 100:02d}{line_id:03d}{k + 1:02d}"
            entries.append((line_id, day.isoformat(), pence, payee, ref, text.split(":")[0]))
    store.bulk_insert(
        "spend_entries",
        ["budget_line_id", "spent_on", "amount_pence", "payee", "reference", "description"],
        entries,
    )
