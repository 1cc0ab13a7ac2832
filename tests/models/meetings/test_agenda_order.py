"""The agenda that goes out: standing items first and last, carried items removable, proposed
items left out until agreed with the chair."""

from __future__ import annotations

import pytest
from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.actions.saving import new_action_values, save_action
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import (
    agree_item,
    agreed_agenda,
    build_draft_agenda,
    carry_forward,
    delete_item,
    get_item,
    list_items,
    save_item,
)
from lscp_desktop.models.meetings.forward_plan import save_forward_plan
from lscp_desktop.models.store.database import Store

OPENING = "Welcome, introductions and apologies"


def test_standing_opening_items_stay_first_when_the_agenda_has_items(store: Store) -> None:
    """The reported case: the opening items were already on the agenda (a carried item and the
    standing items added once), then "Add standing and forward plan items" put four
    forward-plan reports above "Welcome"."""
    p = make_partnership(store)
    for n in range(4):
        save_forward_plan(store, {"body_id": p.body, "title": f"Subgroup report {n}",
                                  "every_months": 4, "first_due": "01/10/2026"})  # fmt: skip
    october = meeting(store, p.body, "2026-10-05")
    save_item(store, october, {"title": OPENING, "minutes_allotted": 5})
    save_item(store, october, {"title": "Neglect strategy", "minutes_allotted": 20})
    save_item(store, october, {"title": "Any other business", "minutes_allotted": 5})
    build_draft_agenda(store, october)
    titles = [i.title for i in list_items(store, october)]
    assert titles[0] == OPENING
    assert titles[-1] == "Any other business"
    reports = [titles.index(f"Subgroup report {n}") for n in range(4)]
    assert min(reports) > titles.index("Minutes of the last meeting and matters arising")
    assert max(reports) < titles.index("Neglect strategy") < titles.index("Any other business")
    assert len(titles) == len(set(titles))  # nothing added twice
    # Running it again changes nothing, and standing items moved by hand go back in place.
    items = list_items(store, october)
    from lscp_desktop.models.meetings.agenda import reorder_items

    reorder_items(store, october, [i.id for i in items[1:]] + [items[0].id])
    assert build_draft_agenda(store, october) == 0
    assert [i.title for i in list_items(store, october)] == titles


def test_a_carried_forward_item_can_be_taken_off_this_agenda(store: Store) -> None:
    p = make_partnership(store)
    june = meeting(store, p.body, "2026-06-01")
    july = meeting(store, p.body, "2026-07-06")
    item = save_item(store, june, {"title": "Neglect strategy", "minutes_allotted": 30})
    copy_id = carry_forward(store, item)
    delete_item(store, item)
    assert [i.title for i in list_items(store, june)] == []
    copy = get_item(store, copy_id)
    assert (copy.meeting_id, copy.title, copy.carried_from_id) == (july, "Neglect strategy", None)
    # The copy on the next meeting can be taken off too.
    delete_item(store, copy_id)
    assert list_items(store, july) == []


def test_an_item_with_actions_says_why_it_stays(store: Store) -> None:
    p = make_partnership(store)
    june = meeting(store, p.body, "2026-06-01")
    item = save_item(store, june, {"title": "Neglect strategy", "minutes_allotted": 30})
    values = new_action_values(
        body_id=p.body, raised="2026-06-01", source="meeting", agenda_item_id=item,
        source_note="EXEC 01/06/2026, item 1",
    )  # fmt: skip
    save_action(store, {**values, "title": "Draft the strategy", "due_date": "2026-09-01"})
    with pytest.raises(ValidationError, match="1 action raised from it"):
        delete_item(store, item)


def test_proposed_items_are_left_out_until_agreed(store: Store) -> None:
    p = make_partnership(store)
    october = meeting(store, p.body, "2026-10-05")
    first = save_item(store, october, {"title": "Budget", "minutes_allotted": 20})
    proposed = save_item(store, october, {"title": "Audit report", "minutes_allotted": 30,
                                          "proposed": True})  # fmt: skip
    last = save_item(store, october, {"title": "Risks", "minutes_allotted": 10})
    out = agreed_agenda(store, october)
    assert [(i.position, i.title, i.starts) for i in out.items] == [
        (1, "Budget", "10:00"), (2, "Risks", "10:20")
    ]  # fmt: skip
    agree_item(store, proposed)
    out = agreed_agenda(store, october)
    assert [i.id for i in out.items] == [first, proposed, last]
    assert [i.position for i in out.items] == [1, 2, 3]
