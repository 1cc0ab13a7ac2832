"""The real widgets: minutes approved and locked (the window refuses a change), the life-cycle
bar's steps, proposed items agreed with the chair, standing items kept in place, carried items
taken off."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.dialogs import answer_dialogs
from PySide6.QtCore import Qt

from lscp_desktop.models.meetings.agenda import get_item, list_items, save_item
from lscp_desktop.models.meetings.meetings import list_meetings
from lscp_desktop.models.meetings.minutes_cycle import get_minutes
from lscp_desktop.models.store.database import Store
from lscp_desktop.ui.pages.meetings.page import MeetingsPage


@pytest.fixture
def page(qtbot: Any, make_ctx: Any, demo_store: Store) -> MeetingsPage:
    p = MeetingsPage(make_ctx(demo_store))
    qtbot.addWidget(p)
    p.refresh()
    return p


def exec_meetings(store: Store) -> list[Any]:
    return list_meetings(store, body_id=1)


def test_approved_minutes_are_read_only_and_refused_in_the_window(
    qtbot: Any, page: MeetingsPage, demo_store: Store, message_boxes: Any
) -> None:
    approved = next(m for m in exec_meetings(demo_store)
                    if get_minutes(demo_store, m.id).locked)  # fmt: skip
    page.open_record(approved.id)
    tab = page.detail.minutes_tab
    assert "Approved on" in tab.cycle.status.text()
    assert tab.minute_text.isReadOnly() and not tab.save_button.isEnabled()
    assert tab.cycle.amend_button.isEnabled() and not tab.cycle.approve_button.isEnabled()
    item = tab.current_item
    assert item is not None
    before = get_item(demo_store, item).minute_text
    tab.minute_text.setReadOnly(False)  # even if the editor were typed in, the model refuses
    tab.minute_text.setPlainText("Rewritten after approval")
    tab.save()
    assert get_item(demo_store, item).minute_text == before
    assert any("were approved on" in text for kind, _t, text in message_boxes.shown
               if kind == "warning")  # fmt: skip


def test_sending_and_approving_minutes_from_the_window(
    qtbot: Any, page: MeetingsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = [m for m in exec_meetings(demo_store) if m.status == "held"][-1]
    page.open_record(last.id)
    bar = page.detail.minutes_tab.cycle
    assert "sent to the chair" in bar.status.text() and bar.approve_button.isEnabled()
    # The unminuted items choice is saved for the meeting.
    bar.unminuted.setCurrentIndex(bar.unminuted.findData("omit"))
    bar.unminuted.activated.emit(bar.unminuted.currentIndex())
    assert get_minutes(demo_store, last.id).unminuted_items == "omit"
    titles = answer_dialogs(monkeypatch, {"on": "05/12/2026"})
    qtbot.mouseClick(bar.send_button, Qt.MouseButton.LeftButton)
    assert titles and "sent to the chair" in titles[0]
    assert get_minutes(demo_store, last.id).sent_on == "2026-12-05"


def test_approving_at_the_next_meeting_locks_the_editor(
    qtbot: Any, page: MeetingsPage, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lscp_desktop.models.meetings.meetings import save_meeting

    held = [m for m in exec_meetings(demo_store) if m.status == "held"][-1]
    following = next(m for m in exec_meetings(demo_store) if m.date > held.date)
    # Move the following meeting into the past so it can have approved the minutes.
    save_meeting(demo_store, {"body_id": following.body_id, "date": "2026-11-20",
                              "start_time": following.start_time, "status": "held"},
                 following.id)  # fmt: skip
    page.open_record(held.id)
    tab = page.detail.minutes_tab
    answer_dialogs(monkeypatch, {"at": following.id})
    qtbot.mouseClick(tab.cycle.approve_button, Qt.MouseButton.LeftButton)
    assert get_minutes(demo_store, held.id).locked
    assert tab.minute_text.isReadOnly() and not tab.save_button.isEnabled()
    minutes_item = next(i for i in list_items(demo_store, following.id)
                        if i.title.startswith("Minutes of the last"))  # fmt: skip
    assert "were agreed as an accurate record" in minutes_item.decisions


def test_a_proposed_item_is_agreed_with_the_chair(
    qtbot: Any, page: MeetingsPage, demo_store: Store
) -> None:
    coming = next(m for m in exec_meetings(demo_store) if m.date >= "2026-12-01")
    proposed = save_item(
        demo_store, coming.id,
        {"title": "CAMHS waiting times", "minutes_allotted": 10, "proposed": True},
    )  # fmt: skip
    page.open_record(coming.id)
    tab = page.detail.agenda_tab
    row = tab.model.row_of(proposed)
    assert row is not None
    assert "not yet agreed with the chair" in tab.model.index(row, 2).data()
    tab.view.selectRow(row)
    assert tab.agree_button.isEnabled()
    qtbot.mouseClick(tab.agree_button, Qt.MouseButton.LeftButton)
    assert not get_item(demo_store, proposed).proposed
    assert not tab.agree_button.isEnabled()


def test_standing_items_stay_first_and_a_carried_item_can_be_removed(
    qtbot: Any, page: MeetingsPage, demo_store: Store, message_boxes: Any
) -> None:
    from lscp_desktop.models.meetings.agenda import carry_forward
    from lscp_desktop.models.meetings.forward_plan import save_forward_plan

    meetings = exec_meetings(demo_store)
    target = next(m for m in meetings if m.status == "planned" and not m.item_count)
    save_item(demo_store, target.id, {"title": "Welcome, introductions and apologies",
                                      "minutes_allotted": 5})  # fmt: skip
    save_forward_plan(demo_store, {"body_id": target.body_id, "title": "Learning hub report",
                                   "every_months": 1, "first_due": target.date})  # fmt: skip
    page.open_record(target.id)
    tab = page.detail.agenda_tab
    qtbot.mouseClick(tab.standing_button, Qt.MouseButton.LeftButton)
    titles = [i.title for i in list_items(demo_store, target.id)]
    assert titles[0] == "Welcome, introductions and apologies"
    assert titles[-1] == "Any other business"
    assert titles.index("Learning hub report") > titles.index("Declarations of interest")
    # An item carried forward to the next meeting can be taken off this agenda.
    item = list_items(demo_store, target.id)[-2]
    carry_forward(demo_store, item.id)
    page.open_record(target.id)
    tab.view.selectRow(tab.model.row_of(item.id) or 0)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert item.id not in {i.id for i in list_items(demo_store, target.id)}
    assert not [k for k, _t, text in message_boxes.shown if "linked to other records" in text]
