"""The registers' import kinds: actions, risks, contributions and meetings.

Each register the app exports to Excel imports back unchanged into a new partnership with the
same organisations, people and bodies; each kind saves through its domain's own functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.sheets import write_csv, write_xlsx

from lscp_desktop.exports.registry import ExportOptions, find_kind
from lscp_desktop.models.actions.listing import find_action, list_actions
from lscp_desktop.models.finance.contributions import list_contributions, save_contribution
from lscp_desktop.models.finance.payments import list_payments
from lscp_desktop.models.finance.years import get_year
from lscp_desktop.models.imports.engine import run_import
from lscp_desktop.models.imports.layout import ImportOptions
from lscp_desktop.models.imports.reading import ImportFileError
from lscp_desktop.models.imports.registry import import_kind
from lscp_desktop.models.meetings.meetings import get_meeting, list_meetings, meeting_history
from lscp_desktop.models.membership.bodies import list_bodies, save_body
from lscp_desktop.models.membership.organisations import list_organisations, save_organisation
from lscp_desktop.models.membership.people import list_people, save_person
from lscp_desktop.models.risks.listing import list_risks
from lscp_desktop.models.risks.records import REGISTERS
from lscp_desktop.models.store.database import Store

DATA = Path(__file__).parents[2] / "data"
ACTIONS = import_kind("actions")
RISKS = import_kind("risks")
CONTRIBUTIONS = import_kind("contributions")
MEETINGS = import_kind("meetings")


def export(store: Store, key: str, path: Path, **options: Any) -> Path:
    return find_kind(key).run(store, ExportOptions(**options), path, lambda *_: None)


@pytest.fixture
def fresh(demo_store: Store, tmp_path: Path) -> Iterator[Store]:
    """A new partnership holding only the demo's bodies, organisations and people."""
    s = Store.open(tmp_path / "fresh.db", daily_backup=False)
    for body in list_bodies(demo_store):
        save_body(s, body.__dict__)
    for org in list_organisations(demo_store):
        save_organisation(s, org.__dict__)
    for person in list_people(demo_store):
        save_person(s, person.__dict__)
    yield s
    s.close()


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    tables = ("actions", "action_notes", "risks", "risk_categories", "priorities",
              "contributions", "contribution_payments", "finance_years", "meetings",
              "organisations", "people")  # fmt: skip
    return {t: store.rows(t) for t in tables}


# --------------------------------------------------------------------------- round trips


def risk_fields(store: Store) -> dict[str, tuple[Any, ...]]:
    return {
        r.reference: (
            r.register, r.body, r.title, r.description, r.cause, r.consequence, r.category,
            r.appetite, r.owner, r.priority, r.inherent_likelihood, r.inherent_impact,
            r.controls, r.residual_likelihood, r.residual_impact, r.target_score, r.target_date,
            r.status, r.closure_note, r.review_months, r.next_review,
        )
        for r in list_risks(store)
    }  # fmt: skip


def action_fields(store: Store) -> dict[str, dict[str, Any]]:
    names = ("body", "title", "detail", "source", "source_label", "owner", "organisation",
             "priority", "raised_date", "due_date", "status", "completed_date",
             "completion_note", "latest_note", "latest_note_date", "rag")  # fmt: skip
    return {a.reference: {n: getattr(a, n) for n in names} for a in list_actions(store)}


def test_risk_register_workbook_imports_back_unchanged(
    demo_store: Store, fresh: Store, tmp_path: Path
) -> None:
    path = export(demo_store, "risks", tmp_path / "risks.xlsx")
    same = run_import(demo_store, RISKS, path, ImportOptions(dry_run=True))
    assert same.errors == [] and same.count("unchanged") == len(list_risks(demo_store))

    report = run_import(fresh, RISKS, path)
    assert report.committed and report.errors == [], report.text_lines()
    before, after = risk_fields(demo_store), risk_fields(fresh)
    assert len(before) == 24 and {r[0] for r in before.values()} == set(REGISTERS)
    for reference, fields in before.items():
        assert after[reference] == fields, reference
    # categories came with their appetite, so above-appetite flags agree too
    assert [r.above_appetite for r in list_risks(fresh)] == [
        r.above_appetite for r in list_risks(demo_store)
    ]


