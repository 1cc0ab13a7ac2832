"""The partnership, its organisations, people, roles, bodies and who sits on which.

Each function validates first and writes second, inside one transaction, so a rule broken
anywhere leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lscp_desktop.models.core.dates import check_order, iso, optional_date, parse_date, uk
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import Record, save_record
from lscp_desktop.models.store.database import Row, Store

ORGANISATION_KINDS = (
    "statutory partner",
    "relevant agency",
    "education",
    "voluntary & community",
    "other",
)
SECTORS = (
    "local authority",
    "health/ICB",
    "NHS trust",
    "police",
    "education",
    "probation",
    "Cafcass",
    "fire",
    "housing",
    "other",
)
PARTNERSHIP_ROLES = (
    "Lead Safeguarding Partner",
    "Delegated Safeguarding Partner",
    "partnership chair",
    "independent scrutineer",
    "independent commissioner",
    "lay member",
    "Lead Member (participant observer)",
    "designated nurse",
    "designated doctor",
    "subject-matter expert",
    "business unit staff",
)
BODY_KINDS = (
    "executive",
    "board",
    "scrutiny board",
    "forum",
    "assurance group",
    "subgroup",
    "local group",
    "task-and-finish group",
    "learning hub",
    "working group",
)
MEMBERSHIP_ROLES = (
    "chair",
    "vice-chair",
    "co-chair",
    "member",
    "deputy",
    "virtual member",
    "co-opted",
    "observer",
    "adviser",
    "secretariat",
)
CHAIR_ARRANGEMENTS = (
    "independent chair",
    "rotating chair among the statutory partners",
    "chaired by a Lead Safeguarding Partner",
)

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


@dataclass
class Partnership(Record):
    name: str
    local_authorities: list[str]
    chair_arrangement: str
    year_start_month: int = 4
    notes: str = ""


@dataclass
class Organisation(Record):
    id: int
    name: str
    kind: str
    sector: str
    local_authority: str = ""
    active: int = 1
    notes: str = ""
    people_count: int = 0


@dataclass
class Person(Record):
    id: int
    name: str
    job_title: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    email: str = ""
    phone: str = ""
    active: int = 1
    notes: str = ""


@dataclass
class Body(Record):
    id: int
    name: str
    code: str
    kind: str
    purpose: str = ""
    reports_to_id: int | None = None
    reports_to: str = ""
    local_authority: str = ""
    start_date: str = ""
    end_date: str | None = None
    active: int = 1
    member_count: int = 0


@dataclass
class Membership(Record):
    id: int
    person_id: int
    body_id: int
    role: str
    person: str = ""
    organisation: str = ""
    body: str = ""
    deputy_for_id: int | None = None
    deputy_for: str = ""
    delegated_authority: int = 0
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return self.start_date <= on.isoformat() and (
            self.end_date is None or self.end_date >= on.isoformat()
        )


@dataclass
class PartnershipRole(Record):
    id: int
    person_id: int
    role: str
    person: str = ""
    organisation_id: int | None = None
    organisation: str = ""
    start_date: str = ""
    end_date: str | None = None
    notes: str = ""


# --------------------------------------------------------------------------- helpers


def _required(values: dict[str, Any], key: str, label: str) -> str:
    text = str(values.get(key) or "").strip()
    if not text:
        raise ValidationError(f"Enter the {label}.", key)
    return text


def _choice(value: Any, choices: tuple[str, ...], label: str, key: str) -> str:
    text = str(value or "").strip()
    for choice in choices:
        if text.lower() == choice.lower():
            return choice
    raise ValidationError(f"'{text}' is not a {label}; choose one of: {', '.join(choices)}.", key)


def _dates(values: dict[str, Any]) -> tuple[str, str | None]:
    start = parse_date(values.get("start_date") or dt.date.today(), "start date")
    end = optional_date(values.get("end_date"), "end date")
    check_order(start, end)
    return start.isoformat(), iso(end)


# --------------------------------------------------------------------------- partnership


def get_partnership(store: Store) -> Partnership | None:
    row = store.get("partnership", 1)
    if row is None:
        return None
    row["local_authorities"] = json.loads(row["local_authorities"] or "[]")
    return Partnership.from_row(row)


def save_partnership(
    store: Store,
    *,
    name: str,
    local_authorities: list[str] | None = None,
    chair_arrangement: str = "independent chair",
    notes: str = "",
) -> None:
    values = {
        "name": _required({"name": name}, "name", "partnership's name"),
        "local_authorities": json.dumps([a.strip() for a in local_authorities or [] if a.strip()]),
        "chair_arrangement": _choice(
            chair_arrangement, CHAIR_ARRANGEMENTS, "chair arrangement", "chair_arrangement"
        ),
        "notes": notes,
    }
    with store.transaction():
        if store.get("partnership", 1) is None:
            store.insert("partnership", {"id": 1, **values})
        else:
            store.update("partnership", 1, values)


# --------------------------------------------------------------------------- organisations


def list_organisations(store: Store, *, active_only: bool = False) -> list[Organisation]:
    rows = store.query(
        "SELECT o.*, (SELECT count(*) FROM people p WHERE p.organisation_id = o.id) AS people_count"
        " FROM organisations o"
        + (" WHERE o.active = 1" if active_only else "")
        + " ORDER BY o.name"
    )
    return [Organisation.from_row(r) for r in rows]


def get_organisation(store: Store, organisation_id: int) -> Organisation:
    return Organisation.from_row(store.require("organisations", organisation_id, "organisation"))


def find_organisation(store: Store, name: str) -> Organisation | None:
    """Match a name case- and space-insensitively."""
    wanted = " ".join(name.split()).lower()
    for org in list_organisations(store):
        if " ".join(org.name.split()).lower() == wanted:
            return org
    return None


def save_organisation(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add (``record_id=None``) or change an organisation."""
    clean: dict[str, Any] = {
        "name": " ".join(_required(values, "name", "organisation's name").split()),
        "kind": _choice(values.get("kind"), ORGANISATION_KINDS, "kind of organisation", "kind"),
        "sector": _choice(values.get("sector"), SECTORS, "sector", "sector"),
        "local_authority": str(values.get("local_authority") or "").strip(),
        "active": 1 if values.get("active", 1) else 0,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        clash = find_organisation(store, clean["name"])
        if clash and clash.id != record_id:
            raise ValidationError(f"There is already an organisation called {clash.name}.", "name")
        return save_record(store, "organisations", record_id, clean)


def delete_organisation(store: Store, organisation_id: int) -> Row:
    with store.transaction():
        org = get_organisation(store, organisation_id)
        people = store.count("people", "organisation_id = ?", [organisation_id])
        if people:
            raise ValidationError(
                f"{org.name} still has {people} {'person' if people == 1 else 'people'}, so it "
                "cannot be deleted. Deactivate it instead to keep its history.",
                "people",
            )
        if store.count("partnership_roles", "organisation_id = ?", [organisation_id]):
            raise ValidationError(
                f"{org.name} is named in partnership roles; deactivate it instead.", "roles"
            )
        return store.delete("organisations", organisation_id)


def set_organisation_active(store: Store, organisation_id: int, active: bool) -> None:
    store.update("organisations", organisation_id, {"active": int(active)})


# --------------------------------------------------------------------------- people


def list_people(store: Store, *, active_only: bool = False) -> list[Person]:
    rows = store.query(
        "SELECT p.*, coalesce(o.name, '') AS organisation FROM people p"
        " LEFT JOIN organisations o ON o.id = p.organisation_id"
        + (" WHERE p.active = 1" if active_only else "")
        + " ORDER BY p.name"
    )
    return [Person.from_row(r) for r in rows]


def get_person(store: Store, person_id: int) -> Person:
    rows = store.query(
        "SELECT p.*, coalesce(o.name, '') AS organisation FROM people p"
        " LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?",
        [person_id],
    )
    if not rows:
        store.require("people", person_id, "person")
    return Person.from_row(rows[0])


def find_person(store: Store, name: str) -> Person | None:
    wanted = " ".join(name.split()).lower()
    for person in list_people(store):
        if " ".join(person.name.split()).lower() == wanted:
            return person
    return None


def save_person(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    email = str(values.get("email") or "").strip()
    if email and not _EMAIL.match(email):
        raise ValidationError(
            f"'{email}' is not an email address; it should look like name@council.gov.uk.", "email"
        )
    org_id = values.get("organisation_id")
    clean: dict[str, Any] = {
        "name": " ".join(_required(values, "name", "person's name").split()),
        "job_title": str(values.get("job_title") or "").strip(),
        "organisation_id": int(org_id) if org_id else None,
        "email": email,
        "phone": str(values.get("phone") or "").strip(),
        "active": 1 if values.get("active", 1) else 0,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        if clean["organisation_id"] is not None:
            get_organisation(store, clean["organisation_id"])
        return save_record(store, "people", record_id, clean)


def delete_person(store: Store, person_id: int) -> Row:
    with store.transaction():
        person = get_person(store, person_id)
        links = store.count("memberships", "person_id = ?", [person_id]) + store.count(
            "partnership_roles", "person_id = ?", [person_id]
        )
        if links:
            raise ValidationError(
                f"{person.name} has {links} membership or role record(s), so they cannot be "
                "deleted. Deactivate them instead to keep the record of who attended what.",
                "memberships",
            )
        return store.delete("people", person_id)


def set_person_active(store: Store, person_id: int, active: bool) -> None:
    store.update("people", person_id, {"active": int(active)})


# --------------------------------------------------------------------------- roles


def list_roles(store: Store, *, person_id: int | None = None) -> list[PartnershipRole]:
    rows = store.query(
        "SELECT r.*, p.name AS person, coalesce(o.name, '') AS organisation"
        " FROM partnership_roles r JOIN people p ON p.id = r.person_id"
        " LEFT JOIN organisations o ON o.id = r.organisation_id"
        + (" WHERE r.person_id = ?" if person_id else "")
        + " ORDER BY r.start_date DESC, p.name",
        [person_id] if person_id else [],
    )
    return [PartnershipRole.from_row(r) for r in rows]


def save_role(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    start, end = _dates(values)
    org_id = values.get("organisation_id")
    clean: dict[str, Any] = {
        "person_id": int(values["person_id"]),
        "role": _choice(values.get("role"), PARTNERSHIP_ROLES, "partnership role", "role"),
        "organisation_id": int(org_id) if org_id else None,
        "start_date": start,
        "end_date": end,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        get_person(store, clean["person_id"])
        return save_record(store, "partnership_roles", record_id, clean)


def delete_role(store: Store, role_id: int) -> Row:
    return store.delete("partnership_roles", role_id)


def role_is_current(role: PartnershipRole, on: dt.date | None = None) -> bool:
    day = (on or dt.date.today()).isoformat()
    return role.start_date <= day and (role.end_date is None or role.end_date >= day)


# --------------------------------------------------------------------------- bodies


def list_bodies(store: Store, *, active_only: bool = False) -> list[Body]:
    today = dt.date.today().isoformat()
    rows = store.query(
        "SELECT b.*, coalesce(r.name, '') AS reports_to,"
        " (SELECT count(*) FROM memberships m WHERE m.body_id = b.id AND m.start_date <= ?"
        "  AND (m.end_date IS NULL OR m.end_date >= ?)) AS member_count"
        " FROM bodies b LEFT JOIN bodies r ON r.id = b.reports_to_id"
        + (" WHERE b.active = 1" if active_only else "")
        + " ORDER BY b.id",
        [today, today],
    )
    return [Body.from_row(r) for r in rows]


def get_body(store: Store, body_id: int) -> Body:
    return Body.from_row(store.require("bodies", body_id, "body"))


def save_body(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    start, end = _dates(values)
    code = _required(values, "code", "short code (used in action references, e.g. EXEC)").upper()
    if not _CODE.match(code):
        raise ValidationError(
            f"The short code '{code}' should be 2–10 letters or digits, starting with a letter.",
            "code",
        )
    parent = values.get("reports_to_id")
    clean: dict[str, Any] = {
        "name": " ".join(_required(values, "name", "body's name").split()),
        "code": code,
        "kind": _choice(values.get("kind"), BODY_KINDS, "kind of body", "kind"),
        "purpose": str(values.get("purpose") or "").strip(),
        "reports_to_id": int(parent) if parent else None,
        "local_authority": str(values.get("local_authority") or "").strip(),
        "start_date": start,
        "end_date": end,
        "active": 1 if values.get("active", 1) else 0,
    }
    with store.transaction():
        if clean["reports_to_id"] is not None:
            _check_no_cycle(store, record_id, clean["reports_to_id"])
        for other in list_bodies(store):
            if other.id == record_id:
                continue
            if other.name.lower() == clean["name"].lower():
                raise ValidationError(f"There is already a body called {other.name}.", "name")
            if other.code.upper() == code:
                raise ValidationError(f"The code {code} is already used by {other.name}.", "code")
        return save_record(store, "bodies", record_id, clean)


def _check_no_cycle(store: Store, record_id: int | None, parent_id: int) -> None:
    seen = set()
    current: int | None = parent_id
    while current is not None:
        if current == record_id:
            raise ValidationError("A body cannot report to itself or to one of its own subgroups.")
        if current in seen:
            break
        seen.add(current)
        current = get_body(store, current).reports_to_id


def delete_body(store: Store, body_id: int) -> Row:
    with store.transaction():
        body = get_body(store, body_id)
        n = store.count("memberships", "body_id = ?", [body_id])
        children = store.count("bodies", "reports_to_id = ?", [body_id])
        if n or children:
            raise ValidationError(
                f"{body.name} has {n} membership record(s) and {children} group(s) reporting to "
                "it, so it cannot be deleted. Give it an end date instead.",
                "memberships",
            )
        return store.delete("bodies", body_id)


# --------------------------------------------------------------------------- memberships

_MEMBERSHIP_SQL = (
    "SELECT m.*, p.name AS person, coalesce(o.name, '') AS organisation, b.name AS body,"
    " coalesce(dp.name, '') AS deputy_for"
    " FROM memberships m JOIN people p ON p.id = m.person_id"
    " JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN organisations o ON o.id = p.organisation_id"
    " LEFT JOIN memberships d ON d.id = m.deputy_for_id"
    " LEFT JOIN people dp ON dp.id = d.person_id"
)


def list_memberships(
    store: Store, *, body_id: int | None = None, person_id: int | None = None
) -> list[Membership]:
    where, params = [], []
    if body_id is not None:
        where.append("m.body_id = ?")
        params.append(body_id)
    if person_id is not None:
        where.append("m.person_id = ?")
        params.append(person_id)
    sql = _MEMBERSHIP_SQL + (" WHERE " + " AND ".join(where) if where else "")
    rows = store.query(sql + " ORDER BY b.id, m.role = 'chair' DESC, p.name", params)
    return [Membership.from_row(r) for r in rows]


def get_membership(store: Store, membership_id: int) -> Membership:
    rows = store.query(_MEMBERSHIP_SQL + " WHERE m.id = ?", [membership_id])
    if not rows:
        store.require("memberships", membership_id, "membership")
    return Membership.from_row(rows[0])


def save_membership(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    """Add or change who sits on a body, in what role, from when to when."""
    start, end = _dates(values)
    role = _choice(values.get("role"), MEMBERSHIP_ROLES, "membership role", "role")
    principal = values.get("deputy_for_id")
    clean: dict[str, Any] = {
        "person_id": int(values["person_id"]),
        "body_id": int(values["body_id"]),
        "role": role,
        "deputy_for_id": int(principal) if principal else None,
        "delegated_authority": 1 if values.get("delegated_authority") else 0,
        "start_date": start,
        "end_date": end,
        "notes": str(values.get("notes") or ""),
    }
    with store.transaction():
        person = get_person(store, clean["person_id"])
        body = get_body(store, clean["body_id"])
        if role == "deputy":
            if clean["deputy_for_id"] is None:
                raise ValidationError(
                    f"Choose the member {person.name} deputises for on {body.name}.",
                    "deputy_for_id",
                )
            principal_m = get_membership(store, clean["deputy_for_id"])
            if principal_m.body_id != body.id or principal_m.role == "deputy":
                raise ValidationError(
                    "A deputy must stand in for a (non-deputy) member of the same body.",
                    "deputy_for_id",
                )
            if principal_m.person_id == person.id:
                raise ValidationError("A member cannot be their own deputy.", "deputy_for_id")
        else:
            clean["deputy_for_id"] = None
        for other in list_memberships(store, body_id=body.id, person_id=person.id):
            if other.id == record_id:
                continue
            if _overlap(start, end, other.start_date, other.end_date):
                raise ValidationError(
                    f"{person.name} is already a {other.role} of {body.name} from "
                    f"{uk(other.start_date)}"
                    + (f" to {uk(other.end_date)}" if other.end_date else "")
                    + ". End that membership first or change the dates.",
                    "start_date",
                )
        return save_record(store, "memberships", record_id, clean)


def end_membership(store: Store, membership_id: int, end: dt.date | str) -> None:
    m = get_membership(store, membership_id)
    end_d = parse_date(end, "end date")
    check_order(parse_date(m.start_date), end_d)
    store.update("memberships", membership_id, {"end_date": end_d.isoformat()})


def delete_membership(store: Store, membership_id: int) -> Row:
    with store.transaction():
        deputies = store.count("memberships", "deputy_for_id = ?", [membership_id])
        if deputies:
            raise ValidationError(
                "This member has a named deputy; remove or reassign the deputy first.", "deputy"
            )
        return store.delete("memberships", membership_id)


def _overlap(a_start: str, a_end: str | None, b_start: str, b_end: str | None) -> bool:
    return a_start <= (b_end or "9999-12-31") and b_start <= (a_end or "9999-12-31")


# --------------------------------------------------------------------------- restore (undo)


#: Tables whose deleted records undo may put back. Another domain adds its tables here, with a
#: function when a record's child rows (kept in the deleted row under a ``_`` key) come back too.
RESTORERS: dict[str, Callable[[Store, Row], int] | None] = dict.fromkeys(
    ("organisations", "people", "bodies", "memberships", "partnership_roles", "forward_plan")
)


def restore_record(store: Store, table: str, row: Row) -> int:
    """Put back a record exactly as it was before it was deleted (used by undo)."""
    if table not in RESTORERS:
        raise ValueError(f"cannot restore into {table}")
    restorer = RESTORERS[table]
    if restorer is not None:
        return restorer(store, row)
    clean = {k: v for k, v in row.items() if k not in {"people_count", "member_count"}}
    return store.insert(table, clean)
