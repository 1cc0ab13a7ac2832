"""A small partnership for meeting tests: three statutory partners and one body with members;
meetings of it, and their registers."""

from __future__ import annotations

from dataclasses import dataclass

from lscp_desktop.models.meetings import attendance as at
from lscp_desktop.models.meetings import cadence as c
from lscp_desktop.models.meetings.meetings import save_meeting
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store


@dataclass
class Partnership:
    body: int
    council: int
    icb: int
    police: int
    chair: int
    council_member: int
    icb_member: int
    police_member: int
    council_deputy: int
    police_colleague: int


def make_partnership(store: Store, **cadence: object) -> Partnership:
    council = save_organisation(
        store,
        {"name": "Northbridge Council", "kind": "statutory partner", "sector": "local authority"},
    )
    icb = save_organisation(
        store, {"name": "North ICB", "kind": "statutory partner", "sector": "health/ICB"}
    )
    police = save_organisation(
        store, {"name": "Northshire Police", "kind": "statutory partner", "sector": "police"}
    )
    body = save_body(
        store,
        {"name": "Executive", "code": "EXEC", "kind": "executive", "start_date": "01/04/2020"},
    )

    def person(name: str, org: int) -> int:
        return save_person(store, {"name": name, "organisation_id": org})

    chair = person("Cara Chair", council)
    council_member = person("Dan Director", council)
    icb_member = person("Nina Nurse", icb)
    police_member = person("Pat Police", police)
    council_deputy = person("Dee Deputy", council)
    police_colleague = person("Paul Constable", police)
    for pid, role in (
        (chair, "chair"),
        (council_member, "member"),
        (icb_member, "member"),
        (police_member, "member"),
    ):
        save_membership(
            store, {"person_id": pid, "body_id": body, "role": role, "start_date": "01/04/2020"}
        )
    values: dict[str, object] = {
        "body_id": body,
        "frequency": "quarterly",
        "anchor_month": "April",
        "week": "first",
        "weekday": "Monday",
        "start_time": "10:00",
        "duration_minutes": 120,
        "quorum_min": 3,
        "quorum_each_partner": True,
        "standing_items": c.DEFAULT_STANDING_ITEMS,
    }
    values.update(cadence)
    c.save_cadence(store, values)
    return Partnership(
        body, council, icb, police, chair, council_member, icb_member, police_member,
        council_deputy, police_colleague,
    )  # fmt: skip


def meeting(store: Store, body: int, date: str = "2026-06-01", **extra: object) -> int:
    return save_meeting(
        store, {"body_id": body, "date": date, "start_time": "10:00", "end_time": "12:00", **extra}
    )


def held_meeting(store: Store, p: Partnership, date: str) -> int:
    mid = save_meeting(store, {"body_id": p.body, "date": date, "start_time": "10:00"})
    at.prepare_register(store, mid)
    return mid


def row_of(store: Store, mid: int, person: int) -> int:
    return next(a.id for a in at.list_attendance(store, mid) if a.person_id == person)
