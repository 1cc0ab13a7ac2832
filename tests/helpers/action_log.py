"""A tiny action log for the actions model tests: two bodies, three people (one has left), one
meeting ahead; ``add`` raises an action in it."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models.actions.priorities import save_priority
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.memberships import save_membership
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


def make_log(store: Store) -> dict[str, int]:
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
    priority = save_priority(store, {"name": "Neglect", "position": 1})
    return {"police": police, "icb": icb, "exec": execu, "sub": sub, "ann": ann, "bob": bob,
            "gone": gone, "item": item, "priority": priority}  # fmt: skip


def add(store: Store, ids: dict[str, int], **values: object) -> int:
    base: dict[str, object] = {"body_id": ids["exec"], "title": "Do a thing",
                               "owner_id": ids["ann"], "raised_date": "2026-10-01",
                               "due_date": "2026-12-31"}  # fmt: skip
    base.update(values)
    return save_action(store, base, on=TODAY)
