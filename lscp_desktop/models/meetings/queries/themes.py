"""Quarterly themes, the bodies asked to examine them and the agenda items that take
them up."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.database import Row, Store


def themes(store: Store) -> list[Row]:
    """Every quarterly theme with its priority's name, the latest quarter first."""
    return store.query(
        "SELECT t.*, coalesce(p.name, '') AS priority FROM quarterly_themes t"
        " LEFT JOIN priorities p ON p.id = t.priority_id ORDER BY t.quarter_start DESC"
    )


def theme_bodies(store: Store) -> list[Row]:
    """The bodies asked to examine each theme (theme_id, body_id, name), by name."""
    return store.query(
        "SELECT x.theme_id, x.body_id, b.name FROM quarterly_theme_bodies x"
        " JOIN bodies b ON b.id = x.body_id ORDER BY lower(b.name), x.id"
    )


def theme_examinations(store: Store) -> list[Row]:
    """Each theme's agenda items on meetings that go ahead: theme_id, body_id, meeting date."""
    return store.query(
        "SELECT i.theme_id, m.body_id, min(m.date) AS date FROM agenda_items i"
        " JOIN meetings m ON m.id = i.meeting_id WHERE i.theme_id IS NOT NULL"
        " AND m.status NOT IN ('cancelled', 'postponed') GROUP BY i.theme_id, m.body_id"
        " ORDER BY i.theme_id, m.body_id"
    )


def theme_in_quarter(store: Store, quarter_start: str, other_than: int | None) -> bool:
    sql = "SELECT id FROM quarterly_themes WHERE quarter_start = ?"
    params: list[Any] = [quarter_start]
    if other_than is not None:
        sql += " AND id <> ?"
        params.append(other_than)
    return bool(store.query(sql, params))


def theme_due_for(store: Store, quarter_start: str, body_id: int, meeting_id: int) -> Row | None:
    """The quarter's theme if *body_id* is asked to examine it and no other meeting of the body
    going ahead has it on its agenda yet."""
    rows = store.query(
        "SELECT t.* FROM quarterly_themes t JOIN quarterly_theme_bodies x ON x.theme_id = t.id"
        " WHERE t.quarter_start = ? AND x.body_id = ? AND NOT EXISTS (SELECT 1 FROM agenda_items i"
        " JOIN meetings m ON m.id = i.meeting_id WHERE i.theme_id = t.id AND m.body_id = ?"
        " AND m.id <> ? AND m.status NOT IN ('cancelled', 'postponed'))",
        [quarter_start, body_id, body_id, meeting_id],
    )
    return rows[0] if rows else None


def theme_agenda_uses(store: Store, theme_id: int) -> int:
    return int(store.scalar("SELECT count(*) FROM agenda_items WHERE theme_id = ?", [theme_id]))


def theme_body_rows(store: Store, theme_id: int) -> list[Row]:
    """A theme's rows of bodies as stored, in the order added (what undo puts back)."""
    return store.rows("quarterly_theme_bodies", "theme_id = ?", [theme_id], order_by="id")
