"""Rules issue 17 added to meetings: a cadence keeps its standing items when they are left out,
frequencies as people write them, the chair rotation's checks, calling in a virtual member,
and the each-partner quorum counting a partner the arrangement adds (Education)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.meetings import make_partnership, meeting

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.meetings.chair_rotation import (
    chair_on,
    delete_rotation,
    get_rotation,
    save_rotation,
)
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store


def test_standing_items_left_out_are_kept(store: Store) -> None:
    p = make_partnership(store, standing_items="Safeguarding data | 20 | assurance")
    values = c.cadence_values(c.get_cadence(store, p.body))
    del values["standing_items"]
    c.save_cadence(store, values | {"frequency": "every other month"})
    kept = c.get_cadence(store, p.body)
    assert kept.standing_items == "Safeguarding data | 20 | assurance"
    assert kept.months_between == 2
    c.save_cadence(store, c.cadence_values(kept) | {"standing_items": ""})
    assert c.get_cadence(store, p.body).standing_items == ""  # emptied only when asked


@pytest.mark.parametrize(
    ("text", "expected"),
    [("every other month", ("every N months", 2)), ("Every 2 months", ("every N months", 2)),
     ("bi-monthly", ("every N months", 2)), ("Quarterly", ("quarterly", 0)),
     ("three times a year", ("three times a year", 0)), ("termly", ("three times a year", 0)),
     ("every month", ("monthly", 0)), ("as required", ("ad hoc", 0))],
)  # fmt: skip
def test_frequencies_as_people_write_them(text: str, expected: tuple[str, int]) -> None:
    assert c.parse_frequency(text) == expected


def test_a_frequency_nobody_meets_at_is_refused() -> None:
    with pytest.raises(ValidationError, match="'fortnightly' is not a frequency"):
        c.parse_frequency("fortnightly")


def test_chair_rotation_checks_and_who_chairs(store: Store) -> None:
    p = make_partnership(store)
    with pytest.raises(ValidationError, match="at least two partners"):
        save_rotation(store, p.body, every_months=12, start_date="2020-04-01",
                      turns=[(p.council, None)])  # fmt: skip
    with pytest.raises(ValidationError, match="each partner once"):
        save_rotation(store, p.body, every_months=12, start_date="2020-04-01",
                      turns=[(p.council, None), (p.council, None)])  # fmt: skip
    with pytest.raises(ValidationError, match="is not from North ICB"):
        save_rotation(store, p.body, every_months=12, start_date="2020-04-01",
                      turns=[(p.council, None), (p.icb, p.police_member)])  # fmt: skip
    turns = [(p.council, p.council_member), (p.icb, None), (p.police, None)]
    save_rotation(store, p.body, every_months=6, start_date="2020-04-01", turns=turns)
    assert chair_on(store, p.body, "2020-03-31") is None  # before it began
    first = chair_on(store, p.body, "2020-09-30")
    assert first is not None and first.describe() == "Dan Director (Northbridge Council)"
    assert first.until == dt.date(2020, 9, 30)
    second = chair_on(store, p.body, dt.date(2020, 10, 1))
    assert second is not None and second.person == "Nina Nurse"  # the ICB's member on the body
    fifth = chair_on(store, p.body, "2022-04-01")  # council, ICB, police, council, ICB
    assert fifth is not None and fifth.organisation == "North ICB"
    rotation = get_rotation(store, p.body)
    assert rotation is not None and rotation.describe().startswith("Rotates every 6 months")
    delete_rotation(store, p.body)
    assert get_rotation(store, p.body) is None


def test_a_virtual_member_is_called_in_to_one_meeting(store: Store) -> None:
    p = make_partnership(store)
    virtual = save_person(store, {"name": "Vera Virtual"})
    save_membership(store, {"person_id": virtual, "body_id": p.body, "role": "virtual member",
                            "start_date": "01/04/2020"})  # fmt: skip
    first, second = meeting(store, p.body, "2026-06-01"), meeting(store, p.body, "2026-09-07")
    for mid in (first, second):
        at.prepare_register(store, mid)
    assert virtual not in {a.person_id for a in at.list_attendance(store, first)}
    called = at.call_in(store, first, virtual)
    assert next(a for a in at.list_attendance(store, first) if a.id == called).role == (
        "virtual member"
    )
    with pytest.raises(ValidationError, match="already on this meeting's register"):
        at.call_in(store, first, virtual)
    with pytest.raises(ValidationError, match="is not a virtual member"):
        at.call_in(store, second, p.chair)
    circulation = {r["person_id"] for r in at.circulation(store, at.get_meeting(store, second))}
    assert virtual in circulation  # papers go to virtual members too


def test_each_partner_quorum_counts_education(store: Store) -> None:
    p = make_partnership(store)
    education = save_organisation(
        store, {"name": "Northbridge Education", "kind": "education", "sector": "education",
                "safeguarding_partner": True},
    )  # fmt: skip
    director = save_person(store, {"name": "Ed Director", "organisation_id": education})
    save_membership(store, {"person_id": director, "body_id": p.body, "role": "member",
                            "start_date": "01/04/2020"})  # fmt: skip
    mid = meeting(store, p.body)
    at.prepare_register(store, mid)
    for a in at.list_attendance(store, mid):
        if a.person_id != director:
            at.set_attendance(store, a.id, "present")
    result = at.quorum(store, mid)
    assert not result.met and result.missing_partners == ["Northbridge Education"]
