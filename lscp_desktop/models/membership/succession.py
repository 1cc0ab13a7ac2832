"""A successor in a partnership role: when someone new takes a role that one person holds at a
time, the previous holder's role ends the day before they start and, as the user chooses, their
seats on the partnership's bodies too (:func:`handover_for` proposes, :func:`save_successor`
saves the new role and ends the old in one transaction).

Which roles one person holds at a time is a Working Together rule, kept in one place:
:func:`working_together.successor` (one Lead Safeguarding Partner per statutory partner).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership import working_together
from lscp_desktop.models.membership.body_records import Membership, PartnershipRole
from lscp_desktop.models.membership.memberships import (
    end_membership,
    get_membership,
    list_memberships,
)
from lscp_desktop.models.membership.organisations import get_organisation
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.roles import RoleSaved, clean_role, save_role_checked
from lscp_desktop.models.store.database import Store


@dataclass
class Handover:
    """What naming *successor* to *role* would end, on *end_date* (the day before they start):
    the *previous* holder's role, and the seats on bodies they hold then."""

    role: str
    organisation: str
    successor: str
    end_date: str
    previous: PartnershipRole
    memberships: list[Membership] = field(default_factory=list)

    def describe(self) -> str:
        """ "Olive Old is Lead Safeguarding Partner for Northshire Police …": one sentence."""
        seats = (
            " Their seats on the partnership's bodies ticked below end that day too."
            if self.memberships
            else ""
        )
        return (
            f"{self.previous.person} is {self.role} for {self.organisation} until "
            f"{self.successor} starts; a statutory partner has one at a time. Their role ends on "
            f"{uk(self.end_date)}, the day before.{seats}"
        )


def handover_for(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> Handover | None:
    """The role that saving *values* (a partnership role, not yet saved) would succeed, with
    the previous holder's seats on bodies the day before; None when it succeeds nobody."""
    clean = clean_role(values)
    previous = working_together.successor(store, clean, record_id)
    if previous is None:
        return None
    end = _day_before(clean["start_date"])
    seats = [
        m
        for m in list_memberships(store, person_id=previous.person_id)
        if m.start_date <= end and (m.end_date is None or m.end_date > end)
    ]
    return Handover(
        clean["role"],
        get_organisation(store, clean["organisation_id"]).name,
        get_person(store, clean["person_id"]).name,
        end,
        previous,
        seats,
    )


def save_successor(
    store: Store, values: dict[str, Any], membership_ids: Iterable[int] = ()
) -> RoleSaved:
    """Save the new role in *values*, ending the previous holder's role and the seats
    *membership_ids* the day before it starts, all in one transaction."""
    with store.transaction():
        saved = save_role_checked(store, values, end_previous=True)
        end = _day_before(clean_role(values)["start_date"])
        for membership_id in membership_ids:
            seat = get_membership(store, membership_id)
            if seat.start_date > end:
                raise ValidationError(
                    f"{seat.person}'s seat on {seat.body} starts on {uk(seat.start_date)}; it "
                    f"cannot end on {uk(end)}."
                )
            end_membership(store, membership_id, end)
        return saved


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()
