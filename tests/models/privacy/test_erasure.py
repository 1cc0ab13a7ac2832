"""Erasure: the person's details gone from the file, its WAL and the history; the figures the
same; the formal record kept; an erasure recorded (but not what was erased)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.writers import first

from lscp_desktop.models.actions import notes
from lscp_desktop.models.actions.listing import list_actions
from lscp_desktop.models.actions.notes import add_note
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.attendance_stats import (
    attendance_by_organisation,
    attendance_by_person,
)
from lscp_desktop.models.meetings.minutes import save_minutes
from lscp_desktop.models.meetings.queries.minutes import approved_minutes_row
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import delete_person, save_person
from lscp_desktop.models.privacy import queries
from lscp_desktop.models.privacy.erasure import delete_backups, erase_person, plan_erasure
from lscp_desktop.models.store.database import Store


@pytest.fixture
def large(tmp_path: Path, large_demo: Path) -> Iterator[Store]:
    """A copy of the session's large demo, to erase people from."""
    import shutil

    path = tmp_path / "large.db"
    shutil.copy(large_demo, path)
    s = Store.open(path, daily_backup=False)
    yield s
    s.close()


def _raw(store: Store) -> bytes:
    wal = store.path.with_name(store.path.name + "-wal")
    return store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _figures(store: Store) -> tuple[object, ...]:
    start, end = "2016-04-01", "2027-03-31"
    return (
        [(s.name, s.expected, s.attended) for s in attendance_by_organisation(store, start, end)],
        sorted((s.expected, s.attended) for s in attendance_by_person(store, start, end)),
        len(list_actions(store)),
        {s: store.count("actions", "status = ?", [s]) for s in ("open", "completed", "closed")},
        store.count("attendance"),
        store.count("action_notes"),
    )


def test_erasing_in_the_large_demo_leaves_no_trace_and_the_figures_unchanged(
    large: Store,
) -> None:
    person = next(
        p for p in large.rows("people", order_by="id")
        if large.count("people", "name = ?", [p["name"]]) == 1 and p["phone"]
    )  # fmt: skip
    pid = person["id"]
    # Give the history and the notes something to hold: an edit, and a note naming them.
    save_person(large, {**person, "phone": "020 7946 0555"}, pid)
    save_person(large, {**large.require("people", pid), "phone": person["phone"]}, pid)
    add_note(large, first(large, "actions")["id"], f"Spoke to {person['name']} on the phone.")
    secrets = [person["name"].encode(), person["email"].encode(), person["phone"].encode()]
    assert all(s in _raw(large) for s in secrets)
    before = _figures(large)

    plan = erase_person(large, pid, f"{person['name']} asked to be erased")

    raw = _raw(large)
    for secret in secrets:
        assert secret not in raw, secret
    assert b"020 7946 0555" not in raw
    assert _figures(large) == before
    assert large.require("people", pid)["name"] == plan.label == f"Former member {pid}"
    (erasure,) = queries.erasures(large)
    assert erasure["label"] == plan.label and erasure["record_id"] == pid
    assert erasure["reason"] == f"{plan.label} asked to be erased"  # the name taken out
    assert erasure["os_user"] and erasure["machine"]
    large.close()
    for secret in secrets:
        assert secret not in large.path.read_bytes()


def test_the_formal_record_is_kept_and_said_to_be(demo_store: Store) -> None:
    person = first(demo_store, "people")
    name = person["name"]
    held = next(  # minutes not yet approved (approved minutes are locked)
        m for m in demo_store.rows("meetings", order_by="id")
        if m["status"] == "held" and approved_minutes_row(demo_store, m["id"]) is None
    )  # fmt: skip
    item = first(demo_store, "agenda_items", meeting_id=held["id"])
    save_minutes(demo_store, item["id"], f"{name} presented the report.", "Agreed.")
    action = first(demo_store, "actions")
    note = add_note(demo_store, action["id"], f"Chased {name} by email.")

    plan = plan_erasure(demo_store, person["id"])
    assert [m.what for m in plan.kept] and all(m.table == "agenda_items" for m in plan.kept)
    assert any(m.table == "action_notes" for m in plan.replaced)

    erase_person(demo_store, person["id"], "Left the partnership in 2019")
    assert demo_store.require("agenda_items", item["id"])["minute_text"].startswith(name)
    assert demo_store.require("action_notes", note)["text"] == (
        f"Chased Former member {person['id']} by email."
    )
    assert not demo_store.history_mentioning([name, person["email"]]) or all(
        e.table == "agenda_items" for e in demo_store.history_mentioning([name])
    )


def test_a_deleted_persons_details_are_taken_out_of_the_history(demo_store: Store) -> None:
    pid = save_person(demo_store, {"name": "Temporary Visitor", "email": "tv@example.org"})
    delete_person(demo_store, pid)
    assert demo_store.history_mentioning(["tv@example.org"])
    plan = plan_erasure(demo_store, pid)
    assert plan.deleted and plan.name == "Temporary Visitor"
    erase_person(demo_store, pid, "Retention schedule")
    assert demo_store.history_mentioning(["tv@example.org", "Temporary Visitor"]) == []
    assert queries.deleted_people(demo_store) == []


