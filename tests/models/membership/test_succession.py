"""A successor in a one-holder role: the previous holder's role and seats offered to end the
day before; roles several people hold at once offer nothing."""

from __future__ import annotations

import pytest
from helpers.membership import body, person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.memberships import get_membership, save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.roles import list_roles, save_role
from lscp_desktop.models.membership.succession import hand_over, handover_for
from lscp_desktop.models.store.database import Store


def test_a_successor_is_offered_the_predecessors_role_and_seats(store: Store) -> None:
    police = save_organisation(
        store, {"name": "Northshire Police", "kind": "statutory partner", "sector": "police"}
    )
    old, new = person(store, "Olive Old"), person(store, "Nat New")
    exec_ = body(store, "Executive", "EXEC", "executive")
    dsp = {"role": "Delegated Safeguarding Partner", "organisation_id": police}
    old_role = save_role(store, {**dsp, "person_id": old, "start_date": "2021-01-04"})
    seat = save_membership(
        store, {"person_id": old, "body_id": exec_, "role": "member", "start_date": "2021-01-04"}
    )
    new_role = save_role(store, {**dsp, "person_id": new, "start_date": "2026-09-01"})
    handover = handover_for(store, new_role)
    assert handover is not None and handover.end_date == "2026-08-31"
    assert [r.id for r in handover.roles] == [old_role]
    assert [m.id for m in handover.memberships] == [seat]
    assert "Olive Old still holds the role" in handover.describe()
    hand_over(store, [old_role], [seat], handover.end_date)
    assert next(r for r in list_roles(store) if r.id == old_role).end_date == "2026-08-31"
    assert get_membership(store, seat).end_date == "2026-08-31"
    assert handover_for(store, new_role) is None  # nobody left to succeed


def test_no_offer_for_roles_several_hold_or_another_organisation(store: Store) -> None:
    a, b = person(store, "Ann Lay"), person(store, "Bob Lay")
    save_role(store, {"person_id": a, "role": "lay member", "start_date": "2024-01-01"})
    second = save_role(store, {"person_id": b, "role": "lay member", "start_date": "2025-01-01"})
    assert handover_for(store, second) is None
    council = save_organisation(
        store, {"name": "Council", "kind": "statutory partner", "sector": "local authority"}
    )
    icb = save_organisation(
        store, {"name": "ICB", "kind": "statutory partner", "sector": "health/ICB"}
    )
    lsp = {"role": "Lead Safeguarding Partner", "start_date": "2025-01-01"}
    save_role(store, {**lsp, "person_id": a, "organisation_id": council})
    other = save_role(store, {**lsp, "person_id": b, "organisation_id": icb})
    assert handover_for(store, other) is None


def test_a_role_cannot_end_before_it_starts(store: Store) -> None:
    a = person(store, "Ann Chair")
    role = save_role(
        store, {"person_id": a, "role": "partnership chair", "start_date": "2026-01-05"}
    )
    with pytest.raises(ValidationError, match="cannot end on 04/01/2026"):
        hand_over(store, [role], [], "2026-01-04")
