"""Chair rotations and their turns."""

from __future__ import annotations

from lscp_desktop.models.meetings.queries.common import first_row
from lscp_desktop.models.store.database import Row, Store


def chair_rotation_row(store: Store, body_id: int) -> Row | None:
    return first_row(store.query("SELECT * FROM chair_rotations WHERE body_id = ?", [body_id]))


def chair_rotation_bodies(store: Store) -> list[Row]:
    """body_id and body name of every body with a chair rotation, by body."""
    return store.query(
        "SELECT r.body_id, b.name AS body FROM chair_rotations r JOIN bodies b ON b.id = r.body_id"
        " ORDER BY r.body_id"
    )


def chair_turn_rows(store: Store, rotation_id: int) -> list[Row]:
    """A rotation's turns in order, with the organisation's and the named person's names."""
    return store.query(
        "SELECT t.*, o.name AS organisation, p.name AS person FROM chair_rotation_turns t"
        " JOIN organisations o ON o.id = t.organisation_id"
        " LEFT JOIN people p ON p.id = t.person_id WHERE t.rotation_id = ? ORDER BY t.position",
        [rotation_id],
    )


def chair_turn_ids(store: Store, rotation_id: int) -> list[int]:
    rows = store.query(
        "SELECT id FROM chair_rotation_turns WHERE rotation_id = ? ORDER BY id", [rotation_id]
    )
    return [r["id"] for r in rows]
