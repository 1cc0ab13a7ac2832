"""The year's figures: closing and forecast reserve, shares, year on year."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from helpers.funding import add_organisation, load_lambeth, load_lewisham

from lscp_desktop.models.finance.analysis import format_share, summary, year_on_year
from lscp_desktop.models.finance.budget import list_budget_lines, save_spend
from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.rollover import roll_forward
from lscp_desktop.models.finance.years import save_year
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.store.database import Store


def test_closing_reserve(store: Store) -> None:
    fy = load_lewisham(store)
    save_year(store, {"label": "2018/19", "opening_reserve": "10,000"}, fy.id)
    s = summary(store, fy.id, today=dt.date(2019, 5, 1))
    assert s.closing_reserve == s.forecast_closing == 10_000_00  # income less spend, both £182,550


def test_forecast_assumes_the_rest_of_the_budget_is_spent(store: Store) -> None:
    fy = load_lambeth(store)
    line = list_budget_lines(store, fy.id)[0]
    save_spend(store, {"budget_line_id": line.id, "spent_on": "2018-05-01", "amount": "1000"})
    during = summary(store, fy.id, today=dt.date(2018, 6, 1))
    assert during.closing_reserve == 281_000_00
    assert during.forecast_closing == 0
    after = summary(store, fy.id, today=dt.date(2019, 4, 1))
    assert after.forecast_closing == after.closing_reserve == 281_000_00


def test_shares_and_their_display() -> None:
    assert format_share(Fraction(72, 100)) == "72.0%"
    assert format_share(Fraction(1, 3)) == "33.3%"
    assert format_share(Fraction(2, 3)) == "66.7%"
    assert format_share(Fraction(1, 2000)) == "0.1%"  # 0.05% rounds half up
    assert format_share(Fraction(-1, 8)) == "-12.5%"
    assert format_share(None) == "—"


def test_year_on_year_change_per_contributor(store: Store) -> None:
    load_lambeth(store)
    rf = roll_forward(store, "2018/19", uplift="10")
    police = find_organisation(
        store, "Metropolitan Police via Mayor's Office for Policing and Crime"
    )
    new = add_organisation(store, "Northbridge Homes")
    save_contribution(store, {"year_id": rf.year.id, "organisation_id": new, "agreed": "900"})
    rows = {r.organisation: r for r in year_on_year(store, rf.year.id)}
    council = rows["Lambeth Council"]
    assert (council.previous, council.current, council.change) == (
        229_950_00,
        252_945_00,
        22_995_00,
    )
    assert council.change_fraction == Fraction(1, 10)
    assert rows["Northbridge Homes"].change_fraction is None
    assert police is not None and rows[police.name].current == 5_500_00
