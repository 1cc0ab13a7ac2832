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


def items_copied_from(store: Store, item_id: int) -> list[int]:
    """The ids of the items carried forward from an item (its copies on later meetings)."""
    rows = store.query(
        "SELECT id FROM agenda_items WHERE carried_from_id = ? ORDER BY id", [item_id]
    )
    return [r["id"] for r in rows]


def actions_of_item(store: Store, item_id: int) -> int:
    """How many actions were raised from an agenda item."""
    return int(store.scalar("SELECT count(*) FROM actions WHERE agenda_item_id = ?", [item_id]))


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


# --------------------------------------------------------------------------- minutes


def minutes_row(store: Store, meeting_id: int) -> Row | None:
    """The meeting's minutes record (status, approval), if one has been made."""
    return _first(store.query("SELECT * FROM meeting_minutes WHERE meeting_id = ?", [meeting_id]))


def approved_minutes_row(store: Store, meeting_id: int) -> Row | None:
    """Body name, date and approval date of the meeting when its minutes are approved."""
    return _first(
        store.query(
            "SELECT b.name AS body, m.date, n.approved_on FROM meeting_minutes n"
            " JOIN meetings m ON m.id = n.meeting_id JOIN bodies b ON b.id = m.body_id"
            " WHERE n.meeting_id = ? AND n.status = 'approved'",
            [meeting_id],
        )
    )


def minutes_approved_at(store: Store, meeting_id: int) -> list[Row]:
    """The minutes approved at a meeting (their meeting's id and date), oldest first."""
    return store.query(
        "SELECT n.meeting_id, m.date FROM meeting_minutes n JOIN meetings m"
        " ON m.id = n.meeting_id WHERE n.approved_at_meeting_id = ? ORDER BY m.date",
        [meeting_id],
    )


def amendment_rows(store: Store, meeting_id: int) -> list[Row]:
    """Corrections to a meeting's approved minutes, with the item's title, in date order."""
    return store.query(
        "SELECT x.*, coalesce(a.title, '') AS item FROM minute_amendments x"
        " LEFT JOIN agenda_items a ON a.id = x.agenda_item_id WHERE x.meeting_id = ?"
        " ORDER BY x.agreed_on, x.id",
        [meeting_id],
    )


def declaration_meeting(store: Store, declaration_id: int) -> int | None:
    return store.scalar("SELECT meeting_id FROM declarations WHERE id = ?", [declaration_id])


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
    """id and name of the safeguarding partners (statutory, and those the arrangement adds
    such as Education) with a member on the body on a day, by name."""
    return store.query(
        "SELECT DISTINCT o.id, o.name FROM memberships m JOIN people p ON p.id = m.person_id"
        " JOIN organisations o ON o.id = p.organisation_id WHERE m.body_id = ?"
        " AND (o.kind = 'statutory partner' OR o.safeguarding_partner = 1) AND m.start_date <= ?"
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


# --------------------------------------------------------------------------- chair rotation


def chair_rotation_row(store: Store, body_id: int) -> Row | None:
    return _first(store.query("SELECT * FROM chair_rotations WHERE body_id = ?", [body_id]))


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


def organisation_members_on(
    store: Store, body_id: int, organisation_id: int, day: str, roles: Sequence[str]
) -> list[Row]:
    """The body's members from one organisation on a day in the given roles, in the order of
    *roles*, then by name."""
    order = " ".join(f"WHEN ? THEN {i}" for i in range(len(roles)))
    return store.query(
        "SELECT m.person_id, p.name AS person, m.role FROM memberships m"
        " JOIN people p ON p.id = m.person_id WHERE m.body_id = ? AND p.organisation_id = ?"
        " AND m.start_date <= ? AND (m.end_date IS NULL OR m.end_date >= ?)"
        f" AND m.role IN ({_marks(roles)}) ORDER BY CASE m.role {order} END, p.name",
        [body_id, organisation_id, day, day, *roles, *roles],
    )
