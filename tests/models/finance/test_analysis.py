"""The year's figures: closing and forecast reserve, shares, year on year."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from helpers.funding import add_organisation, load_lambeth, load_lewisham

from lscp_desktop.models.finance.analysis import (
    format_share,
    reserve_assumptions,
    shares,
    summary,
    year_on_year,
)
from lscp_desktop.models.finance.budget import list_budget_lines, save_spend
from lscp_desktop.models.finance.contributions import list_contributions, save_contribution
from lscp_desktop.models.finance.funding_table import load_funding_table
from lscp_desktop.models.finance.rollover import roll_forward
from lscp_desktop.models.finance.years import save_year
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.store.database import Store


def test_closing_reserve_counts_only_money_received_and_spent(store: Store) -> None:
    fy = load_lewisham(store)  # agreed and spent, nothing recorded as received
    save_year(store, {"label": "2018/19", "opening_reserve": "10,000"}, fy.id)
    s = summary(store, fy.id, today=dt.date(2019, 5, 1))
    assert s.closing_reserve == s.forecast_closing == 10_000_00 - 182_550_00
    assert "Not counted: £182,550 agreed but not recorded as received." in reserve_assumptions(s)


def test_a_table_of_money_received_balances(store: Store) -> None:
    from helpers.funding import LEWISHAM_CONTRIBUTIONS, LEWISHAM_SPEND

    loaded = load_funding_table(
        store, "2018/19", contributions=LEWISHAM_CONTRIBUTIONS, spend=LEWISHAM_SPEND, received=True
    )
    assert loaded.received_total == 182_550_00
    save_year(store, {"label": "2018/19", "opening_reserve": "10,000"}, loaded.year.id)
    s = summary(store, loaded.year.id, today=dt.date(2019, 5, 1))
    assert s.closing_reserve == s.forecast_closing == 10_000_00  # received less spent


def test_forecast_assumes_the_rest_of_the_budget_is_spent(store: Store) -> None:
    fy = load_lambeth(store)
    line = list_budget_lines(store, fy.id)[0]
    save_spend(store, {"budget_line_id": line.id, "spent_on": "2018-05-01", "amount": "1000"})
    during = summary(store, fy.id, today=dt.date(2018, 6, 1))
    assert during.closing_reserve == 281_000_00
    assert during.forecast_closing == 0
    after = summary(store, fy.id, today=dt.date(2019, 4, 1))
    # once over, only money received (none recorded) less money spent (£1,000) is carried
    assert after.forecast_closing == after.closing_reserve == -1_000_00


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


def test_shares_of_a_year_whose_contributions_are_all_nil(store: Store) -> None:
    """Seed 002 publishes who contributes but no amounts: no share is 0% and none 100%."""
    table = [("Lambeth Council", "statutory partner", 0), ("Cafcass", "relevant agency", 0)]
    fy = load_funding_table(store, "2024/25", contributions=table).year
    cs = list_contributions(store, fy.id)
    assert [format_share(s.share) for s in shares(cs)] == ["—", "—"]
