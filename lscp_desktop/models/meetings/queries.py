"""The meetings area's SQL, and the only SQL text in it: each query a small named function.

Every function takes the store and plain values and returns rows, one row, a number or ids.
Writes do not come here: they go through the store's audited insert, update and delete.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lscp_desktop.models.store.database import Row, Store


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _first(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None


# --------------------------------------------------------------------------- meetings

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
    return _first(store.query(_MEETING + " WHERE m.id = ?", [meeting_id]))


def next_meeting_row(store: Store, body_id: int, after: str) -> Row | None:
    """The body's first meeting after a date that is not cancelled."""
    return _first(
        store.query(
            _MEETING + " WHERE m.body_id = ? AND m.date > ? AND m.status != 'cancelled'"
            " ORDER BY m.date LIMIT 1",
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
    """id, date and rule date of the body's meetings whose date or rule date is in a range."""
    return store.query(
        "SELECT id, date, rule_date FROM meetings WHERE body_id = ? AND date BETWEEN ? AND ?"
        " OR body_id = ? AND rule_date BETWEEN ? AND ?",
        [body_id, start, end] * 2,
    )


def records_against_meeting(store: Store, meeting_id: int) -> int:
    """Attendance, papers and minuted items recorded for a meeting, counted together."""
    return int(
        store.scalar(
            "SELECT (SELECT count(*) FROM attendance WHERE meeting_id = ?)"
            " + (SELECT count(*) FROM papers WHERE meeting_id = ?)"
            " + (SELECT count(*) FROM agenda_items WHERE meeting_id = ?"
            " AND (minute_text != '' OR decisions != '')) AS recorded",
            [meeting_id] * 3,
        )
    )


def meeting_change_rows(store: Store, meeting_id: int) -> list[Row]:
    """The meeting's moves, oldest first."""
    return store.query(
        "SELECT * FROM meeting_changes WHERE meeting_id = ? ORDER BY id", [meeting_id]
    )


# --------------------------------------------------------------------------- agenda

_ITEM = (
    "SELECT a.*, coalesce(p.name, '') AS presenter,"
    " (SELECT count(*) FROM papers x WHERE x.agenda_item_id = a.id) AS paper_count"
    " FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id"
)


def item_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's agenda items with presenter and paper count, in agenda order."""
    return store.query(_ITEM + " WHERE a.meeting_id = ? ORDER BY a.position", [meeting_id])


def item_row(store: Store, item_id: int) -> Row | None:
    return _first(store.query(_ITEM + " WHERE a.id = ?", [item_id]))


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


def papers_of_item(store: Store, item_id: int) -> int:
    return int(store.scalar("SELECT count(*) FROM papers WHERE agenda_item_id = ?", [item_id]))


def declaration_ids_of_item(store: Store, item_id: int) -> list[int]:
    rows = store.query(
        "SELECT id FROM declarations WHERE agenda_item_id = ? ORDER BY id", [item_id]
    )
    return [r["id"] for r in rows]


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
    return store.query(sql + " ORDER BY m.date DESC, a.position", params)


# --------------------------------------------------------------------------- forward plan


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


# --------------------------------------------------------------------------- papers

_PAPER = (
    "SELECT x.*, coalesce(p.name, '') AS author, coalesce(a.title, '') AS item,"
    " m.date AS meeting_date, m.body_id, b.name AS body FROM papers x"
    " JOIN meetings m ON m.id = x.meeting_id JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN people p ON p.id = x.author_id LEFT JOIN agenda_items a ON a.id = x.agenda_item_id"
)


def paper_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's papers with author, item, meeting date and body, in the order added."""
    return store.query(_PAPER + " WHERE x.meeting_id = ? ORDER BY x.id", [meeting_id])


def awaited_paper_rows(store: Store, start: str, end: str) -> list[Row]:
    """Papers requested or late for meetings (not cancelled or postponed) between two dates."""
    return store.query(
        _PAPER + " WHERE x.status IN ('requested', 'late') AND m.date >= ?"
        " AND m.date <= ? AND m.status NOT IN ('cancelled', 'postponed')",
        [start, end],
    )


# --------------------------------------------------------------------------- cadence


def cadence_row(store: Store, body_id: int) -> Row | None:
    return _first(
        store.query("SELECT * FROM meeting_cadences WHERE body_id = ? ORDER BY id", [body_id])
    )


# --------------------------------------------------------------------------- attendance

_ATTENDANCE = (
    "SELECT t.*, coalesce(p.name, '') AS person, coalesce(o.name, t.guest_organisation) AS"
    " organisation, coalesce(o.kind, '') AS organisation_kind, coalesce(d.name, '') AS deputy"
    " FROM attendance t LEFT JOIN people p ON p.id = t.person_id"
    " LEFT JOIN organisations o ON o.id = t.organisation_id"
    " LEFT JOIN people d ON d.id = t.deputy_id"
)


def register_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's register: members (the chair first) by name, then guests."""
    return store.query(
        _ATTENDANCE + " WHERE t.meeting_id = ? ORDER BY t.guest,"
        " CASE WHEN t.role = 'chair' THEN 0 ELSE 1 END, person, t.guest_name",
        [meeting_id],
    )


def registered_person_ids(store: Store, meeting_id: int) -> set[int | None]:
    rows = store.query("SELECT person_id FROM attendance WHERE meeting_id = ?", [meeting_id])
    return {r["person_id"] for r in rows}


def times_on_register(store: Store, meeting_id: int, person_id: int) -> int:
    return int(
        store.scalar(
            "SELECT count(*) FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
    )


def member_rows_on(store: Store, body_id: int, day: str, roles: Sequence[str]) -> list[Row]:
    """person_id, role and organisation_id of the body's members on a day in the given roles,
    the chair first, then by name."""
    return store.query(
        "SELECT m.person_id, m.role, p.organisation_id FROM memberships m"
        " JOIN people p ON p.id = m.person_id WHERE m.body_id = ? AND m.start_date <= ?"
        f" AND (m.end_date IS NULL OR m.end_date >= ?) AND m.role IN ({_marks(roles)})"
        " ORDER BY CASE WHEN m.role = 'chair' THEN 0 ELSE 1 END, p.name",
        [body_id, day, day, *roles],
    )


def partner_organisation_rows(store: Store, body_id: int, day: str) -> list[Row]:
    """id and name of the statutory partners with a member on the body on a day, by name."""
    return store.query(
        "SELECT DISTINCT o.id, o.name FROM memberships m JOIN people p ON p.id = m.person_id"
        " JOIN organisations o ON o.id = p.organisation_id WHERE m.body_id = ?"
        " AND o.kind = 'statutory partner' AND m.start_date <= ?"
        " AND (m.end_date IS NULL OR m.end_date >= ?) ORDER BY o.name",
        [body_id, day, day],
    )


def declaration_rows(store: Store, meeting_id: int) -> list[Row]:
    """A meeting's declarations with person and item: whole-meeting ones first, then by item."""
    return store.query(
        "SELECT d.*, p.name AS person, coalesce(a.title, '') AS item FROM declarations d"
        " JOIN people p ON p.id = d.person_id LEFT JOIN agenda_items a ON a.id = d.agenda_item_id"
        " WHERE d.meeting_id = ?"
        " ORDER BY CASE WHEN a.position IS NULL THEN 0 ELSE 1 END, a.position, p.name",
        [meeting_id],
    )


def attendance_stat_rows(store: Store, start: str, end: str, body_id: int | None) -> list[Row]:
    """Members' attendance records at meetings held (not cancelled or postponed) in a period."""
    sql = (
        "SELECT t.person_id, t.organisation_id, t.status, coalesce(p.name, '') AS person,"
        " coalesce(o.name, '(no organisation)') AS organisation FROM attendance t"
        " JOIN meetings m ON m.id = t.meeting_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " WHERE t.guest = 0 AND m.status NOT IN ('cancelled', 'postponed')"
        " AND m.date BETWEEN ? AND ?"
    )
    params: list[Any] = [start, end]
    if body_id is not None:
        sql += " AND m.body_id = ?"
        params.append(body_id)
    return store.query(sql, params)


def attendance_list_rows(store: Store, start: str, end: str) -> list[Row]:
    """Every attendance record in a period, flat: date, body code, person, organisation…"""
    return store.query(
        "SELECT m.date, b.code AS body, coalesce(p.name, t.guest_name) AS person,"
        " coalesce(o.name, t.guest_organisation) AS organisation, t.role, t.status,"
        " coalesce(d.name, '') AS deputy FROM attendance t JOIN meetings m ON m.id = t.meeting_id"
        " JOIN bodies b ON b.id = m.body_id LEFT JOIN people p ON p.id = t.person_id"
        " LEFT JOIN organisations o ON o.id = t.organisation_id"
        " LEFT JOIN people d ON d.id = t.deputy_id WHERE m.date BETWEEN ? AND ?"
        " ORDER BY m.date, b.id, t.guest, person",
        [start, end],
    )


# --------------------------------------------------------------------------- cover sheets


def cover_sheet_row(store: Store, item_id: int) -> Row | None:
    return _first(
        store.query("SELECT * FROM cover_sheets WHERE agenda_item_id = ? ORDER BY id", [item_id])
    )


def cover_sheet_rows(store: Store, meeting_id: int) -> list[Row]:
    """The cover sheets of a meeting's items."""
    return store.query(
        "SELECT c.* FROM cover_sheets c JOIN agenda_items a ON a.id = c.agenda_item_id"
        " WHERE a.meeting_id = ?",
        [meeting_id],
    )


# --------------------------------------------------------------------------- the demo


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
        " ORDER BY date LIMIT ?",
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


# --------------------------------------------------------------------------- quarterly themes


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
        " JOIN bodies b ON b.id = x.body_id ORDER BY b.name"
    )


def theme_examinations(store: Store) -> list[Row]:
    """Each theme's agenda items on meetings that go ahead: theme_id, body_id, meeting date."""
    return store.query(
        "SELECT i.theme_id, m.body_id, min(m.date) AS date FROM agenda_items i"
        " JOIN meetings m ON m.id = i.meeting_id WHERE i.theme_id IS NOT NULL"
        " AND m.status NOT IN ('cancelled', 'postponed') GROUP BY i.theme_id, m.body_id"
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
