"""A body whose chair rotates among named partners every N months (seed 000: the Executive is
"chaired on a rotating basis by one of the senior members for a year at a time", rotating
between the council, the CCG and the police).

One rule replaces a chair record per turn: the partners' turns in order, how many months each
lasts and when the first began. Who chairs a meeting follows from its date: the turn's named
person, or else that partner's member on the body on the day. Handovers are dated, so Home can
remind the business manager a month ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import add_months, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings.queries import chair_rotation as rotation_queries
from lscp_desktop.models.meetings.queries import members as member_queries
from lscp_desktop.models.membership.bodies import get_body
from lscp_desktop.models.membership.organisations import get_organisation
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.versions import refuse_if_gone, touch

#: Roles of a partner's member on the body who takes the chair for the partner, in order.
_CHAIRING_ROLES = ("chair", "co-chair", "vice-chair", "member")


@dataclass(frozen=True)
class ChairTurn:
    organisation_id: int
    organisation: str
    person_id: int | None = None
    person: str = ""


@dataclass
class ChairRotation:
    body_id: int
    every_months: int
    start_date: str
    turns: list[ChairTurn] = field(default_factory=list)
    notes: str = ""
    id: int | None = None
    #: The version it was read at (its partners' changes count as its own: issue 22).
    row_version: int = 1

    def describe(self) -> str:
        """'Rotates every 12 months from 01/10/2019: Lambeth Council, NHS …, Police'."""
        names = ", ".join(t.person or t.organisation for t in self.turns)
        return f"Rotates every {self.every_months} months from {uk(self.start_date)}: {names}"

    def turn_on(self, day: dt.date) -> tuple[int, ChairTurn] | None:
        """The number of the turn running on *day* (0 the first) and whose it is."""
        start = dt.date.fromisoformat(self.start_date)
        if day < start or not self.turns:
            return None
        months = (day.year - start.year) * 12 + day.month - start.month
        k = months // self.every_months
        if add_months(start, k * self.every_months) > day:
            k -= 1
        return k, self.turns[k % len(self.turns)]

    def handover(self, k: int) -> dt.date:
        """The day turn *k* begins."""
        return add_months(dt.date.fromisoformat(self.start_date), k * self.every_months)


@dataclass(frozen=True)
class ChairOn:
    """Who chairs a body on a day under its rotation."""

    organisation: str
    person: str
    #: The day this turn ends (the next handover less one day).
    until: dt.date

    def describe(self) -> str:
        return f"{self.person} ({self.organisation})" if self.person else self.organisation


@dataclass(frozen=True)
class Handover:
    body_id: int
    body: str
    on: dt.date
    outgoing: str
    incoming: str


def get_rotation(store: Store, body_id: int) -> ChairRotation | None:
    row = rotation_queries.chair_rotation_row(store, body_id)
    if row is None:
        return None
    turns = [
        ChairTurn(t["organisation_id"], t["organisation"], t["person_id"], t["person"] or "")
        for t in rotation_queries.chair_turn_rows(store, row["id"])
    ]
    return ChairRotation(
        row["body_id"], row["every_months"], row["start_date"], turns, row["notes"], row["id"],
        int(row.get("row_version") or 1),
    )  # fmt: skip


def save_rotation(
    store: Store,
    body_id: int,
    *,
    every_months: Any,
    start_date: Any,
    turns: Sequence[tuple[int, int | None]],
    notes: str = "",
) -> int:
    """Set (or replace) the body's rotation: *turns* are (organisation id, person id or None)
    in the order they chair."""
    try:
        months = int(str(every_months).strip())
    except ValueError:
        raise ValidationError("Enter how many months each chair serves.", "every_months") from None
    if not 1 <= months <= 60:
        raise ValidationError("Each chair should serve from 1 to 60 months.", "every_months")
    start = parse_date(start_date, "date the rotation starts")
    if len(turns) < 2:
        raise ValidationError("Name at least two partners to rotate the chair among.", "turns")
    if len({org for org, _ in turns}) != len(turns):
        raise ValidationError("Name each partner once in the rotation.", "turns")
    with store.transaction():
        get_body(store, body_id)
        for org_id, person_id in turns:
            get_organisation(store, org_id)
            if person_id is not None:
                person = get_person(store, person_id)
                if person.organisation_id != org_id:
                    raise ValidationError(
                        f"{person.name} is not from {get_organisation(store, org_id).name}; "
                        "name someone from the partner whose turn it is.",
                        "turns",
                    )
        values = {"every_months": months, "start_date": start.isoformat(),
                  "notes": " ".join(notes.split())}  # fmt: skip
        existing = rotation_queries.chair_rotation_row(store, body_id)
        if existing is None:
            refuse_if_gone(store, "chair_rotations")  # (a form opened one, deleted since)
            rotation_id = store.insert("chair_rotations", {"body_id": body_id, **values})
            _insert_turns(store, rotation_id, turns)
            return rotation_id
        # Changed in place, over the version a form opened only (Store.update, and touch for
        # the partners, which count as the rotation's own fields).
        rotation_id = int(existing["id"])
        store.update("chair_rotations", rotation_id, values)
        before = rotation_queries.chair_turn_rows(store, rotation_id)
        wanted = [(int(org_id), person_id) for org_id, person_id in turns]
        if [(t["organisation_id"], t["person_id"]) for t in before] != wanted:
            names = ", ".join(get_organisation(store, org_id).name for org_id, _ in wanted)
            touch(store, "chair_rotations", rotation_id, "partners",
                  ", ".join(t["organisation"] for t in before), names)  # fmt: skip
            for turn_id in rotation_queries.chair_turn_ids(store, rotation_id):
                store.delete("chair_rotation_turns", turn_id)
            _insert_turns(store, rotation_id, wanted)
        return rotation_id


def _insert_turns(store: Store, rotation_id: int, turns: Sequence[tuple[int, int | None]]) -> None:
    for position, (org_id, person_id) in enumerate(turns, start=1):
        turn = {"rotation_id": rotation_id, "position": position, "organisation_id": org_id,
                "person_id": person_id}  # fmt: skip
        store.insert("chair_rotation_turns", turn)


def delete_rotation(store: Store, body_id: int) -> None:
    with store.transaction():
        existing = rotation_queries.chair_rotation_row(store, body_id)
        if existing is None:
            return
        for turn_id in rotation_queries.chair_turn_ids(store, existing["id"]):
            store.delete("chair_rotation_turns", turn_id)
        store.delete("chair_rotations", existing["id"])


def chair_on(store: Store, body_id: int, day: dt.date | str) -> ChairOn | None:
    """Who chairs the body on *day* under its rotation (None without one, or before it)."""
    rotation = get_rotation(store, body_id)
    return None if rotation is None else _chair_on(store, rotation, parse_date(day))


def _chair_on(store: Store, rotation: ChairRotation, day: dt.date) -> ChairOn | None:
    found = rotation.turn_on(day)
    if found is None:
        return None
    k, turn = found
    person = turn.person
    if not person:
        rows = member_queries.organisation_members_on(
            store, rotation.body_id, turn.organisation_id, day.isoformat(), _CHAIRING_ROLES
        )
        person = rows[0]["person"] if rows else ""
    return ChairOn(turn.organisation, person, rotation.handover(k + 1) - dt.timedelta(days=1))


def chairs_of_meetings(store: Store, meetings: list[tuple[int, int, str]]) -> dict[int, str]:
    """Who chairs each of *meetings* (id, body id, ISO date) under its body's rotation."""
    rotations: dict[int, ChairRotation | None] = {}
    out: dict[int, str] = {}
    for meeting_id, body_id, day in meetings:
        if body_id not in rotations:
            rotations[body_id] = get_rotation(store, body_id)
        rotation = rotations[body_id]
        if rotation is not None:
            chair = _chair_on(store, rotation, dt.date.fromisoformat(day))
            if chair is not None:
                out[meeting_id] = chair.describe()
    return out


def handovers(store: Store, start: dt.date, end: dt.date) -> list[Handover]:
    """Every handover of a chair from *start* to *end*, soonest first."""
    out: list[Handover] = []
    for row in rotation_queries.chair_rotation_bodies(store):
        rotation = get_rotation(store, row["body_id"])
        if rotation is None or len(rotation.turns) < 2:
            continue
        found = rotation.turn_on(start)
        k = found[0] + 1 if found else 0
        while (day := rotation.handover(k)) <= end:
            if day >= start:
                before = _chair_on(store, rotation, day - dt.timedelta(days=1))
                after = _chair_on(store, rotation, day)
                out.append(
                    Handover(
                        rotation.body_id,
                        row["body"],
                        day,
                        before.describe() if before else "",
                        after.describe() if after else "",
                    )
                )
            k += 1
    return sorted(out, key=lambda h: (h.on, h.body))
