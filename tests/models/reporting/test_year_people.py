"""Who held which place during a financial year: roles, chairs and members as they were."""

from __future__ import annotations

from helpers.meetings import make_partnership

from lscp_desktop.models.core.dates import FinancialYear
from lscp_desktop.models.membership.memberships import end_membership, save_membership
from lscp_desktop.models.membership.people import save_person
from lscp_desktop.models.membership.roles import save_role
from lscp_desktop.models.reporting.year_people import (
    SCRUTINY_ROLES,
    chairs_in_year,
    during,
    memberships_in_year,
    roles_in_year,
)
from lscp_desktop.models.store.database import Store

YEAR = FinancialYear(2025)


def test_roles_chairs_and_members_during_the_year(store: Store) -> None:
    p = make_partnership(store)
    before = save_person(store, {"name": "Sam Scrutineer", "organisation_id": p.council})
    after = save_person(store, {"name": "Ira Independent"})
    save_role(store, {"person_id": before, "role": "independent scrutineer",
                      "start_date": "01/04/2022", "end_date": "31/08/2025"})  # fmt: skip
    save_role(store, {"person_id": after, "role": "independent scrutineer",
                      "start_date": "01/09/2025"})  # fmt: skip
    save_role(
        store,
        {
            "person_id": p.council_member,
            "role": "independent commissioner",
            "start_date": "01/04/2026",
        },
    )  # fmt: skip  (after the year: left out)
    found = roles_in_year(store, YEAR, SCRUTINY_ROLES)
    assert [(h.person, during(h, YEAR)) for h in found] == [
        ("Sam Scrutineer", "Until 31/08/2025"), ("Ira Independent", "From 01/09/2025"),
    ]  # fmt: skip

    chair_membership = next(
        m.id for m in memberships_in_year(store, YEAR)[p.body] if m.role == "chair"
    )
    end_membership(store, chair_membership, "31/12/2025")
    save_membership(store, {"person_id": p.council_deputy, "body_id": p.body, "role": "chair",
                            "start_date": "01/01/2026"})  # fmt: skip
    chairs = chairs_in_year(store, YEAR)["Executive"]
    assert [(h.person, during(h, YEAR)) for h in chairs] == [
        ("Cara Chair", "Until 31/12/2025"), ("Dee Deputy", "From 01/01/2026"),
    ]  # fmt: skip
    members = memberships_in_year(store, FinancialYear(2027))
    assert "Cara Chair" not in {m.person for m in members[p.body]}  # she left in 2025
