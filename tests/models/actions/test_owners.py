"""Owners who have left: warned, confirmed, shown on the chase list, reassigned."""

from __future__ import annotations

import pytest
from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.chase import chase_list
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.owners import owner_warning, reassign_actions
from lscp_desktop.models.actions.records import (
    OwnerHasLeftError,
)
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.store.database import Store


def test_owner_who_has_left_is_warned_and_can_be_confirmed(
    store: Store, log: dict[str, int]
) -> None:
    with pytest.raises(OwnerHasLeftError, match="ended on 30/06/2026"):
        add(store, log, owner_id=log["gone"])
    assert store.count("actions") == 0
    assert owner_warning(store, log["gone"], TODAY)
    assert owner_warning(store, log["ann"], TODAY) is None
    action = save_action(
        store,
        {"body_id": log["exec"], "title": "Kept", "owner_id": log["gone"],
         "raised_date": "2026-10-01", "due_date": "2026-12-31"},
        allow_owner_left=True, on=TODAY,
    )  # fmt: skip
    chase = {e.owner: e for e in chase_list(store, today=TODAY)}
    assert chase["Gail Gone"].has_left
    assert reassign_actions(store, [action], log["bob"], on=TODAY) == 1
    moved = get_action(store, action, TODAY)
    assert (moved.owner, moved.organisation) == ("Bob Busy", "ICB")
    with pytest.raises(OwnerHasLeftError):
        reassign_actions(store, [action], log["gone"], on=TODAY)


def test_a_reassignment_is_noted_on_the_action(store: Store, log: dict[str, int]) -> None:
    from lscp_desktop.models.actions.notes import list_notes
    from lscp_desktop.models.core.errors import ValidationError

    a = add(store, log)
    nobody = add(store, log, owner_id=None)
    reassign_actions(store, [a, nobody], log["bob"], on=TODAY, reason="Ann is on leave")
    assert list_notes(store, a)[0].text == "Reassigned from Ann Able to Bob Busy: Ann is on leave"
    assert (
        list_notes(store, nobody)[0].text == "Reassigned from no owner to Bob Busy: Ann is on leave"
    )
    reassign_actions(store, [nobody], log["ann"], on=TODAY)
    assert list_notes(store, nobody)[0].text == "Reassigned from Bob Busy to Ann Able."
    with pytest.raises(ValidationError, match="Choose the new owner"):
        reassign_actions(store, [a], None)
