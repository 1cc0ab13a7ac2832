"""Who sits where: every seed structure fits, and overlapping seats and bad deputies are refused."""

from __future__ import annotations

import pytest
from helpers.membership import body, org, person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.memberships import (
    delete_membership,
    end_membership,
    get_membership,
    list_memberships,
    save_membership,
)
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import get_partnership, save_partnership
from lscp_desktop.models.store.database import Store


def test_three_authority_partnership_with_education_and_local_groups(store: Store) -> None:
    """Seed 003 (three authorities, local groups) plus seed 002 (Education as a fourth partner)."""
    save_partnership(
        store,
        name="Tri-borough LSCP",
        local_authorities=["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"],
        chair_arrangement="rotating chair among the statutory partners",
    )
    for la in ("Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"):
        org(store, f"{la} Council")
    org(store, "NHS North West London ICB", sector="health/ICB")
    org(store, "Metropolitan Police", sector="police")
    edu = org(store, "Education partner", kind="education", sector="education")
    spg = body(store, "Strategic Planning Group", "SPG", "executive")
    for code, la in (
        ("LGHF", "Hammersmith & Fulham"),
        ("LGKC", "Kensington and Chelsea"),
        ("LGW", "Westminster"),
    ):
        body(store, f"{la} Local Group", code, "local group", reports_to_id=spg, local_authority=la)
    director = person(store, "Director of Education", edu)
    save_membership(
        store, {"person_id": director, "body_id": spg, "role": "member", "start_date": "2025-04-01"}
    )
    virtual = person(store, "NHS England lead")
    save_membership(
        store,
        {
            "person_id": virtual,
            "body_id": spg,
            "role": "virtual member",
            "start_date": "2025-04-01",
        },
    )
    coopted = person(store, "Co-opted head teacher")
    save_membership(
        store,
        {"person_id": coopted, "body_id": spg, "role": "co-opted", "start_date": "2025-04-01"},
    )
    p = get_partnership(store)
    assert p is not None and len(p.local_authorities) == 3
    assert p.chair_arrangement.startswith("rotating")
    assert sum(1 for b in list_bodies(store) if b.kind == "local group") == 3
    assert {x.role for x in list_memberships(store, body_id=spg)} == {
        "member",
        "virtual member",
        "co-opted",
    }
    assert sum(1 for o in list_organisations(store) if o.kind == "statutory partner") == 5


def test_end_before_start_is_refused(store: Store) -> None:
    exec_id = body(store, "Executive", "EXEC", "executive")
    p = person(store, "Ann Chair")
    with pytest.raises(ValidationError, match="before the start date") as err:
        save_membership(
            store,
            {
                "person_id": p,
                "body_id": exec_id,
                "role": "chair",
                "start_date": "01/04/2026",
                "end_date": "31/03/2026",
            },
        )
    assert err.value.field == "end_date"
    assert store.count("memberships") == 0


def test_duplicate_active_membership_is_refused_but_a_later_term_is_fine(store: Store) -> None:
    b = body(store, "Executive", "EXEC", "executive")
    p = person(store, "Ann Chair")
    first = save_membership(
        store, {"person_id": p, "body_id": b, "role": "member", "start_date": "2025-04-01"}
    )
    with pytest.raises(ValidationError, match="already a member"):
        save_membership(
            store, {"person_id": p, "body_id": b, "role": "chair", "start_date": "2025-06-01"}
        )
    end_membership(store, first, "31/05/2025")
    save_membership(
        store, {"person_id": p, "body_id": b, "role": "chair", "start_date": "2025-06-01"}
    )
    assert [x.role for x in list_memberships(store, body_id=b)] == ["chair", "member"]


def test_deputy_needs_a_principal_on_the_same_body(store: Store) -> None:
    b = body(store, "Executive", "EXEC", "executive")
    other = body(store, "Forum", "FORUM", "forum")
    principal = person(store, "Lead Partner")
    deputy = person(store, "Delegate")
    with pytest.raises(ValidationError, match="deputises for"):
        save_membership(
            store, {"person_id": deputy, "body_id": b, "role": "deputy", "start_date": "2025-04-01"}
        )
    pm = save_membership(
        store,
        {"person_id": principal, "body_id": other, "role": "member", "start_date": "2025-04-01"},
    )
    with pytest.raises(ValidationError, match="same body"):
        save_membership(
            store,
            {
                "person_id": deputy,
                "body_id": b,
                "role": "deputy",
                "deputy_for_id": pm,
                "start_date": "2025-04-01",
            },
        )
    pm2 = save_membership(
        store, {"person_id": principal, "body_id": b, "role": "member", "start_date": "2025-04-01"}
    )
    dm = save_membership(
        store,
        {
            "person_id": deputy,
            "body_id": b,
            "role": "deputy",
            "deputy_for_id": pm2,
            "delegated_authority": True,
            "start_date": "2025-04-01",
        },
    )
    saved = get_membership(store, dm)
    assert saved.deputy_for == "Lead Partner" and saved.delegated_authority == 1
    with pytest.raises(ValidationError, match="named deputy"):
        delete_membership(store, pm2)
