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
    finished_before = add(store, log, title="finished long ago")
    set_status(store, finished_before, "completed", note="done", on=dt.date(2026, 9, 1))
    add(store, log, body_id=log["sub"])
    view = actions_for_next_meeting(store, log["exec"], today=TODAY)
    assert view.meeting_date == "2026-12-10" and view.since == "2026-10-01"
    assert [a.id for a in view.actions] == [open_one, finished_since]
    linked = get_action(store, open_one, TODAY)
    assert linked.source_label == "EXEC 2026-12-10 item 3: Neglect strategy"
