"""Attendance: the register, deputies, guests, the quorum and declarations of interest."""

from __future__ import annotations

import pytest
from helpers.meetings import held_meeting, make_partnership, row_of

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings.agenda import save_item
from lscp_desktop.models.meetings.meetings import save_meeting, set_meeting_status
from lscp_desktop.models.store.database import Store


def test_register_lists_members_and_quorum_is_live(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    register = at.list_attendance(store, mid)
    assert {a.person_id for a in register} == {p.chair, p.council_member, p.icb_member,
                                              p.police_member}  # fmt: skip
    assert all(a.status == "not recorded" for a in register)
    q = at.quorum(store, mid)
    assert not q.recorded and q.describe() == "No attendance recorded yet."
    assert not q.met and q.present == 0 and len(q.missing_partners) == 3
    for person in (p.chair, p.council_member, p.icb_member):
        at.set_attendance(store, row_of(store, mid, person), "present")
    q = at.quorum(store, mid)
    assert q.present == 3 and q.missing_partners == ["Northshire Police"]
    assert not q.met and "no one from Northshire Police" in q.describe()
    at.set_attendance(
        store, row_of(store, mid, p.police_member), "represented", deputy_id=p.police_colleague
    )
    q = at.quorum(store, mid)
    assert q.met and q.present == 4 and q.describe().startswith("Quorate")
    at.add_guest(store, mid, "Olive Ofsted", "Ofsted")
    assert at.quorum(store, mid).present == 4  # guests never count


def test_deputy_from_another_organisation_is_refused(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    police_row = row_of(store, mid, p.police_member)
    with pytest.raises(ValidationError, match="must come from the member's own organisation"):
        at.set_attendance(store, police_row, "represented", deputy_id=p.council_deputy)
    with pytest.raises(ValidationError, match="Choose the deputy"):
        at.set_attendance(store, police_row, "represented")
    assert store.require("attendance", police_row)["status"] == "not recorded"


def test_no_attendance_for_a_cancelled_meeting(store: Store) -> None:
    p = make_partnership(store)
    mid = save_meeting(store, {"body_id": p.body, "date": "2026-06-01"})
    set_meeting_status(store, mid, "cancelled", "Inspection")
    with pytest.raises(ValidationError, match="was cancelled"):
        at.prepare_register(store, mid)
    with pytest.raises(ValidationError, match="was cancelled"):
        at.add_guest(store, mid, "Someone")
    assert store.count("attendance") == 0


def test_declarations_per_item(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    item = save_item(store, mid, {"title": "Commissioning", "minutes_allotted": 20})
    at.add_declaration(store, mid, p.icb_member, "Trustee of a bidding charity", item)
    with pytest.raises(ValidationError, match="Describe the interest"):
        at.add_declaration(store, mid, p.icb_member, "  ", item)
    [d] = at.list_declarations(store, mid)
    assert (d.person, d.item) == ("Nina Nurse", "Commissioning")


def test_a_one_off_attendee_counts_and_is_added_once(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    row = at.add_attendee(store, mid, p.council_deputy, "co-opted")
    added = next(a for a in at.list_attendance(store, mid) if a.id == row)
    assert (added.name, added.organisation, added.role, added.status) == (
        "Dee Deputy", "Northbridge Council", "co-opted", "present"
    )  # fmt: skip
    assert at.quorum(store, mid).present == 1
    with pytest.raises(ValidationError, match="already on this meeting's register"):
        at.add_attendee(store, mid, p.council_deputy)
    with pytest.raises(ValidationError, match="already on this meeting's register"):
        at.add_attendee(store, mid, p.chair)
    cancelled = save_meeting(store, {"body_id": p.body, "date": "2026-07-06"})
    set_meeting_status(store, cancelled, "cancelled", "Inspection")
    with pytest.raises(ValidationError, match="was cancelled"):
        at.add_attendee(store, cancelled, p.council_deputy)


def test_before_the_meeting_only_apologies_are_recorded(store: Store) -> None:
    import datetime as dt

    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    chair = row_of(store, mid, p.chair)
    before = dt.date(2026, 5, 20)
    at.set_attendance(store, chair, "apologies", today=before)
    for status in ("present", "absent"):
        with pytest.raises(ValidationError, match="until then only apologies"):
            at.set_attendance(store, chair, status, today=before)
    at.set_attendance(store, chair, "present", today=dt.date(2026, 6, 1))
    assert store.require("attendance", chair)["status"] == "present"


def test_places_never_recorded_are_left_out_of_the_statistics(store: Store) -> None:
    from lscp_desktop.models.meetings.attendance_stats import attendance_by_person

    p = make_partnership(store)
    recorded = held_meeting(store, p, "2026-06-01")
    held_meeting(store, p, "2026-07-06")  # its register was never filled in
    at.set_attendance(store, row_of(store, recorded, p.chair), "present")
    at.set_attendance(store, row_of(store, recorded, p.police_member), "absent")
    stats = {s.key: s for s in attendance_by_person(store, "2026-04-01", "2027-03-31")}
    assert (stats[p.chair].expected, stats[p.chair].present) == (1, 1)
    assert (stats[p.police_member].expected, stats[p.police_member].absent) == (1, 1)
    assert p.icb_member not in stats  # never recorded anywhere: no false absence


def test_a_meeting_is_marked_held_on_or_after_its_date(store: Store) -> None:
    import datetime as dt

    p = make_partnership(store)
    ahead = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    with pytest.raises(ValidationError, match="can be marked held from that day"):
        save_meeting(store, {"body_id": p.body, "date": ahead, "status": "held"})
    mid = save_meeting(store, {"body_id": p.body, "date": ahead})
    with pytest.raises(ValidationError, match="can be marked held from that day"):
        set_meeting_status(store, mid, "held")
    today = dt.date.today().isoformat()
    assert save_meeting(store, {"body_id": p.body, "date": today, "status": "held"})


def test_old_registers_never_filled_in_become_not_recorded(tmp_path: object) -> None:
    """The migration: "absent" was the old default. A register with nobody present,
    represented or sending apologies was never filled in; a partly recorded one keeps its
    absences (they were seen and left)."""
    import sqlite3
    from pathlib import Path

    path = Path(str(tmp_path)) / "old.db"
    with Store.open(path, daily_backup=False) as store:
        p = make_partnership(store)
        untouched = held_meeting(store, p, "2026-06-01")
        partly = held_meeting(store, p, "2026-07-06")
        at.set_attendance(store, row_of(store, partly, p.chair), "present")
        ids = {m: [a.id for a in at.list_attendance(store, m)] for m in (untouched, partly)}
    conn = sqlite3.connect(path)
    with conn:  # back to the file as an older version left it
        conn.execute("UPDATE attendance SET status = 'absent' WHERE status = 'not recorded'")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_attendance_not_recorded'")
    conn.close()
    with Store.open(path, daily_backup=False) as store:
        untouched_statuses = {store.require("attendance", i)["status"] for i in ids[untouched]}
        assert untouched_statuses == {"not recorded"}
        partly_statuses = sorted(store.require("attendance", i)["status"] for i in ids[partly])
        assert partly_statuses == ["absent", "absent", "absent", "present"]
