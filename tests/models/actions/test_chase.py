"""Following up: the chase list and the action log for a body's next meeting."""

from __future__ import annotations

import datetime as dt

from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.chase import actions_for_next_meeting, chase_list
from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.status import set_status
from lscp_desktop.models.store.database import Store


def test_chase_list_puts_overdue_first(store: Store, log: dict[str, int]) -> None:
    add(store, log, title="later", due_date="2027-01-10")
    add(store, log, title="late", raised_date="2026-09-01", due_date="2026-10-01")
    add(store, log, title="bob's", owner_id=log["bob"])
    entries = chase_list(store, today=TODAY)
    assert [e.owner for e in entries] == ["Ann Able", "Bob Busy"]
    assert entries[0].overdue == 1
    assert [a.title for a in entries[0].actions] == ["late", "later"]


def test_actions_for_next_meeting(store: Store, log: dict[str, int]) -> None:
    open_one = add(store, log, source="meeting", agenda_item_id=log["item"])
    finished_since = add(store, log, title="finished since")
    set_status(store, finished_since, "completed", note="done", on=TODAY)
    finished_before = add(store, log, title="finished long ago", raised_date="2026-08-03")
    set_status(store, finished_before, "completed", note="done", on=dt.date(2026, 9, 1))
    add(store, log, body_id=log["sub"])
    view = actions_for_next_meeting(store, log["exec"], today=TODAY)
    assert view.meeting_date == "2026-12-10" and view.since == "2026-10-01"
    assert [a.id for a in view.actions] == [open_one, finished_since]
    linked = get_action(store, open_one, TODAY)
    assert linked.source_label == "EXEC 2026-12-10 item 3: Neglect strategy"


def test_the_chase_list_follows_the_logs_filters_and_keeps_no_owner_apart(
    store: Store, log: dict[str, int]
) -> None:
    from lscp_desktop.models.actions.filters import ActionFilter

    add(store, log, title="ann's police action")
    add(store, log, title="bob's", owner_id=log["bob"])
    for n in range(3):
        add(store, log, title=f"nobody's {n}", owner_id=None, organisation_id=log["police"],
            raised_date="2026-09-01", due_date="2026-10-01")  # fmt: skip
    entries = chase_list(store, today=TODAY)
    assert [e.owner for e in entries] == ["Ann Able", "Bob Busy", "No owner"]
    nobody = entries[-1]
    # Three overdue, yet last: and not filed under the police, whose actions they are not yet.
    assert nobody.overdue == 3 and nobody.organisation == "" and nobody.owner_id is None
    police_only = chase_list(
        store, today=TODAY, flt=ActionFilter(organisation_id=log["police"], today="2026-11-22")
    )
    assert [(e.owner, len(e.actions)) for e in police_only] == [("Ann Able", 1), ("No owner", 3)]
    words = chase_list(store, today=TODAY, flt=ActionFilter(text="bob's"))
    assert [e.owner for e in words] == ["Bob Busy"]
