"""The import kinds for the partnership's structure and its published funding tables (bodies,
roles, budget, spend), month-only dates, and organisations matched or guessed with the guess
shown and changeable."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.funding import DATA
from helpers.membership import org
from helpers.sheets import write_csv

from lscp_desktop.models.finance.analysis import shares_by_kind, summary
from lscp_desktop.models.finance.budget import list_budget_lines
from lscp_desktop.models.finance.contributions import list_contributions
from lscp_desktop.models.finance.years import get_year
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.imports.values import month_only, parse_import_date
from lscp_desktop.models.meetings.cadence import get_cadence
from lscp_desktop.models.membership.bodies import list_bodies
from lscp_desktop.models.membership.organisations import list_organisations
from lscp_desktop.models.membership.partnership import save_partnership
from lscp_desktop.models.membership.roles import list_roles
from lscp_desktop.models.store.database import Store


@pytest.mark.parametrize(
    ("text", "iso"),
    [("January 2019", "2019-01-31"), ("Jan-19", "2019-01-31"), ("Feb 2019", "2019-02-28"),
     ("Feb-20", "2020-02-29"), ("Sept 2019", "2019-09-30"), ("December 2018", "2018-12-31")],
)  # fmt: skip
def test_a_month_alone_is_its_last_day(text: str, iso: str) -> None:
    assert parse_import_date(text).isoformat() == iso
    assert month_only(text) is not None
    assert month_only("31 January 2019") is None and month_only("Monday") is None


def test_bodies_with_their_cadence_and_reporting_line(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bodies.csv", (
        "Name,Code,Kind,Reports to,Meets,Hosted by\n"
        "LSCP Executive,EXEC,executive,,every other month,\n"
        "Case Review Subgroup,,subgroup,EXEC,quarterly,\n"
        "Tri-borough Strategic Executive Group,TRI,executive,EXEC,twice a year,Bexley\n"
    ))  # fmt: skip
    report = run_import(store, import_kind("bodies"), path)
    assert report.committed and not report.errors
    bodies = {b.code: b for b in list_bodies(store)}
    assert set(bodies) == {"EXEC", "CRS", "TRI"}  # a code made from the name's initials
    assert bodies["CRS"].reports_to == "LSCP Executive" and bodies["TRI"].hosted_by == "Bexley"
    assert get_cadence(store, bodies["EXEC"].id).months_between == 2
    assert get_cadence(store, bodies["TRI"].id).frequency == "twice a year"


def test_roles_are_checked_against_working_together(store: Store, tmp_path: Path) -> None:
    org(store, "Metropolitan Police", sector="police")
    org(store, "Cafcass", kind="relevant agency", sector="Cafcass")
    path = write_csv(tmp_path / "roles.csv", (
        "Name,Role,On behalf of,Start date\n"
        "Matt Twist,LSP,Met Police,06/01/2025\n"
        "Vanessa Britton,DSP,Metropolitan Police,06/01/2025\n"
    ))  # fmt: skip
    report = run_import(store, import_kind("roles"), path)
    assert report.committed and len(list_roles(store)) == 2
    bad = write_csv(tmp_path / "bad.csv", "Name,Role,On behalf of\nA Person,LSP,Cafcass\n")
    report = run_import(store, import_kind("roles"), bad)
    assert not report.committed
    assert "Cafcass is not a statutory partner" in report.errors[0].reason


def test_budget_and_spend_as_published(store: Store) -> None:
    report = run_import(
        store, import_kind("budget"), DATA / "lambeth-2018-19-budget.csv",
        ImportOptions(year="2018/19"),
    )  # fmt: skip
    assert report.count("imported") == 16
    year = get_year(store, "2018/19")
    assert sum(b.budget for b in list_budget_lines(store, year.id)) == 282_000_00
    report = run_import(
        store, import_kind("spend"), DATA / "lewisham-2018-19-spend.csv",
        ImportOptions(year="2018/19"),
    )  # fmt: skip
    assert report.committed and summary(store, year.id).actual == 182_550_00
    assert "the year's last day (31/03/2019)" in report.lines[0].reason


def test_via_mopac_finds_the_police_partner_and_kinds_come_from_names(
    store: Store, tmp_path: Path
) -> None:
    save_partnership(store, name="Lambeth", local_authorities=["Lambeth"])
    org(store, "Lambeth Council")
    org(store, "Police", sector="police")  # as a template leaves it
    path = write_csv(tmp_path / "c.csv", (
        "Organisation,Agreed\n"
        "Metropolitan Police via Mayor's Office for Policing and Crime,5000\n"
        "South London and Maudsley,22555\n"
        "London Community Rehabilitation Company,1000\n"
        "London Borough of Southwark,100\n"
    ))  # fmt: skip
    dry = run_import(store, import_kind("contributions"), path,
                     ImportOptions(year="2018/19", dry_run=True))  # fmt: skip
    assert any("taken as Police" in m for m in dry.matched)
    guesses = {g.name: (g.kind, g.sector) for g in dry.guesses}
    assert guesses == {
        "South London and Maudsley": ("relevant agency", "NHS trust"),
        "London Community Rehabilitation Company": ("relevant agency", "probation"),
        "London Borough of Southwark": ("other", "local authority"),  # a neighbour, no partner
    }
    chosen = {"London Borough of Southwark": ("relevant agency", "local authority")}
    report = run_import(store, import_kind("contributions"), path,
                        ImportOptions(year="2018/19", organisations=chosen))  # fmt: skip
    assert report.committed
    orgs = {o.name: o for o in list_organisations(store)}
    assert orgs["London Borough of Southwark"].kind == "relevant agency"
    assert sum(1 for o in orgs.values() if o.kind == "statutory partner") == 2
    kinds = {
        k.name for k in shares_by_kind(list_contributions(store, get_year(store, "2018/19").id))
    }
    assert "voluntary & community" not in kinds
