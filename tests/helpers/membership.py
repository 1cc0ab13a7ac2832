"""A few lines to set up organisations, people and bodies in membership tests."""

from __future__ import annotations

from lscp_desktop.models.membership.bodies import save_body
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.store.database import Store


def org(
    store: Store, name: str, kind: str = "statutory partner", sector: str = "local authority"
) -> int:
    return save_organisation(store, {"name": name, "kind": kind, "sector": sector})


def person(store: Store, name: str, org_id: int | None = None, **extra: object) -> int:
    return save_person(store, {"name": name, "organisation_id": org_id, **extra})


def body(store: Store, name: str, code: str, kind: str = "subgroup", **extra: object) -> int:
    return save_body(
        store, {"name": name, "code": code, "kind": kind, "start_date": "01/04/2025", **extra}
    )
