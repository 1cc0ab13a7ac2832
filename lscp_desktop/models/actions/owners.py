"""Who may own an action: a warning when the owner has left (inactive, or every membership
ended), and giving actions to a new owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.notes import insert_note
from lscp_desktop.models.actions.records import OwnerHasLeftError
from lscp_desktop.models.core.dates import uk
from lscp_desktop.models.core.records import required_id
from lscp_desktop.models.store.database import Store


def owner_problem(store: Store, person_id: int, on: dt.date) -> str | None:
    """Why *person_id* should not own new work: inactive, or every membership has ended."""
    person = store.require("people", person_id, "person")
    if not person["active"]:
        return f"{person['name']} is marked as no longer active."
    last_end, n = q.membership_end(store, person_id)
    if n and last_end is not None and last_end < on.isoformat():
        return f"{person['name']}'s membership of the partnership ended on {uk(last_end)}."
    return None


def owner_warning(store: Store, person_id: int | None, on: dt.date | None = None) -> str | None:
    """A warning to show when *person_id* is chosen as an owner, or None if all is well."""
    if person_id is None:
        return None
    return owner_problem(store, person_id, on or dt.date.today())


def reassign_actions(
    store: Store,
    action_ids: Iterable[int],
    owner_id: int | None,
    *,
    on: dt.date | None = None,
    reason: str = "",
) -> int:
    """Give actions to a new owner (and their organisation), in one transaction; each action
    gets a note saying from whom to whom (and why, when a *reason* is given)."""
    ids = list(dict.fromkeys(int(i) for i in action_ids))
    owner_id = required_id({"owner_id": owner_id}, "owner_id", "new owner")
    on = on or dt.date.today()
    with store.transaction():
        owner = store.require("people", owner_id, "person")
        problem = owner_problem(store, owner_id, on)
        if problem:
            raise OwnerHasLeftError(f"{problem} Choose someone still in post.", "owner_id")
        for action_id in ids:
            action = store.require("actions", action_id, "action")
            if action["owner_id"] == owner_id:
                continue
            previous = q.person_name(store, action["owner_id"]) or "no owner"
            store.update(
                "actions",
                action_id,
                {"owner_id": owner_id, "organisation_id": owner["organisation_id"]},
            )
            text = f"Reassigned from {previous} to {owner['name']}"
            insert_note(
                store,
                action_id,
                "status",
                text + (f": {reason.strip()}" if reason.strip() else "."),
                on,
            )
    return len(ids)
