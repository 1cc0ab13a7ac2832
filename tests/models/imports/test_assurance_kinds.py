"""The assurance registers' import kinds: the escalation log workbook and the settings census
read back unchanged into a new partnership; a hand-kept log with loose wording imports; a bad
row (or a child's identity) saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.sheets import write_csv, write_xlsx

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.assurance.census import list_census
from lscp_desktop.models.assurance.escalations import list_escalations
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.membership.partnership import get_partnership, save_partnership
from lscp_desktop.models.store.database import Store

ESCALATIONS = import_kind("escalations")
CENSUS = import_kind("settings-census")


@pytest.fixture
def fresh(demo_store: Store, tmp_path: Path) -> Iterator[Store]:
    """A new partnership holding only the demo's organisations and authorities."""
    s = Store.open(tmp_path / "fresh.db", daily_backup=False)
    p = get_partnership(demo_store)
    assert p is not None
    save_partnership(s, name=p.name, local_authorities=p.local_authorities)
    for org in list_organisations(demo_store):
        save_organisation(s, org.__dict__)
    yield s
    s.close()


def escalation_fields(store: Store) -> list[dict[str, Any]]:
    rows = ESCALATIONS.export_rows(store)  # type: ignore[misc]
    return [{k: v for k, v in r.items() if k != "actions"} for r in rows]


def test_the_escalation_log_workbook_reads_back_unchanged(
    demo_store: Store, fresh: Store, tmp_path: Path
) -> None:
    path = find_kind("escalations").run(
        demo_store, ExportOptions(), tmp_path / "log.xlsx", lambda *_: None
    )
    # The actions it links to are not in the new partnership: leave that column out.
    options = ImportOptions(columns={"actions": ""})
    report = run_import(fresh, ESCALATIONS, path, options)
    assert report.errors == [] and report.committed
    assert report.count("imported") == len(list_escalations(demo_store)) > 5
    assert escalation_fields(fresh) == escalation_fields(demo_store)
    again = run_import(fresh, ESCALATIONS, path, options)
    assert again.count("unchanged") == report.count("imported")
    # Into the demo itself, the links are found and nothing changes.
    same = run_import(demo_store, ESCALATIONS, path)
    assert same.errors == [] and same.count("unchanged") == report.count("imported")


def test_a_hand_kept_log_with_loose_wording(fresh: Store, tmp_path: Path) -> None:
    org = list_organisations(fresh)
    path = write_csv(
        tmp_path / "log.csv",
        "Escalation log 2025/26\n\n"
        "Date raised,From,Escalated to,Category,Concern,Stage 2,Outcome,Date resolved\n"
        f"06/05/2025,{org[0].name},{org[1].name},threshold,Referral declined,12/05/2025,"
        "upheld,20/05/2025\n"
        f"01/06/2025,{org[1].name},New Academy Trust,information sharing,Request refused,,,\n",
    )
    report = run_import(fresh, ESCALATIONS, path)
    assert report.errors == [], report.lines
    log = {e.reference: e for e in list_escalations(fresh)}
    first = log["ESC 2025-01"]
    assert (first.reason, first.stage, first.outcome) == (
        "threshold or referral decision", 2, "resolved: challenge upheld"
    )  # fmt: skip
    assert log["ESC 2025-02"].challenged_organisation == "New Academy Trust"
    assert any("New Academy Trust" in c for c in report.created)


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["06/05/2025", "A", "B", "moaning", ""], "not a reason"),
        (["06/05/2025", "A", "B", "other", "Child born 01/03/2015"], "child's identity"),
        (["06/05/2025", "A", "A", "other", ""], "cannot escalate to itself"),
    ],
)
def test_a_bad_row_saves_nothing(
    fresh: Store, tmp_path: Path, cells: list[str], reason: str
) -> None:
    save_organisation(fresh, {"name": "A", "kind": "other", "sector": "other"})
    save_organisation(fresh, {"name": "B", "kind": "other", "sector": "other"})
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [["Raised", "Raised by", "Agency challenged", "Reason", "Summary"],
         ["01/05/2025", "B", "A", "other", "Fine"], cells],
    )  # fmt: skip
    report = run_import(fresh, ESCALATIONS, path)
    assert not report.committed
    assert any(reason in line.reason for line in report.lines if line.status == "error")
    assert list_escalations(fresh) == []


def test_the_census_reads_back_and_takes_a_year(
    demo_store: Store, fresh: Store, tmp_path: Path
) -> None:
    rows = CENSUS.export_rows(demo_store)  # type: ignore[misc]
    header = ["Year", "Local authority", "Kind of setting", "Number", "Note"]
    path = write_xlsx(
        tmp_path / "census.xlsx",
        [header, *([r["year"], r["local_authority"], r["kind"], r["count"], r["note"]]
                   for r in rows)],
    )  # fmt: skip
    report = run_import(fresh, CENSUS, path)
    assert report.committed and report.count("imported") == len(rows)
    assert CENSUS.export_rows(fresh) == rows  # type: ignore[misc]
    one_year = write_csv(tmp_path / "y.csv", "Setting,How many\nPrimary School,63\n")
    report = run_import(fresh, CENSUS, one_year, ImportOptions(year="2030/31"))
    assert report.committed
    assert [(e.year, e.kind, e.count) for e in list_census(fresh, "2030/31")] == [
        ("2030/31", "primary schools", 63)
    ]