def test_a_reason_is_needed_and_nothing_changes_without_one(demo_store: Store) -> None:
    person = first(demo_store, "people")
    with pytest.raises(ValidationError, match="Say why"):
        erase_person(demo_store, person["id"], "   ")
    assert demo_store.require("people", person["id"]) == person


def test_an_identity_in_the_reason_is_refused_and_nothing_is_erased(demo_store: Store) -> None:
    from helpers.identity_cases import REFUSED

    person = first(demo_store, "people")
    for text, _ in REFUSED:
        with pytest.raises(ValidationError, match="Reason: looks like"):
            erase_person(demo_store, person["id"], text)
    assert demo_store.require("people", person["id"]) == person
    assert queries.erasures(demo_store) == []


@pytest.mark.file_only  # a team database's backups are the server's (IT's)
def test_backups_made_before_are_listed_and_deleted_only_when_chosen(
    demo_store: Store, tmp_path: Path
) -> None:
    made = demo_store.backup()
    plan = plan_erasure(demo_store, first(demo_store, "people")["id"])
    assert plan.backups == [made]
    with pytest.raises(ValidationError, match="not one of this database's backups"):
        delete_backups(demo_store, [tmp_path / "elsewhere.db"])
    assert delete_backups(demo_store, plan.backups) == [made]
    assert not made.exists()


def test_warnings_for_a_current_member_and_a_shared_name(demo_store: Store) -> None:
    person = first(demo_store, "people")
    save_person(demo_store, {"name": person["name"]})
    plan = plan_erasure(demo_store, person["id"])
    text = " ".join(plan.warnings)
    assert "1 other person has the name" in text


def test_a_name_with_accents_is_erased_everywhere(demo_store: Store) -> None:
    pid = save_person(demo_store, {"name": "Zoë Ångström", "email": "zoe@example.org"})
    save_person(demo_store, {"name": "Zoë Ångström", "phone": "020 7946 0777"}, pid)
    note = add_note(demo_store, first(demo_store, "actions")["id"], "Agreed with ZOË ÅNGSTRÖM.")
    # An entry written before the history kept accents as they are (JSON escapes).
    demo_store.conn.execute(
        "INSERT INTO audit_log (at, os_user, action, table_name, record_id, field, old, new)"
        " VALUES ('2020-01-01T10:00:00', 'jo', 'delete', 'action_notes', 999, '*',"
        ' \'{"text": "Call Zo\\u00eb \\u00c5ngstr\\u00f6m"}\', NULL)'
    )
    erase_person(demo_store, pid, "Asked to be erased")
    assert demo_store.require("action_notes", note)["text"] == f"Agreed with Former member {pid}."
    leftovers = demo_store.history_mentioning(["Zoë Ångström", "Zo\\u00eb", "zoe@example.org"])
    assert leftovers == []
    demo_store.close()
    if demo_store.path.is_dir():
        return  # a team database: its bytes are the server's (compact() ran VACUUM FULL)
    raw = demo_store.path.read_bytes()
    assert "Zoë Ångström".encode() not in raw and "ZOË".encode() not in raw


def test_a_chair_turn_and_notes_recorded_under_their_name_are_erased_and_still_count(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Who recorded a note (the computer's user name: a Windows account may be the full
    name) and a turn of a rotating chair: neither names the person after the erasure, and the
    rotation and the notes still count."""
    from lscp_desktop.models.meetings.chair_rotation import chair_on, get_rotation, save_rotation

    name = "Morwenna Tregarthen"
    partner = save_organisation(demo_store, {"name": "Tregarthen Trust", "kind": "other",
                                             "sector": "other"})  # fmt: skip
    pid = save_person(demo_store, {"name": name, "email": "morwenna@example.org",
                                   "organisation_id": partner})  # fmt: skip
    body = first(demo_store, "bodies")["id"]
    other = first(demo_store, "organisations", kind="statutory partner")["id"]
    save_rotation(demo_store, body, every_months=12, start_date="2026-04-01",
                  turns=[(partner, pid), (other, None)])  # fmt: skip
    monkeypatch.setattr(notes, "recorded_by", lambda _store: name)
    note = add_note(demo_store, first(demo_store, "actions")["id"], "Chased the returns.")
    assert demo_store.require("action_notes", note)["recorded_by"] == name
    plan = plan_erasure(demo_store, pid)
    assert plan.linked["chair_turns"] == 1
    assert "1 current membership, role or turn as chair" in " ".join(plan.warnings)
    assert ("action_notes", "recorded_by") in {(m.table, m.column) for m in plan.replaced}
    counts = (demo_store.count("chair_rotation_turns"), demo_store.count("action_notes"))

    erase_person(demo_store, pid, "Left the partnership")

    label = f"Former member {pid}"
    assert demo_store.require("action_notes", note)["recorded_by"] == label
    rotation = get_rotation(demo_store, body)
    assert rotation is not None and (rotation.turns[0].person_id, rotation.turns[0].person) == (
        pid,
        label,
    )
    chair = chair_on(demo_store, body, "2026-05-01")
    assert chair is not None and chair.person == label
    assert (demo_store.count("chair_rotation_turns"), demo_store.count("action_notes")) == counts
    assert demo_store.history_mentioning([name, "morwenna@example.org"]) == []
    demo_store.close()
    if not demo_store.path.is_dir():  # a file (a team database's bytes are the server's)
        assert name.encode() not in demo_store.path.read_bytes()
