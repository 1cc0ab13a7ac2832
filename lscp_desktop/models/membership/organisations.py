"""Organisations: the partners and agencies, each of a kind and a sector."""

from __future__ import annotations

from typing import Any

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.records import save_record
from lscp_desktop.models.core.undo import register
from lscp_desktop.models.membership import queries
from lscp_desktop.models.membership.checks import choice, required
from lscp_desktop.models.membership.records import ORGANISATION_KINDS, SECTORS, Organisation
from lscp_desktop.models.store.database import Row, Store


def list_organisations(store: Store, *, active_only: bool = False) -> list[Organisation]:
    return [Organisation.from_row(r) for r in queries.organisations(store, active_only=active_only)]


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
    clean = _clean(values)
    with store.transaction():
        _check_name(store, clean["name"], record_id)
        return save_record(store, "organisations", record_id, clean)


def check_organisation(
    store: Store, values: dict[str, Any], record_id: int | None = None
) -> dict[str, Any]:
    """The rules :func:`save_organisation` applies, without saving (undo checks a row)."""
    clean = _clean(values)
    _check_name(store, clean["name"], record_id)
    return clean


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    kind = choice(values.get("kind"), ORGANISATION_KINDS, "kind of organisation", "kind")
    return {
        "name": " ".join(required(values, "name", "organisation's name").split()),
        "kind": kind,
        "sector": choice(values.get("sector"), SECTORS, "sector", "sector"),
        "local_authority": str(values.get("local_authority") or "").strip(),
        "active": 1 if values.get("active", 1) else 0,
        "notes": str(values.get("notes") or ""),
        # A statutory partner is one already; the flag marks a partner the arrangement adds.
        "safeguarding_partner": int(
            kind != "statutory partner" and bool(values.get("safeguarding_partner"))
        ),
    }


def _check_name(store: Store, name: str, record_id: int | None) -> None:
    clash = find_organisation(store, name)
    if clash and clash.id != record_id:
        raise ValidationError(f"There is already an organisation called {clash.name}.", "name")


def delete_organisation(store: Store, organisation_id: int) -> Row:
    with store.transaction():
        org = get_organisation(store, organisation_id)
        people = queries.count_people_of_organisation(store, organisation_id)
        if people:
            raise ValidationError(
                f"{org.name} still has {people} {'person' if people == 1 else 'people'}, so it "
                "cannot be deleted. Deactivate it instead to keep its history.",
                "people",
            )
        if queries.count_roles_of_organisation(store, organisation_id):
            raise ValidationError(
                f"{org.name} is named in partnership roles; deactivate it instead.", "roles"
            )
        return store.delete("organisations", organisation_id)


def set_organisation_active(store: Store, organisation_id: int, active: bool) -> None:
    store.update("organisations", organisation_id, {"active": int(active)})


register("organisations", check=check_organisation, remove=delete_organisation)
