"""Every SQL statement of the assurance area: the escalation log and the actions raised from it,
published documents, the settings census and the minimum rules with what they count.

Reads only; writes go through the store's audited ``insert``/``update``/``delete``.
"""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- escalation log

_ESCALATION = (
    "SELECT e.*, r.name AS raising_organisation, c.name AS challenged_organisation"
    " FROM escalations e JOIN organisations r ON r.id = e.raising_organisation_id"
    " JOIN organisations c ON c.id = e.challenged_organisation_id"
)


def escalations(
    store: Store, *, start: str | None = None, end: str | None = None, open_only: bool = False
) -> list[Row]:
    """Escalations raised from *start* to *end* (either may be None), open ones first when
    asked, then the newest first."""
    where: list[str] = []
    params: list[Any] = []
    if start is not None:
        where.append("e.raised_date >= ?")
        params.append(start)
    if end is not None:
        where.append("e.raised_date <= ?")
        params.append(end)
    if open_only:
        where.append("e.resolved_date IS NULL")
    return store.query(
        _ESCALATION
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.raised_date DESC, lower(e.reference) DESC",
        params,
    )


def escalation(store: Store, escalation_id: int) -> Row | None:
    rows = store.query(_ESCALATION + " WHERE e.id = ?", [escalation_id])
    return rows[0] if rows else None


def escalation_links(store: Store, escalation_id: int | None = None) -> list[Row]:
    """Actions linked to escalations (escalation_id, action_id, reference), by reference."""
    return store.query(
        "SELECT x.escalation_id, x.action_id, a.reference FROM escalation_actions x"
        " JOIN actions a ON a.id = x.action_id"
        + (" WHERE x.escalation_id = ?" if escalation_id is not None else "")
        + " ORDER BY lower(a.reference)",
        [escalation_id] if escalation_id is not None else [],
    )


def escalation_link(store: Store, escalation_id: int, action_id: int) -> Row | None:
    rows = store.query(
        "SELECT id FROM escalation_actions WHERE escalation_id = ? AND action_id = ?",
        [escalation_id, action_id],
    )
    return rows[0] if rows else None


def escalation_of_action(store: Store, action_id: int) -> int | None:
    """The escalation an action was raised from or linked to, if any (the link back)."""
    value = store.scalar(
        "SELECT escalation_id FROM escalation_actions WHERE action_id = ? ORDER BY id LIMIT 1",
        [action_id],
    )
    return int(value) if value is not None else None


def reference_taken(store: Store, reference: str, other_than: int | None) -> bool:
    sql = "SELECT id FROM escalations WHERE lower(reference) = lower(?)"
    params: list[Any] = [reference]
    if other_than is not None:
        sql += " AND id <> ?"
        params.append(other_than)
    return bool(store.query(sql, params))


def references_like(store: Store, prefix: str) -> list[str]:
    """The escalation references that start with *prefix*, ignoring case (for the next
    number)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [
        str(r["reference"])
        for r in store.query(
            "SELECT reference FROM escalations WHERE lower(reference) LIKE lower(?) ESCAPE '\\'"
            " ORDER BY lower(reference)",
            [escaped + "%"],
        )
    ]


# --------------------------------------------------------------------------- published documents


def documents(store: Store) -> list[Row]:
    """Published documents with the body a terms of reference belongs to; current ones first."""
    return store.query(
        "SELECT d.*, coalesce(b.name, '') AS body FROM arrangement_documents d"
        " LEFT JOIN bodies b ON b.id = d.body_id"
        " ORDER BY CASE WHEN d.withdrawn_date IS NULL THEN 0 ELSE 1 END, d.kind, d.title"
    )


def first_implementation(store: Store) -> str | None:
    """When the partnership's arrangements were first implemented (or, failing that, first
    published): the start of its yearly report cycle."""
    value = store.scalar(
        "SELECT min(coalesce(implemented_date, published_date)) FROM arrangement_documents"
        " WHERE kind = 'published arrangements'"
    )
    return str(value) if value else None


# --------------------------------------------------------------------------- settings census


def census(store: Store, year: str | None = None) -> list[Row]:
    return store.query(
        "SELECT * FROM settings_census"
        + (" WHERE year = ?" if year is not None else "")
        + " ORDER BY year, local_authority, kind",
        [year] if year is not None else [],
    )


def census_entry(store: Store, year: str, local_authority: str, kind: str) -> Row | None:
    rows = store.query(
        "SELECT * FROM settings_census WHERE year = ? AND local_authority = ? AND kind = ?",
        [year, local_authority, kind],
    )
    return rows[0] if rows else None


def census_years(store: Store) -> list[str]:
    return [
        str(r["year"])
        for r in store.query("SELECT DISTINCT year FROM settings_census ORDER BY year")
    ]


# --------------------------------------------------------------------------- minimum rules


def minimum_rules(store: Store, *, active_only: bool = False) -> list[Row]:
    """The rules by body, a body's own meetings before its roles' attendance."""
    return store.query(
        "SELECT r.*, b.name AS body FROM minimum_rules r JOIN bodies b ON b.id = r.body_id"
        + (" WHERE r.active = 1" if active_only else "")
        + " ORDER BY lower(b.name), r.kind DESC, r.role"
    )


def body_meetings(store: Store, body_id: int, start: str, end: str) -> list[Row]:
    """A body's meetings from *start* to *end* (id, date, status), by date."""
    return store.query(
        "SELECT id, date, status FROM meetings WHERE body_id = ? AND date BETWEEN ? AND ?"
        " ORDER BY date",
        [body_id, start, end],
    )


def role_holders(store: Store, role: str, start: str, end: str) -> list[Row]:
    """People holding a partnership *role* at some time from *start* to *end* (id, name)."""
    return store.query(
        "SELECT DISTINCT p.id, p.name FROM partnership_roles r JOIN people p ON p.id = r.person_id"
        " WHERE r.role = ? AND r.start_date <= ? AND (r.end_date IS NULL OR r.end_date >= ?)"
        " ORDER BY p.name",
        [role, end, start],
    )


def times_present(store: Store, person_id: int, body_id: int, start: str, end: str) -> int:
    """How many of a body's meetings from *start* to *end* the person attended in person."""
    return int(
        store.scalar(
            "SELECT count(*) FROM attendance t JOIN meetings m ON m.id = t.meeting_id"
            " WHERE t.person_id = ? AND m.body_id = ? AND t.status = 'present'"
            " AND m.status NOT IN ('cancelled', 'postponed') AND m.date BETWEEN ? AND ?",
            [person_id, body_id, start, end],
        )
    )
