"""Partnership roles: Lead and Delegated Safeguarding Partners, the chair, scrutineers and the
rest, each held by a person from one date to another, under the rules of
:mod:`working_together`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from lscp_desktop.models.core.dates import check_order, parse_date, uk
from lscp_desktop.models.core.records import required_id, save_record
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries, working_together
from lscp_desktop.models.membership.body_records import PartnershipRole
from lscp_desktop.models.membership.checks import choice, dates
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.membership.records import PARTNERSHIP_ROLES
from lscp_desktop.models.store.database import Row, Store


@dataclass
class RoleSaved:
    """What saving a role did: its id, the previous holder's role it ended (if asked), and
    warnings the user should read (an independent scrutineer employed by a partner)."""

    id: int
    ended: str = ""
    warnings: list[str] = field(default_factory=list)


def list_roles(store: Store, *, person_id: int | None = None) -> list[PartnershipRole]:
    return [PartnershipRole.from_row(r) for r in queries.roles(store, person_id=person_id)]


def get_role(store: Store, role_id: int) -> PartnershipRole:
    for role in list_roles(store):
        if role.id == role_id:
            return role
    store.require("partnership_roles", role_id, "partnership role")  # raises NotFoundError
    raise AssertionError  # pragma: no cover


def save_role(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change a role; the Working Together rules refuse what they do not allow."""
    return save_role_checked(store, values, record_id).id


def save_role_checked(
    store: Store,
    values: dict[str, Any],
    record_id: int | None = None,
    *,
    end_previous: bool = False,
) -> RoleSaved:
    """:func:`save_role`, saying what it did. With *end_previous*, a new Lead Safeguarding
    Partner ends their predecessor's role the day before they start (in the same
    transaction), instead of being refused."""
    clean = clean_role(values)
    with store.transaction():
        get_person(store, clean["person_id"])
        ended = working_together.replace_previous(store, clean, record_id) if end_previous else ""
        warnings = working_together.check_role(store, clean, record_id)
        return RoleSaved(save_record(store, "partnership_roles", record_id, clean), ended, warnings)


def role_warnings(store: Store, values: dict[str, Any], record_id: int | None = None) -> list[str]:
    """The warnings saving *values* would give, without saving (the window asks first)."""
    clean = clean_role(values)
    get_person(store, clean["person_id"])
    if clean["role"] in working_together.INDEPENDENT_ROLES:
        return working_together.check_role(store, clean, record_id)
    return []


def check_role(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_role` applies, without saving (undo checks a row)."""
    clean = clean_role(values)
    get_person(store, clean["person_id"])
    working_together.check_role(store, clean, record_id)
    return clean


#: The short forms partnerships write.
_SHORT = {"LSP": "Lead Safeguarding Partner", "DSP": "Delegated Safeguarding Partner"}


def clean_role(values: dict[str, Any]) -> dict[str, Any]:
    """*values* as a role is saved (the role as listed, ISO dates), before the rules."""
    start, end = dates(values)
    org_id = values.get("organisation_id")
    return {
        "person_id": required_id(values, "person_id", "person who holds the role"),
        "role": choice(
            _SHORT.get(str(values.get("role") or "").strip().upper(), values.get("role")),
            PARTNERSHIP_ROLES,
            "partnership role",
            "role",
        ),
        "organisation_id": int(org_id) if org_id else None,
        "start_date": start,
        "end_date": end,
        "notes": str(values.get("notes") or ""),
    }


def end_role(store: Store, role_id: int, end: dt.date | str) -> str:
    """End a role on a day (a holder who leaves, or a successor's start less one day)."""
    with store.transaction():
        role = get_role(store, role_id)
        day = parse_date(end, "end date")
        check_order(parse_date(role.start_date), day)
        store.update("partnership_roles", role_id, {"end_date": day.isoformat()})
    return f"{role.person}'s role as {role.role} ends on {uk(day)}"


def delete_role(store: Store, role_id: int) -> Row:
    return store.delete("partnership_roles", role_id)


def role_is_current(role: PartnershipRole, on: dt.date | None = None) -> bool:
    day = (on or dt.date.today()).isoformat()
    return role.start_date <= day and (role.end_date is None or role.end_date >= day)


register("partnership_roles", check=check_role, remove=delete_role)
