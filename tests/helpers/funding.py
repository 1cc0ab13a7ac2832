"""The published 2018/19 funding tables (tests/data, copied from the shared fixtures)."""

from __future__ import annotations

import csv
from pathlib import Path

from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.funding_table import load_funding_table
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.store.database import Store

DATA = Path(__file__).parents[1] / "data"


def read_table(name: str) -> list[tuple[str, str, int]]:
    """(name or line, kind or category, pence) rows of one fixture CSV."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return [(r[0], r[1], int(r[2]) * 100) for r in rows[1:]]


LAMBETH_CONTRIBUTIONS = read_table("lambeth-2018-19-contributions.csv")
LAMBETH_BUDGET = read_table("lambeth-2018-19-budget.csv")
LEWISHAM_CONTRIBUTIONS = read_table("lewisham-2018-19-contributions.csv")
LEWISHAM_SPEND = read_table("lewisham-2018-19-spend.csv")


def load_lambeth(store: Store) -> FinanceYear:
    return load_funding_table(
        store, "2018/19", contributions=LAMBETH_CONTRIBUTIONS, budget=LAMBETH_BUDGET
    ).year


def load_lewisham(store: Store) -> FinanceYear:
    return load_funding_table(
        store, "2018/19", contributions=LEWISHAM_CONTRIBUTIONS, spend=LEWISHAM_SPEND
    ).year


def add_organisation(store: Store, name: str, kind: str = "relevant agency") -> int:
    return save_organisation(store, {"name": name, "kind": kind, "sector": "other"})


def add_contribution(store: Store, year: FinanceYear, name: str, agreed: str, **extra: str) -> int:
    """A new organisation called *name* and its contribution of *agreed* for *year*."""
    org = add_organisation(store, name)
    return save_contribution(
        store, {"year_id": year.id, "organisation_id": org, "agreed": agreed, **extra}
    )
