"""Starting a partnership from a template: each published shape, and each mistake refused
with nothing saved."""

from __future__ import annotations

import json

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.meetings import templates as t
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.membership.partnership import get_partnership
from lscp_desktop.models.store.database import Store

TRI = ["Hammersmith & Fulham", "Kensington and Chelsea", "Westminster"]


def kinds(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for body in list_bodies(store):
        out.setdefault(body.kind, []).append(body.name)
    return out


def test_one_authority_executive_forum_and_three_subgroups(store: Store) -> None:
    t.create_from_template(store, "executive-forum", name="Lambeth LSCP", authorities=["Lambeth"])
    partnership = get_partnership(store)
    assert partnership is not None
    assert partnership.local_authorities == ["Lambeth"]
    assert partnership.chair_arrangement == "rotating chair among the statutory partners"
    found = kinds(store)
    assert len(found["executive"]) == 1 and len(found["forum"]) == 1
    assert len(found["subgroup"]) == 4  # three standing subgroups and the shared CDOP
    executive = next(b for b in list_bodies(store) if b.kind == "executive")
    others = [b for b in list_bodies(store) if b.kind != "executive"]
    assert all(b.reports_to_id == executive.id for b in others)
    orgs = {o.name: o for o in list_organisations(store)}
    assert set(orgs) == {"Lambeth Council", "NHS Integrated Care Board", "Police"}
    assert {o.kind for o in orgs.values()} == {"statutory partner"}
    assert orgs["Lambeth Council"].local_authority == "Lambeth"
    assert store.check() == []


def test_three_authorities_have_a_local_group_each(store: Store) -> None:
    t.create_from_template(store, "three-authorities", name="Tri-borough LSCP", authorities=TRI)
    bodies = list_bodies(store)
    local = [b for b in bodies if b.kind == "local group"]
    assert sorted(b.local_authority for b in local) == sorted(TRI)
    assert {b.name for b in local} == {f"{la} Local Group" for la in TRI}
    assert len({b.code for b in bodies}) == len(bodies)  # codes unique and accepted
    councils = [o for o in list_organisations(store) if o.sector == "local authority"]
    assert sorted(o.local_authority for o in councils) == sorted(TRI)
    stored = store.get("partnership", 1)
    assert stored is not None and json.loads(stored["local_authorities"]) == TRI


def test_four_partners_include_education(store: Store) -> None:
    plan = t.create_from_template(
        store,
        "four-partners",
        name="Lambeth LSCP",
        authorities=["Lambeth"],
        partners=["Lambeth Council", "NHS South East London ICB", "Metropolitan Police", ""],
    )
    orgs = {o.name: o for o in list_organisations(store)}
    assert set(orgs) == {
        "Lambeth Council",
        "NHS South East London ICB",
        "Metropolitan Police",
        "Lambeth Education",  # the blank name took the slot's default
    }
    assert orgs["Lambeth Education"].kind == "education"
    assert len(plan.partners) == 4
    found = kinds(store)
    assert found["assurance group"] and found["scrutiny board"] and found["executive"]


@pytest.mark.parametrize(
    ("key", "authorities", "partners", "field"),
    [
        ("nonsense", ["Lambeth"], None, "template"),
        ("executive-forum", [], None, "authorities"),
        ("three-authorities", ["A", "B"], None, "authorities"),
        ("three-authorities", ["A", "a", "B"], None, "authorities"),
        ("executive-forum", ["Lambeth"], ["Same", "Same", "Police"], "partners"),
        ("executive-forum", ["Lambeth"], ["a", "b", "c", "d"], "partners"),
    ],
)
def test_mistakes_are_refused_before_anything_is_written(
    store: Store, key: str, authorities: list[str], partners: list[str] | None, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        t.create_from_template(store, key, name="X", authorities=authorities, partners=partners)
    assert err.value.field == field
    assert t.is_empty(store)


def test_blank_name_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="partnership's name"):
        t.prepare("executive-forum", name="  ", authorities=["Lambeth"])


def test_a_template_only_starts_an_empty_database(store: Store) -> None:
    save_organisation(store, {"name": "Existing", "kind": "other", "sector": "other"})
    plan = t.prepare("executive-forum", name="X", authorities=["Lambeth"])
    with pytest.raises(ValidationError, match="already holds"):
        t.apply(store, plan)
    assert [o.name for o in list_organisations(store)] == ["Existing"]
    assert list_bodies(store) == []


def test_a_rule_broken_half_way_leaves_nothing(store: Store) -> None:
    plan = t.prepare("executive-forum", name="X", authorities=["Lambeth"])
    broken = t.TemplatePlan(
        plan.template, plan.name, plan.authorities, plan.partners, [*plan.bodies, plan.bodies[0]]
    )  # the same body twice: refused at the end, after the partners were written
    with pytest.raises(ValidationError):
        t.apply(store, broken)
    assert t.is_empty(store)


def test_local_group_codes_stay_unique_for_similar_names() -> None:
    bodies = t.TEMPLATES["three-authorities"].bodies(["Westminster", "Westmere", "West Down"])
    codes = [b.code for b in bodies]
    assert len(set(codes)) == len(codes)
    assert all(2 <= len(c) <= 10 and c[0].isalpha() for c in codes)
