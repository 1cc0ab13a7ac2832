"""The meetings themselves: listing, the next and previous, clashes, moves, the
records kept against one, and each body's cadence."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.meetings.queries.common import first_row
from lscp_desktop.models.store.database import Row, Store

_MEETING = (
    "SELECT m.*, b.name AS body, b.code AS body_code,"
    " (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS item_count,"
    " (SELECT count(*) FROM papers p WHERE p.meeting_id = m.id) AS paper_count,"
    " (SELECT count(*) FROM meeting_changes c WHERE c.meeting_id = m.id) AS changes"
    " FROM meetings m JOIN bodies b ON b.id = m.body_id"
)


def meeting_rows(
    store: Store, *, body_id: int | None = None, start: str | None = None, end: str | None = None
) -> list[Row]:
    """Meetings with their body and counts, oldest first; each filter optional."""
    where: list[str] = []
    params: list[Any] = []
    if body_id is not None:
        where.append("m.body_id = ?")
        params.append(body_id)
    if start:
        where.append("m.date >= ?")
        params.append(start)
    if end:
        where.append("m.date <= ?")
        params.append(end)
    sql = _MEETING + (" WHERE " + " AND ".join(where) if where else "")
    return store.query(sql + " ORDER BY m.date, m.start_time, b.id", params)


def meeting_row(store: Store, meeting_id: int) -> Row | None:
    return first_row(store.query(_MEETING + " WHERE m.id = ?", [meeting_id]))


def next_meeting_row(store: Store, body_id: int, after: str) -> Row | None:
    """The body's first meeting after a date that is not cancelled."""
    return first_row(
        store.query(
            _MEETING + " WHERE m.body_id = ? AND m.date > ? AND m.status != 'cancelled'"
            " ORDER BY m.date, m.id LIMIT 1",
            [body_id, after],
        )
    )


def previous_meeting_date(store: Store, body_id: int, before: str) -> str | None:
    """The date of the body's last meeting before a date that is not cancelled."""
    return store.scalar(
        "SELECT max(date) FROM meetings WHERE body_id = ? AND date < ? AND status != 'cancelled'",
        [body_id, before],
    )


def clashing_meeting_ids(
    store: Store, body_id: int, date: str, meeting_id: int | None
) -> list[int]:
    """The body's other meetings (not cancelled) on the day."""
    rows = store.query(
        "SELECT id FROM meetings WHERE body_id = ? AND date = ? AND status != 'cancelled'"
        " AND id != ?",
        [body_id, date, meeting_id or 0],
    )
    return [r["id"] for r in rows]


def meetings_near(store: Store, body_id: int, start: str, end: str) -> list[Row]:
    """id, date and rule date of the body's meetings whose date or rule date is in a range, in
    the order added (the caller keeps the last of a day's)."""
    return store.query(
        "SELECT id, date, rule_date FROM meetings WHERE body_id = ? AND date BETWEEN ? AND ?"
        " OR body_id = ? AND rule_date BETWEEN ? AND ? ORDER BY id",
        [body_id, start, end] * 2,
    )


def records_against_meeting(store: Store, meeting_id: int) -> int:
    """Attendance, papers, minuted items and the minutes' life cycle (their own, or minutes
    approved at the meeting) recorded for a meeting, counted together."""
    return int(
        store.scalar(
            "SELECT (SELECT count(*) FROM attendance WHERE meeting_id = ?)"
            " + (SELECT count(*) FROM papers WHERE meeting_id = ?)"
            " + (SELECT count(*) FROM agenda_items WHERE meeting_id = ?"
            " AND (minute_text != '' OR decisions != ''))"
            " + (SELECT count(*) FROM meeting_minutes WHERE meeting_id = ?"
            " AND status != 'draft')"
            " + (SELECT count(*) FROM meeting_minutes WHERE approved_at_meeting_id = ?)"
            " + (SELECT count(*) FROM minute_amendments WHERE meeting_id = ?"
            " OR agreed_at_meeting_id = ?) AS recorded",
            [meeting_id] * 7,
        )
    )


def meeting_change_rows(store: Store, meeting_id: int) -> list[Row]:
    """The meeting's moves, oldest first."""
    return store.query(
        "SELECT * FROM meeting_changes WHERE meeting_id = ? ORDER BY id", [meeting_id]
    )


def cadence_row(store: Store, body_id: int) -> Row | None:
    return first_row(
        store.query("SELECT * FROM meeting_cadences WHERE body_id = ? ORDER BY id", [body_id])
    )
