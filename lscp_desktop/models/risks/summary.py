"""A register at a glance: live risks counted per likelihood × impact cell (the heat map) and
the highest risks."""

from __future__ import annotations

from collections.abc import Iterable

from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import HeatMap, Risk
from lscp_desktop.models.store.database import Store


def heat_map_counts(
    store: Store,
    register: str | None = None,
    which: str = "residual",
    *,
    body_id: int | None = None,
) -> HeatMap:
    """Live (not closed) risks per likelihood × impact cell, inherent or residual."""
    return heat_map_of(list_risks(store, register=register, body_id=body_id,
                                  include_closed=False), which)  # fmt: skip


def heat_map_of(risks: Iterable[Risk], which: str = "residual") -> HeatMap:
    """*risks* counted per likelihood × impact cell (e.g. a register as at a past day)."""
    if which not in ("inherent", "residual"):
        raise ValueError(f"which must be 'inherent' or 'residual', not {which!r}")
    grid = HeatMap(which)
    for r in risks:
        likelihood, impact = (
            (r.inherent_likelihood, r.inherent_impact)
            if which == "inherent"
            else (r.residual_likelihood, r.residual_impact)
        )
        grid.counts[likelihood - 1][impact - 1] += 1
        if likelihood * impact > r.appetite:
            grid.above[likelihood - 1][impact - 1] += 1
    return grid


def top_risks(
    store: Store, n: int = 5, *, register: str | None = None, body_id: int | None = None
) -> list[Risk]:
    """The *n* highest live risks by residual score, then inherent score, then reference."""
    return top_of(list_risks(store, register=register, body_id=body_id, include_closed=False), n)


def top_of(risks: Iterable[Risk], n: int = 5) -> list[Risk]:
    """The *n* highest of *risks* by residual score, then inherent score, then reference."""
    return sorted(risks, key=lambda r: (-r.residual_score, -r.inherent_score, r.reference))[:n]
