"""Attendance statistics that leave out cancelled meetings, and the follow-up list."""

from __future__ import annotations

import pytest
from helpers.meetings import held_meeting, make_partnership, row_of

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings.attendance_stats import (
    attendance_by_organisation,
    attendance_by_person,
    follow_up,
)
from lscp_desktop.models.meetings.meetings import set_meeting_status
from lscp_desktop.models.store.database import Store


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
    set_meeting_status(store, three, "cancelled", "Not quorate")
    by_org = {s.name: s for s in attendance_by_organisation(store, "01/04/2026", "31/03/2027")}
    police = by_org["Northshire Police"]
    assert (police.expected, police.present, police.apologies, police.absent) == (2, 1, 1, 0)
    assert police.rate_percent == 50
    assert by_org["Northbridge Council"].expected == 4  # two members at two meetings
    by_person = {s.name: s for s in attendance_by_person(store, "2026-04-01", "2027-03-31")}
    assert by_person["Pat Police"].rate_percent == 50
    assert by_person["Cara Chair"].rate_percent == 100
    follow = follow_up(store, "2026-04-01", "2027-03-31", 75)
    assert [s.name for s in follow] == ["Northshire Police"]
    with pytest.raises(ValidationError, match="before the start"):
        attendance_by_person(store, "2027-01-01", "2026-01-01")
