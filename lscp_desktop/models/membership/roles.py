"""Partnership roles: Lead and Delegated Safeguarding Partners, the chair, scrutineers and the
rest, each held by a person from one date to another."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.checks import choice, dates
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES, PartnershipRole
from lscp_desktop.models.store.database import Row, Store


def list_roles(store: Store, *, person_id: int | None = None) -> list[PartnershipRole]:
    return [PartnershipRole.from_row(r) for r in queries.roles(store, person_id=person_id)]


def save_role(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    clean = _clean(values)
    with store.transaction():
        get_person(store, clean["person_id"])
        return save_record(store, "partnership_roles", record_id, clean)


def check_role(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_role` applies, without saving (undo checks a row)."""
    clean = _clean(values)
    get_person(store, clean["person_id"])
    return clean


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    start, end = dates(values)
    org_id = values.get("organisation_id")
    return {
        "person_id": required_id(values, "person_id", "person who holds the role"),
        "role": choice(values.get("role"), PARTNERSHIP_ROLES, "partnership role", "role"),
        "organisation_id": int(org_id) if org_id else None,
        "start_date": start,
        "end_date": end,
        "notes": str(values.get("notes") or ""),
    }


def delete_role(store: Store, role_id: int) -> Row:
    return store.delete("partnership_roles", role_id)


def role_is_current(role: PartnershipRole, on: dt.date | None = None) -> bool:
    day = (on or dt.date.today()).isoformat()
    return role.start_date <= day and (role.end_date is None or role.end_date >= day)


register("partnership_roles", check=check_role, remove=delete_role)
