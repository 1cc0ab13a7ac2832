"""Agendas: timings and overruns, order, standing items and the forward plan, carry forward."""

from __future__ import annotations

import pytest
from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.agenda import (
    build_draft_agenda,
    carry_forward,
    delete_item,
    get_item,
    list_items,
    move_item,
    reorder_items,
    save_item,
    timed_agenda,
)
from lscp_desktop.models.meetings.forward_plan import save_forward_plan
from lscp_desktop.models.meetings.meetings import save_meeting
from lscp_desktop.models.store.database import Store


def test_agenda_timings_overrun_reorder_and_item_longer_than_meeting(store: Store) -> None:
    p = make_partnership(store)
    mid = meeting(store, p.body)
    a = save_item(store, mid, {"title": "Budget", "purpose": "decision", "minutes_allotted": 50})
    b = save_item(store, mid, {"title": "Audit", "purpose": "assurance", "minutes_allotted": 40})
    cc = save_item(store, mid, {"title": "Risks", "minutes_allotted": 45})
    timing = timed_agenda(store, mid)
    assert [i.starts for i in timing.items] == ["10:00", "10:50", "11:30"]
    assert timing.overrun_minutes == 15
    assert "12:15" in timing.warning and "12:00" in timing.warning
    reorder_items(store, mid, [cc, a, b])
    assert [i.title for i in list_items(store, mid)] == ["Risks", "Budget", "Audit"]
    move_item(store, b, -1)
    assert [i.id for i in list_items(store, mid)] == [cc, b, a]
    assert [i.position for i in list_items(store, mid)] == [1, 2, 3]
    with pytest.raises(ValidationError, match="longer than the whole meeting"):
        save_item(store, mid, {"title": "Marathon", "minutes_allotted": 121})
    with pytest.raises(ValidationError, match="Shorten the item first"):
        save_meeting(
            store, {"body_id": p.body, "date": "2026-06-01", "start_time": "10:00",
                    "end_time": "10:30"}, mid,
        )  # fmt: skip
    assert store.count("agenda_items") == 3
    delete_item(store, cc)
    assert [i.position for i in list_items(store, mid)] == [1, 2]


def test_draft_agenda_has_standing_items_and_forward_plan(store: Store) -> None:
    p = make_partnership(store)
    save_forward_plan(
        store, {"body_id": p.body, "title": "Yearly report", "purpose": "decision",
                "every_months": 12, "first_due": "01/09/2025"}
    )  # fmt: skip
    save_forward_plan(
        store, {"body_id": p.body, "title": "Subgroup report", "every_months": 4,
                "first_due": "01/05/2026"}
    )  # fmt: skip
    june = meeting(store, p.body, "2026-06-15")
    october = meeting(store, p.body, "2026-10-05")
    own = save_item(store, october, {"title": "Budget", "minutes_allotted": 20})
    build_draft_agenda(store, june)
    june_titles = [i.title for i in list_items(store, june)]
    assert "Subgroup report" in june_titles and "Yearly report" not in june_titles
    build_draft_agenda(store, october)
    items = list_items(store, october)
    titles = [i.title for i in items]
    assert titles[0] == "Welcome, introductions and apologies"
    assert titles[-1] == "Any other business"
    assert {"Yearly report", "Subgroup report"} <= set(titles)  # due Sep 2026 and Sep 2026
    assert (
        titles.index("Yearly report") < titles.index("Budget") < titles.index("Any other business")
    )
    assert [i.proposed for i in items if i.title == "Yearly report"] == [1]
    assert next(i for i in items if i.id == own).title == "Budget"
    again = build_draft_agenda(store, october)
    assert again == 0 and len(list_items(store, october)) == len(items)


def test_carry_forward_to_the_next_meeting_of_the_same_body(store: Store) -> None:
    p = make_partnership(store)
    june = meeting(store, p.body, "2026-06-01")
    item = save_item(store, june, {"title": "Neglect strategy", "minutes_allotted": 30})
    with pytest.raises(ValidationError, match="no meeting after 01/06/2026"):
        carry_forward(store, item)
    july = meeting(store, p.body, "2026-07-06")
    new_id = carry_forward(store, item)
    carried = get_item(store, new_id)
    assert (carried.meeting_id, carried.title, carried.carried_from_id) == (
        july,
        "Neglect strategy",
        item,
    )
    with pytest.raises(ValidationError, match="already carried forward"):
        carry_forward(store, item)
