"""The Working Together 2023 rules on roles and partners: the three wrong cases of the issue are
refused with a clear message, a council employee as independent scrutineer is warned about,
and seed 002's real structure (three LSPs, three DSPs, an independent commissioner, Education
as a fourth partner) is accepted."""

from __future__ import annotations

import pytest
from helpers.membership import org, person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.organisations import save_organisation
from lscp_desktop.models.membership.roles import (
    end_role,
    list_roles,
    role_warnings,
    save_role,
    save_role_checked,
)
from lscp_desktop.models.membership.working_together import partners, successor
from lscp_desktop.models.reporting.summary import membership_summary
from lscp_desktop.models.store.database import Store


@pytest.fixture
def lambeth(store: Store) -> dict[str, int]:
    """Seed 002's partners: the council, the ICB, the Met, Education and Cafcass."""
    return {
        "council": org(store, "Lambeth Council"),
        "icb": org(store, "South East London ICB", sector="health/ICB"),
        "police": org(store, "Metropolitan Police", sector="police"),
        "education": save_organisation(
            store,
            {
                "name": "Lambeth Education",
                "kind": "education",
                "sector": "education",
                "safeguarding_partner": True,
            },
        ),
        "cafcass": org(store, "Cafcass", kind="relevant agency", sector="Cafcass"),
        "commission": org(store, "Independent Commission", kind="other", sector="other"),
    }


def role(store: Store, who: str, what: str, org_id: int | None, start: str = "2025-01-06") -> int:
    return save_role(
        store,
        {"person_id": person(store, who), "role": what, "organisation_id": org_id,
         "start_date": start},
    )  # fmt: skip


def test_seed_002_structure_is_accepted(store: Store, lambeth: dict[str, int]) -> None:
    for name, partner in (("Matt Twist", "police"), ("Andrew Bland", "icb"),
                          ("Ian Davis", "council")):  # fmt: skip
        role(store, name, "Lead Safeguarding Partner", lambeth[partner])
    for name, partner in (("Vanessa Britton", "police"), ("Andrew Eyres", "icb"),
                          ("Andrew Carter", "council")):  # fmt: skip
        role(store, name, "Delegated Safeguarding Partner", lambeth[partner])
    commissioner = person(store, "Commissioner", lambeth["commission"])
    saved = save_role_checked(
        store, {"person_id": commissioner, "role": "independent commissioner",
                "start_date": "2025-01-06"},
    )  # fmt: skip
    assert saved.warnings == []
    assert len(list_roles(store)) == 7
    count = partners(store)
    assert count.describe() == "3 statutory partners + Education"
    summary = membership_summary(store)
    assert summary.counts["Statutory partners + Education"] == 3  # Education never statutory


def test_a_second_police_lsp_is_refused(store: Store, lambeth: dict[str, int]) -> None:
    role(store, "Matt Twist", "Lead Safeguarding Partner", lambeth["police"])
    with pytest.raises(ValidationError, match="already has a Lead Safeguarding Partner, Matt"):
        role(store, "Someone Else", "Lead Safeguarding Partner", lambeth["police"], "2025-06-01")


def test_an_lsp_for_cafcass_or_education_is_refused(store: Store, lambeth: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="Cafcass is not a statutory partner"):
        role(store, "Cafcass Head", "Lead Safeguarding Partner", lambeth["cafcass"])
    with pytest.raises(ValidationError, match="only the three statutory partners"):
        role(store, "Director of Education", "Delegated Safeguarding Partner",
             lambeth["education"])  # fmt: skip


def test_a_dsp_with_no_organisation_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="Choose the statutory partner") as err:
        role(store, "Floating Delegate", "Delegated Safeguarding Partner", None)
    assert err.value.field == "organisation_id"


def test_a_council_employee_as_scrutineer_is_warned_not_refused(
    store: Store, lambeth: dict[str, int]
) -> None:
    employee = person(store, "Council Officer", lambeth["council"])
    values = {"person_id": employee, "role": "independent scrutineer", "start_date": "2025-04-01"}
    assert "works for Lambeth Council, a statutory partner" in role_warnings(store, values)[0]
    saved = save_role_checked(store, values)
    assert saved.warnings and list_roles(store)[0].role == "independent scrutineer"


def test_a_new_lsp_succeeds_the_previous_one(store: Store, lambeth: dict[str, int]) -> None:
    first = role(store, "Old Chief", "Lead Safeguarding Partner", lambeth["council"], "2020-01-01")
    values = {"person_id": person(store, "New Chief"), "role": "Lead Safeguarding Partner",
              "organisation_id": lambeth["council"], "start_date": "2025-09-01"}  # fmt: skip
    previous = successor(store, values)
    assert previous is not None and previous.id == first
    saved = save_role_checked(store, values, end_previous=True)
    assert saved.ended == "ended Old Chief's role as Lead Safeguarding Partner on 31/08/2025"
    ended = next(r for r in list_roles(store) if r.id == first)
    assert ended.end_date == "2025-08-31"
    assert end_role(store, saved.id, "2026-03-31").endswith("ends on 31/03/2026")
