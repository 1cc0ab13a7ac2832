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
