"""Action logs: RAG, status rules, every filter, chase list, next meeting, history."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from lscp_desktop.models import actions as A
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("open", "2026-11-21", "red"),  # due yesterday: overdue
        ("in progress", "2026-11-22", "amber"),  # due today
        ("on hold", "2026-12-06", "amber"),  # exactly 14 days ahead
        ("open", "2026-12-07", "green"),  # 15 days ahead
        ("completed", "2020-01-01", "complete"),  # finished work is never red
        ("closed", "2020-01-01", "complete"),
        ("cancelled", "2020-01-01", "cancelled"),
    ],
)
def test_rag_rule(status: str, due: str, expected: str) -> None:
    assert A.rag(SimpleNamespace(status=status, due_date=due), TODAY, 14) == expected


def test_rag_amber_window_is_configurable() -> None:
    action = SimpleNamespace(status="open", due_date="2026-12-01")
    assert A.rag(action, TODAY, 14) == "amber"
    assert A.rag(action, TODAY, 5) == "green"


@pytest.fixture
def log(store: Store) -> dict[str, int]:
    """A tiny partnership: two bodies, three people (one has left), one meeting ahead."""
    save_partnership(store, name="Test LSCP")
    police = save_organisation(store, {"name": "Police", "kind": "statutory partner",
                                         "sector": "police"})  # fmt: skip
    icb = save_organisation(store, {"name": "ICB", "kind": "statutory partner",
                                      "sector": "health/ICB"})  # fmt: skip
    execu = save_body(store, {"name": "Executive", "code": "EXEC", "kind": "executive",
                                "start_date": "2020-01-01"})  # fmt: skip
    sub = save_body(store, {"name": "Case Review", "code": "CRS", "kind": "subgroup",
                              "start_date": "2020-01-01"})  # fmt: skip
    ann = save_person(store, {"name": "Ann Able", "organisation_id": police})
    bob = save_person(store, {"name": "Bob Busy", "organisation_id": icb})
    gone = save_person(store, {"name": "Gail Gone", "organisation_id": icb})
    for person in (ann, bob):
        save_membership(store, {"person_id": person, "body_id": execu, "role": "member",
                                  "start_date": "2020-01-01"})  # fmt: skip
    save_membership(store, {"person_id": gone, "body_id": execu, "role": "member",
                              "start_date": "2020-01-01", "end_date": "2026-06-30"})  # fmt: skip
    with store.transaction():
        meeting = store.insert("meetings", {"body_id": execu, "date": "2026-12-10"})
        store.insert("meetings", {"body_id": execu, "date": "2026-12-01", "status": "cancelled"})
        store.insert("meetings", {"body_id": execu, "date": "2026-10-01"})
        item = store.insert("agenda_items", {"meeting_id": meeting, "position": 3,
                                             "title": "Neglect strategy"})  # fmt: skip
    priority = A.save_priority(store, {"name": "Neglect", "position": 1})
    return {"police": police, "icb": icb, "exec": execu, "sub": sub, "ann": ann, "bob": bob,
            "gone": gone, "item": item, "priority": priority}  # fmt: skip


def add(store: Store, ids: dict[str, int], **values: object) -> int:
    base: dict[str, object] = {"body_id": ids["exec"], "title": "Do a thing",
                               "owner_id": ids["ann"], "raised_date": "2026-10-01",
                               "due_date": "2026-12-31"}  # fmt: skip
    base.update(values)
    return A.save_action(store, base, on=TODAY)


def test_references_are_per_body_and_organisation_defaults_to_the_owners(
    store: Store, log: dict[str, int]
) -> None:
    a = add(store, log)
    b = add(store, log)
    c = add(store, log, body_id=log["sub"], owner_id=log["bob"])
    refs = {x.id: x for x in A.list_actions(store, today=TODAY)}
    assert [refs[a].reference, refs[b].reference, refs[c].reference] == [
        "EXEC-0001", "EXEC-0002", "CRS-0001"]  # fmt: skip
    assert refs[a].organisation == "Police" and refs[c].organisation == "ICB"


def test_due_before_raised_is_refused_and_nothing_saved(store: Store, log: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="before the date the action was raised") as err:
        add(store, log, due_date="2026-09-30")
    assert err.value.field == "due_date"
    assert store.count("actions") == 0


def test_owner_who_has_left_is_warned_and_can_be_confirmed(
    store: Store, log: dict[str, int]
) -> None:
    with pytest.raises(A.OwnerHasLeftError, match="ended on 30/06/2026"):
        add(store, log, owner_id=log["gone"])
    assert store.count("actions") == 0
    assert A.owner_warning(store, log["gone"], TODAY)
    assert A.owner_warning(store, log["ann"], TODAY) is None
    action = A.save_action(
        store,
        {"body_id": log["exec"], "title": "Kept", "owner_id": log["gone"],
         "raised_date": "2026-10-01", "due_date": "2026-12-31"},
        allow_owner_left=True, on=TODAY,
    )  # fmt: skip
    chase = {e.owner: e for e in A.chase_list(store, today=TODAY)}
    assert chase["Gail Gone"].has_left
    assert A.reassign_actions(store, [action], log["bob"], on=TODAY) == 1
    moved = A.get_action(store, action, TODAY)
    assert (moved.owner, moved.organisation) == ("Bob Busy", "ICB")
    with pytest.raises(A.OwnerHasLeftError):
        A.reassign_actions(store, [action], log["gone"], on=TODAY)


def test_completing_needs_a_note_and_reopening_is_recorded(
    store: Store, log: dict[str, int]
) -> None:
    a = add(store, log)
    with pytest.raises(ValidationError, match="completion note"):
        A.set_status(store, a, "completed", on=TODAY)
    assert A.get_action(store, a, TODAY).status == "open"
    A.set_status(store, a, "completed", note="Briefing sent", on=TODAY)
    done = A.get_action(store, a, TODAY)
    assert (done.status, done.completed_date, done.rag) == ("completed", "2026-11-22", "complete")
    A.set_status(store, a, "in progress", note="Not all agencies had it", on=TODAY)
    back = A.get_action(store, a, TODAY)
    assert back.reopened_count == 1 and back.completed_date is None and back.completion_note == ""
    notes = A.list_notes(store, a)
    assert notes[0].kind == "reopened"
    assert "Briefing sent" in notes[0].text and "Not all agencies had it" in notes[0].text
    fields = {(e.field, e.new) for e in A.action_history(store, a)}
    assert ("status", "completed") in fields and ("status", "in progress") in fields
    assert ("reopened_count", "1") in fields
    assert ("text", "Marked completed: Briefing sent") in fields


def test_bulk_status_change_is_all_or_nothing(store: Store, log: dict[str, int]) -> None:
    a, b = add(store, log), add(store, log)
    A.set_status(store, b, "completed", note="done earlier", on=TODAY)
    c = add(store, log)
    # b keeps its own note; a and c need one: with no note nothing at all is changed.
    with pytest.raises(ValidationError):
        A.bulk_set_status(store, [b, a, c], "closed", on=TODAY)
    assert [A.get_action(store, i).status for i in (a, b, c)] == ["open", "completed", "open"]
    assert A.bulk_set_status(store, [a, c], "closed", note="Signed off", on=TODAY) == 2
    assert {A.get_action(store, i).status for i in (a, c)} == {"closed"}


def test_every_filter(store: Store, log: dict[str, int]) -> None:
    overdue = add(store, log, title="Chase neglect data", raised_date="2026-09-01",
                  due_date="2026-11-01", priority_id=log["priority"])  # fmt: skip
    soon = add(store, log, title="Write briefing", due_date="2026-12-01")
    later = add(store, log, title="Audit report", owner_id=log["bob"], due_date="2027-03-01")
    other = add(store, log, title="Sub work", body_id=log["sub"], due_date="2026-12-05")
    done = add(store, log, title="Old neglect work")
    A.set_status(store, done, "completed", note="ok", on=TODAY)
    actions = A.list_actions(store, today=TODAY)

    def ids(**kw: object) -> set[int]:
        flt = A.ActionFilter(today=TODAY.isoformat(), **kw)  # type: ignore[arg-type]
        return {a.id for a in A.filter_actions(actions, flt)}

    assert ids() == {overdue, soon, later, other, done}
    assert ids(body_id=log["sub"]) == {other}
    assert ids(owner_id=log["bob"]) == {later}
    assert ids(organisation_id=log["icb"]) == {later}
    assert ids(statuses=frozenset({"completed"})) == {done}
    assert ids(rag="red") == {overdue}
    assert ids(rag="amber") == {soon, other}
    assert ids(overdue=True) == {overdue}
    # Exec's next meeting is 10/12/2026 (the cancelled one on 01/12 does not count); the
    # subgroup has no meeting ahead.
    assert ids(before_next_meeting=True) == {overdue, soon}
    assert ids(priority_id=log["priority"]) == {overdue}
    assert ids(text="NEGLECT") == {overdue, done}
    assert ids(text="neglect chase") == {overdue}
    assert ids(text="bob busy") == {later}
    assert {a.id for a in A.list_actions(store, statuses=A.OPEN_STATUSES, today=TODAY)} == {
        overdue, soon, later, other}  # fmt: skip
    with pytest.raises(ValidationError):
        A.ActionFilter(rag="purple")


def test_chase_list_puts_overdue_first(store: Store, log: dict[str, int]) -> None:
    add(store, log, title="later", due_date="2027-01-10")
    add(store, log, title="late", raised_date="2026-09-01", due_date="2026-10-01")
    add(store, log, title="bob's", owner_id=log["bob"])
    entries = A.chase_list(store, today=TODAY)
    assert [e.owner for e in entries] == ["Ann Able", "Bob Busy"]
    assert entries[0].overdue == 1
    assert [a.title for a in entries[0].actions] == ["late", "later"]


def test_actions_for_next_meeting(store: Store, log: dict[str, int]) -> None:
    open_one = add(store, log, source="meeting", agenda_item_id=log["item"])
    finished_since = add(store, log, title="finished since")
    A.set_status(store, finished_since, "completed", note="done", on=TODAY)
    finished_before = add(store, log, title="finished long ago")
    A.set_status(store, finished_before, "completed", note="done", on=dt.date(2026, 9, 1))
    add(store, log, body_id=log["sub"])
    view = A.actions_for_next_meeting(store, log["exec"], today=TODAY)
    assert view.meeting_date == "2026-12-10" and view.since == "2026-10-01"
    assert [a.id for a in view.actions] == [open_one, finished_since]
    linked = A.get_action(store, open_one, TODAY)
    assert linked.source_label == "EXEC 2026-12-10 item 3: Neglect strategy"


def test_source_links_only_to_its_own_kind(store: Store, log: dict[str, int]) -> None:
    a = add(store, log, source="audit", agenda_item_id=log["item"], source_note="Neglect audit")
    assert store.require("actions", a)["agenda_item_id"] is None
    with pytest.raises(ValidationError, match="Choose the risk"):
        add(store, log, source="risk")


def test_notes_need_text_and_come_newest_first(store: Store, log: dict[str, int]) -> None:
    a = add(store, log)
    with pytest.raises(ValidationError):
        A.add_note(store, a, "   ")
    A.add_note(store, a, "first", on="01/11/2026", author_id=log["bob"])
    A.add_note(store, a, "second", on="2026-11-15")
    notes = A.list_notes(store, a)
    assert [(n.text, n.author) for n in notes] == [("second", ""), ("first", "Bob Busy")]
    latest = A.get_action(store, a, TODAY)
    assert (latest.latest_note, latest.latest_note_date) == ("second", "2026-11-15")


def test_priorities_in_use_cannot_be_deleted(store: Store, log: dict[str, int]) -> None:
    add(store, log, priority_id=log["priority"])
    with pytest.raises(ValidationError, match="Deactivate it instead"):
        A.delete_priority(store, log["priority"])
    with pytest.raises(ValidationError, match="already a priority"):
        A.save_priority(store, {"name": "neglect"})


def test_demo_has_actions_notes_and_a_spread_of_rag(demo_store: Store) -> None:
    actions = A.list_actions(demo_store, today=TODAY)
    assert len(actions) > 200
    assert {a.rag for a in actions} == set(A.RAGS)
    assert all(a.due_date >= a.raised_date for a in actions)
    assert all(a.completion_note for a in actions if a.status in A.DONE_STATUSES)
    assert demo_store.check() == []
