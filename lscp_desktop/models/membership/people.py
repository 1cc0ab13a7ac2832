"""People: who works where, and how to reach them."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import save_record
from lscp_desktop.models.core.text import is_email
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.checks import required
from lscp_desktop.models.membership.organisations import get_organisation
from lscp_desktop.models.membership.records import Person
from lscp_desktop.models.store.database import Row, Store


def list_people(store: Store, *, active_only: bool = False) -> list[Person]:
    return [Person.from_row(r) for r in queries.people(store, active_only=active_only)]


def get_person(store: Store, person_id: int) -> Person:
    row = queries.person(store, person_id)
    if row is None:
        row = store.require("people", person_id, "person")  # raises NotFoundError
    return Person.from_row(row)


def find_person(store: Store, name: str) -> Person | None:
    wanted = " ".join(name.split()).lower()
    for person in list_people(store):
        if " ".join(person.name.split()).lower() == wanted:
            return person
    return None


def save_person(store: Store, values: dict[str, Any], record_id: int | None = None) -> int:
    clean = _clean(values)
    with store.transaction():
        _check_links(store, clean)
        return save_record(store, "people", record_id, clean)


def check_person(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_person` applies, without saving (undo checks a row)."""
    clean = _clean(values)
    _check_links(store, clean)
    return clean


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    email = str(values.get("email") or "").strip()
    if email and not is_email(email):
        raise ValidationError(
            f"'{email}' is not an email address; it should look like name@council.gov.uk.", "email"
        )
    org_id = values.get("organisation_id")
    return {
        "name": " ".join(required(values, "name", "person's name").split()),
        "job_title": str(values.get("job_title") or "").strip(),
        "organisation_id": int(org_id) if org_id else None,
        "email": email,
        "phone": str(values.get("phone") or "").strip(),
        "active": 1 if values.get("active", 1) else 0,
        "notes": str(values.get("notes") or ""),
    }


def _check_links(store: Store, clean: dict[str, Any]) -> None:
    if clean["organisation_id"] is not None:
        get_organisation(store, clean["organisation_id"])


def delete_person(store: Store, person_id: int) -> Row:
    with store.transaction():
        person = get_person(store, person_id)
        links = queries.count_memberships_of_person(
            store, person_id
        ) + queries.count_roles_of_person(store, person_id)
        if links:
            raise ValidationError(
                f"{person.name} has {links} membership or role record(s), so they cannot be "
                "deleted. Deactivate them instead to keep the record of who attended what.",
                "memberships",
            )
        return store.delete("people", person_id)


def set_person_active(store: Store, person_id: int, active: bool) -> None:
    store.update("people", person_id, {"active": int(active)})


register("people", check=check_person, remove=delete_person)
