"""Entering the published funding tables (Lambeth and Lewisham 2018/19) in one go."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from helpers.funding import (
    LAMBETH_BUDGET,
    LAMBETH_CONTRIBUTIONS,
    LEWISHAM_CONTRIBUTIONS,
    LEWISHAM_SPEND,
    load_lambeth,
    load_lewisham,
)

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.finance.analysis import format_share, shares, shares_by_kind, summary
from lscp_desktop.models.finance.budget import list_budget_lines, list_spend
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.funding_table import load_funding_table
from lscp_desktop.models.membership.organisations import find_organisation
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2025, 11, 22)


def test_lambeth_table_is_representable(store: Store) -> None:
    fy = load_lambeth(store)
    cs = list_contributions(store, fy.id, today=TODAY)
    assert [(c.organisation, c.organisation_kind, c.agreed) for c in cs] == LAMBETH_CONTRIBUTIONS
    lines = list_budget_lines(store, fy.id)
    assert [(b.description, b.category, b.budget) for b in lines] == LAMBETH_BUDGET
    s = summary(store, fy.id, today=TODAY)
    assert (s.agreed, s.budget, s.contributors, len(lines)) == (282_000_00, 282_000_00, 7, 16)
    council = next(x for x in shares(cs) if x.name == "Lambeth Council")
    assert format_share(council.share) == "81.5%"
    kinds = {k.name: k for k in shares_by_kind(cs)}
    assert kinds["statutory partner"].agreed == 274_950_00
    assert kinds["statutory partner"].count == 3
    assert kinds["relevant agency"].agreed == 7_050_00
    assert sum(k.share for k in kinds.values()) == 1


def test_lewisham_table_is_representable(store: Store) -> None:
    fy = load_lewisham(store)
    cs = list_contributions(store, fy.id, today=TODAY)
    assert [(c.organisation, c.agreed) for c in cs] == [
        (n, p) for n, _, p in LEWISHAM_CONTRIBUTIONS
    ]
    spend = list_spend(store, fy.id)
    assert [(s.line, s.category, s.amount) for s in spend] == LEWISHAM_SPEND
    assert all(s.spent_on == "2019-03-31" for s in spend)
    s = summary(store, fy.id, today=TODAY)
    assert (s.agreed, s.actual, s.budget, s.variance) == (182_550_00, 182_550_00, 182_550_00, 0)
    # The council's share the executive argues about, exactly.
    council = next(x for x in shares(cs) if x.name == "Lewisham Council")
    assert council.share == Fraction(83_280, 182_550)
    assert format_share(council.share) == "45.6%"
    assert find_organisation(store, "Metropolitan Police").sector == "police"


def test_a_bad_row_in_a_table_saves_nothing(store: Store) -> None:
    rows = [*LAMBETH_CONTRIBUTIONS, ("Lambeth Council", "statutory partner", 100)]
    with pytest.raises(ValidationError, match="already has a contribution"):
        load_funding_table(store, "2018/19", contributions=rows)
    assert store.count("organisations") == 0
    assert store.count("contributions") == 0
    assert store.count("finance_years") == 0
