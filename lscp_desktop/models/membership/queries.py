"""Every SQL statement of the membership area: organisations, people, bodies, who sits on
which, and partnership roles. The rules modules call these; none writes SQL of its own."""

from __future__ import annotations

from lscp_desktop.models.store.database import Row, Store

# --------------------------------------------------------------------------- organisations


def organisations(store: Store, *, active_only: bool = False) -> list[Row]:
    """Every organisation (or the active ones) by name ignoring case, with its number of people."""
    return store.query(
        "SELECT o.*, (SELECT count(*) FROM people p WHERE p.organisation_id = o.id) AS people_count"
        " FROM organisations o"
        + (" WHERE o.active = 1" if active_only else "")
        + " ORDER BY lower(o.name)"
    )


def organisation_ids_by_name(store: Store) -> dict[str, int]:
    return {r["name"]: r["id"] for r in store.query("SELECT id, name FROM organisations")}


def count_people_of_organisation(store: Store, organisation_id: int) -> int:
    return store.count("people", "organisation_id = ?", [organisation_id])


def count_roles_of_organisation(store: Store, organisation_id: int) -> int:
    return store.count("partnership_roles", "organisation_id = ?", [organisation_id])


# --------------------------------------------------------------------------- people

_PEOPLE = (
    "SELECT p.*, coalesce(o.name, '') AS organisation FROM people p"
    " LEFT JOIN organisations o ON o.id = p.organisation_id"
)


def people(store: Store, *, active_only: bool = False) -> list[Row]:
    """Every person (or the active ones) by name, with their organisation's name."""
    return store.query(
        _PEOPLE + (" WHERE p.active = 1" if active_only else "") + " ORDER BY p.name"
    )


def person(store: Store, person_id: int) -> Row | None:
    rows = store.query(_PEOPLE + " WHERE p.id = ?", [person_id])
    return rows[0] if rows else None


def person_ids(store: Store) -> list[int]:
    return [r["id"] for r in store.query("SELECT id FROM people ORDER BY id")]


def count_memberships_of_person(store: Store, person_id: int) -> int:
    return store.count("memberships", "person_id = ?", [person_id])


def count_roles_of_person(store: Store, person_id: int) -> int:
    return store.count("partnership_roles", "person_id = ?", [person_id])


# --------------------------------------------------------------------------- partnership roles


def roles(store: Store, *, person_id: int | None = None) -> list[Row]:
    """Partnership roles, latest first (one person's when *person_id* is given)."""
    return store.query(
        "SELECT r.*, p.name AS person, coalesce(o.name, '') AS organisation"
        " FROM partnership_roles r JOIN people p ON p.id = r.person_id"
        " LEFT JOIN organisations o ON o.id = r.organisation_id"
        + (" WHERE r.person_id = ?" if person_id else "")
        + " ORDER BY r.start_date DESC, p.name",
        [person_id] if person_id else [],
    )


def roles_of_organisation(store: Store, organisation_id: int, role: str) -> list[Row]:
    """The organisation's holders of one partnership role, with the person's name, oldest first."""
    return store.query(
        "SELECT r.*, p.name AS person FROM partnership_roles r JOIN people p ON p.id = r.person_id"
        " WHERE r.organisation_id = ? AND r.role = ? ORDER BY r.start_date, r.id",
        [organisation_id, role],
    )


# --------------------------------------------------------------------------- bodies


def bodies(store: Store, *, on: str, active_only: bool = False) -> list[Row]:
    """Every body (or the active ones) in id order, with the name of the body it reports to
    and its number of members on the day *on* (ISO)."""
    return store.query(
        "SELECT b.*, coalesce(r.name, '') AS reports_to,"
        " (SELECT count(*) FROM memberships m WHERE m.body_id = b.id AND m.start_date <= ?"
        "  AND (m.end_date IS NULL OR m.end_date >= ?)) AS member_count"
        " FROM bodies b LEFT JOIN bodies r ON r.id = b.reports_to_id"
        + (" WHERE b.active = 1" if active_only else "")
        + " ORDER BY b.id",
        [on, on],
    )


def count_memberships_of_body(store: Store, body_id: int) -> int:
    return store.count("memberships", "body_id = ?", [body_id])


def count_bodies_reporting_to(store: Store, body_id: int) -> int:
    return store.count("bodies", "reports_to_id = ?", [body_id])


def memberships_open_after(store: Store, body_id: int, day: str) -> list[int]:
    """Ids of the body's memberships with no end date or one after *day*, that started by it."""
    rows = store.query(
        "SELECT id FROM memberships WHERE body_id = ? AND start_date <= ?"
        " AND (end_date IS NULL OR end_date > ?) ORDER BY id",
        [body_id, day, day],
    )
    return [r["id"] for r in rows]


# --------------------------------------------------------------------------- memberships

_MEMBERSHIPS = (
    "SELECT m.*, p.name AS person, coalesce(o.name, '') AS organisation, b.name AS body,"
    " coalesce(dp.name, '') AS deputy_for"
    " FROM memberships m JOIN people p ON p.id = m.person_id"
    " JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN organisations o ON o.id = p.organisation_id"
    " LEFT JOIN memberships d ON d.id = m.deputy_for_id"
    " LEFT JOIN people dp ON dp.id = d.person_id"
)


def memberships(
    store: Store, *, body_id: int | None = None, person_id: int | None = None
) -> list[Row]:
    """Memberships (of one body, one person, or both) by body, chairs first, then by name."""
    where: list[str] = []
    params: list[int] = []
    if body_id is not None:
        where.append("m.body_id = ?")
        params.append(body_id)
    if person_id is not None:
        where.append("m.person_id = ?")
        params.append(person_id)
    sql = _MEMBERSHIPS + (" WHERE " + " AND ".join(where) if where else "")
    return store.query(
        sql + " ORDER BY b.id, CASE WHEN m.role = 'chair' THEN 0 ELSE 1 END, p.name", params
    )


def membership(store: Store, membership_id: int) -> Row | None:
    rows = store.query(_MEMBERSHIPS + " WHERE m.id = ?", [membership_id])
    return rows[0] if rows else None


def count_deputies_of(store: Store, membership_id: int) -> int:
    return store.count("memberships", "deputy_for_id = ?", [membership_id])
