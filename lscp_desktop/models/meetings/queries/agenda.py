"""Agenda items, the decisions minuted on them, and the forward plan that feeds them."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.meetings.queries.common import first_row
from lscp_desktop.models.store.database import Row, Store

_ITEM = (
    "SELECT a.*, coalesce(p.name, '') AS presenter,"
    " (SELECT count(*) FROM papers x WHERE x.agenda_item_id = a.id) AS paper_count"
    " FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id"
)


def item_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's agenda items with presenter and paper count, in agenda order."""
    return store.query(_ITEM + " WHERE a.meeting_id = ? ORDER BY a.position", [meeting_id])


def item_row(store: Store, item_id: int) -> Row | None:
    return first_row(store.query(_ITEM + " WHERE a.id = ?", [item_id]))


def item_ids_of_meeting(store: Store, meeting_id: int) -> list[int]:
    rows = store.query(
        "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", [meeting_id]
    )
    return [r["id"] for r in rows]


def longest_item_minutes(store: Store, meeting_id: int) -> int | None:
    return store.scalar(
        "SELECT max(minutes_allotted) FROM agenda_items WHERE meeting_id = ?", [meeting_id]
    )


def item_label_rows(store: Store) -> list[Row]:
    """Every agenda item with its meeting's date and body code, newest meeting first."""
    return store.query(
        "SELECT a.id, a.position, a.title, m.date, b.code FROM agenda_items a"
        " JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id"
        " ORDER BY m.date DESC, m.id DESC, a.position"
    )


def items_carried_from(store: Store, meeting_id: int, item_id: int) -> int:
    """How many items of a meeting were carried forward from an item."""
    return int(
        store.scalar(
            "SELECT count(*) FROM agenda_items WHERE meeting_id = ? AND carried_from_id = ?",
            [meeting_id, item_id],
        )
    )


def declaration_ids_of_item(store: Store, item_id: int) -> list[int]:
    rows = store.query(
        "SELECT id FROM declarations WHERE agenda_item_id = ? ORDER BY id", [item_id]
    )
    return [r["id"] for r in rows]


def items_copied_from(store: Store, item_id: int) -> list[int]:
    """The ids of the items carried forward from an item (its copies on later meetings)."""
    rows = store.query(
        "SELECT id FROM agenda_items WHERE carried_from_id = ? ORDER BY id", [item_id]
    )
    return [r["id"] for r in rows]


def actions_of_item(store: Store, item_id: int) -> int:
    """How many actions were raised from an agenda item."""
    return int(store.scalar("SELECT count(*) FROM actions WHERE agenda_item_id = ?", [item_id]))


def decision_rows(store: Store, body_id: int | None = None) -> list[Row]:
    """Items with decisions recorded, newest meeting first, in agenda order."""
    params: list[Any] = []
    sql = (
        "SELECT a.id AS item_id, a.meeting_id, a.title, a.decisions, m.date, m.body_id,"
        " b.name AS body FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id"
        " JOIN bodies b ON b.id = m.body_id WHERE a.decisions != ''"
    )
    if body_id is not None:
        sql += " AND m.body_id = ?"
        params.append(body_id)
    return store.query(sql + " ORDER BY m.date DESC, m.id DESC, a.position", params)


def forward_plan_rows(store: Store, body_id: int | None = None) -> list[Row]:
    """Forward plan entries with body, reporting body and presenter names."""
    return store.query(
        "SELECT f.*, b.name AS body, coalesce(fb.name, '') AS from_body,"
        " coalesce(p.name, '') AS presenter FROM forward_plan f"
        " JOIN bodies b ON b.id = f.body_id LEFT JOIN bodies fb ON fb.id = f.from_body_id"
        " LEFT JOIN people p ON p.id = f.presenter_id"
        + (" WHERE f.body_id = ?" if body_id is not None else "")
        + " ORDER BY b.id, f.first_due, f.title",
        [body_id] if body_id is not None else [],
    )


def active_forward_plan_rows(store: Store, body_id: int) -> list[Row]:
    return store.query(
        "SELECT * FROM forward_plan WHERE body_id = ? AND active = 1 ORDER BY id", [body_id]
    )


def forward_plan_uses(store: Store, entry_id: int) -> int:
    """How many agenda items a forward plan entry has been put on."""
    return int(
        store.scalar("SELECT count(*) FROM agenda_items WHERE forward_plan_id = ?", [entry_id])
    )
