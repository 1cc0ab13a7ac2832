"""The import engine: header detection, mappings, all-or-nothing, the report, each kind."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.sheets import write_csv, write_xlsx

from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.kinds import Outcome
from lscp_desktop.models.imports.layout import ImportOptions, inspect_file
from lscp_desktop.models.imports.reading import ImportFileError
from lscp_desktop.models.imports.registry import fields_markdown, import_kind
from lscp_desktop.models.membership.bodies import list_bodies, save_body
from lscp_desktop.models.membership.memberships import list_memberships
from lscp_desktop.models.membership.organisations import (
    find_organisation,
    list_organisations,
    save_organisation,
)
from lscp_desktop.models.membership.people import find_person, list_people
from lscp_desktop.models.store.database import Store

DATA = Path(__file__).parents[2] / "data"
ORGS = import_kind("organisations")
PEOPLE = import_kind("people")
MEMBERSHIPS = import_kind("memberships")


def snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {t: store.rows(t) for t in ("organisations", "people", "memberships")}


# --------------------------------------------------------------------------- header detection


@pytest.mark.parametrize(
    "heading", ["Organisation", "ORGANISATION NAME", "Agency", "Partner agency", "Funding body",
                "Partner", "Organisation (full name)"],
)  # fmt: skip
def test_organisation_heading_synonyms(tmp_path: Path, heading: str) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [[heading, "Sector"], ["Northshire Police", "police"]])
    layout = inspect_file(ORGS, path)
    assert layout.mapping == {"name": 0, "sector": 1}


def test_header_found_below_titles_and_blank_rows(tmp_path: Path) -> None:
    rows = [
        ["Northbridge LSCP contacts list"],
        ["Kept by the business unit"],
        [],
        [None, None],
        ["Full name", "Job title", "Agency", "E-mail", "Tel"],
        ["Sam Lee", "DSL", "Northbridge Academy", "sam@example.org", "01234 567890"],
    ]
    layout = inspect_file(PEOPLE, write_xlsx(tmp_path / "p.xlsx", rows))
    assert layout.header_row == 5
    assert layout.mapping == {"name": 0, "job_title": 1, "organisation": 2, "email": 3, "phone": 4}
    assert layout.preview == [(6, ["Sam Lee", "DSL", "Northbridge Academy", "sam@example.org",
                                   "01234 567890"])]  # fmt: skip


def test_membership_headings_with_synonyms(tmp_path: Path) -> None:
    rows = [["Member", "Group", "Capacity", "Deputising for", "Appointed", "Until", "Position"]]
    layout = inspect_file(MEMBERSHIPS, write_xlsx(tmp_path / "m.xlsx", [*rows, ["A", "B"]]))
    assert {k: layout.headers[i] for k, i in layout.mapping.items()} == {
        "person": "Member",
        "body": "Group",
        "role": "Capacity",
        "deputy_for": "Deputising for",
        "start_date": "Appointed",
        "end_date": "Until",
        "job_title": "Position",
    }


def test_explicit_mapping_overrides_and_names_an_unknown_heading(tmp_path: Path) -> None:
    rows = [["Who", "Team", "Notes"], ["Sam Lee", "Police", "x"]]
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    with pytest.raises(ImportFileError, match="No header row"):
        inspect_file(PEOPLE, path)
    layout = inspect_file(
        PEOPLE, path, ImportOptions(columns={"name": "Who", "organisation": "team"})
    )
    assert layout.mapping == {"name": 0, "organisation": 1, "notes": 2}
    # a field can be left out, and a label works as well as a key
    layout = inspect_file(PEOPLE, path, ImportOptions(columns={"Name": "Who", "notes": ""}))
    assert layout.mapping == {"name": 0}


def test_explicit_mapping_mistakes_are_explained(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["Name"], ["Sam"]])
    with pytest.raises(ImportFileError, match="not a field of a people import; the fields are"):
        inspect_file(PEOPLE, path, ImportOptions(columns={"shoe size": "Name"}))
    with pytest.raises(
        ImportFileError, match=r"no column headed 'Mobile'.*headings there are: Name"
    ):
        inspect_file(PEOPLE, path, ImportOptions(columns={"phone": "Mobile"}))


def test_sheet_choice(tmp_path: Path) -> None:
    layout = inspect_file(
        ORGS, DATA / "messy-contributions.xlsx", ImportOptions(sheet="2025-26", columns={})
    )
    assert layout.table.sheet == "2025-26"
    assert layout.header_row == 4


def test_fields_are_documented_from_the_registry() -> None:
    text = fields_markdown()
    assert "| `name` | Organisation |" in text and "funding body" in text
    assert "**memberships**" in text and "deputising for" in text


# --------------------------------------------------------------------------- organisations


def test_organisations_import_update_and_unchanged(store: Store, tmp_path: Path) -> None:
    csv = write_csv(
        tmp_path / "orgs.csv",
        "Agency;Type;Sector;LA\nNorthshire Police;Statutory;Police;Northbridge\n"
        "St Mary's Primary;school;education;\n",
        "cp1252",
    )
    report = run_import(store, ORGS, csv)
    assert report.committed and report.count("imported") == 2
    police = find_organisation(store, "northshire   POLICE")
    assert police is not None and (police.kind, police.sector) == ("statutory partner", "police")
    again = run_import(store, ORGS, csv)
    assert again.count("unchanged") == 2 and again.count("imported") == 0
    changed = write_csv(tmp_path / "o2.csv", "Agency,Sector\nNORTHSHIRE  police,fire\n")
    report = run_import(store, ORGS, changed)
    assert report.count("updated") == 1 and "changed sector" in report.lines[0].reason
    assert find_organisation(store, "Northshire Police").sector == "fire"  # type: ignore[union-attr]


def test_unknown_sector_is_an_error_with_row_column_and_value(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "o.xlsx", [["Organisation", "Sector"], ["A", "police"], ["B", "Mars"]]
    )
    report = run_import(store, ORGS, path)
    assert not report.committed
    [error] = report.errors
    assert (error.row, error.column) == (3, "Sector")
    assert "'Mars' is not a sector" in error.reason
    assert list_organisations(store) == []


# --------------------------------------------------------------------------- all or nothing


def test_a_bad_row_900_of_1000_leaves_the_database_untouched(store: Store, tmp_path: Path) -> None:
    save_organisation(store, {"name": "Existing", "kind": "other", "sector": "other"})
    before = snapshot(store)
    rows: list[list[Any]] = [["Name", "Organisation", "Email"]]
    for n in range(1, 1001):
        rows.append([f"Person {n}", f"Agency {n % 7}", f"p{n}@example.org"])
    rows[900][2] = "not-an-email"
    path = write_xlsx(tmp_path / "people.xlsx", rows)
    report = run_import(store, PEOPLE, path)
    assert not report.committed
    assert [(e.row, e.column, e.value) for e in report.errors] == [(901, "Email", "not-an-email")]
    assert report.count("imported") == 999  # every other row was checked too
    assert snapshot(store) == before
    assert "Nothing was imported: 1 row has problems" in report.summary()
    rows[900][2] = "fixed@example.org"
    report = run_import(store, PEOPLE, write_xlsx(tmp_path / "people2.xlsx", rows))
    assert report.committed and len(list_people(store)) == 1000
    assert len(list_organisations(store)) == 8  # 7 agencies created once each


def test_dry_run_saves_nothing_but_reports_everything(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["Name", "Agency"], ["Sam Lee", "New Agency"]])
    before = snapshot(store)
    report = run_import(store, PEOPLE, path, ImportOptions(dry_run=True))
    assert report.count("imported") == 1 and not report.committed
    assert report.created == ["created organisation 'New Agency' (other, other; check these)"]
    assert snapshot(store) == before
    assert report.summary().startswith("Dry run, nothing saved")


def test_a_cancel_during_import_rolls_back(store: Store, tmp_path: Path) -> None:
    rows = [["Name"], *([f"P{n}"] for n in range(500))]
    path = write_xlsx(tmp_path / "p.xlsx", rows)

    def cancel(done: int, total: int, text: str) -> None:
        if done > 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_import(store, PEOPLE, path, progress=cancel)
    assert list_people(store) == []


def test_a_failed_row_leaves_nothing_of_itself_behind(store: Store, tmp_path: Path) -> None:
    """Row 2 creates an organisation and then fails; row 3 must not find that organisation."""
    store_body = save_body(store, {"name": "Executive", "code": "EXEC", "kind": "executive"})
    assert store_body
    rows = [
        ["Person", "Organisation", "Body", "Role"],
        ["Ann", "Ghost Agency", "EXEC", "emperor"],
        ["Bob", "Ghost Agency", "EXEC", "member"],
    ]
    report = run_import(store, MEMBERSHIPS, write_xlsx(tmp_path / "m.xlsx", rows))
    assert [e.row for e in report.errors] == [2]
    bob = next(line for line in report.lines if line.row == 3)
    assert "created organisation 'Ghost Agency'" in bob.reason


# --------------------------------------------------------------------------- messy fixtures


def test_messy_membership_workbook_imports(demo_store: Store) -> None:
    before = len(list_memberships(demo_store))
    report = run_import(demo_store, MEMBERSHIPS, DATA / "messy-membership.xlsx")
    assert report.errors == [], report.text_lines()
    assert report.committed and report.header_row == 4
    assert report.count("imported") + report.count("unchanged") == 5
    skipped = {line.row: line.reason for line in report.lines if line.status == "skipped"}
    assert skipped == {12: "a note, not a record (only one cell filled and no body)",
                       13: "a totals row"}  # fmt: skip
    after = {(m.person, m.body): m for m in list_memberships(demo_store)}
    assert len(after) >= before + report.count("imported") - 1
    priya = after[("PRIYA shah", "Safeguarding Partnership Executive")] if (
        "PRIYA shah", "Safeguarding Partnership Executive") in after else after[
        ("Priya Shah", "Safeguarding Partnership Executive")]  # fmt: skip
    assert (priya.start_date, priya.end_date) == ("2025-09-01", "2027-03-31")
    grace = after[("Grace Mensah", "Safeguarding Partnership Forum")]
    assert (grace.role, grace.start_date, grace.organisation) == (
        "co-opted", "2025-04-01", "Northbridge Dance Collective")  # fmt: skip
    nadia = after[("Nadia Khan", "Partnership Scrutiny Board")]
    assert (nadia.role, nadia.deputy_for) == ("deputy", "Tom Okafor")
    tom = after[("Tom Okafor", "Partnership Scrutiny Board")]
    assert (tom.role, tom.start_date) == ("vice-chair", "2025-04-01")
    # importing the same file again changes nothing
    again = run_import(demo_store, MEMBERSHIPS, DATA / "messy-membership.xlsx")
    assert again.count("imported") == 0 and again.count("updated") == 0


# The messy contributions workbook is imported through the real contributions kind in
# test_register_kinds.py.


# --------------------------------------------------------------------------- memberships


def test_missing_body_is_an_error_naming_the_bodies(demo_store: Store, tmp_path: Path) -> None:
    rows = [["Person", "Body"], ["Sam Lee", "Knitting Circle"]]
    report = run_import(demo_store, MEMBERSHIPS, write_xlsx(tmp_path / "m.xlsx", rows))
    [error] = report.errors
    assert (error.column, error.value) == ("Body", "Knitting Circle")
    assert "Add it on the Membership page first" in error.reason
    assert "Partnership Scrutiny Board" in error.reason
    assert find_person(demo_store, "Sam Lee") is None


def test_overlapping_membership_uses_the_models_rule(demo_store: Store, tmp_path: Path) -> None:
    chair = list_memberships(demo_store, body_id=1)[0]
    rows = [
        ["Person", "Body", "Role", "Start date"],
        [chair.person, "EXEC", "member", "01/06/2025"],
    ]
    report = run_import(demo_store, MEMBERSHIPS, write_xlsx(tmp_path / "m.xlsx", rows))
    [error] = report.errors
    assert "is already a chair of" in error.reason and error.column == "Start date"


def test_membership_round_trip_through_a_workbook(demo_store: Store, tmp_path: Path) -> None:
    """Every membership exported to a workbook imports into a new partnership unchanged."""
    from lscp_desktop.exports.import_template import write_template

    path = write_template(demo_store, MEMBERSHIPS, tmp_path / "memberships.xlsx", with_records=True)
    same = run_import(demo_store, MEMBERSHIPS, path, ImportOptions(dry_run=True))
    assert same.errors == [] and same.count("unchanged") == len(list_memberships(demo_store))

    fresh = Store.open(tmp_path / "fresh.db", daily_backup=False)
    try:
        for body in list_bodies(demo_store):
            parent = body.reports_to_id
            save_body(fresh, {**body.__dict__, "reports_to_id": parent})
        for org in list_organisations(demo_store):
            save_organisation(fresh, org.__dict__)
        report = run_import(fresh, MEMBERSHIPS, path)
        assert report.errors == [] and report.committed, report.text_lines()

        def shape(s: Store) -> list[tuple[Any, ...]]:
            return sorted(
                (m.person, m.organisation, m.body, m.role, m.deputy_for, m.delegated_authority,
                 m.start_date, m.end_date, m.notes)
                for m in list_memberships(s)
            )  # fmt: skip

        assert shape(fresh) == shape(demo_store)
    finally:
        fresh.close()


def test_readme_lists_every_kinds_fields() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    assert fields_markdown() in readme


def test_a_million_row_csv_is_refused_before_any_row_is_saved(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "million.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Organisation,Sector\n")
        fh.writelines(f"Org {n},other\n" for n in range(1_000_000))
    tried: list[object] = []

    def spy_row(_ctx: object, values: dict[str, Any]) -> Outcome:
        tried.append(values)
        return Outcome("created")

    spy = dataclasses.replace(ORGS, import_row=spy_row)
    start = time.monotonic()
    with pytest.raises(ImportFileError, match="more than the 50,000 rows"):
        run_import(store, spy, path)
    assert time.monotonic() - start < 10  # a hang bound the README promises, not a benchmark
    assert tried == [] and store.count("organisations") == 0
