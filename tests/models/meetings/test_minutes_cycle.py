"""Minutes with a life cycle: draft, sent to the chair, approved at the next meeting on its
"minutes of the last meeting" item, then locked; corrections are dated amendments."""

from __future__ import annotations

import pytest
from helpers.meetings import Partnership, held_meeting, make_partnership, row_of

from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings.agenda import (
    build_draft_agenda,
    delete_item,
    get_item,
    list_items,
    save_item,
)
from lscp_desktop.models.meetings.meetings import reschedule_meeting, save_meeting
from lscp_desktop.models.meetings.minutes import save_minutes
from lscp_desktop.models.meetings.minutes_cycle import (
    approval_meetings,
    approve_minutes,
    get_minutes,
    list_amendments,
    record_amendment,
    send_to_chair,
    set_unminuted_items,
)
from lscp_desktop.models.meetings.minutes_lock import MinutesLockedError
from lscp_desktop.models.store.database import Store


def two_meetings(store: Store) -> tuple[Partnership, int, int, int]:
    p = make_partnership(store)
    june = held_meeting(store, p, "2026-06-01")
    july = held_meeting(store, p, "2026-07-06")
    item = save_item(store, june, {"title": "Neglect strategy", "minutes_allotted": 30})
    save_minutes(store, item, "The strategy was discussed.", "Agreed the strategy.")
    build_draft_agenda(store, july)
    return p, june, july, item


def test_draft_sent_approved_at_the_next_meeting_then_locked(store: Store) -> None:
    _p, june, july, item = two_meetings(store)
    assert get_minutes(store, june).describe() == "Draft"
    send_to_chair(store, june, on="2026-06-03")
    assert get_minutes(store, june).describe() == "Draft, sent to the chair on 03/06/2026"
    save_minutes(store, item, "The strategy was discussed at length.", "Agreed the strategy.")
    assert [m.id for m in approval_meetings(store, june)] == [july]
    approved_on = approve_minutes(store, june, july)
    record = get_minutes(store, june)
    assert record.locked and record.approved_on == "2026-07-06"
    assert record.approved_at_meeting_id == july and record.approved_item_id == approved_on
    minutes_item = get_item(store, approved_on)
    assert minutes_item.title == "Minutes of the last meeting and matters arising"
    assert "The minutes of the meeting on 01/06/2026 were agreed as an accurate record." in (
        minutes_item.decisions
    )
    with pytest.raises(ValidationError, match="approve them again"):
        approve_minutes(store, june, july)


def test_approved_minutes_refuse_every_change_in_the_model(store: Store) -> None:
    p, june, july, item = two_meetings(store)
    approve_minutes(store, june, july)
    refused = [
        lambda: save_minutes(store, item, "Changed afterwards.", ""),
        lambda: save_item(store, june, {"title": "Late addition", "minutes_allotted": 5}),
        lambda: save_item(store, june, {"title": "Renamed", "minutes_allotted": 5}, item),
        lambda: delete_item(store, item),
        lambda: at.set_attendance(store, row_of(store, june, p.chair), "apologies"),
        lambda: at.add_guest(store, june, "A visitor"),
        lambda: at.add_declaration(store, june, p.chair, "Trustee of a charity"),
        lambda: save_meeting(store, {"body_id": p.body, "date": "2026-06-02",
                                     "start_time": "10:00"}, june),
        lambda: reschedule_meeting(store, june, date="2026-06-02", reason="Room"),
        lambda: set_unminuted_items(store, june, "omit"),
        lambda: save_action(store, {"body_id": p.body, "title": "Added afterwards",
                                    "source": "meeting", "agenda_item_id": item,
                                    "due_date": "2027-09-01"}),
    ]  # fmt: skip
    for change in refused:
        with pytest.raises(MinutesLockedError, match="approved on 06/07/2026"):
            change()
    assert get_item(store, item).minute_text == "The strategy was discussed."
    # The next meeting's own minutes stay open.
    save_minutes(store, list_items(store, july)[0].id, "Members were welcomed.", "")


def test_a_correction_after_approval_is_a_dated_amendment(store: Store) -> None:
    _p, june, july, item = two_meetings(store)
    with pytest.raises(ValidationError, match="not approved yet"):
        record_amendment(store, june, "Item 1: the strategy runs to 2028.", agreed_on="2026-07-06")
    approve_minutes(store, june, july)
    with pytest.raises(ValidationError, match="after the minutes were approved"):
        record_amendment(store, june, "Too early.", agreed_on="2026-06-20")
    record_amendment(store, june, "Item 1: the strategy runs to 2028.",
                     agreed_on="06/07/2026", at_meeting_id=july, item_id=item)  # fmt: skip
    [amendment] = list_amendments(store, june)
    assert (amendment.agreed_on, amendment.item, amendment.text) == (
        "2026-07-06", "Neglect strategy", "Item 1: the strategy runs to 2028."
    )  # fmt: skip


def test_approval_needs_a_later_meeting_with_a_minutes_item(store: Store) -> None:
    p = make_partnership(store)
    june = held_meeting(store, p, "2026-06-01")
    july = held_meeting(store, p, "2026-07-06")
    save_item(store, july, {"title": "Budget", "minutes_allotted": 10})
    with pytest.raises(ValidationError, match="no item for the minutes of the last meeting"):
        approve_minutes(store, june, july)
    with pytest.raises(ValidationError, match="not one"):
        approve_minutes(store, july, june)
    future = held_meeting(store, p, "2099-01-05")
    with pytest.raises(ValidationError, match="has not taken place"):
        send_to_chair(store, future)
    assert get_minutes(store, june).status == "draft"
