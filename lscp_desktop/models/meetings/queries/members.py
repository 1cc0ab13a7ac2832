"""The bodies' members as meetings read them: who is expected on a day, the partners
represented, an organisation's members, and the memberships the demo builds registers from."""

from __future__ import annotations

from collections.abc import Sequence

from lscp_desktop.models.meetings.queries.common import placeholders
from lscp_desktop.models.store.database import Row, Store


def member_rows_on(store: Store, body_id: int, day: str, roles: Sequence[str]) -> list[Row]:
    """person_id, role and organisation_id of the body's members on a day in the given roles,
    the chair first, then by name."""
    return store.query(
        "SELECT m.person_id, m.role, p.organisation_id FROM memberships m"
        " JOIN people p ON p.id = m.person_id WHERE m.body_id = ? AND m.start_date <= ?"
        f" AND (m.end_date IS NULL OR m.end_date >= ?) AND m.role IN ({placeholders(roles)})"
        " ORDER BY CASE WHEN m.role = 'chair' THEN 0 ELSE 1 END, p.name",
        [body_id, day, day, *roles],
    )


def partner_organisation_rows(store: Store, body_id: int, day: str) -> list[Row]:
    """id and name of the safeguarding partners (statutory, and those the arrangement adds
    such as Education) with a member on the body on a day, by name."""
    return store.query(
        "SELECT o.id, o.name FROM memberships m JOIN people p ON p.id = m.person_id"
        " JOIN organisations o ON o.id = p.organisation_id WHERE m.body_id = ?"
        " AND (o.kind = 'statutory partner' OR o.safeguarding_partner = 1) AND m.start_date <= ?"
        " AND (m.end_date IS NULL OR m.end_date >= ?)"
        " GROUP BY o.id, o.name ORDER BY lower(o.name)",
        [body_id, day, day],
    )


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
        f" AND m.role IN ({placeholders(roles)}) ORDER BY CASE m.role {order} END, p.name",
        [body_id, organisation_id, day, day, *roles, *roles],
    )
