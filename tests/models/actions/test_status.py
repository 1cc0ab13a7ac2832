"""Status rules: a completion note to finish, reopening recorded, bulk changes all or none."""

from __future__ import annotations

import pytest
from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.notes import action_history, list_notes
from lscp_desktop.models.actions.status import bulk_set_status, set_status
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_completing_needs_a_note_and_reopening_is_recorded(
    store: Store, log: dict[str, int]
) -> None:
    a = add(store, log)
    with pytest.raises(ValidationError, match="completion note"):
        set_status(store, a, "completed", on=TODAY)
    assert get_action(store, a, TODAY).status == "open"
    set_status(store, a, "completed", note="Briefing sent", on=TODAY)
    done = get_action(store, a, TODAY)
    assert (done.status, done.completed_date, done.rag) == ("completed", "2026-11-22", "complete")
    set_status(store, a, "in progress", note="Not all agencies had it", on=TODAY)
    back = get_action(store, a, TODAY)
    assert back.reopened_count == 1 and back.completed_date is None and back.completion_note == ""
    notes = list_notes(store, a)
    assert notes[0].kind == "reopened"
    assert "Briefing sent" in notes[0].text and "Not all agencies had it" in notes[0].text
    fields = {(e.field, e.new) for e in action_history(store, a)}
    assert ("status", "completed") in fields and ("status", "in progress") in fields
    assert ("reopened_count", "1") in fields
    assert ("text", "Marked completed on 22/11/2026. Completion note: Briefing sent") in fields


def test_bulk_status_change_is_all_or_nothing(store: Store, log: dict[str, int]) -> None:
    a, b = add(store, log), add(store, log)
    set_status(store, b, "completed", note="done earlier", on=TODAY)
    c = add(store, log)
    # b keeps its own note; a and c need one: with no note nothing at all is changed.
    with pytest.raises(ValidationError):
        bulk_set_status(store, [b, a, c], "closed", on=TODAY)
    assert [get_action(store, i).status for i in (a, b, c)] == ["open", "completed", "open"]
    assert bulk_set_status(store, [a, c], "closed", note="Signed off", on=TODAY) == 2
    assert {get_action(store, i).status for i in (a, c)} == {"closed"}


def test_the_completion_date_can_be_set_but_not_after_today(
    store: Store, log: dict[str, int]
) -> None:
    import datetime as dt

    from lscp_desktop.models.actions.status import bulk_set_status

    a = add(store, log)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="is after today"):
        bulk_set_status(store, [a], "completed", note="Done", completed_on=tomorrow)
    with pytest.raises(ValidationError, match="before the action was raised"):
        bulk_set_status(store, [a], "completed", note="Done", completed_on="30/09/2026")
    bulk_set_status(store, [a], "completed", note="Done", completed_on="14/10/2026", on=TODAY)
    assert get_action(store, a, TODAY).completed_date == "2026-10-14"
    assert list_notes(store, a)[0].text == "Marked completed on 14/10/2026. Completion note: Done"
    # A finished action's date can be put right afterwards; the change is noted.
    from lscp_desktop.models.actions.saving import save_action

    values = {"body_id": log["exec"], "title": "Do a thing", "raised_date": "2026-10-01",
              "due_date": "2026-12-31", "status": "completed", "owner_id": log["ann"],
              "completed_date": "15/10/2026"}  # fmt: skip
    save_action(store, values, a, on=TODAY)
    assert get_action(store, a, TODAY).completed_date == "2026-10-15"
    assert list_notes(store, a)[0].text == "Completion date changed to 15/10/2026"


def test_every_note_says_who_recorded_it(store: Store, log: dict[str, int]) -> None:
    from lscp_desktop.models.core.computer import os_user

    a = add(store, log)
    set_status(store, a, "completed", note="Briefing sent", on=TODAY)
    note = list_notes(store, a)[0]
    # The operating system's user on a file; on a team database, the user signed in to it.
    who = getattr(store, "db_user", "") or os_user()
    assert note.author == "" and note.recorded_by == who and note.by == who
