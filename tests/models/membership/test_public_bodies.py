"""Organisations matched, not guessed: the known kinds of English public body decide kind and
sector, a neighbouring council is not a partner, and aliases find the body already recorded."""

from __future__ import annotations

import pytest
from helpers.membership import org

from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.public_bodies import classify, identity, match_organisation
from lscp_desktop.models.store.database import Store

LEWISHAM = ["Lewisham"]


@pytest.mark.parametrize(
    ("name", "authorities", "kind", "sector"),
    [
        ("Lewisham Council", LEWISHAM, "statutory partner", "local authority"),
        ("Royal Borough of Greenwich", LEWISHAM, "other", "local authority"),
        ("London Borough of Bexley", LEWISHAM, "other", "local authority"),
        ("South London and Maudsley", LEWISHAM, "relevant agency", "NHS trust"),
        ("London Community Rehabilitation Company", LEWISHAM, "relevant agency", "probation"),
        ("HMP Wormwood Scrubs", ["Westminster"], "relevant agency", "prison or youth custody"),
        ("Wormwood Scrubs Prison", ["Westminster"], "relevant agency", "prison or youth custody"),
        ("NHS Lewisham CCG", LEWISHAM, "statutory partner", "health/ICB"),
        ("Metropolitan Police via Mayor's Office for Policing and Crime", ["Lambeth"],
         "statutory partner", "police"),
        ("British Transport Police", ["Lambeth"], "relevant agency", "police"),
        ("CAFCASS", LEWISHAM, "relevant agency", "Cafcass"),
        ("London Fire Brigade", LEWISHAM, "relevant agency", "fire"),
        ("Dacorum Borough Council", ["Hertfordshire"], "relevant agency", "local authority"),
        ("Hertfordshire County Council", ["Hertfordshire"], "statutory partner", "local authority"),
        ("Royal Borough of Kensington and Chelsea", ["Kensington and Chelsea"],
         "statutory partner", "local authority"),
        ("Evelina School", LEWISHAM, "education", "education"),
        ("Red Thread", ["Lambeth"], "voluntary & community", "other"),
    ],
)  # fmt: skip
def test_kinds_of_english_public_bodies(
    name: str, authorities: list[str], kind: str, sector: str
) -> None:
    guess = classify(name, authorities)
    assert (guess.kind, guess.sector) == (kind, sector), guess.reason


def test_aliases_are_the_same_body() -> None:
    met = identity("Metropolitan Police")
    for alias in ("Met Police", "MOPAC", "Metropolitan Police via Mayor's Office for Policing "
                  "and Crime", "Metropolitan Police Service"):  # fmt: skip
        assert identity(alias) == met
    assert identity("London Borough of Lambeth") == identity("Lambeth Council")
    assert identity("NHS Lewisham CCG") == identity("Lewisham Clinical Commissioning Group")
    assert identity("South London and Maudsley NHS Foundation Trust") == identity(
        "South London and Maudsley"
    )


def test_matching_finds_the_recorded_partner(store: Store) -> None:
    org(store, "Metropolitan Police", sector="police")
    org(store, "Lambeth Council")
    orgs = list_organisations(store)
    found, how = match_organisation(orgs, "Metropolitan Police via Mayor's Office for Policing")
    assert found is not None and found.name == "Metropolitan Police" and "taken as" in how
    found, how = match_organisation(orgs, "lambeth  council")
    assert found is not None and how == ""
    assert match_organisation(orgs, "Royal Borough of Greenwich") == (None, "")


def test_a_template_s_generic_police_partner_is_found(store: Store) -> None:
    org(store, "Police", sector="police")
    found, how = match_organisation(list_organisations(store), "Met Police")
    assert found is not None and found.name == "Police" and "police partner" in how
