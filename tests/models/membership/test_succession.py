"""A successor to a role one person holds at a time (Working Together's rule, in
working_together.successor: one Lead Safeguarding Partner per statutory partner): the previous
holder's role and seats offered to end the day before; roles several people hold at once, or
another partner's, offer nothing."""

from __future__ import annotations

import pytest
from helpers.membership import body, person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.memberships import get_membership, save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.roles import list_roles, save_role
from lscp_desktop.models.membership.succession import handover_for, save_successor
from lscp_desktop.models.store.database import Store


def _police(store: Store) -> int:
    return save_organisation(
        store, {"name": "Northshire Police", "kind": "statutory partner", "sector": "police"}
    )


def test_a_successor_is_offered_the_predecessors_role_and_seats(store: Store) -> None:
    police = _police(store)
    old, new = person(store, "Olive Old"), person(store, "Nat New")
    exec_ = body(store, "Executive", "EXEC", "executive")
    lsp = {"role": "Lead Safeguarding Partner", "organisation_id": police}
    old_role = save_role(store, {**lsp, "person_id": old, "start_date": "2021-01-04"})
    seat = save_membership(
        store, {"person_id": old, "body_id": exec_, "role": "member", "start_date": "2021-01-04"}
    )
    values = {**lsp, "person_id": new, "start_date": "01/09/2026"}
    handover = handover_for(store, values)
    assert handover is not None and handover.end_date == "2026-08-31"
    assert handover.previous.id == old_role and handover.successor == "Nat New"
    assert [m.id for m in handover.memberships] == [seat]
    assert "Olive Old is Lead Safeguarding Partner for Northshire Police" in handover.describe()
    with pytest.raises(ValidationError, match="already has a Lead Safeguarding Partner"):
        save_role(store, values)  # the rule: one at a time, unless the previous one ends
    new_role = save_successor(store, values, [seat]).id
    assert next(r for r in list_roles(store) if r.id == old_role).end_date == "2026-08-31"
    assert get_membership(store, seat).end_date == "2026-08-31"
    assert handover_for(store, values, new_role) is None  # nobody left to succeed


def test_no_offer_for_roles_several_hold_or_another_organisation(store: Store) -> None:
    a, b = person(store, "Ann Lay"), person(store, "Bob Lay")
    save_role(store, {"person_id": a, "role": "lay member", "start_date": "2024-01-01"})
    lay = {"person_id": b, "role": "lay member", "start_date": "2025-01-01"}
    assert handover_for(store, lay) is None
    police = _police(store)
    dsp = {"role": "Delegated Safeguarding Partner", "organisation_id": police}
    save_role(store, {**dsp, "person_id": a, "start_date": "2024-01-01"})
    assert handover_for(store, {**dsp, "person_id": b, "start_date": "2025-01-01"}) is None
    council = save_organisation(
        store, {"name": "Council", "kind": "statutory partner", "sector": "local authority"}
    )
    icb = save_organisation(
        store, {"name": "ICB", "kind": "statutory partner", "sector": "health/ICB"}
    )
    lsp = {"role": "Lead Safeguarding Partner", "start_date": "2025-01-01"}
    save_role(store, {**lsp, "person_id": a, "organisation_id": council})
    assert handover_for(store, {**lsp, "person_id": b, "organisation_id": icb}) is None


def test_a_successor_cannot_start_before_the_predecessor(store: Store) -> None:
    police = _police(store)
    a, b = person(store, "Ann Lead"), person(store, "Ben Lead")
    lsp = {"role": "Lead Safeguarding Partner", "organisation_id": police}
    save_role(store, {**lsp, "person_id": a, "start_date": "2026-01-05"})
    with pytest.raises(ValidationError, match="a successor must start after that"):
        save_successor(store, {**lsp, "person_id": b, "start_date": "2026-01-05"})
    assert len(list_roles(store)) == 1  # nothing half-saved
