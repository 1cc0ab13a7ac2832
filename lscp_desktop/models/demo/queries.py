"""The demo generator's own SQL (and the only SQL text in this area): what it reads back of
the partnership it has just written, to fill meetings' registers and the next pack's papers.

Every function takes the store and plain values and returns rows or ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lscp_desktop.models.store.database import Row, Store


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def body_rows(store: Store) -> list[Row]:
    """id, code, kind and dates of every body, in the order added."""
    return store.query("SELECT id, code, kind, start_date, end_date FROM bodies ORDER BY id")


def person_organisations(store: Store) -> dict[int, int | None]:
    """Each person's organisation id, by person id."""
    rows = store.query("SELECT id, organisation_id FROM people ORDER BY id")
    return {r["id"]: r["organisation_id"] for r in rows}


def named_deputy_rows(store: Store) -> list[Row]:
    """body_id, person_id (the deputy) and principal (the member they stand in for)."""
    return store.query(
        "SELECT d.body_id, d.person_id, p.person_id AS principal FROM memberships d"
        " JOIN memberships p ON p.id = d.deputy_for_id WHERE d.role = 'deputy' ORDER BY d.id"
    )


def membership_rows_in_roles(store: Store, roles: Sequence[str]) -> list[Row]:
    """body_id, person_id, role and dates of every membership in the given roles."""
    return store.query(
        "SELECT body_id, person_id, role, start_date, end_date FROM memberships"
        f" WHERE role IN ({_marks(roles)}) ORDER BY id",
        list(roles),
    )


def upcoming_meeting_ids(store: Store, body_id: int, today: str, limit: int) -> list[int]:
    """The body's next meetings (not cancelled) from a day on, soonest first."""
    rows = store.query(
        "SELECT id FROM meetings WHERE body_id = ? AND date >= ? AND status != 'cancelled'"
        " ORDER BY date, id LIMIT ?",
        [body_id, today, limit],
    )
    return [r["id"] for r in rows]


def item_paper_rows(store: Store, meeting_ids: Sequence[int]) -> list[Row]:
    """id, title, presenter and number of papers of the meetings' items, in agenda order."""
    return store.query(
        "SELECT a.id, a.title, coalesce(p.name, '') AS presenter,"
        " (SELECT count(*) FROM papers x WHERE x.agenda_item_id = a.id) AS papers"
        " FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id"
        f" WHERE a.meeting_id IN ({_marks(meeting_ids)}) ORDER BY a.meeting_id, a.position",
        list(meeting_ids),
    )
