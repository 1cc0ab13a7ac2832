"""A tiny action log for the actions model tests: two bodies, three people (one has left), one
meeting ahead; ``add`` raises an action in it."""

from __future__ import annotations

import datetime as dt

from lscp_desktop.models import membership as m
from lscp_desktop.models.actions.priorities import save_priority
from lscp_desktop.models.actions.saving import save_action
from lscp_desktop.models.store.database import Store

TODAY = dt.date(2026, 11, 22)


def make_log(store: Store) -> dict[str, int]:
    """A tiny partnership: two bodies, three people (one has left), one meeting ahead."""
    m.save_partnership(store, name="Test LSCP")
    police = m.save_organisation(store, {"name": "Police", "kind": "statutory partner",
                                         "sector": "police"})  # fmt: skip
    icb = m.save_organisation(store, {"name": "ICB", "kind": "statutory partner",
                                      "sector": "health/ICB"})  # fmt: skip
    execu = m.save_body(store, {"name": "Executive", "code": "EXEC", "kind": "executive",
                                "start_date": "2020-01-01"})  # fmt: skip
    sub = m.save_body(store, {"name": "Case Review", "code": "CRS", "kind": "subgroup",
                              "start_date": "2020-01-01"})  # fmt: skip
    ann = m.save_person(store, {"name": "Ann Able", "organisation_id": police})
    bob = m.save_person(store, {"name": "Bob Busy", "organisation_id": icb})
    gone = m.save_person(store, {"name": "Gail Gone", "organisation_id": icb})
    for person in (ann, bob):
        m.save_membership(store, {"person_id": person, "body_id": execu, "role": "member",
                                  "start_date": "2020-01-01"})  # fmt: skip
    m.save_membership(store, {"person_id": gone, "body_id": execu, "role": "member",
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
