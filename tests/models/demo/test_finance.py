"""The demo's funding: shaped like the published tables, every year paid and carried forward."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from lscp_desktop.models.finance.analysis import shares, summary
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions, outstanding
from lscp_desktop.models.finance.years import list_years
from lscp_desktop.models.store.database import Store


def test_demo_funding_feels_like_the_published_tables(demo_store: Store) -> None:
    today = dt.date(2026, 11, 22)
    years = list_years(demo_store)
    assert [y.label for y in years] == ["2024/25", "2025/26", "2026/27"]
    for y in years:
        cs = list_contributions(demo_store, y.id, today=today)
        s = summary(demo_store, y.id, today=today)
        assert cs and s.budget > 0 and s.actual > 0
        assert store_has_payments(demo_store, y.id)
        council = shares(cs)[0]
        assert council.name.endswith("Borough Council")
        assert Fraction(70, 100) <= council.share <= Fraction(80, 100)
        police = next(c for c in cs if c.organisation == "Northshire Police")
        assert police.agreed == 5_000_00
        icb = next(x for x in shares(cs) if "Integrated Care Board" in x.name)
        assert Fraction(12, 100) <= icb.share <= Fraction(18, 100)
        assert {b.category for b in list_budget_lines(demo_store, y.id)} >= {
            "staffing", "independent scrutiny", "practice reviews", "training",
        }  # fmt: skip
    current = list_contributions(demo_store, years[-1].id, today=today)
    assert {"paid", "part-paid", "overdue", "agreed"} <= {c.status for c in current}
    assert outstanding(demo_store, years[-1].id, today=today)
    # Each year opens with what the one before closed with.
    for before, after in itertools.pairwise(years):
        assert summary(demo_store, before.id, today=today).closing_reserve == after.opening_reserve


def store_has_payments(store: Store, year_id: int) -> bool:
    return any(c.payments for c in list_contributions(store, year_id))
