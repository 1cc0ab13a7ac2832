"""Partnership roles held from one date to another."""

from __future__ import annotations

from helpers.membership import person

from lscp_desktop.models.membership.roles import list_roles, save_role
from lscp_desktop.models.store.database import Store


def test_independent_commissioner_and_lay_member_roles(store: Store) -> None:
    commissioner = person(store, "Independent Commissioner")
    save_role(
        store,
        {"person_id": commissioner, "role": "independent commissioner", "start_date": "2025-01-06"},
    )
    lay = person(store, "Lay Member")
    save_role(
        store,
        {
            "person_id": lay,
            "role": "lay member",
            "start_date": "2025-01-06",
            "end_date": "2026-07-05",
        },
    )
    roles = {r.role for r in list_roles(store)}
    assert roles == {"independent commissioner", "lay member"}
