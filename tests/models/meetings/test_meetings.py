"""Meetings: one a day per body, times, status, moves kept, deletion refused once recorded."""

from __future__ import annotations

import pytest
from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.meetings import (
    delete_meeting,
    get_meeting,
    list_meetings,
    meeting_history,
    reschedule_meeting,
    save_meeting,
    set_meeting_status,
)
from lscp_desktop.models.store.database import Store


def test_two_meetings_of_one_body_on_one_day_and_end_before_start(store: Store) -> None:
    p = make_partnership(store)
    first = meeting(store, p.body)
    with pytest.raises(ValidationError, match="already has a meeting on 01/06/2026"):
        meeting(store, p.body)
    with pytest.raises(ValidationError, match=r"end time \(09:00\) is before the start"):
        save_meeting(
            store, {"body_id": p.body, "date": "02/06/2026", "start_time": "10:00",
                    "end_time": "09:00"}
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Say why"):
        set_meeting_status(store, first, "cancelled")
    set_meeting_status(store, first, "cancelled", "Chair unwell")
    meeting(store, p.body)  # a cancelled meeting does not block the day
    assert store.count("meetings") == 2


def test_reschedule_keeps_history(store: Store) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    reschedule_meeting(store, mid, date="08/06/2026", start_time="14:00", reason="Clash")
    reschedule_meeting(store, mid, date="15/06/2026", reason="Room unavailable")
    history = meeting_history(store, mid)
    assert [(h.old_date, h.new_date, h.reason) for h in history] == [
        ("2026-06-01", "2026-06-08", "Clash"),
        ("2026-06-08", "2026-06-15", "Room unavailable"),
    ]
    assert get_meeting(store, mid).start_time == "14:00"
    with pytest.raises(ValidationError, match="why"):
        reschedule_meeting(store, mid, date="22/06/2026", reason="")


def test_choice_providers_list_newest_first(demo_store: Store) -> None:
    from lscp_desktop.exports.registry import choices_for

    meetings = choices_for("meeting", demo_store)
    assert len(meetings) == demo_store.count("meetings")
    first = get_meeting(demo_store, int(str(meetings[0][1])))
    last = get_meeting(demo_store, int(str(meetings[-1][1])))
    assert first.date >= last.date
    items = choices_for("item", demo_store)
    assert len(items) == demo_store.count("agenda_items")


def test_delete_meeting_with_records_is_refused(demo_store: Store) -> None:
    held = next(m for m in list_meetings(demo_store) if m.status == "held")
    with pytest.raises(ValidationError, match="Cancel it instead"):
        delete_meeting(demo_store, held.id)
    assert get_meeting(demo_store, held.id).id == held.id
