"""Membership rules: every seed structure fits, and each broken rule is refused cleanly."""

from __future__ import annotations

import pytest

from lscp_desktop.models import membership as m
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


def org(
    store: Store, name: str, kind: str = "statutory partner", sector: str = "local authority"
) -> int:
    return m.save_organisation(store, {"name": name, "kind": kind, "sector": sector})


def person(store: Store, name: str, org_id: int | None = None, **extra: object) -> int:
    return m.save_person(store, {"name": name, "organisation_id": org_id, **extra})


def body(store: Store, name: str, code: str, kind: str = "subgroup", **extra: object) -> int:
    return m.save_body(
        store, {"name": name, "code": code, "kind": kind, "start_date": "01/04/2025", **extra}
    )


def test_three_authority_partnership_with_education_and_local_groups(store: Store) -> None:
    """Seed 003 (three authorities, local groups) plus seed 002 (Education as a fourth partner)."""
    m.save_partnership(
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
    m.save_membership(
        store, {"person_id": director, "body_id": spg, "role": "member", "start_date": "2025-04-01"}
    )
    virtual = person(store, "NHS England lead")
    m.save_membership(
        store,
        {
            "person_id": virtual,
            "body_id": spg,
            "role": "virtual member",
            "start_date": "2025-04-01",
        },
    )
    coopted = person(store, "Co-opted head teacher")
    m.save_membership(
        store,
        {"person_id": coopted, "body_id": spg, "role": "co-opted", "start_date": "2025-04-01"},
    )
    p = m.get_partnership(store)
    assert p is not None and len(p.local_authorities) == 3
    assert p.chair_arrangement.startswith("rotating")
    assert sum(1 for b in m.list_bodies(store) if b.kind == "local group") == 3
    assert {x.role for x in m.list_memberships(store, body_id=spg)} == {
        "member",
        "virtual member",
        "co-opted",
    }
    assert sum(1 for o in m.list_organisations(store) if o.kind == "statutory partner") == 5


def test_independent_commissioner_and_lay_member_roles(store: Store) -> None:
    commissioner = person(store, "Independent Commissioner")
    m.save_role(
        store,
        {"person_id": commissioner, "role": "independent commissioner", "start_date": "2025-01-06"},
    )
    lay = person(store, "Lay Member")
    m.save_role(
        store,
        {
            "person_id": lay,
            "role": "lay member",
            "start_date": "2025-01-06",
            "end_date": "2026-07-05",
        },
    )
    roles = {r.role for r in m.list_roles(store)}
    assert roles == {"independent commissioner", "lay member"}


def test_end_before_start_is_refused(store: Store) -> None:
    exec_id = body(store, "Executive", "EXEC", "executive")
    p = person(store, "Ann Chair")
    with pytest.raises(ValidationError, match="before the start date") as err:
        m.save_membership(
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
    first = m.save_membership(
        store, {"person_id": p, "body_id": b, "role": "member", "start_date": "2025-04-01"}
    )
    with pytest.raises(ValidationError, match="already a member"):
        m.save_membership(
            store, {"person_id": p, "body_id": b, "role": "chair", "start_date": "2025-06-01"}
        )
    m.end_membership(store, first, "31/05/2025")
    m.save_membership(
        store, {"person_id": p, "body_id": b, "role": "chair", "start_date": "2025-06-01"}
    )
    assert [x.role for x in m.list_memberships(store, body_id=b)] == ["chair", "member"]


@pytest.mark.parametrize(
    "email", ["ann", "ann@", "ann@council", "ann council@x.gov.uk", "@x.gov.uk"]
)
def test_malformed_email_is_refused(store: Store, email: str) -> None:
    with pytest.raises(ValidationError, match="not an email address") as err:
        person(store, "Ann", email=email)
    assert err.value.field == "email"
    assert store.count("people") == 0


def test_good_email_is_accepted(store: Store) -> None:
    pid = person(store, "Ann", email="ann.o'neil@northbridge.gov.uk")
    assert m.get_person(store, pid).email == "ann.o'neil@northbridge.gov.uk"


def test_deputy_needs_a_principal_on_the_same_body(store: Store) -> None:
    b = body(store, "Executive", "EXEC", "executive")
    other = body(store, "Forum", "FORUM", "forum")
    principal = person(store, "Lead Partner")
    deputy = person(store, "Delegate")
    with pytest.raises(ValidationError, match="deputises for"):
        m.save_membership(
            store, {"person_id": deputy, "body_id": b, "role": "deputy", "start_date": "2025-04-01"}
        )
    pm = m.save_membership(
        store,
        {"person_id": principal, "body_id": other, "role": "member", "start_date": "2025-04-01"},
    )
    with pytest.raises(ValidationError, match="same body"):
        m.save_membership(
            store,
            {
                "person_id": deputy,
                "body_id": b,
                "role": "deputy",
                "deputy_for_id": pm,
                "start_date": "2025-04-01",
            },
        )
    pm2 = m.save_membership(
        store, {"person_id": principal, "body_id": b, "role": "member", "start_date": "2025-04-01"}
    )
    dm = m.save_membership(
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
    saved = m.get_membership(store, dm)
    assert saved.deputy_for == "Lead Partner" and saved.delegated_authority == 1
    with pytest.raises(ValidationError, match="named deputy"):
        m.delete_membership(store, pm2)


def test_deleting_an_organisation_with_people_suggests_deactivating(store: Store) -> None:
    o = org(store, "Council")
    person(store, "Ann", o)
    with pytest.raises(ValidationError, match="Deactivate it instead"):
        m.delete_organisation(store, o)
    m.set_organisation_active(store, o, False)
    assert m.list_organisations(store, active_only=True) == []
    empty = org(store, "Empty agency", kind="relevant agency", sector="other")
    m.delete_organisation(store, empty)
    assert [x.name for x in m.list_organisations(store)] == ["Council"]


def test_names_are_unique_ignoring_case_and_spaces(store: Store) -> None:
    org(store, "Northbridge  Council")
    with pytest.raises(ValidationError, match="already an organisation"):
        org(store, "northbridge council")
    assert m.find_organisation(store, " NORTHBRIDGE   council ") is not None


def test_unknown_choice_lists_the_allowed_values(store: Store) -> None:
    with pytest.raises(ValidationError, match="choose one of: statutory partner"):
        org(store, "Council", kind="partner-ish")


def test_body_cannot_report_to_its_own_subgroup(store: Store) -> None:
    top = body(store, "Executive", "EXEC", "executive")
    sub = body(store, "Subgroup", "SUB", reports_to_id=top)
    with pytest.raises(ValidationError, match="report to itself"):
        m.save_body(
            store,
            {
                "name": "Executive",
                "code": "EXEC",
                "kind": "executive",
                "start_date": "2025-04-01",
                "reports_to_id": sub,
            },
            top,
        )


def test_bad_body_code_and_bad_date_are_explained(store: Store) -> None:
    with pytest.raises(ValidationError, match="short code"):
        body(store, "Executive", "E X")
    with pytest.raises(ValidationError, match="not a date; use dd/mm/yyyy"):
        m.save_body(
            store, {"name": "Exec", "code": "EXEC", "kind": "executive", "start_date": "31/02/2026"}
        )
    assert store.count("bodies") == 0


def test_deleted_record_restores_with_same_id(store: Store) -> None:
    o = org(store, "Empty agency", kind="relevant agency", sector="other")
    row = m.delete_organisation(store, o)
    assert m.restore_record(store, "organisations", row) == o
    assert m.get_organisation(store, o).name == "Empty agency"
