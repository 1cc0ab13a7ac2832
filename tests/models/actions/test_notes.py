"""Progress notes: text required, newest first, the latest shown on the action."""

from __future__ import annotations

import pytest
from helpers.action_log import TODAY, add

from lscp_desktop.models.actions.listing import get_action
from lscp_desktop.models.actions.notes import add_note, list_notes
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def test_notes_need_text_and_come_newest_first(store: Store, log: dict[str, int]) -> None:
    a = add(store, log)
    with pytest.raises(ValidationError):
        add_note(store, a, "   ")
    add_note(store, a, "first", on="01/11/2026", author_id=log["bob"])
    add_note(store, a, "second", on="2026-11-15")
    notes = list_notes(store, a)
    assert [(n.text, n.author) for n in notes] == [("second", ""), ("first", "Bob Busy")]
    latest = get_action(store, a, TODAY)
    assert (latest.latest_note, latest.latest_note_date) == ("second", "2026-11-15")