def test_action_log_workbook_imports_back_unchanged(
    demo_store: Store, fresh: Store, tmp_path: Path
) -> None:
    risks = export(demo_store, "risks", tmp_path / "risks.xlsx")
    path = export(demo_store, "actions", tmp_path / "actions.xlsx")
    same = run_import(demo_store, ACTIONS, path, ImportOptions(dry_run=True))
    assert same.errors == [] and same.count("unchanged") == len(list_actions(demo_store))

    assert run_import(fresh, RISKS, risks).committed  # actions from risks link to them
    report = run_import(fresh, ACTIONS, path)
    assert report.committed and report.errors == [], report.text_lines()
    before, after = action_fields(demo_store), action_fields(fresh)
    assert sorted(after) == sorted(before)
    statuses = {a["status"] for a in before.values()}
    assert {"open", "in progress", "completed", "cancelled"} <= statuses
    assert any(a["source"] == "risk" for a in before.values())
    for reference, fields in before.items():
        got = dict(after[reference])
        if fields["status"] == "cancelled" and not fields["latest_note"]:
            # the log records every cancellation as a note, even one imported without notes
            assert got.pop("latest_note") == "Cancelled"
            got["latest_note"], got["latest_note_date"] = "", None
        assert got == fields, reference
    linked = [a for a in list_actions(fresh) if a.source == "risk"]
    assert linked and all(a.risk_id is not None for a in linked)


@pytest.mark.parametrize("year", ["2025/26", "2026/27"])
def test_funding_workbook_contributions_import_back_unchanged(
    demo_store: Store, fresh: Store, tmp_path: Path, year: str
) -> None:
    fy = get_year(demo_store, year)
    first = list_contributions(demo_store, fy.id)[0]
    save_contribution(  # pence, and a note that looks like a formula
        demo_store,
        {**first.__dict__, "agreed": first.agreed + 4567, "notes": "=1+1 agreed late"},
        first.id,
    )
    path = export(demo_store, "funding", tmp_path / "funding.xlsx", year=year)

    report = run_import(fresh, CONTRIBUTIONS, path, ImportOptions(year=year))
    assert report.committed and report.errors == [], report.text_lines()
    assert report.sheet == "Contributions" and report.header_row == 4
    skipped = [line.reason for line in report.lines if line.status == "skipped"]
    assert skipped[0] == "a totals row"
    assert "headings of another table below the totals" in skipped[-1]

    def shape(s: Store) -> list[tuple[Any, ...]]:
        y = get_year(s, year)
        return [
            (c.organisation, c.organisation_kind, c.agreed, c.received, c.status, c.invoice_ref,
             c.invoice_date, c.due_date, c.due_on, c.waived, c.notes)
            for c in list_contributions(s, y.id)
        ]  # fmt: skip

    before = shape(demo_store)
    assert shape(fresh) == before
    assert before[0][2] % 100 == 67 and before[0][-1] == "=1+1 agreed late"
    assert {c[4] for c in before} >= ({"paid", "waived"} if year == "2025/26" else
                                      {"paid", "part-paid", "overdue", "agreed"})  # fmt: skip
    # and the same workbook read against the partnership it came from changes nothing
    same = run_import(demo_store, CONTRIBUTIONS, path, ImportOptions(year=year, dry_run=True))
    assert same.errors == [] and same.count("unchanged") == len(before)


def test_meetings_round_trip_through_a_template(
    demo_store: Store, fresh: Store, tmp_path: Path
) -> None:
    from lscp_desktop.exports.import_template import write_template

    path = write_template(demo_store, MEETINGS, tmp_path / "m.xlsx", with_records=True)
    report = run_import(fresh, MEETINGS, path)
    assert report.committed and report.errors == [], report.text_lines()

    def shape(s: Store) -> list[tuple[Any, ...]]:
        return [
            (m.body, m.date, m.start_time, m.duration_minutes, m.venue, m.online_link, m.status,
             m.status_reason, m.notes)
            for m in list_meetings(s)
        ]  # fmt: skip

    assert shape(fresh) == shape(demo_store) and len(shape(fresh)) > 20
    again = run_import(fresh, MEETINGS, path, ImportOptions(dry_run=True))
    assert again.count("unchanged") == len(shape(fresh))


