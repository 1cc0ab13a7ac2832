"""The partnership at a glance, as Home shows it: headline counts, bodies with no current chair,
and memberships ending soon.

Apart from ``home`` (what needs attention, loaded off the GUI thread after the window's first
paint) so that showing the window does not import that (issue 21).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.membership.records import Organisation
from lscp_desktop.models.membership.working_together import PartnerCount, partner_label
from lscp_desktop.models.reporting import queries
from lscp_desktop.models.store.database import Store


class EndingMembership(NamedTuple):
    """A membership of a body that ends soon."""

    membership_id: int
    person: str
    body: str
    role: str
    end_date: str


class MembershipSummary(NamedTuple):
    """Home's figures: the partnership, its counts, bodies without a chair, memberships
    ending soon."""

    #: The statutory partners and those the arrangement adds: "3 statutory partners + Education".
    partners: PartnerCount
    name: str
    local_authorities: list[str]
    chair_arrangement: str
    counts: dict[str, int]
    bodies_without_chair: list[tuple[int, str]]
    ending_soon: list[EndingMembership]


def membership_summary(
    store: Store, today: dt.date | None = None, days: int = 60
) -> MembershipSummary:
    """Headline counts, bodies with no current chair, and memberships ending within *days*."""
    today = today or dt.date.today()
    t = today.isoformat()
    partnership = get_partnership(store)
    added = tuple(
        dict.fromkeys(
            partner_label(Organisation.from_row(r)) for r in queries.added_partner_rows(store)
        )
    )
    partners = PartnerCount(queries.count_active_statutory_partners(store), added)
    counts = {
        partners.label: partners.statutory,
        "Organisations": queries.count_active_organisations(store),
        "People": queries.count_active_people(store),
        "Bodies": queries.count_current_bodies(store, t),
        "Current memberships": queries.count_current_memberships(store, t),
    }
    no_chair = queries.bodies_without_chair(store, t)
    horizon = (today + dt.timedelta(days=days)).isoformat()
    # One indexed query rather than loading every membership: Home must open in under 50 ms.
    ending = [
        EndingMembership(r["id"], r["person"], r["body"], r["role"], r["end_date"])
        for r in queries.memberships_ending(store, t, horizon)
    ]
    return MembershipSummary(
        partners=partners,
        name=partnership.name if partnership else "New partnership",
        local_authorities=partnership.local_authorities if partnership else [],
        chair_arrangement=partnership.chair_arrangement if partnership else "",
        counts=counts,
        bodies_without_chair=[(r["id"], r["name"]) for r in no_chair],
        ending_soon=ending,
    )
