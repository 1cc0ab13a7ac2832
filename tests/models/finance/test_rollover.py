"""Rolling a year forward: the uplift and its rounding, what is copied and skipped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from helpers.funding import load_lambeth

from lscp_desktop.models.core.errors import NotFoundError, ValidationError
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions, save_contribution
from lscp_desktop.models.finance.rollover import apply_uplift, roll_forward
from lscp_desktop.models.finance.years import get_year, save_year
from lscp_desktop.models.membership.organisations import find_organisation, set_organisation_active
from lscp_desktop.models.store.database import Store


@pytest.mark.parametrize(
    ("pence", "percent", "round_to", "expected"),
    [
        (550_00, "2.5", "pound", 564_00),  # £563.75 → £564
        (550_00, "2.5", "penny", 563_75),
        (1_000, "5", "pound", 1_100),  # £10.50 is a half: rounded up
        (10, "5", "penny", 11),  # 10.5p is a half: rounded up
        (229_950_00, "2.5", "pound", 235_699_00),  # £235,698.75
        (5_000_00, "0", "pound", 5_000_00),
        (5_000_00, "-3.33", "penny", 4_833_50),
        (333_33, "0", "pound", 333_00),  # pence dropped to the pound
    ],
)
def test_uplift_rounding_rule(pence: int, percent: str, round_to: str, expected: int) -> None:
    assert apply_uplift(pence, Decimal(percent), round_to) == expected


@pytest.mark.parametrize("text", ["2,5x", "abc", "1.234", "75", "nan"])
def test_a_bad_uplift_is_refused(store: Store, text: str) -> None:
    load_lambeth(store)
    with pytest.raises(ValidationError) as err:
        roll_forward(store, "2018/19", uplift=text)
    assert err.value.field == "uplift"
    assert store.count("finance_years") == 1


def test_roll_forward_copies_with_uplift(store: Store) -> None:
    fy = load_lambeth(store)
    save_year(store, {"label": "2018/19", "opening_reserve": "3,000"}, fy.id)
    cafcass = find_organisation(store, "Cafcass")
    assert cafcass is not None
    set_organisation_active(store, cafcass.id, False)
    result = roll_forward(store, "2018/19", uplift="2.5%", today=dt.date(2019, 2, 1))
    assert result.created and result.year.label == "2019/20"
    assert result.contributions == 6 and result.budget_lines == 16
    assert result.skipped == ["Cafcass is no longer active"]
    # Before the year ends, the whole budget is assumed spent: £3,000 + £282,000 - £282,000.
    assert result.year.opening_reserve == 3_000_00
    cs = {c.organisation: c.agreed for c in list_contributions(store, result.year.id)}
    assert cs["Lambeth Council"] == 235_699_00
    assert cs["London Fire Brigade"] == 513_00  # £512.50 rounds up
    assert "Cafcass" not in cs
    assert result.total_after == sum(cs.values())
    lines = list_budget_lines(store, result.year.id)
    assert lines[0].budget == 164_000_00
    assert [b.position for b in lines] == list(range(1, 17))


def test_roll_forward_into_a_year_already_started(store: Store) -> None:
    load_lambeth(store)
    nxt = save_year(store, {"label": "2019/20", "opening_reserve": "1"})
    council = find_organisation(store, "Lambeth Council")
    assert council is not None
    save_contribution(store, {"year_id": nxt, "organisation_id": council.id, "agreed": "1"})
    result = roll_forward(store, "2018/19", round_to="penny", copy_budget=False)
    assert not result.created
    assert result.skipped == ["Lambeth Council already has a 2019/20 contribution"]
    assert result.contributions == 6 and result.budget_lines == 0
    assert get_year(store, "2019/20").opening_reserve == 1_00  # left as the user set it
    with pytest.raises(NotFoundError):
        roll_forward(store, "2030/31")
