"""Entering a published funding table (contributions, budget, spend) for one year in one go,
as the partnerships publish them in their yearly reports."""

from __future__ import annotations

from collections.abc import Iterable

from lscp_desktop.models.finance.budget import list_budget_lines, save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import ensure_year
from lscp_desktop.models.membership.organisations import find_organisation, save_organisation
from lscp_desktop.models.store.database import Store

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
