"""Who held which place during a financial year, for the yearly report: partnership roles (the
Lead and Delegated Safeguarding Partners, the independent scrutineer), the chair of each body
(a rotating chair turn by turn) and each body's members — as they were during the year, not as
they are on the day the report is drafted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from lscp_desktop.models.core.dates import FinancialYear, uk
from lscp_desktop.models.meetings.chair_rotation import chair_on
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.body_records import Body, Membership
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.roles import list_roles
from lscp_desktop.models.store.database import Store

CHAIR_ROLES = ("chair", "co-chair")
SCRUTINY_ROLES = ("independent scrutineer", "independent commissioner")
LEADERSHIP_ROLES = ("Lead Safeguarding Partner", "Delegated Safeguarding Partner",
                    "partnership chair")  # fmt: skip


@dataclass(frozen=True)
class Held:
    """A place someone held for part or all of the year."""

    person: str
    place: str
    organisation: str = ""
    start: str | None = None
    end: str | None = None


def overlaps(start: str | None, end: str | None, year: FinancialYear) -> bool:
    """Whether a place held from *start* to *end* (ISO; None: open) overlaps the year."""
    return (start or "") <= year.end.isoformat() and (end is None or end >= year.start.isoformat())


def during(held: Held, year: FinancialYear) -> str:
    """ "Throughout the year", "From 01/09/2025", "Until 31/12/2025" or "01/09/2025 to …"."""
    began = bool(held.start) and str(held.start) > year.start.isoformat()
    ended = held.end is not None and held.end < year.end.isoformat()
    if began and ended:
        return f"{uk(held.start)} to {uk(held.end)}"
    if began:
        return f"From {uk(held.start)}"
    if ended:
        return f"Until {uk(held.end)}"
    return "Throughout the year"


def roles_in_year(store: Store, year: FinancialYear, roles: tuple[str, ...]) -> list[Held]:
    """The partnership roles in *roles* held during the year, in the order of *roles*."""
    rank = {r.lower(): i for i, r in enumerate(roles)}
    found = [
        Held(r.person, r.role, r.organisation, r.start_date or None, r.end_date)
        for r in list_roles(store)
        if r.role.lower() in rank and overlaps(r.start_date, r.end_date, year)
    ]
    return sorted(found, key=lambda h: (rank[h.place.lower()], h.start or "", h.person))


def bodies_in_year(store: Store, year: FinancialYear) -> list[Body]:
    """The partnership's own bodies that existed at some time in the year."""
    return [
        b for b in list_bodies(store)
        if not b.hosted_by and overlaps(b.start_date or None, b.end_date, year)
    ]  # fmt: skip


def chairs_in_year(store: Store, year: FinancialYear) -> dict[str, list[Held]]:
    """Each body's chairs during the year, by body name: its chairs (and co-chairs), or, for a
    body whose chair rotates among the partners, each turn that fell in the year."""
    out: dict[str, list[Held]] = {}
    members = memberships_in_year(store, year)
    for body in bodies_in_year(store, year):
        turns = _rotating_chairs(store, body.id, year)
        chairs = turns or [
            Held(m.person, m.role, m.organisation, m.start_date or None, m.end_date)
            for m in members.get(body.id, []) if m.role in CHAIR_ROLES
        ]  # fmt: skip
        if chairs:
            out[body.name] = sorted(chairs, key=lambda h: (h.start or "", h.person))
    return out


def _rotating_chairs(store: Store, body_id: int, year: FinancialYear) -> list[Held]:
    turns: list[Held] = []
    day = year.start
    while day <= year.end:
        turn = chair_on(store, body_id, day)
        if turn is None:
            break
        until = min(turn.until, year.end)
        turns.append(Held(turn.person or turn.organisation, "chair (rotating)",
                          turn.organisation, day.isoformat(), until.isoformat()))  # fmt: skip
        day = until + dt.timedelta(days=1)
    return turns


def memberships_in_year(store: Store, year: FinancialYear) -> dict[int, list[Membership]]:
    """Every membership held during the year, by body id, as listed (chair first, by name)."""
    by_body: dict[int, list[Membership]] = defaultdict(list)
    for m in list_memberships(store):
        if overlaps(m.start_date or None, m.end_date, year):
            by_body[m.body_id].append(m)
    return by_body