# --------------------------------------------------------------------------- contributions


def test_messy_contributions_workbook_through_the_real_kind(store: Store) -> None:
    report = run_import(
        store, CONTRIBUTIONS, DATA / "messy-contributions.xlsx", ImportOptions(year="2025/26")
    )
    assert report.committed and report.errors == [], report.text_lines()
    assert (report.sheet, report.header_row) == ("2025-26", 4)  # the first sheet is a note
    year = get_year(store, "2025/26")
    got = [
        (c.organisation, c.agreed, c.received, c.invoice_ref, c.invoice_date)
        for c in list_contributions(store, year.id)
    ]
    assert got == [
        ("Northbridge Borough Council", 12_000_000, 12_000_000, "INV-2025-014", "2025-04-01"),
        ("NHS North Thames ICB", 8_000_000, 4_000_000, "10457", "2025-04-01"),
        ("Northshire Police", 3_459_200, 1_729_650, "INV-2025-016", "2025-04-01"),
        ("Northbridge Education Partnership", 500_000, 0, "", None),
    ]
    payments = [
        (p.paid_on, p.amount)
        for c in list_contributions(store, year.id)
        for p in list_payments(store, c.id)
    ]
    assert payments == [("2025-04-30", 12_000_000), ("2025-05-16", 4_000_000),
                        ("2025-06-16", 1_729_650)]  # fmt: skip
    skipped = [(line.row, line.reason) for line in report.lines if line.status == "skipped"]
    assert skipped == [(10, "a totals row"), (11, "a note below the totals")]
    assert len(report.created) == 4  # the organisations were new to this partnership

    again = run_import(
        store, CONTRIBUTIONS, DATA / "messy-contributions.xlsx", ImportOptions(year="2025/26")
    )
    assert again.count("unchanged") == 4 and again.count("imported") == 0


def test_contributions_need_a_year_and_record_the_difference_received(
    store: Store, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "c.csv", "Partner,Contribution,Paid,Date paid\nCafcass,550,200,"
                      "01/05/2025\n")  # fmt: skip
    with pytest.raises(ImportFileError, match="Say which financial year"):
        run_import(store, CONTRIBUTIONS, first)
    assert run_import(store, CONTRIBUTIONS, first, ImportOptions(year="2025/26")).committed
    later = write_csv(tmp_path / "c2.csv", "Partner,Contribution,Paid,Date paid\nCAFCASS,550,"
                      "£550.00,02/06/2025\n")  # fmt: skip
    report = run_import(store, CONTRIBUTIONS, later, ImportOptions(year="2025/26"))
    assert report.count("updated") == 1
    assert "payment of £350 recorded on 02/06/2025" in report.lines[0].reason
    [c] = list_contributions(store, get_year(store, "2025/26").id)
    assert (c.received, c.status, c.payments) == (55_000, "paid", 2)


def test_a_bad_contribution_row_leaves_every_table_untouched(
    demo_store: Store, tmp_path: Path
) -> None:
    before = everything(demo_store)
    rows: list[list[Any]] = [["Organisation", "Agreed", "Received", "Date received"]]
    rows += [[f"New Agency {n}", 1000 + n, 500, "01/06/2026"] for n in range(40)]
    rows[30][1] = "about a thousand"
    report = run_import(
        demo_store, CONTRIBUTIONS, write_xlsx(tmp_path / "c.xlsx", rows),
        ImportOptions(year="2027/28"),
    )  # fmt: skip
    assert [(e.row, e.column, e.value) for e in report.errors] == [
        (31, "Agreed", "about a thousand")
    ]
    assert not report.committed and everything(demo_store) == before  # no year, org or payment


# --------------------------------------------------------------------------- actions


