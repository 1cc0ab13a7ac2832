"""Entering a published funding table (contributions, budget, spend) for one year in one go,
as the partnerships publish them in their yearly reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lscp_desktop.models.core.money import format_money
from lscp_desktop.models.finance.budget import list_budget_lines, save_budget_line, save_spend
from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.payments import NOT_INVOICED, record_payment
from lscp_desktop.models.finance.records import FinanceYear
from lscp_desktop.models.finance.years import ensure_year
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.public_bodies import classify, match_organisation
from lscp_desktop.models.store.database import Store


@dataclass
class LoadedTable:
    """What :func:`load_funding_table` entered: counts and totals of what was loaded (not the
    year's totals), the organisations it made and the names it took as ones recorded."""

    year: FinanceYear
    contributions: int = 0
    contributions_total: int = 0
    budget_lines: int = 0
    budget_total: int = 0
    spend_entries: int = 0
    spend_total: int = 0
    received_total: int = 0
    created: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """'Loaded 2018/19: 16 budget lines totalling £282,000.'"""
        parts = [
            f"{n} {one if n == 1 else many} totalling {format_money(total)}"
            for n, one, many, total in (
                (self.contributions, "contribution", "contributions", self.contributions_total),
                (self.budget_lines, "budget line", "budget lines", self.budget_total),
                (self.spend_entries, "spend entry", "spend entries", self.spend_total),
            )
            if n
        ]
        if self.received_total:
            parts.append(f"{format_money(self.received_total)} recorded as received")
        return f"Loaded {self.year.label}: " + ("; ".join(parts) or "nothing") + "."


def guess_sector(name: str, authorities: Sequence[str] = ()) -> str:
    return classify(name, tuple(authorities)).sector


def load_funding_table(
    store: Store,
    year: str,
    *,
    contributions: Iterable[tuple[str, str, int]] = (),
    budget: Iterable[tuple[str, str, int]] = (),
    spend: Iterable[tuple[str, str, int]] = (),
    received: bool = False,
) -> LoadedTable:
    """Enter a published funding table for one year in one go, and say what was entered.

    *contributions*: (organisation, kind, pence), matched to recorded organisations by name or
    alias ("via MOPAC" is the Metropolitan Police), adding those not yet known;
    *budget*: (description, category, pence) budget lines; *spend*: (description, category,
    pence) spent in the year, recorded against the budget line of that description (made with
    that amount as its budget if there is none) on the last day of the year. With *received*
    the contributions are recorded as paid in full on the year's last day (a table of money
    that came in); without, they are agreed and still owed.
    """
    with store.transaction():
        fy = ensure_year(store, year)
        loaded = LoadedTable(fy)
        partnership = get_partnership(store)
        authorities = partnership.local_authorities if partnership else []
        for name, kind, pence in contributions:
            org, how = match_organisation(list_organisations(store), name)
            if how:
                loaded.matched.append(how)
            if org is None:
                sector = guess_sector(name, authorities)
                org_id = save_organisation(store, {"name": name, "kind": kind, "sector": sector})
                loaded.created.append(f"{' '.join(name.split())} ({kind}, {sector})")
            else:
                org_id = org.id
            contribution_id = save_contribution(
                store, {"year_id": fy.id, "organisation_id": org_id, "agreed": pence}
            )
            if received and pence:
                # A published table has no invoices: the money was received by the year's end.
                record_payment(
                    store,
                    contribution_id,
                    {"paid_on": fy.fy.end, "amount": pence},
                    confirmed={NOT_INVOICED},
                )
                loaded.received_total += pence
            loaded.contributions += 1
            loaded.contributions_total += pence
        for description, category, pence in budget:
            loaded.budget_lines += 1
            loaded.budget_total += pence
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
            loaded.spend_entries += 1
            loaded.spend_total += pence
    return loaded
