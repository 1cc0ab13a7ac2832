"""Following actions up: the chase list (per owner, what they still owe, overdue first) and
the action log for a body's next meeting (open actions and those finished since it last met)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from lscp_desktop.models.actions import queries as q
from lscp_desktop.models.actions.filters import ActionFilter, filter_actions
from lscp_desktop.models.actions.listing import list_actions, next_meetings
from lscp_desktop.models.actions.records import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    RAG_RED,
    Action,
    ActionsForMeeting,
    ChaseEntry,
)
from lscp_desktop.models.store.database import Store

#: The group of the actions nobody owns, in the chase list.
NO_OWNER = "No owner"


def actions_for_next_meeting(
    store: Store, body_id: int, today: dt.date | None = None
) -> ActionsForMeeting:
    """The action log for the body's next meeting: every open action, and those completed,
    closed or cancelled since its last meeting (or in the last 90 days if it has not met)."""
    today = today or dt.date.today()
    nxt = next_meetings(store, today).get(body_id)
    last = q.last_meeting_before(store, body_id, today.isoformat())
    since = last or (today - dt.timedelta(days=90)).isoformat()
    chosen = [
        a
        for a in list_actions(store, body_id=body_id, today=today)
        if a.status in OPEN_STATUSES
        or (
            a.status in FINISHED_STATUSES
            and (a.completed_date or a.latest_note_date or "") >= since
        )
    ]
    return ActionsForMeeting(
        body_id=body_id,
        meeting_id=nxt[0] if nxt else None,
        meeting_date=nxt[1] if nxt else None,
        since=last,
        actions=chosen,
    )


def chase_list(
    store: Store,
    *,
    body_id: int | None = None,
    today: dt.date | None = None,
    flt: ActionFilter | None = None,
) -> list[ChaseEntry]:
    """Per owner, the open actions they owe that pass *flt* (the log's filters)."""
    today = today or dt.date.today()
    actions = list_actions(store, body_id=body_id, statuses=OPEN_STATUSES, today=today)
    return group_by_owner(store, filter_actions(actions, flt) if flt else actions, today)


def group_by_owner(
    store: Store, actions: Iterable[Action], today: dt.date | None = None
) -> list[ChaseEntry]:
    """The open ones of *actions* per owner, overdue first then by due date; owners with most
    overdue first, and the actions nobody owns last, under "No owner" (with no organisation:
    they are nobody's to chase until someone is given them)."""
    today = today or dt.date.today()
    people = {r["id"]: r for r in q.people_membership_ends(store)}
    groups: dict[int | None, list[Action]] = {}
    for a in actions:
        if a.status in OPEN_STATUSES:
            groups.setdefault(a.owner_id, []).append(a)
    entries = []
    day = today.isoformat()
    for owner_id, items in groups.items():
        items.sort(key=lambda a: (a.rag != RAG_RED, a.due_date, a.reference))
        first = items[0]
        info = people.get(owner_id) if owner_id is not None else None
        left = info is not None and (
            not info["active"] or (info["last_end"] is not None and info["last_end"] < day)
        )
        entries.append(
            ChaseEntry(
                owner_id,
                first.owner if owner_id is not None else NO_OWNER,
                first.organisation if owner_id is not None else "",
                first.owner_email if owner_id is not None else "",
                left,
                items,
            )
        )
    entries.sort(key=lambda e: (e.owner_id is None, -e.overdue, e.owner.lower()))
    return entries


def record_chased(store: Store, action_ids: Iterable[int], day: dt.date | None = None) -> int:
    """Record that the owners of *action_ids* were asked for an update on *day* (a chase
    drafted for them): the log then shows when, and the next chase is a reminder."""
    on = (day or dt.date.today()).isoformat()
    count = 0
    with store.transaction():
        for action_id in action_ids:
            row = store.require("actions", action_id, "action")
            store.update(
                "actions", action_id, {"chased_on": on, "times_chased": row["times_chased"] + 1}
            )
            count += 1
    return count