def test_a_legacy_action_log_with_its_own_words(demo_store: Store, tmp_path: Path) -> None:
    rows = [
        ["Learning and Improvement Subgroup: action log"],
        [],
        ["Ref", "Action required", "Lead", "Agency", "Date agreed", "Deadline", "Progress",
         "Status"],
        ["900", "Circulate the 7-minute briefing", "Sam Newperson", "Northshire Police",
         "12-Jan-26", "28/02/2026", "Sent to DSLs", "Completed"],
        ["LIS/77", "Refresh the neglect toolkit", "sam NEWPERSON", None, "12/01/2026",
         "30 June 2026", None, "On going"],
        ["", "Agree the audit timetable", None, None, None, 46100, None, "not started"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "log.xlsx", rows)
    report = run_import(demo_store, ACTIONS, path, ImportOptions(columns={"body": ""}))
    assert any("Say which body's action log" in e.reason for e in report.errors)
    rows[2].append("Group")
    for row in rows[3:]:
        row.append("LIS")
    report = run_import(demo_store, ACTIONS, write_xlsx(tmp_path / "log2.xlsx", rows))
    assert report.committed and report.errors == [], report.text_lines()
    done = find_action(demo_store, "LIS-0900")
    assert done is not None
    assert (done.status, done.completion_note, done.owner, done.organisation) == (
        "completed", "Sent to DSLs", "Sam Newperson", "Northshire Police")  # fmt: skip
    assert (done.raised_date, done.due_date) == ("2026-01-12", "2026-02-28")
    by_title = {a.title: a for a in list_actions(demo_store)}
    refresh = by_title["Refresh the neglect toolkit"]
    assert (refresh.status, refresh.owner, refresh.due_date) == (
        "in progress", "Sam Newperson", "2026-06-30")  # fmt: skip
    assert refresh.reference.startswith("LIS-") and refresh.reference != "LIS-0077"
    audit = by_title["Agree the audit timetable"]
    assert (audit.status, audit.due_date) == ("open", "2026-03-19")  # Excel serial 46100
    notes = {line.row: line.reason for line in report.lines}
    assert "the latest note is used as its completion note" in notes[4]
    assert "its reference 'LIS/77' is replaced" in notes[5]
    assert report.created == ["created person 'Sam Newperson'"]
    # the same file again matches every action: by reference, or by body and title
    again = run_import(demo_store, ACTIONS, write_xlsx(tmp_path / "log3.xlsx", rows))
    assert again.count("unchanged") == 3, again.text_lines()


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        (["EXEC-8999", "Done", "01/01/2026", "Completed", ""], "Completion note",
         "A completion note is needed"),
        (["EXEC-9001", "From a risk", "01/01/2026", "Open", ""], "Source detail",
         "Import the risk register first"),
        (["SUB-0001", "Wrong log", "01/01/2026", "Open", ""], "Reference", "another body's log"),
        (["EXEC-9002", "Soon", "31/02/2026", "Open", ""], "Due date", "is not a date"),
        (["EXEC-9003", "Odd", "01/01/2026", "Sleeping", ""], "Status", "not an action status"),
    ],
)  # fmt: skip
def test_action_rows_use_the_logs_own_rules(
    demo_store: Store, tmp_path: Path, row: list[str], column: str, says: str
) -> None:
    source = "risk" if "risk" in row[1] else ""
    rows = [["Reference", "Title", "Due date", "Status", "Completion note", "Body", "Source",
             "Source detail"],
            [*row, "EXEC", source, "SR-999: not on any register"]]  # fmt: skip
    before = everything(demo_store)
    report = run_import(demo_store, ACTIONS, write_xlsx(tmp_path / "a.xlsx", rows))
    [error] = report.errors
    assert error.column == column and says in error.reason
    assert everything(demo_store) == before


# --------------------------------------------------------------------------- risks


