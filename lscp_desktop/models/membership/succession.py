"""A successor in a partnership role: when someone new takes a role that one person holds at a
time, the previous holder's role and their seats on the partnership's bodies end the day
before, once the user agrees (:func:`handover_for` proposes, :func:`hand_over` does it).

Which roles are held by one person at a time (per organisation they are held for) is kept here
in :data:`ONE_HOLDER_ROLES`; the role rules of Working Together live with the roles themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from lscp_desktop.models.core.dates import parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.memberships import get_membership, list_memberships
from lscp_desktop.models.membership.records import Membership, PartnershipRole
from lscp_desktop.models.membership.roles import list_roles
from lscp_desktop.models.store.database import Store

#: Roles one person holds at a time for the organisation they act for (or for the partnership,
#: when they act for none): naming someone new makes them the previous holder's successor.
ONE_HOLDER_ROLES = frozenset(
    {
        "Lead Safeguarding Partner",
        "Delegated Safeguarding Partner",
        "partnership chair",
        "independent scrutineer",
        "independent commissioner",
        "Lead Member (participant observer)",
        "designated nurse",
        "designated doctor",
    }
)


@dataclass
class Handover:
    """What naming *successor* would end, on *end_date* (the day before they start)."""

    successor: PartnershipRole
    end_date: str
    roles: list[PartnershipRole] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)

    def describe(self) -> str:
        """ "Jo Bloggs (Police) holds this role …", one sentence per previous holder."""
        names = sorted({r.person for r in self.roles})
        return (
            f"{' and '.join(names)} still {'holds' if len(names) == 1 else 'hold'} the role of "
            f"{self.successor.role}"
            + (f" for {self.successor.organisation}" if self.successor.organisation else "")
            + f". End {'it' if len(self.roles) == 1 else 'them'}, and the seats on the "
            f"partnership's bodies ticked below, on {uk(self.end_date)}, the day before "
            f"{self.successor.person} starts?"
        )


def handover_for(store: Store, role_id: int) -> Handover | None:
    """The previous holders of the role *role_id* names someone to, still in post the day it
    starts, with their seats on bodies then; None when there is nobody to succeed."""
    roles = list_roles(store)
    new = next((r for r in roles if r.id == role_id), None)
    if new is None or new.role not in ONE_HOLDER_ROLES:
        return None
    start = parse_date(new.start_date)
    end = (start - dt.timedelta(days=1)).isoformat()
    previous = [
        r
        for r in roles
        if r.id != new.id
        and r.role == new.role
        and r.organisation_id == new.organisation_id
        and r.person_id != new.person_id
        and r.start_date <= end
        and (r.end_date is None or r.end_date > end)
    ]
    if not previous:
        return None
    people = {r.person_id for r in previous}
    seats = [
        m
        for person_id in sorted(people)
        for m in list_memberships(store, person_id=person_id)
        if m.start_date <= end and (m.end_date is None or m.end_date > end)
    ]
    return Handover(new, end, previous, seats)


def hand_over(
    store: Store, role_ids: Iterable[int], membership_ids: Iterable[int], end_date: str
) -> None:
    """End the roles and memberships chosen on *end_date*, all in one transaction."""
    end = parse_date(end_date, "end date").isoformat()
    with store.transaction():
        for role_id in role_ids:
            row = store.require("partnership_roles", role_id, "partnership role")
            if row["start_date"] > end:
                raise ValidationError(
                    f"A role that starts on {uk(row['start_date'])} cannot end on {uk(end)}."
                )
            store.update("partnership_roles", role_id, {"end_date": end})
        for membership_id in membership_ids:
            seat = get_membership(store, membership_id)
            if seat.start_date > end:
                raise ValidationError(
                    f"{seat.person}'s seat on {seat.body} starts on {uk(seat.start_date)}; it "
                    f"cannot end on {uk(end)}."
                )
            store.update("memberships", membership_id, {"end_date": end})
