"""Attendance, deputies, quorum and statistics that leave out cancelled meetings."""

from __future__ import annotations

import pytest
from helpers.meetings import Partnership, make_partnership

from lscp_desktop.models import meetings as mt
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.store.database import Store


def held_meeting(store: Store, p: Partnership, date: str) -> int:
    mid = mt.save_meeting(store, {"body_id": p.body, "date": date, "start_time": "10:00"})
    at.prepare_register(store, mid)
    return mid


def row_of(store: Store, mid: int, person: int) -> int:
    return next(a.id for a in at.list_attendance(store, mid) if a.person_id == person)


def test_register_lists_members_and_quorum_is_live(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    register = at.list_attendance(store, mid)
    assert {a.person_id for a in register} == {p.chair, p.council_member, p.icb_member,
                                              p.police_member}  # fmt: skip
    assert all(a.status == "absent" for a in register)
    q = at.quorum(store, mid)
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
    assert store.require("attendance", police_row)["status"] == "absent"


def test_no_attendance_for_a_cancelled_meeting(store: Store) -> None:
    p = make_partnership(store)
    mid = mt.save_meeting(store, {"body_id": p.body, "date": "2026-06-01"})
    mt.set_meeting_status(store, mid, "cancelled", "Inspection")
    with pytest.raises(ValidationError, match="was cancelled"):
        at.prepare_register(store, mid)
    with pytest.raises(ValidationError, match="was cancelled"):
        at.add_guest(store, mid, "Someone")
    assert store.count("attendance") == 0


def test_statistics_exclude_cancelled_meetings_and_follow_up_list(store: Store) -> None:
    p = make_partnership(store)
    one = held_meeting(store, p, "2026-05-04")
    two = held_meeting(store, p, "2026-06-01")
    three = held_meeting(store, p, "2026-07-06")
    for mid in (one, two, three):
        for person in (p.chair, p.council_member, p.icb_member):
            at.set_attendance(store, row_of(store, mid, person), "present")
    at.set_attendance(store, row_of(store, one, p.police_member), "apologies")
    at.set_attendance(store, row_of(store, two, p.police_member), "present")
    # Police were absent from the third meeting, which was then cancelled: it must not count.
    mt.set_meeting_status(store, three, "cancelled", "Not quorate")
    by_org = {s.name: s for s in at.attendance_by_organisation(store, "01/04/2026", "31/03/2027")}
    police = by_org["Northshire Police"]
    assert (police.expected, police.present, police.apologies, police.absent) == (2, 1, 1, 0)
    assert police.rate_percent == 50
    assert by_org["Northbridge Council"].expected == 4  # two members at two meetings
    by_person = {s.name: s for s in at.attendance_by_person(store, "2026-04-01", "2027-03-31")}
    assert by_person["Pat Police"].rate_percent == 50
    assert by_person["Cara Chair"].rate_percent == 100
    follow = at.follow_up(store, "2026-04-01", "2027-03-31", 75)
    assert [s.name for s in follow] == ["Northshire Police"]
    with pytest.raises(ValidationError, match="before the start"):
        at.attendance_by_person(store, "2027-01-01", "2026-01-01")


def test_declarations_per_item(store: Store) -> None:
    p = make_partnership(store)
    mid = held_meeting(store, p, "2026-06-01")
    item = mt.save_item(store, mid, {"title": "Commissioning", "minutes_allotted": 20})
    at.add_declaration(store, mid, p.icb_member, "Trustee of a bidding charity", item)
    with pytest.raises(ValidationError, match="Describe the interest"):
        at.add_declaration(store, mid, p.icb_member, "  ", item)
    [d] = at.list_declarations(store, mid)
    assert (d.person, d.item) == ("Nina Nurse", "Commissioning")