def test_a_risk_register_with_one_pair_of_scores(demo_store: Store, tmp_path: Path) -> None:
    rows = [
        ["Risk", "Category", "Likelihood", "Impact", "Risk owner", "Register", "Status"],
        ["Budget not agreed", "Finance and resources", 4, 4, "Callum Bailey", "Strategic",
         "Live"],
        ["New kind of risk", "Climate", 2, 3, None, "operational", None],
    ]  # fmt: skip
    report = run_import(demo_store, RISKS, write_xlsx(tmp_path / "r.xlsx", rows))
    [error] = report.errors
    assert error.column == "Category" and "no risk category called 'Climate'" in error.reason
    rows[0].append("Appetite")
    rows[1].append(None)
    rows[2].append(8)
    report = run_import(demo_store, RISKS, write_xlsx(tmp_path / "r2.xlsx", rows))
    assert report.committed, report.text_lines()
    new = {r.title: r for r in list_risks(demo_store)}
    budget = new["Budget not agreed"]
    assert (budget.reference[:3], budget.status, budget.owner) == ("SR-", "open", "Callum Bailey")
    assert (budget.inherent_score, budget.residual_score) == (16, 16)
    assert new["New kind of risk"].category == "Climate" and new["New kind of risk"].appetite == 8
    assert "no inherent scores, so the residual scores were used" in report.lines[0].reason


def test_closing_a_risk_needs_a_closure_note(demo_store: Store, tmp_path: Path) -> None:
    ref = list_risks(demo_store)[0].reference
    rows = [["Ref", "Title", "Category", "Likelihood", "Impact", "Status"],
            [ref, "Closed now", "Workforce", 1, 1, "Closed"]]  # fmt: skip
    report = run_import(demo_store, RISKS, write_xlsx(tmp_path / "r.xlsx", rows))
    [error] = report.errors
    assert "closure note is needed" in error.reason
    assert list_risks(demo_store)[0].status != "closed"


# --------------------------------------------------------------------------- meetings


def test_a_meeting_schedule_with_times_every_which_way(demo_store: Store, tmp_path: Path) -> None:
    rows = [
        ["Group", "Meeting date", "Time", "Finish", "Location", "Status", "Reason"],
        ["EXEC", "12/04/2028", dt.time(9, 30), dt.time(11, 0), "Civic Centre, Room 2", "", ""],
        ["Safeguarding Partnership Executive", "15-Jun-28", "2pm", "16:30", "MS Teams",
         "confirmed", ""],
        ["exec", dt.datetime(2028, 9, 6), 0.4375, None, "", "Cancelled", "No quorum"],
        ["EXEC", "08/11/2028", "25:00", None, "", "", ""],
    ]  # fmt: skip
    report = run_import(demo_store, MEETINGS, write_xlsx(tmp_path / "m.xlsx", rows))
    [error] = report.errors
    assert (error.row, error.column, error.value) == (5, "Time", "25:00")
    assert "not a time" in error.reason
    rows.pop()
    report = run_import(demo_store, MEETINGS, write_xlsx(tmp_path / "m2.xlsx", rows))
    assert report.committed and report.count("imported") == 3, report.text_lines()
    got = {
        m.date: (m.start_time, m.end_time, m.venue, m.online_link, m.status, m.status_reason)
        for m in list_meetings(demo_store, body_id=1, start="2028-04-01", end="2028-12-31")
    }
    assert got["2028-04-12"] == ("09:30", "11:00", "Civic Centre, Room 2", "", "planned", "")
    assert got["2028-06-15"] == ("14:00", "16:30", "", "MS Teams", "confirmed", "")
    assert got["2028-09-06"][0] == "10:30" and got["2028-09-06"][4:] == ("cancelled", "No quorum")


def test_a_row_for_a_meeting_already_there_moves_it_and_keeps_history(
    demo_store: Store, tmp_path: Path
) -> None:
    existing = next(m for m in list_meetings(demo_store, body_id=1) if m.status == "planned")
    rows = [["Body", "Date", "Start", "Venue"], ["EXEC", existing.day, "13:15", existing.venue]]
    report = run_import(demo_store, MEETINGS, write_xlsx(tmp_path / "m.xlsx", rows))
    assert report.count("updated") == 1 and "changed start time" in report.lines[0].reason
    moved = get_meeting(demo_store, existing.id)
    assert (moved.start_time, moved.duration_minutes) == ("13:15", existing.duration_minutes)
    [change] = meeting_history(demo_store, existing.id)[-1:]
    assert (change.old_start_time, change.new_start_time) == (existing.start_time, "13:15")
