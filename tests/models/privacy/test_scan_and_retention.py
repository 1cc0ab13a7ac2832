"""Stored text that looks like a child's identity, found with a link to its record; and the
retention schedule's proposals, carried out only when confirmed."""

from __future__ import annotations

import datetime as dt

from helpers.store import write_around_the_door
from helpers.writers import first

from lscp_desktop.models.core import settings
from lscp_desktop.models.membership.people import delete_person, save_person
from lscp_desktop.models.privacy.retention import anonymise_review, carry_out, proposals
from lscp_desktop.models.privacy.scan import clear_history_entries, stored_identities
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


def _seed(store: Store) -> dict[str, int]:
    """Identity-like text put in as it would have been before the guard (the door is the only
    way in now, so the test writes around it)."""
    action = first(store, "actions")
    note = first(store, "action_notes")
    meeting = first(store, "meetings")
    write = write_around_the_door
    write(store, "action_notes", note["id"], {"text": "Baby X, born 14/03/2026, NHS 943 476 5919"})
    write(store, "actions", action["id"], {"title": "Rapid review for Jane Smith, NW10 6RB"})
    write(store, "meetings", meeting["id"],
          {"venue": "Civic Centre, SE11 5QY", "notes": "DOB 01/02/2019"})  # fmt: skip
    store.conn.execute(
        "INSERT INTO audit_log (at, os_user, action, table_name, record_id, field, old, new)"
        " VALUES ('2020-01-01T10:00:00', 'jo', 'update', 'actions', ?, 'detail',"
        " 'Jane, 7, at SW1A 1AA', '')",
        (action["id"],),
    )
    return {"action": action["id"], "note_action": note["action_id"], "meeting": meeting["id"]}


def test_every_identity_like_text_is_found_with_where_it_opens(demo_store: Store) -> None:
    ids = _seed(demo_store)
    found = stored_identities(demo_store)
    by_field = {(f.table, f.field): f for f in found}
    note = by_field[("action_notes", "Progress note")]
    assert note.page == "actions" and note.open_id == ids["note_action"]
    assert "born 14/03/2026" in note.found and "943 476 5919" in note.found
    assert by_field[("actions", "Title")].found == "a postcode: 'NW10 6RB'"
    assert ("meetings", "Venue") not in by_field  # a venue may hold a postcode
    assert by_field[("meetings", "Notes")].open_id == ids["meeting"]
    history = [f for f in found if f.audit_id is not None]
    assert len(history) == 1 and history[0].page is None
    assert clear_history_entries(demo_store, [history[0].audit_id or 0]) == 1
    assert [f for f in stored_identities(demo_store) if f.audit_id is not None] == []


def test_the_schedule_proposes_leavers_deleted_people_and_old_history(demo_store: Store) -> None:
    settings.set_value(demo_store, "retention_people_years", 1)
    gone = save_person(demo_store, {"name": "Long Gone", "active": False})
    deleted = save_person(demo_store, {"name": "Deleted Person", "email": "dp@example.org"})
    delete_person(demo_store, deleted)
    demo_store.conn.execute("UPDATE audit_log SET at = '2015-01-01T09:00:00' WHERE id < 5")
    found = proposals(demo_store, today=TODAY)
    kinds = {(p.kind, p.what) for p in found}
    assert ("person", "Long Gone") in kinds
    assert ("deleted person", "Deleted Person") in kinds
    assert any(p.kind == "history" for p in found)
    assert demo_store.require("people", gone)["name"] == "Long Gone"  # nothing erased yet

    done = carry_out(demo_store, found, "Retention schedule 2026", today=TODAY)
    assert len(done) == len(found)
    assert demo_store.require("people", gone)["name"] == f"Former member {gone}"
    assert proposals(demo_store, today=TODAY) == []


def test_a_review_past_its_time_is_anonymised_not_deleted(demo_store: Store) -> None:
    review = first(demo_store, "reviews")
    demo_store.conn.execute(
        "UPDATE reviews SET closed_date = '2001-01-01', summary = 'x' WHERE id = ?",
        (review["id"],),
    )
    assert not [p for p in proposals(demo_store, today=TODAY) if p.kind == "review"]
    settings.set_value(demo_store, "retention_review_years", 15)
    (proposal,) = [p for p in proposals(demo_store, today=TODAY) if p.kind == "review"]
    anonymise_review(demo_store, proposal.record_id)
    after = demo_store.require("reviews", review["id"])
    assert after["reference"] == review["reference"] and after["summary"] == ""
    assert not [p for p in proposals(demo_store, today=TODAY) if p.kind == "review"]
